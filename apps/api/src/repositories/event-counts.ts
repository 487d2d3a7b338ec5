import { type Kysely, type SelectQueryBuilder, type Transaction, sql } from 'kysely';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';

/**
 * The event_counts rollup (see its migration): live events per start date,
 * end of span, kind and status. When the filters are only dates, kinds and
 * statuses it answers counts exactly, without reading the events.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** True when every filter set can be answered from the rollup. */
export function rollupCanAnswer(f: EventFilters): boolean {
  return (
    f.q === undefined &&
    f.bbox === undefined &&
    !f.actor?.length &&
    !f.source?.length &&
    !f.tag?.length &&
    f.minReliability === undefined &&
    f.minCredibility === undefined &&
    !f.stance?.length &&
    f.excludeParties !== true
  );
}

export function fromRollup(db: Db, f: EventFilters, omit?: 'kind' | 'status'): SelectQueryBuilder<Database, 'event_counts', {}> {
  return withKindStatus(
    db
      .selectFrom('event_counts')
      .$if(f.from !== undefined, (q) => q.where('event_counts.span_end', '>=', f.from!))
      .$if(f.to !== undefined, (q) => q.where('event_counts.start_date', '<=', f.to!))
      // As for the events (event-filters.ts): the overlap as ranges too, for the span index (migration 2024-12-28).
      .$if(f.from !== undefined || f.to !== undefined, (q) =>
        q.where(sql<boolean>`daterange(event_counts.start_date, event_counts.span_end, '[]') && daterange(${f.from ?? null}::date, ${f.to ?? null}::date, '[]')`),
      ),
    f,
    omit,
  );
}

/**
 * Counts per kind and status (columns kind, status, n) for a total or the
 * kind and status facets. Without dates, from the few 'all' rows of
 * facet_counts (migration 2024-12-29), which hold what the whole of
 * event_counts adds up to; read under event_counts' name.
 */
export function fromKindStatusCounts(db: Db, f: EventFilters, omit?: 'kind' | 'status'): SelectQueryBuilder<Database, 'event_counts', {}> {
  if (f.from !== undefined || f.to !== undefined) return fromRollup(db, f, omit);
  const totals = db
    .selectFrom('facet_counts')
    .select(['facet_counts.kind', 'facet_counts.status', 'facet_counts.n'])
    .where('facet_counts.dim', '=', 'all')
    .as('event_counts');
  return withKindStatus(db.selectFrom(totals) as unknown as SelectQueryBuilder<Database, 'event_counts', {}>, f, omit);
}

function withKindStatus(q: SelectQueryBuilder<Database, 'event_counts', {}>, f: EventFilters, omit?: 'kind' | 'status') {
  return q
    .$if(omit !== 'kind' && !!f.kind?.length, (q) => q.where('event_counts.kind', 'in', f.kind!))
    .$if(omit !== 'status' && !!f.status?.length, (q) => q.where('event_counts.status', 'in', f.status!));
}

export async function countFromRollup(db: Db, f: EventFilters): Promise<number> {
  const row = await fromKindStatusCounts(db, f).select(sql<number>`coalesce(sum(n), 0)::int`.as('total')).executeTakeFirstOrThrow();
  return row.total;
}
