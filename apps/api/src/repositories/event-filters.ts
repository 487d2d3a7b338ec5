import { type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, type Transaction, sql } from 'kysely';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';
import { boxShare } from './event-cells.js';
import { rollupCanAnswer } from './event-counts.js';

/**
 * The one place the list filters become SQL. List, timeline, map, facets,
 * estimates and export all call it, so they cannot disagree.
 *
 * Claim-level filters (source, minReliability, minCredibility, stance,
 * excludeParties) keep an event when at least one of its claims passes all of
 * them together.
 */

type EventsQuery<O> = SelectQueryBuilder<Database, 'events', O>;
export type FilterDimension = 'kind' | 'status' | 'actor' | 'source' | 'tag';

/**
 * Filters with what is known of the box. The same box can be written two
 * ways with the same meaning (edges included): `point(lon, lat) <@ box`,
 * which the location index serves but which PostgreSQL always believes
 * matches 0.1 % of the rows, or `lon between … and lat between …`, which no
 * index serves but which the planner estimates from column statistics.
 *
 * A box holding a large share of the events must not look selective to a
 * page of the list: the planner would fetch all of them through the index and
 * sort them for a page of 100, where walking the date order and skipping the
 * few outside is far cheaper. An aggregate (count, map, timeline, facets)
 * reads every match anyway, and the covering location index is its best
 * path, unless a date filter or a text query is the more selective one: then
 * the box goes as ranges so that the span index or the full-text index is
 * chosen (with the box as an index condition, a one-word query over the whole
 * region ANDed the full-text bitmap with every event's location: 200 ms for
 * one match at 1M).
 *
 * `boxShare` comes from planFilters; `boxPlan` forces one form (tests).
 */
export type PlannedFilters = EventFilters & { boxShare?: number; boxPlan?: 'index' | 'range' };
export type FilterUse = 'page' | 'aggregate';

/**
 * Past this share of the located events a box is "large". A page of n
 * events in date order walks about n / share rows; through the index it
 * reads share × N rows and sorts them; at N = 1,000,000 and n = 100 the two
 * meet near 1 %.
 */
export const BOX_INDEX_MAX_SHARE = 0.01;

/** Measures the box (if any) once per request, from the cell rollup: a millisecond or two. */
export async function planFilters(db: Kysely<Database> | Transaction<Database>, f: EventFilters): Promise<PlannedFilters> {
  if (!f.bbox) return f;
  return { ...f, boxShare: await boxShare(db, f.bbox) };
}

/** How the box goes to SQL for a use (see PlannedFilters). */
export function boxPlanFor(f: PlannedFilters, use: FilterUse): 'index' | 'range' {
  if (f.boxPlan) return f.boxPlan;
  if (f.boxShare === undefined || f.boxShare <= BOX_INDEX_MAX_SHARE) return 'index';
  return use === 'page' || f.from !== undefined || f.to !== undefined || f.q !== undefined ? 'range' : 'index';
}

/**
 * Past this share of the located events in a box (boxShare), an aggregate
 * of the box is better counted as the aggregate without the box, from a
 * rollup, less the events outside the box: fewer events to read than inside
 * it ("limit to map view" with the whole region in view holds them all).
 */
export const BOX_COMPLEMENT_MIN_SHARE = 0.5;

/** True when the filters but the box are ones the event_counts rollup answers, and the box holds more than `minShare` of the located events. */
export function boxComplementCanAnswer(f: PlannedFilters, minShare = BOX_COMPLEMENT_MIN_SHARE): boolean {
  return f.bbox !== undefined && rollupCanAnswer({ ...f, bbox: undefined }) && (f.boxShare ?? 0) > minShare;
}

/**
 * The events not in a box (its edges belong to the box), as disjoint
 * conditions on `events`: the located ones in four boxes around it (west,
 * east, and south and north between its sides), each for the location
 * index, and those with no place.
 */
export function boxComplement(box: NonNullable<EventFilters['bbox']>): RawBuilder<boolean>[] {
  const { west, south, east, north } = box;
  const located = (w: number, s: number, e: number, n: number, strict: RawBuilder<boolean>) =>
    sql<boolean>`events.lat is not null and point(events.lon, events.lat) <@ box(point(${w}, ${s}), point(${e}, ${n})) and ${strict}`;
  return [
    located(-180, -90, west, 90, sql<boolean>`events.lon < ${west}`),
    located(east, -90, 180, 90, sql<boolean>`events.lon > ${east}`),
    located(west, -90, east, south, sql<boolean>`events.lon between ${west} and ${east} and events.lat < ${south}`),
    located(west, north, east, 90, sql<boolean>`events.lon between ${west} and ${east} and events.lat > ${north}`),
    sql<boolean>`events.lat is null`,
  ];
}

/**
 * The events matching f but for its box that lie outside the box
 * (boxComplement), one query per part, each through the location index
 * (which covers what the aggregates read: no table rows). Aggregate each
 * part and add them up (one statement, `union all`); a join of all their ids
 * to the events reads a row per id. The dates go as plain conditions (the
 * form a page of the list uses), not as the span index's range: given that,
 * the planner read a year's 335,000 events once per part, where the parts
 * held a few hundred.
 */
