import { type Kysely, sql } from 'kysely';
import type { Facets, FacetCount } from '@claimline/shared/aggregates';
import type { EventFilters } from '@claimline/shared/filters';
import { EVENT_KINDS, EVENT_STATUSES, KIND_LABELS, STATUS_LABELS } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { applyEventFilters, claimConditions } from './event-filters.js';
import { fromKindStatusCounts, rollupCanAnswer } from './event-counts.js';
import { countEvents } from './events.js';

/** The most values a facet lists. */
const FACET_LIMIT = 200;

/**
 * Counts for the filter panel. Each dimension is counted under every filter
 * but its own, so ticking one kind still shows how many of each other kind
 * there are (the usual faceted-search behaviour).
 */
export async function getFacets(db: Kysely<Database>, f: EventFilters): Promise<Facets> {
  const [total, kind, status, actor, source, tag] = await Promise.all([
    countEvents(db, f),
    rollupCanAnswer(f)
      ? fromKindStatusCounts(db, f, 'kind').select(['event_counts.kind as value', sql<number>`sum(n)::int`.as('count')]).groupBy('event_counts.kind').execute()
      : applyEventFilters(db.selectFrom('events'), f, 'kind')
          .select(['events.kind as value', sql<number>`count(*)::int`.as('count')])
          .groupBy('events.kind')
          .execute(),
    rollupCanAnswer(f)
      ? fromKindStatusCounts(db, f, 'status').select(['event_counts.status as value', sql<number>`sum(n)::int`.as('count')]).groupBy('event_counts.status').execute()
      : applyEventFilters(db.selectFrom('events'), f, 'status')
          .select(['events.status as value', sql<number>`count(*)::int`.as('count')])
          .groupBy('events.status')
          .execute(),
    facetRollupCanAnswer(f, 'actor')
      ? fromFacetCounts(db, f, 'actor')
      : applyEventFilters(db.selectFrom('events'), f, 'actor')
      .innerJoin('event_actors', 'event_actors.event_id', 'events.id')
      .innerJoin('actors', 'actors.id', 'event_actors.actor_id')
      .select(['actors.id as value', 'actors.name as label', sql<number>`count(distinct events.id)::int`.as('count')])
      .groupBy(['actors.id', 'actors.name'])
      .orderBy(sql`3`, 'desc')
      .orderBy('actors.name')
      .limit(FACET_LIMIT)
      .execute(),
    facetRollupCanAnswer(f, 'source')
      ? fromFacetCounts(db, f, 'source')
      : // Only the claims that pass the other claim-level filters (reliability,
    // credibility, stance, parties) count for their source: the count must be
    // what the list shows once that source is ticked, where one claim has to
    // pass them all together.
    claimConditions(f, 'source')
      .reduce(
        (q, condition) => q.where(condition),
        applyEventFilters(db.selectFrom('events'), f, 'source')
          .innerJoin('claims', 'claims.event_id', 'events.id')
          .innerJoin('sources', 'sources.id', 'claims.source_id'),
      )
      .select(['sources.id as value', 'sources.name as label', sql<number>`count(distinct events.id)::int`.as('count')])
      .groupBy(['sources.id', 'sources.name'])
      .orderBy(sql`3`, 'desc')
      .orderBy('sources.name')
      .limit(FACET_LIMIT)
      .execute(),
    facetRollupCanAnswer(f, 'tag')
      ? fromFacetCounts(db, f, 'tag')
      : applyEventFilters(db.selectFrom('events'), f, 'tag')
      .select([sql<string>`unnest(events.tags)`.as('value'), sql<number>`count(*)::int`.as('count')])
      .groupBy(sql`1`)
      .orderBy(sql`2`, 'desc')
      .orderBy(sql`1`)
      .limit(FACET_LIMIT)
      .execute(),
  ]);
  const withAll = <T extends string>(vocab: readonly T[], labels: Record<T, string>, rows: { value: string; count: number }[]): FacetCount[] => {
    const counts = new Map(rows.map((r) => [r.value, r.count]));
    return vocab.map((v) => ({ value: v, label: labels[v], count: counts.get(v) ?? 0 }));
  };
  return {
    total,
    kind: withAll(EVENT_KINDS, KIND_LABELS, kind),
    status: withAll(EVENT_STATUSES, STATUS_LABELS, status),
    actor,
    source,
    tag: tag.map((t) => ({ value: t.value, label: t.value, count: t.count })),
  };
}

/**
 * The facet_counts rollup (its migration) answers a dimension's counts when
 * the other filters are only kinds and statuses: no dates, text, box, or
 * claim-level filters, and no actor, source or tag filter but its own.
 */
export function facetRollupCanAnswer(f: EventFilters, dim: 'actor' | 'source' | 'tag'): boolean {
  return rollupCanAnswer({ ...f, [dim]: undefined }) && f.from === undefined && f.to === undefined;
}

function fromFacetCounts(db: Kysely<Database>, f: EventFilters, dim: 'actor' | 'source' | 'tag'): Promise<{ value: string; label: string; count: number }[]> {
  const counts = db
    .selectFrom('facet_counts')
    .where('facet_counts.dim', '=', dim)
    .where('facet_counts.n', '>', 0)
    .$if(!!f.kind?.length, (q) => q.where('facet_counts.kind', 'in', f.kind!))
    .$if(!!f.status?.length, (q) => q.where('facet_counts.status', 'in', f.status!))
    .select(['facet_counts.value', sql<number>`sum(facet_counts.n)::int`.as('count')])
    .groupBy('facet_counts.value')
    .having(sql`sum(facet_counts.n)`, '>', 0)
    .as('c');
  // Labelled and ordered as the events' own counts are: by count, then by name.
  if (dim === 'tag') {
    return db.selectFrom(counts).select(['c.value', 'c.value as label', 'c.count']).orderBy('c.count', 'desc').orderBy('c.value').limit(FACET_LIMIT).execute();
  }
  const named = (dim === 'actor' ? db.selectFrom('actors').select(['id', 'name']) : db.selectFrom('sources').select(['id', 'name'])).as('named');
  return db
    .selectFrom(counts)
    .innerJoin(named, (join) => join.on(sql`named.id::text`, '=', sql.ref('c.value')))
    .select(['c.value', 'named.name as label', 'c.count'])
    .orderBy('c.count', 'desc')
    .orderBy('named.name')
    .limit(FACET_LIMIT)
    .execute();
}
