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
  if (opts.figures !== false && figuresCanAnswer(filters)) return latestFromFigures(db, filters, measures, subject, limit);
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
  if (opts.figures !== false && figuresCanAnswer(filters) && (filters.from !== undefined || filters.to !== undefined)) {
    return windowSeries(db, filters);
  }
  if (opts.figures !== false && figuresCanAnswer(filters)) {
    const rows = await figuresUnder(db, filters)
      .select(['figures.measure', 'figures.subject', sql<number>`count(*)::int`.as('count')])
      .groupBy(['figures.measure', 'figures.subject'])
      .orderBy('figures.subject')
      .orderBy('figures.measure')
      .execute();
    return rows as EstimateSeries['items'];
  }
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

/** `figures: false` reads the claims and events themselves, whatever the filters: the reference the figures table is tested against. */
export type EstimatesOptions = { figures?: boolean };

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
 * The latest `limit` figures from the figures table: its index walked back
 * from the subject's newest figure, every filter read from the index, then
 * the chosen figures' claims, events and sources for what the view shows.
 */
async function latestFromFigures(
  db: Kysely<Database>,
  f: EventFilters,
  measures: readonly Measure[],
  subject: string,
  limit: number,
): Promise<{ items: Estimate[]; truncated: boolean }> {
  const chosen = figuresUnder(db, f)
    .where('figures.subject_key', '=', sql<string>`lower(${subject})`)
    .where('figures.measure', 'in', [...measures])
    .select(['figures.quantity_id', 'figures.published_at', 'figures.claim_id', 'figures.position'])
    .orderBy('figures.published_at', 'desc')
    .orderBy('figures.claim_id', 'desc')
    .orderBy('figures.position', 'desc')
    .limit(limit + 1)
    .as('chosen');
  const rows = await db
    .selectFrom(chosen)
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

/**
 * The series under a date window, from the figures table in two parts that
 * do not overlap (migration 2025-01-10): the figures whose event starts in
 * the window, a range of `figures_starts`, and those whose event starts
 * before it and reaches into it, which only events of several days can, a
 * range of `figures_spans`. Read as one condition (the event's span meets
 * the window), every live figure was read: 133 ms of SQL for a month at a
 * million events.
 */
async function windowSeries(db: Kysely<Database>, f: EventFilters): Promise<EstimateSeries['items']> {
  const undated = { ...f, from: undefined, to: undefined };
  const starting = figuresUnder(db, undated)
    .$if(f.from !== undefined, (q) => q.where('figures.start_date', '>=', f.from!))
    .$if(f.to !== undefined, (q) => q.where('figures.start_date', '<=', f.to!))
    .select(['figures.measure', 'figures.subject']);
  const parts =
    f.from === undefined
      ? starting
      : starting.unionAll(
          figuresUnder(db, undated)
            .where(sql<boolean>`figures.span_end > figures.start_date`)
            .where('figures.span_end', '>=', f.from)
            .where('figures.start_date', '<', f.from)
            .select(['figures.measure', 'figures.subject']),
        );
  const rows = await db
    .selectFrom(parts.as('x'))
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
