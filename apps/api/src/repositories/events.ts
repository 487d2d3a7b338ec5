import { type Kysely, type Transaction, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { EventDetail, EventSummary, ParsedEventInput } from '@claimline/shared/events';
import { type Cursor, type EventFilters, encodeCursor } from '@claimline/shared/filters';
import type { EventStatus } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { countFromRollup, rollupCanAnswer } from './event-counts.js';
import { cellsCanAnswer, countFromCells } from './event-cells.js';
import { applyEventFilters, boxComplementCanAnswer, eventsOutsideBox, type PlannedFilters } from './event-filters.js';
import { cellMonthsCanAnswer, countsFromCellMonths } from './cell-months.js';
import { fromWords, wordsCanAnswer } from './event-words.js';

/** All SQL of events, nothing else. Callers own transactions and pass `trx` in. */

type Db = Kysely<Database> | Transaction<Database>;

const SUMMARY_COLUMNS = [
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
  'events.tags',
  'events.version',
  'events.updated_at',
] as const;

type SummaryRow = {
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
  tags: string[];
  version: number;
  updated_at: Date | string;
  claim_count: number;
};

const iso = (t: Date | string) => (t instanceof Date ? t.toISOString() : new Date(t).toISOString());

export function eventRowToSummary(r: SummaryRow): EventSummary {
  return {
    id: r.id,
    kind: r.kind as EventSummary['kind'],
    title: r.title,
    summary: r.summary,
    startDate: r.start_date,
    endDate: r.end_date,
    datePrecision: r.date_precision as EventSummary['datePrecision'],
    placeName: r.place_name,
    admin1: r.admin1,
    admin2: r.admin2,
    country: r.country,
    lat: r.lat,
    lon: r.lon,
    geoPrecision: r.geo_precision as EventSummary['geoPrecision'],
    status: r.status as EventStatus,
    derivedStatus: r.derived_status as EventStatus,
    tags: r.tags,
    claimCount: r.claim_count,
    version: r.version,
    updatedAt: iso(r.updated_at),
  };
}

function selectSummaries(db: Db) {
  return db
    .selectFrom('events')
    .select(SUMMARY_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('claims')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('claims.event_id', '=', 'events.id')
        .as('claim_count'),
    );
}

/** `rollups: false` counts the events themselves: the reference the rollups are tested against. */
export async function countEvents(db: Db, filters: PlannedFilters, opts: { rollups?: boolean } = {}): Promise<number> {
  const rollups = opts.rollups !== false;
  if (rollups && rollupCanAnswer(filters)) return countFromRollup(db, filters);
  // A box with nothing but kinds and statuses: whole cells from the map's rollup, the box's edges from the events.
  if (rollups && filters.bbox !== undefined && cellsCanAnswer(filters)) return countFromCells(db, filters);
  // A box and a window alone: the rollups by cell and month (a box holding nearly everything: its complement, below).
  if (rollups && cellMonthsCanAnswer(filters)) return (await countsFromCellMonths(db, filters)).total;
  // A box holding most of the events, with dates: the rollup's count without it, less the events outside it.
  if (rollups && boxComplementCanAnswer(filters)) {
    const [all, outside] = await Promise.all([
      countFromRollup(db, { ...filters, bbox: undefined }),
      db.selectFrom(eventsOutsideBox(db, filters).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return all - outside.n;
  }
  // A text query with only kinds, statuses and a box besides: its matches in event_words' narrow rows.
  if (rollups && wordsCanAnswer(filters)) {
    return (await fromWords(db, filters).select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow()).total;
  }
  const row = await applyEventFilters(db.selectFrom('events'), filters)
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return row.total;
}

export type EventTotal = { total: number; totalExact: boolean };

/**
 * The total of a text query (q), counted one by one up to `limit` matches:
 * full-text search has no rollup, and counting a common word's 80,000
 * matches at 1M events visits most of the table's pages (~0.3–0.7 s). Beyond
 * `limit` the answer is a lower bound ("more than"). Without q: countEvents.
 */
export async function countEventsUpTo(db: Db, filters: EventFilters, limit: number): Promise<EventTotal> {
  if (filters.q === undefined) return { total: await countEvents(db, filters), totalExact: true };
  const matches = applyEventFilters(db.selectFrom('events').select(sql<number>`1`.as('one')), filters).limit(limit + 1);
  const row = await db.selectFrom(matches.as('m')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n > limit ? { total: limit, totalExact: false } : { total: row.n, totalExact: true };
}

const afterCursor = (cursor: Cursor) => sql<boolean>`(events.start_date, events.id) < (${cursor.startDate}::date, ${cursor.id}::uuid)`;

/**
 * `textProbe`: for a text query, first look for up to this many matches in
 * no order (from the full-text index, or a scan that stops as soon as it has
 * them), and when there are no more than that, order just those. Walking the
 * events in date order and testing each for the words is fast only for a
 * common word: for a rare or misspelt one it reads the whole table (3 s at
 * 1M), and the planner cannot tell the two apart beforehand. The walk is
 * left for queries with more matches than the probe, which it finds soon.
 * On the first page the probe also gives the total as countEventsUpTo
 * would (`probed`).
 */
export async function listEvents(
  db: Db,
  filters: EventFilters,
  page: { limit: number; cursor?: Cursor | undefined },
  opts: { textProbe?: number } = {},
): Promise<{ items: EventSummary[]; nextCursor: string | null; probed?: EventTotal }> {
  const { limit, cursor } = page;
  let rows: SummaryRow[] | undefined;
  let probed: EventTotal | undefined;
  if (filters.q !== undefined && opts.textProbe !== undefined) {
    const found = await applyEventFilters(db.selectFrom('events').select('events.id'), filters, undefined, 'page')
      .$if(cursor !== undefined, (q) => q.where(afterCursor(cursor!)))
      .limit(opts.textProbe + 1)
      .execute();
    // On the first page the probe is what countEventsUpTo would count.
    if (cursor === undefined) probed = found.length > opts.textProbe ? { total: opts.textProbe, totalExact: false } : { total: found.length, totalExact: true };
    if (found.length <= opts.textProbe) {
      rows =
        found.length === 0
          ? []
          : ((await selectSummaries(db)
              .where(sql<boolean>`events.id = any(${sql.val(found.map((r) => r.id))}::uuid[])`)
              .orderBy('events.start_date', 'desc')
              .orderBy('events.id', 'desc')
              .limit(limit + 1)
              .execute()) as SummaryRow[]);
    }
  }
  rows ??= (await applyEventFilters(selectSummaries(db), filters, undefined, 'page')
    .$if(cursor !== undefined, (q) => q.where(afterCursor(cursor!)))
    .orderBy('events.start_date', 'desc')
    .orderBy('events.id', 'desc')
    .limit(limit + 1)
    .execute()) as SummaryRow[];
  const more = rows.length > limit;
  const items = rows.slice(0, limit).map(eventRowToSummary);
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor({ startDate: last.startDate, id: last.id }) : null, ...(probed ? { probed } : {}) };
}

export async function getEventDetail(db: Db, id: string, opts: { includeDeleted?: boolean } = {}): Promise<(EventDetail & { deletedAt: string | null }) | undefined> {
  const row = await selectSummaries(db)
    .select([
      'events.status_override',
      'events.status_reason',
      'events.external_source',
      'events.external_id',
      'events.created_at',
      'events.deleted_at',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('claims')
          .select([
            'claims.id',
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
                .selectFrom('sources')
                .select([
                  'sources.id',
                  'sources.name',
                  'sources.kind',
                  'sources.country',
                  'sources.homepage',
                  'sources.reliability',
                  'sources.party_to_conflict as partyToConflict',
                  'sources.notes',
                ])
                .whereRef('sources.id', '=', 'claims.source_id'),
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
      jsonArrayFrom(
        eb
          .selectFrom('event_actors')
          .innerJoin('actors', 'actors.id', 'event_actors.actor_id')
          .select(['actors.id', 'actors.name', 'actors.kind', 'event_actors.role'])
          .whereRef('event_actors.event_id', '=', 'events.id')
          .orderBy('event_actors.role')
          .orderBy('actors.name'),
      ).as('actors'),
    ])
    .where('events.id', '=', id)
    .$if(!opts.includeDeleted, (q) => q.where('events.deleted_at', 'is', null))
    .executeTakeFirst();
  if (!row) return undefined;
  const { status_override, status_reason, external_source, external_id, created_at, deleted_at, claims, actors } = row;
  return {
    ...eventRowToSummary(row as unknown as SummaryRow),
    statusOverride: status_override as EventStatus | null,
    statusReason: status_reason,
    externalSource: external_source,
    externalId: external_id,
    createdAt: iso(created_at),
    deletedAt: deleted_at ? iso(deleted_at) : null,
    claims: claims as unknown as EventDetail['claims'],
    actors: actors as unknown as EventDetail['actors'],
  };
}

/** An event's columns as every write stores them, the full-text document included (the importer writes through it too). */
export function eventColumns(e: ParsedEventInput, derivedStatus: EventStatus) {
  const quotes = e.claims.map((c) => [c.quote, c.attributedTo].filter(Boolean).join(' ')).join('\n');
  const place = [e.placeName, e.admin2, e.admin1].filter(Boolean).join(' ');
  return {
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
    tags: sql<string[]>`${sql.val(e.tags)}::text[]` as unknown as string[],
    derived_status: derivedStatus,
    status_override: e.statusOverride,
    status_reason: e.statusReason,
    external_source: e.externalSource,
    external_id: e.externalId,
    // The full-text document: title, summary and place, and every quote and voice.
    search: sql`claimline_search_document(${e.title}, ${e.summary}, ${place}, ${quotes})`,
  };
}

/** Inserts an event with its actors, claims and quantities. The caller wraps it in a transaction. */
export async function insertEvent(trx: Transaction<Database>, e: ParsedEventInput, derivedStatus: EventStatus): Promise<string> {
  const { id } = await trx
    .insertInto('events')
    .values({ ...(e.id ? { id: e.id } : {}), ...eventColumns(e, derivedStatus) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertChildren(trx, id, e);
  return id;
}

/**
 * Replaces an event's fields, actors and claims, if and only if it is live
 * and still at `expectedVersion`: the version check and the write are one
 * UPDATE, so of concurrent writers with the same version exactly one wins.
 * Returns the new version, or null when the event is gone or has moved on.
 */
export async function updateEvent(
  trx: Transaction<Database>,
  id: string,
  expectedVersion: number,
  e: ParsedEventInput,
  derivedStatus: EventStatus,
): Promise<number | null> {
  const row = await trx
    .updateTable('events')
    .set({ ...eventColumns(e, derivedStatus), version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('deleted_at', 'is', null)
    .returning('version')
    .executeTakeFirst();
  if (!row) return null;
  await trx.deleteFrom('event_actors').where('event_id', '=', id).execute();
  await trx.deleteFrom('claims').where('event_id', '=', id).execute(); // quantities go with them (on delete cascade)
  await insertChildren(trx, id, e);
  return row.version;
}

/** Soft-deletes (or restores) an event at `expectedVersion`; returns the new version or null. */
export async function setEventDeleted(trx: Transaction<Database>, id: string, expectedVersion: number, deleted: boolean): Promise<number | null> {
  const row = await trx
    .updateTable('events')
    .set({ deleted_at: deleted ? sql<Date>`now()` : null, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('deleted_at', deleted ? 'is' : 'is not', null)
    .returning('version')
    .executeTakeFirst();
  return row?.version ?? null;
}

/** Where an event stands, deleted or not: for telling 404 from 412. */
export async function getEventState(db: Db, id: string): Promise<{ version: number; deleted: boolean } | undefined> {
  const row = await db.selectFrom('events').select(['version', 'deleted_at']).where('id', '=', id).executeTakeFirst();
  return row ? { version: row.version, deleted: row.deleted_at !== null } : undefined;
}

async function insertChildren(trx: Transaction<Database>, id: string, e: ParsedEventInput): Promise<void> {
  if (e.actors.length > 0) {
    await trx
      .insertInto('event_actors')
      .values(e.actors.map((a) => ({ event_id: id, actor_id: a.actorId, role: a.role })))
      .execute();
  }
  for (const [position, c] of e.claims.entries()) {
    const claim = await trx
      .insertInto('claims')
      .values(claimRow(c, id, position))
      .returning('id')
      .executeTakeFirstOrThrow();
    if (c.quantities.length > 0) {
      await trx
        .insertInto('claim_quantities')
        .values(c.quantities.map((q, i) => ({ claim_id: claim.id, position: i, ...q })))
        .execute();
    }
  }
}

/** Soft-deleted events, most recently deleted first: the editors' list to restore from. */
export async function listDeletedEvents(db: Db, limit: number): Promise<{ items: (EventSummary & { deletedAt: string })[]; total: number }> {
  const [rows, count] = await Promise.all([
    selectSummaries(db)
      .select('events.deleted_at')
      .where('events.deleted_at', 'is not', null)
      .orderBy('events.deleted_at', 'desc')
      .orderBy('events.id')
      .limit(limit)
      .execute(),
    db.selectFrom('events').select(sql<number>`count(*)::int`.as('total')).where('deleted_at', 'is not', null).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({ ...eventRowToSummary(r as unknown as SummaryRow), deletedAt: iso(r.deleted_at!) }));
  return { items, total: count.total };
}

/** A claim's row as every write stores it; an id is kept when the input has one. */
export function claimRow(c: ParsedEventInput['claims'][number], eventId: string, position: number) {
  return {
    ...(c.id ? { id: c.id } : {}),
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
