import { type RawBuilder, sql } from 'kysely';
import { addDays } from '@claimline/shared/dates';

/**
 * A date window read through a rollup by calendar month (event_cell_months
 * for the map, facet_months for the filter panel). Both count the live
 * events whose span lies in one month.
 *
 * A window W = [from, to] (either end may be open) splits into the whole
 * months inside it, A = [a0, a1], and what is left at its edges, E1 = [from,
 * a0 − 1] and E2 = [a1 + 1, to] (when A is empty, E1 is the whole window).
 * The events overlapping W are then, without overlap:
 *
 * - the one-month events whose month lies in A: the rollup's rows of those
 *   months;
 * - the events overlapping E1 (Q1);
 * - the events overlapping E2 and not E1 (Q2);
 * - the events spanning more than one month that overlap A and neither edge
 *   (Q3), through a GiST index on just those events (migration
 *   2024-12-30T000000_event_cell_months).
 *
 * Q1 and Q2 read at most the days of two partial months, so a window of a
 * year costs about what a window of a few days does.
 */

const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
/** The last day of d's month (day 0 of the next month, in UTC: no time zone moves it). */
function monthEnd(d: string): string {
  const t = new Date(0);
  t.setUTCFullYear(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0);
  return `${d.slice(0, 7)}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

export type Edge = { from: string | undefined; to: string | undefined };

/**
 * The window's whole months [a0, a1] (null: none) and its edges E1, E2 (null:
 * none); undefined is an open end. No month is invented past the calendar's
 * ends: 9999-12-15 has no next month, 0001-01-15 no previous one.
 */
export function splitWindow(from: string | undefined, to: string | undefined): { whole: { a0: string | undefined; a1: string | undefined } | null; e1: Edge | null; e2: Edge | null } {
  const a0 = from === undefined ? undefined : from === monthStart(from) ? from : from.startsWith('9999-12') ? null : addDays(monthEnd(from), 1);
  const a1 = to === undefined ? undefined : to === monthEnd(to) ? to : to.startsWith('0001-01') ? null : addDays(monthStart(to), -1);
  if (a0 === null || a1 === null || (a0 !== undefined && a1 !== undefined && a0 > a1)) return { whole: null, e1: { from, to }, e2: null };
  const whole = { a0, a1 };
  const e1 = from !== undefined && from < a0! ? { from, to: addDays(a0!, -1) } : null;
  const e2 = to !== undefined && a1! < to ? { from: addDays(a1!, 1), to } : null;
  return { whole, e1, e2 };
}

const span = sql`daterange(start_date, coalesce(end_date, start_date), '[]')`;
const month = (d: RawBuilder<unknown>) => sql`date_trunc('month', (${d})::timestamp)::date`;
/** As in the migrations' partial index and triggers, word for word, so that the planner matches the index. */
export const SINGLE_MONTH = sql<boolean>`${month(sql`start_date`)} = ${month(sql`coalesce(end_date, start_date)`)}`;

export type MonthlyWindow = {
  /** A condition on a rollup's `month` column for the whole months (null: there are none). */
  months: RawBuilder<boolean> | null;
  /** A condition on the events: the one-month events of those months (what the rollup holds of the window). */
  inMonths: RawBuilder<boolean> | null;
  /** Conditions on the events, disjoint, for the rest of the window (Q1, Q2, Q3). */
  rest: RawBuilder<boolean>[];
  /** The same apart: the edges' parts (Q1, Q2), each with the edge's days, and the events spanning months (Q3). */
  edges: { where: RawBuilder<boolean>; days: Edge }[];
  spanning: RawBuilder<boolean> | null;
};

/**
 * The events whose span is more than one day (the rest are in the rollups by day: facet_days), word for word
 * as the predicate of their span index (migration 2025-01-06T000000_facet_days), so that the planner matches it.
 */
export const SEVERAL_DAYS = sql<boolean>`coalesce(end_date, start_date) > start_date`;

export function monthlyWindow(from: string | undefined, to: string | undefined): MonthlyWindow {
  const { whole, e1, e2 } = splitWindow(from, to);
  const overlaps = (e: Edge) => sql<boolean>`${span} && daterange(${e.from ?? null}::date, ${e.to ?? null}::date, '[]')`;
  const edges: MonthlyWindow['edges'] = [];
  if (e1) edges.push({ where: overlaps(e1), days: e1 });
  if (e2) edges.push({ where: e1 ? sql<boolean>`${overlaps(e2)} and start_date >= ${whole!.a0!}::date` : overlaps(e2), days: e2 });
  if (!whole) return { months: null, inMonths: null, rest: edges.map((e) => e.where), edges, spanning: null };
  const after = whole.a0 !== undefined;
  const before = whole.a1 !== undefined;
  const spanning = sql<boolean>`not (${SINGLE_MONTH}) and ${span} && daterange(${whole.a0 ?? null}::date, ${whole.a1 ?? null}::date, '[]')
      ${e1 ? sql`and start_date >= ${whole.a0!}::date` : sql``} ${e2 ? sql`and coalesce(end_date, start_date) <= ${whole.a1!}::date` : sql``}`;
  return {
    edges,
    spanning,
    rest: [...edges.map((e) => e.where), spanning],
    months: sql<boolean>`${after ? sql`month >= ${whole.a0!}::date` : sql`true`} and ${before ? sql`month <= ${monthStart(whole.a1!)}::date` : sql`true`}`,
    inMonths: sql<boolean>`${after ? sql`start_date >= ${whole.a0!}::date` : sql`true`} and ${before ? sql`coalesce(end_date, start_date) <= ${whole.a1!}::date` : sql`true`} and ${SINGLE_MONTH}`,
  };
}
