import { type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';

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

export function applyEventFilters<O>(qb: EventsQuery<O>, f: EventFilters, omit?: FilterDimension): EventsQuery<O> {
  return qb
    .where('events.deleted_at', 'is', null)
    .$if(f.from !== undefined, (q) => q.where(sql<string>`coalesce(events.end_date, events.start_date)`, '>=', f.from!))
    .$if(f.to !== undefined, (q) => q.where('events.start_date', '<=', f.to!))
    .$if(omit !== 'kind' && !!f.kind?.length, (q) => q.where('events.kind', 'in', f.kind!))
    .$if(omit !== 'status' && !!f.status?.length, (q) => q.where('events.status', 'in', f.status!))
    .$if(omit !== 'tag' && !!f.tag?.length, (q) => q.where(sql<boolean>`events.tags && ${sql.val(f.tag!)}::text[]`))
    .$if(f.q !== undefined, (q) => q.where(sql<boolean>`events.search @@ websearch_to_tsquery('english', ${f.q!})`))
    .$if(f.bbox !== undefined, (q) => {
      const { west, south, east, north } = f.bbox!;
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
