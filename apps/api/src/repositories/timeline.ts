import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Timeline } from '@claimline/shared/aggregates';
import type { EventFilters } from '@claimline/shared/filters';
import type { TimelineBucket, TimelineStack } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { fromRollup, rollupCanAnswer } from './event-counts.js';
import { applyEventFilters, boxComplementCanAnswer, outsideBoxParts, type PlannedFilters } from './event-filters.js';
import { fromWords, wordsCanAnswer } from './event-words.js';

/** `rollups: false` counts the events themselves, whatever the filters: the reference the rollups are tested against. */
export type TimelineOptions = { rollups?: boolean };

type Row = { start: string; key: string; n: number };

/**
 * Events per bucket and kind, by start date: every matching event is counted
 * exactly once, so the series sums to the list's total. Weeks start on Monday
 * (ISO). The date is truncated as a plain timestamp, so no time zone moves it.
 *
 * Only dates, kinds and statuses filtered: the event_counts rollup answers
 * without reading the events. A box holding most of the located events (as
 * "limit to map view" does at first, the whole region in view) with only
 * those filters: the rollup's series less the events outside the box and
 * the events with no place (outsideBoxParts: the box's complement is four
 * boxes around it, read through the location index). At a million events
 * the whole region's box read every event in it, 0.6 s; its complement is
 * nearly empty. A text query with only kinds, statuses and a box besides
 * counts its matches in event_words (event-words.ts). Anything else counts
 * the matching events.
 */
export async function getTimeline(
  db: Kysely<Database>,
  filters: PlannedFilters,
  bucket: TimelineBucket,
  stack: TimelineStack = 'kind',
  opts: TimelineOptions = {},
): Promise<Timeline> {
  const rollups = opts.rollups !== false;
  let rows: Row[];
  if (rollups && rollupCanAnswer(filters)) rows = await rollupRows(db, filters, bucket, stack);
  else if (rollups && boxComplementCanAnswer(filters)) {
    const unboxed = { ...filters, bbox: undefined };
    const [all, less] = await Promise.all([
      rollupRows(db, unboxed, bucket, stack),
      outsideBoxParts(db, filters)
        .map((q) => grouped(db, q, bucket, stack))
        .reduce((a, b) => a.unionAll(b))
        .execute(),
    ]);
    rows = subtract(all, less);
  } else if (rollups && wordsCanAnswer(filters)) {
    rows = await grouped(db, fromWords(db, filters), bucket, stack, 'event_words').orderBy(sql`1`).orderBy(sql`2`).execute();
  } else {
    rows = await grouped(db, applyEventFilters(db.selectFrom('events'), filters), bucket, stack).orderBy(sql`1`).orderBy(sql`2`).execute();
  }

  const series: Timeline['series'] = [];
  for (const r of rows) {
    let last = series.at(-1);
    if (!last || last.start !== r.start) {
      last = { start: r.start, counts: {} };
      series.push(last);
    }
    last.counts[r.key] = r.n;
  }
  return { bucket, stack, series };
}

/** `all` less `parts`, per bucket and key; emptied ones left out, in `all`'s order (bucket, then key). */
function subtract(all: Row[], parts: Row[]): Row[] {
  const less = new Map<string, number>();
  for (const p of parts) less.set(`${p.start}|${p.key}`, (less.get(`${p.start}|${p.key}`) ?? 0) + p.n);
  return all.map((r) => ({ ...r, n: r.n - (less.get(`${r.start}|${r.key}`) ?? 0) })).filter((r) => r.n > 0);
}

function rollupRows(db: Kysely<Database>, f: EventFilters, bucket: TimelineBucket, stack: TimelineStack): Promise<Row[]> {
  return fromRollup(db, f)
    .select([
      sql<string>`date_trunc(${sql.lit(bucket)}, event_counts.start_date::timestamp)::date`.as('start'),
      sql<string>`${sql.ref(stack === 'status' ? 'event_counts.status' : 'event_counts.kind')}`.as('key'),
      sql<number>`sum(n)::int`.as('n'),
    ])
    .groupBy([sql`1`, sql`2`])
    .having(sql<boolean>`sum(n) > 0`)
    .orderBy(sql`1`)
    .orderBy(sql`2`)
    .execute();
}

/**
 * The events' rows per bucket and key, unordered: counted per start date and
 * key first, then the days summed into their buckets, so that the date is
 * truncated once per day instead of once per event (the front-line box at a
 * million events, 167,104 events by week: 87-94 ms of SQL, 67-69 ms so).
 */
function grouped(
  db: Kysely<Database>,
  q: SelectQueryBuilder<Database, 'events' | 'event_words', {}>,
  bucket: TimelineBucket,
  stack: TimelineStack,
  table: 'events' | 'event_words' = 'events',
) {
  const perDay = q
    .select([
      sql<string>`${sql.ref(`${table}.start_date`)}`.as('day'),
      sql<string>`${sql.ref(`${table}.${stack === 'status' ? 'status' : 'kind'}`)}`.as('key'),
      sql<number>`count(*)`.as('n'),
    ])
    .groupBy([sql`1`, sql`2`]);
  return db
    .selectFrom(perDay.as('d'))
    .select([
      sql<string>`date_trunc(${sql.lit(bucket)}, d.day::timestamp)::date`.as('start'),
      'd.key',
      sql<number>`sum(d.n)::int`.as('n'),
    ])
    .groupBy([sql`1`, sql`2`]);
}
