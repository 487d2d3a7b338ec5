import { type Kysely, type Transaction, sql } from 'kysely';
import type { ParsedEventInput } from '@claimline/shared/events';
import type { actorInputSchema, sourceInputSchema } from '@claimline/shared/sources';
import type { EventStatus } from '@claimline/shared/vocabulary';
import type { z } from 'zod';
import type { Database } from '../db/schema.js';
import type { InterchangeSource } from '../interchange/event.js';
import type { revisionSnapshot } from '../interchange/snapshot.js';
import { sourceRowToSource } from './sources.js';

/**
 * The import's SQL: lookups of sources, actors, claim and quantity ids by
 * the batch, and a batched write path that stores exactly what the write
 * service (services/events.ts → repositories/events.ts) stores for the same
 * input (the same columns, the same full-text document, the same derived
 * status) plus the event's attributes and its revision: one statement for
 * a batch of new events, three for a batch of updated ones.
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
 * Sources and actors go to PostgreSQL a few thousand rows a statement (the
 * events themselves go a batch at a time, see insertEvents).
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

/**
 * Settings of the import's own transaction (SET LOCAL: they end with it).
 * - No JIT: the rollup triggers' statements over a batch's transition tables
 *   have estimated costs past jit_above_cost, and compiling them (10–20 ms a
 *   statement, a few a batch) costs more than running them.
 * - Memory for a batch: the batch's rows (read once from its JSON) and the
 *   triggers' transition tables stay in memory instead of temporary files.
 */
export async function prepareImportTransaction(trx: Transaction<Database>): Promise<void> {
  await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(trx);
}

/** An event to write with the revision it gets: the snapshot (interchange/snapshot.ts) holds every column of the event and of its children. */
export type EventWrite = { event: PreparedEvent; snapshot: ReturnType<typeof revisionSnapshot> };
export type RevisionNote = { note: string | null; userId: string | null };

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

/**
 * A batch goes to PostgreSQL as one JSON array in one bind parameter, read
 * once as jsonb: one element per event, `[snapshot, place, quotes,
 * expected version, number of quantities]`. The snapshot is the revision
 * the event gets, stored as it is, and it carries every column of the
 * event, its claims, their quantities and its actors (ids included), so
 * every row is read from it: what is stored and what the revision says
 * cannot differ, and nothing is sent twice. jsonb_to_record converts each
 * field to its column type (a JSON array to text[], an object to jsonb) as
 * a parameter would be.
 *
 * Encoding a batch is a good part of the import's own work (the JSON is
 * most of what goes over the wire): the caller does it while the batch
 * before is being written (services/import.ts), and the write only sends it.
 */
export type EncodedBatch<W extends EventWrite = EventWrite> = { writes: W[]; json: string };

export function encodeBatch<W extends EventWrite>(writes: W[], expected: (w: W) => number | null = () => null): EncodedBatch<W> {
  const rows = writes.map((w) => {
    const { place, quotes } = searchParts(w.event.input);
    let quantities = 0;
    for (const c of w.event.input.claims) quantities += c.quantities.length;
    return [w.snapshot, place, quotes, expected(w), quantities];
  });
  return { writes, json: toJsonText(rows) };
}

const batchJson = (batch: EncodedBatch) => sql`${batch.json}::jsonb`;

/** The batch's rows: the snapshot, the search document's parts, the expected version, and the event's columns read from the snapshot. */
const batchRows = (json: ReturnType<typeof batchJson>) => sql`
  select y.s, x.value->>1 as place, x.value->>2 as quotes, (x.value->>3)::integer as expected_version,
         (x.value->>4)::integer as quantities, r.*
  from jsonb_array_elements(${json}) as x
  cross join lateral (select x.value->0 as s offset 0) as y
  cross join lateral jsonb_to_record(y.s) as r(
    id uuid, kind text, title text, summary text, "startDate" date, "endDate" date, "datePrecision" text,
    "placeName" text, admin1 text, admin2 text, country char(3), lat double precision, lon double precision, "geoPrecision" text,
    tags text[], "derivedStatus" text, "statusOverride" text, "statusReason" text, "externalSource" text, "externalId" text,
    attributes jsonb, version integer, "createdAt" timestamptz, "updatedAt" timestamptz)`;

/**
 * The statements that write a batch's claims, quantities, actors and
 * revisions from its rows (`b`), as WITH clauses of one statement. Foreign
 * keys are checked at the end of the statement, when every row is in. Only
 * the events with quantities or actors are unpacked for them (most have
 * neither).
 */
