import { type Kysely, sql } from 'kysely';

/**
 * The claim model: sources, actors, events, event actors, claims, claim
 * quantities, revisions. The vocabularies are repeated here as CHECKs on
 * purpose: a migration is frozen once shipped and imports nothing of the app,
 * and the database must refuse bad data even when the API has a bug.
 */

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

const EVENT_KINDS = ['deployment', 'engagement', 'strike', 'casualty_report', 'statement', 'movement', 'other'];
const DATE_PRECISIONS = ['day', 'week', 'month', 'year'];
const GEO_PRECISIONS = ['exact', 'near', 'district', 'region', 'country'];
const STANCES = ['asserts', 'confirms', 'denies', 'declines_to_comment', 'cannot_confirm'];
const STATUSES = ['single_source', 'corroborated', 'contested', 'denied', 'retracted'];
const MEASURES = ['killed', 'wounded', 'casualties', 'captured', 'missing', 'deployed'];
const SOURCE_KINDS = ['wire', 'newspaper', 'broadcaster', 'government', 'military', 'ngo', 'social_media', 'osint', 'dataset'];
const ACTOR_KINDS = ['state', 'armed_force', 'unit', 'government_body', 'person', 'group', 'other'];
const REVISION_ACTIONS = ['create', 'update', 'delete', 'restore'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sources (
      id uuid primary key default gen_random_uuid(),
      name text not null unique check (length(btrim(name)) > 0),
      kind text not null check (kind in (${list(SOURCE_KINDS)})),
      country char(3) check (country ~ '^[A-Z]{3}$'),
      homepage text,
      reliability char(1) not null default 'F' check (reliability in ('A', 'B', 'C', 'D', 'E', 'F')),
      party_to_conflict boolean not null default false,
      notes text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table actors (
      id uuid primary key default gen_random_uuid(),
      name text not null unique check (length(btrim(name)) > 0),
      kind text not null check (kind in (${list(ACTOR_KINDS)})),
      country char(3) check (country ~ '^[A-Z]{3}$'),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table events (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in (${list(EVENT_KINDS)})),
      title text not null check (length(btrim(title)) > 0),
      summary text,
      start_date date not null,
      end_date date,
      date_precision text not null check (date_precision in (${list(DATE_PRECISIONS)})),
      place_name text,
      admin1 text,
      admin2 text,
      country char(3) check (country ~ '^[A-Z]{3}$'),
      lat double precision check (lat between -90 and 90),
      lon double precision check (lon between -180 and 180),
      geo_precision text check (geo_precision in (${list(GEO_PRECISIONS)})),
      tags text[] not null default '{}',
      derived_status text not null check (derived_status in (${list(STATUSES)})),
      status_override text check (status_override in (${list(STATUSES)})),
      status_reason text,
      status text generated always as (coalesce(status_override, derived_status)) stored,
      external_source text,
      external_id text,
      search tsvector not null,
      version integer not null default 1 check (version >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz,
      constraint events_date_order check (end_date is null or end_date >= start_date),
      constraint events_coordinates_together check ((lat is null) = (lon is null)),
      constraint events_coordinates_have_precision check (lat is null or geo_precision is not null),
      constraint events_override_has_reason check (status_override is null or length(btrim(status_reason)) > 0),
      constraint events_external_together check ((external_source is null) = (external_id is null)),
      constraint events_external_unique unique (external_source, external_id)
    )`.execute(db);

  // The list's order and keyset: ORDER BY start_date DESC, id DESC.
  await sql`create index events_keyset on events (start_date desc, id desc) where deleted_at is null`.execute(db);
  // An event's span overlaps [from, to] when start_date <= to and coalesce(end_date, start_date) >= from.
  await sql`create index events_span_end on events ((coalesce(end_date, start_date))) where deleted_at is null`.execute(db);
  await sql`create index events_kind on events (kind, start_date desc) where deleted_at is null`.execute(db);
  await sql`create index events_status on events (status, start_date desc) where deleted_at is null`.execute(db);
  await sql`create index events_search on events using gin (search)`.execute(db);
  await sql`create index events_tags on events using gin (tags)`.execute(db);
  // bbox: point(lon, lat) <@ box(...), served by GiST on both engines without PostGIS.
  await sql`create index events_location on events using gist (point(lon, lat)) where lat is not null and deleted_at is null`.execute(db);

  // The full-text document of an event: title, then summary and place, then the
  // quotes and voices of its claims. Called by the repository on every write
  // with the event's quotes, so one statement stores event and document alike.
  await sql`
    create function claimline_search_document(title text, summary text, place text, quotes text)
    returns tsvector language sql immutable parallel safe as $$
      select setweight(to_tsvector('english', coalesce(title, '')), 'A')
          || setweight(to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(place, '')), 'B')
          || setweight(to_tsvector('english', coalesce(quotes, '')), 'C')
    $$`.execute(db);

  await sql`
    create table event_actors (
      event_id uuid not null references events (id) on delete cascade,
      actor_id uuid not null references actors (id),
      role text not null check (role in ('subject', 'target')),
      primary key (event_id, actor_id, role)
    )`.execute(db);
  await sql`create index event_actors_actor on event_actors (actor_id, event_id)`.execute(db);

  await sql`
    create table claims (
      id uuid primary key default gen_random_uuid(),
      event_id uuid not null references events (id) on delete cascade,
      position integer not null check (position >= 0),
      source_id uuid not null references sources (id),
      attributed_to text,
      origin text not null check (length(btrim(origin)) > 0),
      stance text not null check (stance in (${list(STANCES)})),
      published_at date not null,
      published_precision text not null default 'day' check (published_precision in (${list(DATE_PRECISIONS)})),
      url text,
      archived_url text,
      quote text not null check (length(btrim(quote)) > 0),
      credibility smallint not null default 6 check (credibility between 1 and 6),
      retracted boolean not null default false,
      note text,
      constraint claims_position_unique unique (event_id, position)
    )`.execute(db);
  await sql`create index claims_source on claims (source_id, event_id)`.execute(db);

  await sql`
    create table claim_quantities (
      id uuid primary key default gen_random_uuid(),
      claim_id uuid not null references claims (id) on delete cascade,
      position integer not null check (position >= 0),
      measure text not null check (measure in (${list(MEASURES)})),
      subject text not null check (length(btrim(subject)) > 0),
      low integer check (low >= 0),
      best integer check (best >= 0),
      high integer check (high >= 0),
      phrase text,
      constraint quantities_order check (
        (low is null or best is null or low <= best)
        and (best is null or high is null or best <= high)
        and (low is null or high is null or low <= high)
      ),
      constraint quantities_position_unique unique (claim_id, position)
    )`.execute(db);
  await sql`create index claim_quantities_measure on claim_quantities (measure, subject)`.execute(db);

  await sql`
    create table revisions (
      id bigint generated always as identity primary key,
      event_id uuid not null references events (id),
      version integer not null check (version >= 1),
      action text not null check (action in (${list(REVISION_ACTIONS)})),
      snapshot jsonb not null,
      note text,
      user_id uuid,
      created_at timestamptz not null default now(),
      constraint revisions_version_unique unique (event_id, version)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['revisions', 'claim_quantities', 'claims', 'event_actors', 'events', 'actors', 'sources']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists claimline_search_document(text, text, text, text)`.execute(db);
}
