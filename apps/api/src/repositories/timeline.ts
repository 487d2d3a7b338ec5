import { type Kysely, sql } from 'kysely';
import type { Timeline } from '@claimline/shared/aggregates';
import type { EventFilters } from '@claimline/shared/filters';
import type { TimelineBucket, TimelineStack } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { fromRollup, rollupCanAnswer } from './event-counts.js';
import { applyEventFilters } from './event-filters.js';

/**
 * Events per bucket and kind, by start date: every matching event is counted
 * exactly once, so the series sums to the list's total. Weeks start on Monday
 * (ISO). The date is truncated as a plain timestamp, so no time zone moves it.
 */
export async function getTimeline(
  db: Kysely<Database>,
  filters: EventFilters,
  bucket: TimelineBucket,
  stack: TimelineStack = 'kind',
): Promise<Timeline> {
  const column = stack === 'status' ? 'events.status' : 'events.kind';
  const unit = sql.lit(bucket);
  // Only dates, kinds and statuses filtered: the rollup answers without reading the events.
  const rows = rollupCanAnswer(filters)
    ? await fromRollup(db, filters)
        .select([
          sql<string>`date_trunc(${unit}, event_counts.start_date::timestamp)::date`.as('start'),
          sql.ref(stack === 'status' ? 'event_counts.status' : 'event_counts.kind').as('key'),
          sql<number>`sum(n)::int`.as('n'),
        ])
        .groupBy([sql`1`, sql`2`])
        .having(sql<boolean>`sum(n) > 0`)
        .orderBy(sql`1`)
        .orderBy(sql`2`)
        .execute()
    : await applyEventFilters(db.selectFrom('events'), filters)
        .select([
          sql<string>`date_trunc(${unit}, events.start_date::timestamp)::date`.as('start'),
          sql.ref(column).as('key'),
          sql<number>`count(*)::int`.as('n'),
        ])
        .groupBy([sql`1`, sql`2`])
        .orderBy(sql`1`)
        .orderBy(sql`2`)
        .execute();
  const series: Timeline['series'] = [];
  for (const r of rows) {
    let last = series.at(-1);
    if (!last || last.start !== r.start) {
      last = { start: r.start, counts: {} };
      series.push(last);
    }
    last.counts[r.key as string] = r.n;
  }
  return { bucket, stack, series };
}
