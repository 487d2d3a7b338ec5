import { addDays } from '@claimline/shared/dates';
import type { Timeline } from '@claimline/shared/aggregates';
import type { TimelineBucket } from '@claimline/shared/vocabulary';

/**
 * Bucket arithmetic on `YYYY-MM-DD` strings in UTC, the same buckets as the
 * API: days, ISO weeks starting on Monday, calendar months.
 */

function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay(); // 0 = Sunday
}

export function bucketStart(date: string, bucket: TimelineBucket): string {
  if (bucket === 'month') return `${date.slice(0, 7)}-01`;
  if (bucket === 'week') return addDays(date, -((weekday(date) + 6) % 7));
  return date;
}

export function nextBucket(start: string, bucket: TimelineBucket): string {
  if (bucket === 'day') return addDays(start, 1);
  if (bucket === 'week') return addDays(start, 7);
  const [y, m] = start.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 1)).toISOString().slice(0, 10);
}

/** The last day of the bucket that starts on `start`: the inclusive `to` of a brushed range. */
export function bucketEnd(start: string, bucket: TimelineBucket): string {
  return addDays(nextBucket(start, bucket), -1);
}

/** One bucket: its start, its total, and a count per series (kinds, or statuses when stacked by status). */
export type TimelineRow = { start: string; total: number; counts: Record<string, number> };

const MAX_FILLED_BUCKETS = 2000;

/**
 * The series with empty buckets filled in, so bar spacing is time and gaps
 * show as gaps. With a date filter the axis spans the whole filtered range.
 */
export function fillSeries(timeline: Timeline, from?: string, to?: string): TimelineRow[] {
  const bucket = timeline.bucket;
  const byStart = new Map(timeline.series.map((s) => [s.start, s.counts]));
  const starts = timeline.series.map((s) => s.start).sort();
  let first = starts[0];
  let last = starts[starts.length - 1];
  if (from) first = first && first < bucketStart(from, bucket) ? first : bucketStart(from, bucket);
  if (to) last = last && last > bucketStart(to, bucket) ? last : bucketStart(to, bucket);
  if (!first || !last) return [];

  const rows: TimelineRow[] = [];
  for (let start = first; start <= last && rows.length < MAX_FILLED_BUCKETS; start = nextBucket(start, bucket)) {
    rows.push(toRow(start, byStart.get(start)));
  }
  // Too long to fill (years of days): show the buckets there are.
  if (rows.length >= MAX_FILLED_BUCKETS) return starts.map((s) => toRow(s, byStart.get(s)));
  return rows;
}

function toRow(start: string, counts: Record<string, number> | undefined): TimelineRow {
  const row: TimelineRow = { start, total: 0, counts: {} };
  for (const [series, n] of Object.entries(counts ?? {})) {
    if (n > 0) row.counts[series] = n;
    row.total += n;
  }
  return row;
}