export function outsideBoxParts(db: Kysely<Database> | Transaction<Database>, f: PlannedFilters) {
  const unboxed = { ...f, bbox: undefined };
  return boxComplement(f.bbox!).map((where) => applyEventFilters(db.selectFrom('events'), unboxed, undefined, 'page').where(where));
}

/** The ids of the events outside the box (outsideBoxParts), one statement. */
export function eventsOutsideBox(db: Kysely<Database> | Transaction<Database>, f: PlannedFilters) {
  return outsideBoxParts(db, f)
    .map((q) => q.select('events.id'))
    .reduce((a, b) => a.unionAll(b));
}

export function applyEventFilters<O>(qb: EventsQuery<O>, f: PlannedFilters, omit?: FilterDimension, use: FilterUse = 'aggregate'): EventsQuery<O> {
  return qb
    .where('events.deleted_at', 'is', null)
    .$if(f.from !== undefined, (q) => q.where(sql<string>`coalesce(events.end_date, events.start_date)`, '>=', f.from!))
    .$if(f.to !== undefined, (q) => q.where('events.start_date', '<=', f.to!))
    // The same overlap once more, as ranges, for the aggregates: the span index (migration 2024-12-28) serves it.
    // Not for a page of the list, which walks its keyset index with the two conditions above: the planner
    // cannot estimate this form and would take the span index and a sort instead.
    .$if(use === 'aggregate' && (f.from !== undefined || f.to !== undefined), (q) =>
      q.where(
        sql<boolean>`daterange(events.start_date, coalesce(events.end_date, events.start_date), '[]') && daterange(${f.from ?? null}::date, ${f.to ?? null}::date, '[]')`,
      ),
    )
    .$if(omit !== 'kind' && !!f.kind?.length, (q) => q.where('events.kind', 'in', f.kind!))
    .$if(omit !== 'status' && !!f.status?.length, (q) => q.where('events.status', 'in', f.status!))
    .$if(omit !== 'tag' && !!f.tag?.length, (q) => q.where(sql<boolean>`events.tags && ${sql.val(f.tag!)}::text[]`))
    .$if(f.q !== undefined, (q) => q.where(sql<boolean>`events.search @@ websearch_to_tsquery('english', ${f.q!})`))
    .$if(f.bbox !== undefined, (q) => {
      const { west, south, east, north } = f.bbox!;
      if (boxPlanFor(f, use) === 'range') {
        return q.where('events.lon', '>=', west).where('events.lon', '<=', east).where('events.lat', '>=', south).where('events.lat', '<=', north);
      }
      return q
        .where('events.lat', 'is not', null)
        .where(sql<boolean>`point(events.lon, events.lat) <@ box(point(${west}, ${south}), point(${east}, ${north}))`);
    })
    .$if(omit !== 'actor' && !!f.actor?.length, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('event_actors')
            .select(sql`1`.as('one'))
            .whereRef('event_actors.event_id', '=', 'events.id')
            .where('event_actors.actor_id', 'in', f.actor!),
        ),
      ),
    )
    .$if(hasClaimFilter(f, omit), (q) => q.where((eb) => claimExists(eb, f, omit)));
}

function hasClaimFilter(f: EventFilters, omit?: FilterDimension): boolean {
  return claimConditions(f, omit).length > 0;
}

/**
 * The claim-level filters as conditions on `claims` joined with `sources`.
 * Events keep the ones with a claim passing them all; the estimates view
 * keeps only such claims.
 */
export function claimConditions(f: EventFilters, omit?: FilterDimension): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  if (omit !== 'source' && f.source?.length) conditions.push(sql<boolean>`claims.source_id in (${sql.join(f.source)})`);
  // A is the most reliable: "B or better" is reliability <= 'B'.
  if (f.minReliability !== undefined) conditions.push(sql<boolean>`sources.reliability <= ${f.minReliability}`);
  // 1 is the most credible: "2 or better" is credibility <= 2.
  if (f.minCredibility !== undefined) conditions.push(sql<boolean>`claims.credibility <= ${f.minCredibility}`);
  if (f.stance?.length) conditions.push(sql<boolean>`claims.stance in (${sql.join(f.stance)})`);
  if (f.excludeParties === true) conditions.push(sql<boolean>`not sources.party_to_conflict`);
  return conditions;
}

function claimExists(eb: ExpressionBuilder<Database, 'events'>, f: EventFilters, omit?: FilterDimension) {
  return eb.exists(
    claimConditions(f, omit).reduce(
      (q, condition) => q.where(condition),
      eb
        .selectFrom('claims')
        .innerJoin('sources', 'sources.id', 'claims.source_id')
        .select(sql`1`.as('one'))
        .whereRef('claims.event_id', '=', 'events.id'),
    ),
  );
}
