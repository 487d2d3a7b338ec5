import { type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, type Transaction, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { EventFilters } from '@claimline/shared/filters';
import { STANCE_LABELS } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import type { InterchangeEvent } from '../interchange/event.js';
import { applyEventFilters, claimConditions } from './event-filters.js';

/**
 * Every export reads one query: each event with every column, its actors,
 * and its claims with their source and quantities, as JSON built by the
 * database (one row per event, no query per row). The importer reads the
 * stored side of a comparison with the same query, so "unchanged" means
 * exactly "would export the same".
 */

type Db = Kysely<Database> | Transaction<Database>;

/** An event's row as the query returns it; interchange/event.ts maps it to InterchangeEvent. */
export type InterchangeRow = {
  id: string;
  kind: string;
  title: string;
  summary: string | null;
  start_date: string;
  end_date: string | null;
  date_precision: string;
  place_name: string | null;
  admin1: string | null;
  admin2: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: string | null;
  status: string;
  derived_status: string;
  status_override: string | null;
  status_reason: string | null;
  tags: string[];
  external_source: string | null;
  external_id: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  attributes: Record<string, unknown>;
  actors: InterchangeEvent['actors'];
  claims: (Omit<InterchangeEvent['claims'][number], 'selected'> & { selected: boolean })[];
};

function selectInterchange(db: Db, claimFilters: EventFilters | null) {
  const conditions = claimFilters ? claimConditions(claimFilters) : [];
  // A claim is "selected" when it passes the claim-level filters (source, reliability, …): the claims export keeps only those, as the estimates view does.
  const selected = conditions.length > 0 ? sql<boolean>`(${sql.join(conditions, sql` and `)})` : sql<boolean>`true`;
  return db
    .selectFrom('events')
    .select([
      'events.id',
      'events.kind',
      'events.title',
      'events.summary',
      'events.start_date',
      'events.end_date',
      'events.date_precision',
      'events.place_name',
      'events.admin1',
      'events.admin2',
      'events.country',
      'events.lat',
      'events.lon',
      'events.geo_precision',
      'events.status',
      'events.derived_status',
      'events.status_override',
      'events.status_reason',
      'events.tags',
      'events.external_source',
      'events.external_id',
      'events.version',
      'events.created_at',
      'events.updated_at',
      'events.deleted_at',
      'events.attributes',
    ])
    .select((eb: ExpressionBuilder<Database, 'events'>) => [
      jsonArrayFrom(
        eb
          .selectFrom('event_actors')
          .innerJoin('actors', 'actors.id', 'event_actors.actor_id')
          .select(['actors.id', 'actors.name', 'actors.kind', 'actors.country', 'event_actors.role'])
          .whereRef('event_actors.event_id', '=', 'events.id')
          .orderBy('event_actors.role')
          .orderBy('actors.name')
          .orderBy('actors.id'),
      ).as('actors'),
      jsonArrayFrom(
        eb
          .selectFrom('claims')
          .innerJoin('sources', 'sources.id', 'claims.source_id')
          .select([
            'claims.id',
            'claims.position',
            selected.as('selected'),
            'claims.attributed_to as attributedTo',
            'claims.origin',
            'claims.stance',
            'claims.published_at as publishedAt',
            'claims.published_precision as publishedPrecision',
            'claims.url',
            'claims.archived_url as archivedUrl',
            'claims.quote',
            'claims.credibility',
            'claims.retracted',
            'claims.note',
          ])
          .select((cb) => [
            jsonObjectFrom(
              cb
                .selectFrom('sources as s')
                .select(['s.id', 's.name', 's.kind', 's.country', 's.homepage', 's.reliability', 's.party_to_conflict as partyToConflict', 's.notes'])
                .whereRef('s.id', '=', 'claims.source_id'),
            ).as('source'),
            jsonArrayFrom(
              cb
                .selectFrom('claim_quantities')
                .select([
                  'claim_quantities.id',
                  'claim_quantities.measure',
                  'claim_quantities.subject',
                  'claim_quantities.low',
                  'claim_quantities.best',
                  'claim_quantities.high',
                  'claim_quantities.phrase',
                ])
                .whereRef('claim_quantities.claim_id', '=', 'claims.id')
                .orderBy('claim_quantities.position'),
            ).as('quantities'),
          ])
          .whereRef('claims.event_id', '=', 'events.id')
          .orderBy('claims.position'),
      ).as('claims'),
    ]);
}

/** The filtered events for an export, in the list's order (newest first, then id). */
export function exportQuery(db: Kysely<Database>, filters: EventFilters): SelectQueryBuilder<Database, 'events', InterchangeRow> {
  return applyEventFilters(selectInterchange(db, filters), filters)
    .orderBy('events.start_date', 'desc')
    .orderBy('events.id', 'desc') as unknown as SelectQueryBuilder<Database, 'events', InterchangeRow>;
}

/** How many of the filtered events have no coordinates: the GeoJSON export leaves them out and says how many. */
export async function countUnlocated(db: Kysely<Database>, filters: EventFilters): Promise<number> {
  const row = await applyEventFilters(db.selectFrom('events'), filters)
    .where('events.lat', 'is', null)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Stored events by id, deleted ones included: the other side of a native import's comparison. */
export async function findInterchangeEventsById(db: Db, ids: string[]): Promise<InterchangeRow[]> {
  if (ids.length === 0) return [];
  // `= any(array)` lets the planner probe the index per id; a long IN list of parameters can end up a filter over every row.
  return (await selectInterchange(db, null)
    .where(sql<boolean>`events.id = any(${sql.val(ids)}::uuid[])`)
    .execute()) as unknown as InterchangeRow[];
}

/** Stored events by external id within one external source, deleted ones included. */
export async function findInterchangeEventsByExternalId(db: Db, externalSource: string, externalIds: string[]): Promise<InterchangeRow[]> {
  if (externalIds.length === 0) return [];
  // The ids first, by the (external_source, external_id) index, then the rows by primary key: one query
  // with both let PostgreSQL scan every event of the source and filter, which grows with the table.
  const found = await db
    .selectFrom('events')
    .select('id')
    .where('external_source', '=', externalSource)
    .where(sql<boolean>`external_id = any(${sql.val(externalIds)}::text[])`)
    .execute();
  return findInterchangeEventsById(
    db,
    found.map((r) => r.id),
  );
}

/**
 * The native layout's row as the database renders it: the event's fields,
 * and its readable summaries and its actors and claims as JSON already as
 * text, so that the export only writes cells (interchange/native.ts) instead
 * of parsing every claim into objects and serialising them again. Numbers,
 * instants and `attributes` stay values: JavaScript writes those (a jsonb's
 * text is not JSON.stringify's).
 */
export type NativeExportRow = {
  id: string;
  kind: string;
  title: string;
  summary: string | null;
  start_date: string;
  end_date: string | null;
  date_precision: string;
  place_name: string | null;
  admin1: string | null;
  admin2: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: string | null;
  status: string;
  derived_status: string;
  status_override: string | null;
  status_reason: string | null;
  /** Joined with "; "; null when there are none. */
  tags: string | null;
  /** "name (role)" joined with "; "; null when there are none. */
  actors: string | null;
  claim_count: number;
  /** Source names in claim order, each once, joined with "; "; null when there are none. */
  sources: string | null;
  /** One summary a claim, joined with " | "; null when there are none. */
  claims: string | null;
  /** One summary a quantity, joined with " | "; null when there are none. */
  quantities: string | null;
  external_source: string | null;
  external_id: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  attributes: Record<string, unknown>;
  /** The actors as JSON (compact, keys in the layout's order), already written as a CSV field. */
  actors_json_csv: string;
  /** The claims as JSON (compact, keys in the layout's order), already written as a CSV field. */
  claims_json_csv: string;
};

// What a stance reads as in the claims summary.
const stanceLabel = sql<string>`case c.stance ${sql.join(
  Object.entries(STANCE_LABELS).map(([stance, label]) => sql`when ${sql.lit(stance)} then ${sql.lit(label)}`),
  sql` `,
)} else c.stance end`;

/*
 * JSON text the way JSON.stringify writes it: row_to_json is compact ("k":v, no spaces; json_build_object and
 * json_agg are not), escapes strings as JSON.stringify does, and keeps a json value it is given as it is, so the
 * nested objects are built inside out and arrays joined with string_agg. Dates in JSON are always YYYY-MM-DD.
 *
 * The two JSON columns are the bulk of a row (~1.5 KB of claims, a quote every ten characters), so the database
 * also writes them as CSV fields, exactly as lib/csv.ts would: `[]` as it is; any other array holds a quote (every
 * key is quoted), so it is quoted with its quotes doubled. JSON never starts a formula and never holds a raw line
 * break, so there is nothing else to do. test/api/export-native.test.ts holds this to the JavaScript rendering.
 */
const jsonArrayCsv = (elements: RawBuilder<string>) =>
  sql<string>`case when count(*) = 0 then '[]' else '"[' || replace(${elements}, '"', '""') || ']"' end`;

/*
 * The readable summaries, as the layout (docs/INTERCHANGE.md) has them:
 *   actors      "name (role)", by role then name, joined with "; "
 *   sources     each source's name once, in the order of its first claim, joined with "; "
 *   claims      "source [reliability credibility] — attributed to — stance date (retracted): “quote”" a claim
 *               (the attribution and "(retracted)" only when there are), joined with " | "
 *   quantities  "source: measure of subject low–high (best n) “phrase”" a quantity ("?" for an unknown bound;
 *               best and phrase only when there are), claim by claim, joined with " | "
 * An empty attribution or phrase counts as none. None at all reads as null, which writes the empty cell. A claim's
 * date reads as its JSON writes it (to_json: YYYY-MM-DD whatever the DateStyle). No SQL comments in these
 * fragments: the benchmark hands the query to psql's \copy on one line.
 */
const nativeActors = sql`(
  select string_agg(a.name || ' (' || ea.role || ')', '; ' order by ea.role, a.name, a.id) as actors,
         ${jsonArrayCsv(sql`string_agg(row_to_json(aj)::text, ',' order by ea.role, a.name, a.id)`)} as actors_json_csv
  from event_actors ea
  join actors a on a.id = ea.actor_id
  cross join lateral (select a.id, a.name, a.kind, a.country, ea.role) aj
  where ea.event_id = events.id
)`;

const nativeClaims = sql`(
  select count(*)::int as claim_count,
         string_agg(c.source_name, '; ' order by c.position) filter (where c.first_of_source) as sources,
         string_agg(c.summary, ' | ' order by c.position) as claims,
         string_agg(c.quantities, ' | ' order by c.position) as quantities,
         ${jsonArrayCsv(sql`string_agg(c.json, ',' order by c.position)`)} as claims_json_csv
  from (
    select c.position,
           s.name as source_name,
           c.position = min(c.position) over (partition by c.source_id) as first_of_source,
           s.name || ' [' || s.reliability || c.credibility || ']'
             || case when c.attributed_to <> '' then ' — ' || c.attributed_to else '' end
             || ' — ' || ${stanceLabel} || ' ' || (to_json(c.published_at) #>> '{}')
             || case when c.retracted then ' (retracted)' else '' end
             || ': “' || c.quote || '”' as summary,
           q.summary as quantities,
           row_to_json(cj)::text as json
    from claims c
    join sources s on s.id = c.source_id
    cross join lateral (
      select string_agg(
               s.name || ': ' || q.measure || ' of ' || q.subject || ' ' || coalesce(q.low::text, '?') || '–' || coalesce(q.high::text, '?')
                 || case when q.best is not null then ' (best ' || q.best || ')' else '' end
                 || case when q.phrase <> '' then ' “' || q.phrase || '”' else '' end,
               ' | ' order by q.position) as summary,
             ('[' || coalesce(string_agg(row_to_json(qj)::text, ',' order by q.position), '') || ']')::json as json
      from claim_quantities q
      cross join lateral (select q.id, q.measure, q.subject, q.low, q.best, q.high, q.phrase) qj
      where q.claim_id = c.id
    ) q
    cross join lateral (
      select s.id, s.name, s.kind, s.country, s.homepage, s.reliability, s.party_to_conflict as "partyToConflict", s.notes
    ) sj
    cross join lateral (
      select c.id, row_to_json(sj) as source, c.attributed_to as "attributedTo", c.origin, c.stance, c.published_at as "publishedAt",
             c.published_precision as "publishedPrecision", c.url, c.archived_url as "archivedUrl", c.quote, c.credibility,
             c.retracted, c.note, q.json as quantities
    ) cj
    where c.event_id = events.id
  ) c
)`;

/**
 * The native export's query: the filtered events in the list's order, one
 * row each, rendered as NativeExportRow. The benchmark compares the export
 * with psql's \copy of this same SQL.
 */
export function nativeExportQuery(db: Kysely<Database>, filters: EventFilters): SelectQueryBuilder<Database, 'events', NativeExportRow> {
  const query = db
    .selectFrom('events')
    .innerJoinLateral(nativeActors.as('native_actors'), (join) => join.onTrue())
    .innerJoinLateral(nativeClaims.as('native_claims'), (join) => join.onTrue())
    .select([
      'events.id',
      'events.kind',
      'events.title',
      'events.summary',
      'events.start_date',
      'events.end_date',
      'events.date_precision',
      'events.place_name',
      'events.admin1',
      'events.admin2',
      'events.country',
      'events.lat',
      'events.lon',
      'events.geo_precision',
      'events.status',
      'events.derived_status',
      'events.status_override',
      'events.status_reason',
      sql<string | null>`array_to_string(events.tags, '; ', '')`.as('tags'),
      sql<string | null>`native_actors.actors`.as('actors'),
      sql<number>`native_claims.claim_count`.as('claim_count'),
      sql<string | null>`native_claims.sources`.as('sources'),
      sql<string | null>`native_claims.claims`.as('claims'),
      sql<string | null>`native_claims.quantities`.as('quantities'),
      'events.external_source',
      'events.external_id',
      'events.version',
      'events.created_at',
      'events.updated_at',
      'events.attributes',
      sql<string>`native_actors.actors_json_csv`.as('actors_json_csv'),
      sql<string>`native_claims.claims_json_csv`.as('claims_json_csv'),
    ]);
  return applyEventFilters(query as unknown as SelectQueryBuilder<Database, 'events', NativeExportRow>, filters)
    .orderBy('events.start_date', 'desc')
    .orderBy('events.id', 'desc');
}
