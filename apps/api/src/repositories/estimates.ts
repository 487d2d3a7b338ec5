import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Estimate, EstimateSeries } from '@claimline/shared/estimates';
import type { EventFilters } from '@claimline/shared/filters';
import type { Measure } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { rollupCanAnswer } from './event-counts.js';
import { applyEventFilters, claimConditions } from './event-filters.js';

/** What the view shows of a figure: its numbers and words, its claim, the claim's source and the event's title. */
const ESTIMATE_COLUMNS = [
  'claim_quantities.id as quantityId',
  'claims.id as claimId',
  'events.id as eventId',
  'events.title as eventTitle',
  'claim_quantities.measure',
  'claim_quantities.subject',
  'claim_quantities.low',
  'claim_quantities.best',
  'claim_quantities.high',
  'claim_quantities.phrase',
  'claims.stance',
  'claims.published_at as publishedAt',
  'claims.published_precision as publishedPrecision',
  'sources.id as sourceId',
  'sources.name as sourceName',
  'sources.reliability',
  'sources.party_to_conflict as partyToConflict',
  'claims.attributed_to as attributedTo',
  'claims.origin',
  'claims.credibility',
  'claims.retracted',
  'claims.quote',
] as const;

/**
 * One row per claimed quantity of the chosen measures and subject, on the
 * events the filters select, from the claims the claim-level filters keep.
 * A claim with no figure (declined to comment, cannot confirm, "killed and
 * wounded" without a number) has a quantity with null low/best/high and is
 * listed too: silence and vagueness are part of the picture.
 *
 * Oldest publication first; when more than `limit` match, the latest `limit`
 * of them, and `truncated`.
 */
export async function listEstimates(
  db: Kysely<Database>,
  filters: EventFilters,
  measures: readonly Measure[],
  subject: string,
  limit: number,
  opts: EstimatesOptions = {},
): Promise<{ items: Estimate[]; truncated: boolean }> {
  if (opts.figures !== false && figuresCanAnswer(filters)) {
    return latestFromFigures(db, filters, measures, subject, limit, opts.windowFigures ?? WINDOW_FIGURES);
  }
  const rows = await figuresOfEvents(db, filters)
    .where('claim_quantities.measure', 'in', [...measures])
    .where(sql<boolean>`lower(claim_quantities.subject) = lower(${subject})`)
    .select(ESTIMATE_COLUMNS)
    // Latest first, so that the claims' publication index (migration 2025-01-07) can be walked back from the
    // newest and stop at the limit; turned back to oldest first below.
    .orderBy('claims.published_at', 'desc')
    .orderBy('claims.id', 'desc')
    .orderBy('claim_quantities.position', 'desc')
    .limit(limit + 1)
    .execute();
  return oldestFirst(rows as Estimate[], limit);
}

/**
 * Which measures and subjects have claimed figures under the filters, and
 * how many: the choices of the estimates view. The figures counted are the
 * ones listEstimates would list (the claim-level filters keep claims here
 * too, not only events).
 */
export async function listEstimateSeries(db: Kysely<Database>, filters: EventFilters, opts: EstimatesOptions = {}): Promise<EstimateSeries['items']> {
  if (opts.figures !== false && unfiltered(filters)) return everySeries(db);
  if (opts.figures !== false && figuresCanAnswer(filters)) return figuresSeries(db, filters);
  const rows = await figuresOfEvents(db, filters)
    .select(['claim_quantities.measure', 'claim_quantities.subject', sql<number>`count(*)::int`.as('count')])
    .groupBy(['claim_quantities.measure', 'claim_quantities.subject'])
    .orderBy('claim_quantities.subject')
    .orderBy('claim_quantities.measure')
    .execute();
  return rows as EstimateSeries['items'];
}

/**
 * Every figure of the claims the claim-level filters keep, on the events the
 * filters keep: the events joined to their claims (with their sources, for
 * the trust filters) and the claims to their figures.
 */
function figuresOfEvents(db: Kysely<Database>, filters: EventFilters) {
  return claimConditions(filters).reduce(
    (q, condition) => q.where(condition),
    applyEventFilters(db.selectFrom('events'), filters)
      .innerJoin('claims', 'claims.event_id', 'events.id')
      .innerJoin('sources', 'sources.id', 'claims.source_id')
      .innerJoin('claim_quantities', 'claim_quantities.claim_id', 'claims.id'),
  );
}