const childWrites = (action: 'create' | 'update', revision: RevisionNote) => sql`
  claim_rows as (
    insert into claims (id, event_id, position, source_id, attributed_to, origin, stance, published_at, published_precision,
                        url, archived_url, quote, credibility, retracted, note)
    select c.id, b.id, (k.n - 1)::integer, (k.claim->'source'->>'id')::uuid, c."attributedTo", c.origin, c.stance, c."publishedAt",
           c."publishedPrecision", c.url, c."archivedUrl", c.quote, c.credibility, c.retracted, c.note
    from b
    cross join lateral jsonb_array_elements(b.s->'claims') with ordinality as k(claim, n)
    cross join lateral jsonb_to_record(k.claim) as c(
      id uuid, "attributedTo" text, origin text, stance text, "publishedAt" date, "publishedPrecision" text,
      url text, "archivedUrl" text, quote text, credibility smallint, retracted boolean, note text)
  ), quantity_rows as (
    insert into claim_quantities (id, claim_id, position, measure, subject, low, best, high, phrase)
    select q.id, (k.claim->>'id')::uuid, (m.n - 1)::integer, q.measure, q.subject, q.low, q.best, q.high, q.phrase
    from b
    cross join lateral jsonb_array_elements(b.s->'claims') as k(claim)
    cross join lateral jsonb_array_elements(k.claim->'quantities') with ordinality as m(quantity, n)
    cross join lateral jsonb_to_record(m.quantity) as q(id uuid, measure text, subject text, low integer, best integer, high integer, phrase text)
    where b.quantities > 0
  ), actor_rows as (
    insert into event_actors (event_id, actor_id, role)
    select b.id, (a.actor->>'id')::uuid, a.actor->>'role'
    from b cross join lateral jsonb_array_elements(b.s->'actors') as a(actor)
    where b.s->'actors' <> '[]'::jsonb
  ), revision_rows as (
    insert into revisions (event_id, version, action, snapshot, note, user_id)
    select b.id, b.version, ${action}, b.s, ${revision.note}, ${revision.userId}::uuid from b
  )`;

/**
 * Inserts new events with their actors, claims, quantities and revisions:
 * one statement a batch. Their rollups are not touched here: the insert
 * triggers skip this statement, and addToRollups adds every new event of
 * the import at its end, in one statement (migrations 2025-01-01 and
 * 2025-01-09: the figures table too). The foreign keys are checked at the
 * statement's end, when every row is in.
 */
export async function insertEvents(trx: Transaction<Database>, batch: EncodedBatch, revision: RevisionNote): Promise<void> {
  if (batch.writes.length === 0) return;
  // The new events' rollups wait for the end of the import (addToRollups); only this statement's insert triggers skip them.
  await sql`select set_config('claimline.rollups', 'deferred', true)`.execute(trx);
  await sql`
    with b as materialized (${batchRows(batchJson(batch))}),
    event_rows as (
      insert into events (id, kind, title, summary, start_date, end_date, date_precision, place_name, admin1, admin2, country,
                          lat, lon, geo_precision, tags, derived_status, status_override, status_reason, external_source, external_id,
                          search, attributes, version, created_at, updated_at)
      select id, kind, title, summary, "startDate", "endDate", "datePrecision", "placeName", admin1, admin2, country,
             lat, lon, "geoPrecision", coalesce(tags, '{}'), "derivedStatus", "statusOverride", "statusReason", "externalSource", "externalId",
             claimline_search_document(title, summary, place, quotes), attributes, version, "createdAt", "updatedAt"
      from b
    ),
    ${childWrites('create', revision)}
    select 1`.execute(trx);
  await sql`select set_config('claimline.rollups', '', true)`.execute(trx);
}

/**
 * Adds the events insertEvents wrote to every rollup (event_counts,
 * event_cells, event_cell_months, event_links and through it the facet
 * rollups) and their figures to the `figures` table: what their insert
 * triggers, skipped batch by batch, would have added (migrations 2025-01-01
 * and 2025-01-09). The import calls it once, after its last write and
 * before it commits.
 */
export async function addToRollups(trx: Transaction<Database>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = sql`${sql.val(ids)}::uuid[]`;
  await sql`select claimline_rollup_new_events(${list}), claimline_figures_new_events(${list}), claimline_words_new_events(${list})`.execute(trx);
}

/**
 * Replaces events that are still at the version the import read (the
 * check and the write are one UPDATE, as in the write service), then their
 * actors, claims and quantities, and writes their revisions. Returns the
 * ids that had moved on: the caller fails the import.
 */
export async function updateEvents(
  trx: Transaction<Database>,
  batch: EncodedBatch<EventWrite & { expectedVersion: number }>,
  revision: RevisionNote,
): Promise<string[]> {
  const { writes } = batch;
  if (writes.length === 0) return [];
  const json = batchJson(batch);
  const { rows } = await sql<{ id: string }>`
    update events e set
      kind = x.kind, title = x.title, summary = x.summary, start_date = x."startDate", end_date = x."endDate",
      date_precision = x."datePrecision", place_name = x."placeName", admin1 = x.admin1, admin2 = x.admin2, country = x.country,
      lat = x.lat, lon = x.lon, geo_precision = x."geoPrecision", tags = coalesce(x.tags, '{}'), derived_status = x."derivedStatus",
      status_override = x."statusOverride", status_reason = x."statusReason", external_source = x."externalSource", external_id = x."externalId",
      search = claimline_search_document(x.title, x.summary, x.place, x.quotes), attributes = x.attributes,
      version = x.version, updated_at = x."updatedAt"
    from (${batchRows(json)}) as x
    where e.id = x.id and e.version = x.expected_version and e.deleted_at is null
    returning e.id`.execute(trx);
  const written = new Set(rows.map((r) => r.id));
  const stale = writes.filter((w) => !written.has(w.event.id)).map((w) => w.event.id);
  if (stale.length > 0) return stale;
  const ids = writes.map((w) => w.event.id);
  await sql`delete from event_actors where event_id = any(${sql.val(ids)}::uuid[])`.execute(trx);
  await sql`delete from claims where event_id = any(${sql.val(ids)}::uuid[])`.execute(trx); // quantities go with them (on delete cascade)
  // The batch's JSON goes a second time (updates are the rare case).
  await sql`
    with b as materialized (${batchRows(json)}),
    ${childWrites('update', revision)}
    select 1`.execute(trx);
  return stale;
}
