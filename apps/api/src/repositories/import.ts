import { type Kysely, type Transaction, sql } from 'kysely';
import type { ParsedEventInput } from '@claimline/shared/events';
import type { actorInputSchema, sourceInputSchema } from '@claimline/shared/sources';
import type { EventStatus } from '@claimline/shared/vocabulary';
import type { z } from 'zod';
import type { Database } from '../db/schema.js';
import type { InterchangeSource } from '../interchange/event.js';
import { sourceRowToSource } from './sources.js';

/**
 * The import's SQL: lookups of sources, actors, claim and quantity ids by
 * the batch, and a batched write path that stores exactly what the write
 * service (services/events.ts → repositories/events.ts) stores for the same
 * input (the same columns, the same full-text document, the same derived
 * status) plus the event's attributes, a few statements per thousand
 * events instead of a dozen per event.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** An event ready to be written: ids assigned, references resolved, status derived. */
export type PreparedEvent = {
  id: string;
  input: Omit<ParsedEventInput, 'claims'> & { claims: (ParsedEventInput['claims'][number] & { id: string })[] };
  /** Per claim, per quantity. */
  quantityIds: string[][];
  attributes: Record<string, unknown>;
  derivedStatus: EventStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

/** The transaction's clock: every row of one import carries the same instant, as now() would. */
export async function transactionNow(trx: Transaction<Database>): Promise<Date> {
  const { rows } = await sql<{ now: Date | string }>`select now() as now`.execute(trx);
  const now = rows[0]!.now;
  return now instanceof Date ? now : new Date(now);
}

export async function findSources(db: Db, ids: string[], names: string[]): Promise<InterchangeSource[]> {
  if (ids.length === 0 && names.length === 0) return [];
  const rows = await db
    .selectFrom('sources')
    .selectAll()
    .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', ids)] : []), ...(names.length ? [eb('name', 'in', names)] : [])]))
    .execute();
  return rows.map(sourceRowToSource);
}

export type ActorRecord = { id: string; name: string; kind: string; country: string | null };

export async function findActors(db: Db, ids: string[], names: string[]): Promise<ActorRecord[]> {
  if (ids.length === 0 && names.length === 0) return [];
  return db
    .selectFrom('actors')
    .select(['id', 'name', 'kind', 'country'])
    .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', ids)] : []), ...(names.length ? [eb('name', 'in', names)] : [])]))
    .execute();
}

/**
 * The ids of the events (deleted ones included) with these external ids in
 * one external source. Each external id is its own probe of the
 * (external_source, external_id) index (LIMIT 1 keeps the subquery from being
 * flattened into a join the planner may turn into a scan of every event of
 * the source, which grows with the table and, inside an import's own
 * transaction, with every batch already written).
 */
export async function findEventIdsByExternalId(db: Db, externalSource: string, externalIds: string[]): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    select e.id from unnest(${sql.val(externalIds)}::text[]) as x(external_id)
    cross join lateral (
      select id from events where external_source = ${externalSource} and external_id = x.external_id limit 1
    ) e`.execute(db);
  return rows.map((r) => r.id);
}

/** Creates sources (as repositories/sources.ts's insertSource does, many at a time); returns them as stored. */
export async function insertSources(trx: Transaction<Database>, sources: z.output<typeof sourceInputSchema>[]): Promise<InterchangeSource[]> {
  const out: InterchangeSource[] = [];
  for (const chunk of chunks(sources)) {
    const rows = await trx
      .insertInto('sources')
      .values(
        chunk.map((s) => ({
          ...(s.id ? { id: s.id } : {}),
          name: s.name,
          kind: s.kind,
          country: s.country,
          homepage: s.homepage,
          reliability: s.reliability,
          party_to_conflict: s.partyToConflict,
          notes: s.notes,
        })),
      )
      .returningAll()
      .execute();
    out.push(...rows.map(sourceRowToSource));
  }
  return out;
}

/** Creates actors (as repositories/actors.ts's insertActor does, many at a time); returns them as stored. */
export async function insertActors(trx: Transaction<Database>, actors: z.output<typeof actorInputSchema>[]): Promise<ActorRecord[]> {
  const out: ActorRecord[] = [];
  for (const chunk of chunks(actors)) {
    out.push(
      ...(await trx
        .insertInto('actors')
        .values(chunk.map((a) => ({ ...(a.id ? { id: a.id } : {}), name: a.name, kind: a.kind, country: a.country })))
        .returning(['id', 'name', 'kind', 'country'])
        .execute()),
    );
  }
  return out;
}

/** Which of these claim ids exist, and under which event. */
export async function findClaimOwners(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('claims').select(['id', 'event_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.event_id]));
}

/** Which of these quantity ids exist, and under which event. */
export async function findQuantityOwners(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('claim_quantities')
    .innerJoin('claims', 'claims.id', 'claim_quantities.claim_id')
    .select(['claim_quantities.id', 'claims.event_id'])
    .where('claim_quantities.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.event_id]));
}

/**
 * Rows go to PostgreSQL as one JSON array per statement, unpacked by
 * json_to_recordset: one bind parameter whatever the number of rows (far
 * from the 65,535-parameter limit), no per-row SQL to build on our side, and
 * a short statement for PostgreSQL to parse. PostgreSQL converts each field
 * to its column type (a JSON array to text[], an object to jsonb) as a
 * parameter would be converted.
 */
const ROWS_PER_STATEMENT = 2000;

function chunks<T>(items: T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * JSON text PostgreSQL accepts: JSON.stringify escapes a lone UTF-16
 * surrogate (which a text cut at a character count can leave) as \udXXX,
 * which PostgreSQL refuses; a bound parameter would carry it as U+FFFD, so
 * the JSON does too. (A surrogate pair is written as is, never escaped.)
 */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\ud') ? text.replace(/(?<!\\)((?:\\\\)*)\\u(?:d[89a-f][0-9a-f]{2})/gi, '$1\\ufffd') : text;
}

const json = (rows: unknown[]) => sql`${toJsonText(rows)}::json`;

/**
 * The full-text document's parts exactly as the write service's
 * eventColumns (repositories/events.ts) builds them; the document itself is
 * computed by PostgreSQL's claimline_search_document, as on every write.
 * (test/api/import-native.test.ts checks that both store the same document.)
 */
function searchParts(e: PreparedEvent['input']): { place: string; quotes: string } {
  const quotes = e.claims.map((c) => [c.quote, c.attributedTo].filter(Boolean).join(' ')).join('\n');
  const place = [e.placeName, e.admin2, e.admin1].filter(Boolean).join(' ');
  return { place, quotes };
}

/** An event's row as JSON: the columns of eventColumns (repositories/events.ts), the kept attributes, and the search document's parts. */
function eventJson(p: PreparedEvent, expectedVersion: number | null = null) {
  const e = p.input;
  const search = searchParts(e);
  return {
    id: p.id,
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    start_date: e.startDate,
    end_date: e.endDate,
    date_precision: e.datePrecision,
    place_name: e.placeName,
    admin1: e.admin1,
    admin2: e.admin2,
    country: e.country,
    lat: e.lat,
    lon: e.lon,
    geo_precision: e.geoPrecision,
    tags: e.tags,
    derived_status: p.derivedStatus,
    status_override: e.statusOverride,
    status_reason: e.statusReason,
    external_source: e.externalSource,
    external_id: e.externalId,
    attributes: p.attributes,
    version: p.version,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
    place: search.place,
    quotes: search.quotes,
    expected_version: expectedVersion,
  };
}

/** The record type json_to_recordset reads eventJson with. */
const EVENT_RECORD = sql`x(
  id uuid, kind text, title text, summary text, start_date date, end_date date, date_precision text,
  place_name text, admin1 text, admin2 text, country char(3), lat double precision, lon double precision, geo_precision text,
  tags text[], derived_status text, status_override text, status_reason text, external_source text, external_id text,
  attributes jsonb, version integer, created_at timestamptz, updated_at timestamptz, place text, quotes text, expected_version integer
)`;

/** Inserts new events with their actors, claims and quantities. */
export async function insertEvents(trx: Transaction<Database>, events: PreparedEvent[]): Promise<void> {
  for (const chunk of chunks(events)) {
    await sql`
      insert into events (id, kind, title, summary, start_date, end_date, date_precision, place_name, admin1, admin2, country,
                          lat, lon, geo_precision, tags, derived_status, status_override, status_reason, external_source, external_id,
                          search, attributes, version, created_at, updated_at)
      select id, kind, title, summary, start_date, end_date, date_precision, place_name, admin1, admin2, country,
             lat, lon, geo_precision, coalesce(tags, '{}'), derived_status, status_override, status_reason, external_source, external_id,
             claimline_search_document(title, summary, place, quotes), attributes, version, created_at, updated_at
      from json_to_recordset(${json(chunk.map((p) => eventJson(p)))}) as ${EVENT_RECORD}`.execute(trx);
  }
  await insertChildren(trx, events);
}

/**
 * Replaces events that are still at the version the import read (the
 * check and the write are one UPDATE, as in the write service). Returns the
 * ids that had moved on: the caller fails the import.
 */
export async function updateEvents(trx: Transaction<Database>, events: (PreparedEvent & { expectedVersion: number })[]): Promise<string[]> {
  if (events.length === 0) return [];
  const written = new Set<string>();
  for (const chunk of chunks(events)) {
    const { rows } = await sql<{ id: string }>`
      update events e set
        kind = x.kind, title = x.title, summary = x.summary, start_date = x.start_date, end_date = x.end_date,
        date_precision = x.date_precision, place_name = x.place_name, admin1 = x.admin1, admin2 = x.admin2, country = x.country,
        lat = x.lat, lon = x.lon, geo_precision = x.geo_precision, tags = coalesce(x.tags, '{}'), derived_status = x.derived_status,
        status_override = x.status_override, status_reason = x.status_reason, external_source = x.external_source, external_id = x.external_id,
        search = claimline_search_document(x.title, x.summary, x.place, x.quotes), attributes = x.attributes,
        version = x.version, updated_at = x.updated_at
      from json_to_recordset(${json(chunk.map((p) => eventJson(p, p.expectedVersion)))}) as ${EVENT_RECORD}
      where e.id = x.id and e.version = x.expected_version and e.deleted_at is null
      returning e.id`.execute(trx);
    for (const r of rows) written.add(r.id);
  }
  const stale = events.filter((p) => !written.has(p.id)).map((p) => p.id);
  if (stale.length > 0) return stale;
  for (const chunk of chunks(events.map((p) => p.id))) {
    await sql`delete from event_actors where event_id = any(${sql.val(chunk)}::uuid[])`.execute(trx);
    await sql`delete from claims where event_id = any(${sql.val(chunk)}::uuid[])`.execute(trx); // quantities go with them (on delete cascade)
  }
  await insertChildren(trx, events);
  return stale;
}

/**
 * A claim's row, as claimRow (repositories/events.ts) maps it, with its id.
 * Not claimRow itself: its `...(c.id ? { id } : {})` costs V8 (Node 20) some
 * 20 µs a call, seconds over a large file. test/api/import-native.test.ts
 * checks that both store the same rows.
 */
function claimJson(c: PreparedEvent['input']['claims'][number], eventId: string, position: number) {
  return {
    id: c.id,
    event_id: eventId,
    position,
    source_id: c.sourceId,
    attributed_to: c.attributedTo,
    origin: c.origin,
    stance: c.stance,
    published_at: c.publishedAt,
    published_precision: c.publishedPrecision,
    url: c.url,
    archived_url: c.archivedUrl,
    quote: c.quote,
    credibility: c.credibility,
    retracted: c.retracted,
    note: c.note,
  };
}

async function insertChildren(trx: Transaction<Database>, events: PreparedEvent[]): Promise<void> {
  const actors = events.flatMap((p) => p.input.actors.map((a) => ({ event_id: p.id, actor_id: a.actorId, role: a.role })));
  for (const chunk of chunks(actors)) {
    await sql`
      insert into event_actors (event_id, actor_id, role)
      select event_id, actor_id, role from json_to_recordset(${json(chunk)}) as x(event_id uuid, actor_id uuid, role text)`.execute(trx);
  }

  const claims = events.flatMap((p) => p.input.claims.map((c, position) => claimJson(c, p.id, position)));
  for (const chunk of chunks(claims)) {
    await sql`
      insert into claims (id, event_id, position, source_id, attributed_to, origin, stance, published_at, published_precision,
                          url, archived_url, quote, credibility, retracted, note)
      select id, event_id, position, source_id, attributed_to, origin, stance, published_at, published_precision,
             url, archived_url, quote, credibility, retracted, note
      from json_to_recordset(${json(chunk)}) as x(
        id uuid, event_id uuid, position integer, source_id uuid, attributed_to text, origin text, stance text, published_at date,
        published_precision text, url text, archived_url text, quote text, credibility smallint, retracted boolean, note text)`.execute(trx);
  }

  const quantities = events.flatMap((p) =>
    p.input.claims.flatMap((c, ci) =>
      c.quantities.map((q, position) => ({
        id: p.quantityIds[ci]![position]!,
        claim_id: c.id,
        position,
        measure: q.measure,
        subject: q.subject,
        low: q.low,
        best: q.best,
        high: q.high,
        phrase: q.phrase,
      })),
    ),
  );
  for (const chunk of chunks(quantities)) {
    await sql`
      insert into claim_quantities (id, claim_id, position, measure, subject, low, best, high, phrase)
      select id, claim_id, position, measure, subject, low, best, high, phrase
      from json_to_recordset(${json(chunk)}) as x(
        id uuid, claim_id uuid, position integer, measure text, subject text, low integer, best integer, high integer, phrase text)`.execute(trx);
  }
}