/** Up to `limit + 1` figures read latest first, answered as the latest `limit`, oldest first, and whether more matched. */
function oldestFirst(latestFirst: Estimate[], limit: number): { items: Estimate[]; truncated: boolean } {
  const truncated = latestFirst.length > limit;
  return { items: (truncated ? latestFirst.slice(0, limit) : latestFirst).reverse(), truncated };
}

/**
 * `figures: false` reads the claims and events themselves, whatever the
 * filters: the reference the figures table is tested against.
 * `windowFigures` replaces WINDOW_FIGURES (tests: 0 always walks).
 */
export type EstimatesOptions = { figures?: boolean; windowFigures?: number };

/**
 * True when the figures table (migration 2025-01-08) holds every filter:
 * dates, kinds, statuses and a box. A text query, actors, tags and the
 * claim-level filters are read from the events and claims.
 */
function figuresCanAnswer(f: EventFilters): boolean {
  return rollupCanAnswer({ ...f, bbox: undefined });
}

/** The live figures under the filters figuresCanAnswer accepts, as the events' filters state them (event-filters.ts). */
function figuresUnder(db: Kysely<Database>, f: EventFilters): SelectQueryBuilder<Database, 'figures', {}> {
  return db
    .selectFrom('figures')
    .where(sql<boolean>`figures.live`)
    .$if(f.from !== undefined, (q) => q.where('figures.span_end', '>=', f.from!))
    .$if(f.to !== undefined, (q) => q.where('figures.start_date', '<=', f.to!))
    .$if(!!f.kind?.length, (q) => q.where('figures.kind', 'in', f.kind!))
    .$if(!!f.status?.length, (q) => q.where('figures.status', 'in', f.status!))
    .$if(f.bbox !== undefined, (q) =>
      q
        .where('figures.lon', '>=', f.bbox!.west)
        .where('figures.lon', '<=', f.bbox!.east)
        .where('figures.lat', '>=', f.bbox!.south)
        .where('figures.lat', '<=', f.bbox!.north),
    );
}

/**
 * A window holding at most this many live figures (under every filter but
 * the subject and measures) has its latest figures chosen from the window's
 * figures; past it, by walking the subject's figures back from the newest.
 */
const WINDOW_FIGURES = 50_000;

/**
 * The latest `limit` figures from the figures table, then the chosen
 * figures' claims, events and sources for what the view shows. Chosen one
 * of two ways, every filter read from an index:
 * - by walking `figures_latest` back from the subject's newest figure,
 *   which stops at the limit: quick when the figures under the filters are
 *   among the latest, slow when a window in the past makes it pass every
 *   newer figure first (at a million events, June 2024 meant 303,194 of
 *   them: 87 ms of a warm cache);
 * - for a window that holds few figures (WINDOW_FIGURES, counted first
 *   and no further), from the window's own figures (windowParts), sorted.
 */
async function latestFromFigures(
  db: Kysely<Database>,
  f: EventFilters,
  measures: readonly Measure[],
  subject: string,
  limit: number,
  windowFigures: number,
): Promise<{ items: Estimate[]; truncated: boolean }> {
  const ofSubject = (q: SelectQueryBuilder<Database, 'figures', {}>) =>
    q
      .where('figures.subject_key', '=', sql<string>`lower(${subject})`)
      .where('figures.measure', 'in', [...measures])
      .select(['figures.quantity_id', 'figures.published_at', 'figures.claim_id', 'figures.position']);
  const narrow = await narrowWindow(db, f, windowFigures);
  const figures = (narrow ? windowParts(db, f) : [figuresUnder(db, f)]).map(ofSubject).reduce((a, b) => a.unionAll(b));
  const rows = await db
    // The window's figures are gathered first (materialized), then sorted: given the choice, the planner walked
    // figures_latest for a window open at its start, past every figure since.
    .with((cte) => (narrow ? cte('f').materialized() : cte('f')), () => figures)
    .with('chosen', (qc) =>
      qc
        .selectFrom('f')
        .selectAll()
        .orderBy('f.published_at', 'desc')
        .orderBy('f.claim_id', 'desc')
        .orderBy('f.position', 'desc')
        .limit(limit + 1),
    )
    .selectFrom('chosen')
    .innerJoin('claim_quantities', 'claim_quantities.id', 'chosen.quantity_id')
    .innerJoin('claims', 'claims.id', 'chosen.claim_id')
    .innerJoin('events', 'events.id', 'claims.event_id')
    .innerJoin('sources', 'sources.id', 'claims.source_id')
    .select(ESTIMATE_COLUMNS)
    .orderBy('chosen.published_at', 'desc')
    .orderBy('chosen.claim_id', 'desc')
    .orderBy('chosen.position', 'desc')
    .execute();
  return oldestFirst(rows as Estimate[], limit);
}

/** True when the filters have a window whose figures starting in it are no more than `most` (counted up to one more). */
async function narrowWindow(db: Kysely<Database>, f: EventFilters, most: number): Promise<boolean> {
  if ((f.from === undefined && f.to === undefined) || most <= 0) return false;
  const probe = windowParts(db, f)[0]!.select(sql`1`.as('one')).limit(most + 1).as('probe');
  const { n } = await db.selectFrom(probe).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return n <= most;
}

/**
 * The live figures under the filters, their window read in two parts that
 * do not overlap (migration 2025-01-10): the figures whose event starts in
 * the window, a range of `figures_starts`, and those whose event starts
 * before it and reaches into it, which only events of several days can, a
 * range of `figures_spans`. Read as one condition (the event's span meets
 * the window), the table has no index that reads only the window.
 */
function windowParts(db: Kysely<Database>, f: EventFilters): SelectQueryBuilder<Database, 'figures', {}>[] {
  // With no window, the one part is every live figure under the other filters.
  const undated = { ...f, from: undefined, to: undefined };
  const starting = figuresUnder(db, undated)
    .$if(f.from !== undefined, (q) => q.where('figures.start_date', '>=', f.from!))
    .$if(f.to !== undefined, (q) => q.where('figures.start_date', '<=', f.to!));
  if (f.from === undefined) return [starting];
  const reaching = figuresUnder(db, undated)
    .where(sql<boolean>`figures.span_end > figures.start_date`)
    .where('figures.span_end', '>=', f.from)
    .where('figures.start_date', '<', f.from);
  return [starting, reaching];
}

/**
 * The series from the figures table; under a date window from the window's
 * two parts (windowParts): a month at a million events 12 ms of SQL, where
 * reading every live figure took 89.
 */
async function figuresSeries(db: Kysely<Database>, f: EventFilters): Promise<EstimateSeries['items']> {
  const parts = windowParts(db, f).map((q) => q.select(['figures.measure', 'figures.subject']));
  const rows = await db
    .selectFrom(parts.reduce((a, b) => a.unionAll(b)).as('x'))
    .select(['x.measure', 'x.subject', sql<number>`count(*)::int`.as('count')])
    .groupBy(['x.measure', 'x.subject'])
    .orderBy('x.subject')
    .orderBy('x.measure')
    .execute();
  return rows as EstimateSeries['items'];
}

/** No filter at all: every live event's figures count. */
function unfiltered(f: EventFilters): boolean {
  return rollupCanAnswer(f) && f.from === undefined && f.to === undefined && !f.kind?.length && !f.status?.length;
}

/**
 * The series with no filter: every figure, counted from the quantities' own
 * index (measure, subject), less the figures of the soft-deleted events
 * (few, through their partial index). Joining each figure to its claim and
 * its event took 3.5 s at a million events; counting the live rows of the
 * figures table, 263 ms against 151.
 */
async function everySeries(db: Kysely<Database>): Promise<EstimateSeries['items']> {
  const all = db
    .selectFrom('claim_quantities')
    .select(['claim_quantities.measure', 'claim_quantities.subject', sql<number>`count(*)`.as('n')])
    .groupBy(['claim_quantities.measure', 'claim_quantities.subject']);
  const deleted = db
    .selectFrom('events')
    .innerJoin('claims', 'claims.event_id', 'events.id')
    .innerJoin('claim_quantities', 'claim_quantities.claim_id', 'claims.id')
    .where('events.deleted_at', 'is not', null)
    .select(['claim_quantities.measure', 'claim_quantities.subject', sql<number>`-count(*)`.as('n')])
    .groupBy(['claim_quantities.measure', 'claim_quantities.subject']);
  const rows = await db
    .selectFrom(all.unionAll(deleted).as('x'))
    .select(['x.measure', 'x.subject', sql<number>`sum(x.n)::int`.as('count')])
    .groupBy(['x.measure', 'x.subject'])
    .having(sql<boolean>`sum(x.n) > 0`)
    .orderBy('x.subject')
    .orderBy('x.measure')
    .execute();
  return rows as EstimateSeries['items'];
}
