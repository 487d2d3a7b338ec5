import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { EventFilters } from '@claimline/shared/filters';
import { EVENT_KINDS, EVENT_STATUSES } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { rollupCanAnswer } from './event-counts.js';
import type { PlannedFilters } from './event-filters.js';
import { inCells, inStrip, tileBox } from './event-cells.js';
import { monthlyWindow, splitWindow } from './month-window.js';

/**
 * A box with a date window ("limit to map view" with a year brushed on the
 * timeline), counted from the rollups by map cell and calendar month
 * (migration 2025-01-05): facet_cell_months for the filter panel's sources,
 * actors and tags, cell_month_counts for the events' total and their counts
 * per kind and per status. The box is tiled as the cell rollups tile it
 * (tileBox, from level 10) and the window split as the monthly rollups split
 * it (month-window.ts); the parts, disjoint, are:
 *
 * - the one-month events of the window's whole months in the box's whole
 *   cells: the rollups' rows;
 * - the same in the thin strips along the box's edges: their located links
 *   (event_links carries each event's place and month);
 * - the rest of the window in the box (its edge days, the events spanning
 *   months): the events themselves, through the span indexes.
 *
 * The rollups hold no kind or status beside a value, nor kind and status
 * together: they answer a box and a window with no other filter.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Box = NonNullable<EventFilters['bbox']>;
export type FacetDim = 'actor' | 'source' | 'tag';

/**
 * The levels the migration keeps by month (migrations/2025-01-05T000000_facet_cell_months.ts), coarsest first:
 * those of event_cells from 10 up, which tileBox(box, 10) tiles with.
 */
export const CELL_MONTH_LEVELS = [10, 12] as const;

/** An event_links row's values of a facet dimension. */
export const LINK_ARRAY = { source: 'source_ids', actor: 'actor_ids', tag: 'tags' } as const;

/**
 * Past this share of the located events (boxShare), a box is cheaper counted
 * as its complement (event-filters.ts: the rollups without the box, less the
 * few events outside it). At a million events: the whole region with a
 * year, sources 112 ms from these rollups against 63–69 ms p95 for the
 * whole panel the other way; a box holding about 70 % with five months and
 * a half, total, kinds and statuses 41 ms here against 99 ms each there.
 */
export const CELL_MONTHS_MAX_SHARE = 0.9;

/** True when a box and a date window are the only filters, and the box does not hold nearly everything. */
export function cellMonthsCanAnswer(f: PlannedFilters): boolean {
  return (
    f.bbox !== undefined &&
    (f.from !== undefined || f.to !== undefined) &&
    !f.kind?.length &&
    !f.status?.length &&
    rollupCanAnswer({ ...f, bbox: undefined }) &&
    (f.boxShare ?? 0) <= CELL_MONTHS_MAX_SHARE
  );
}

/**
 * The events in the rest of a window (monthlyWindow: its edge days, the
 * events spanning months), in a box when one is given, with their kinds,
 * statuses and tags: disjoint sets of events, each through a span index
 * (the box as ranges, which no location index takes).
 */
export function eventsInWindowRest(rest: RawBuilder<boolean>[], f: EventFilters, box?: Box): RawBuilder<unknown> {
  const kinds = f.kind?.length ? sql`and kind in (${sql.join(f.kind)})` : sql``;
  const statuses = f.status?.length ? sql`and status in (${sql.join(f.status)})` : sql``;
  const inBox = box ? sql`and lat is not null and lon between ${box.west} and ${box.east} and lat between ${box.south} and ${box.north}` : sql``;
  return sql`(${sql.join(rest.map((where) => sql`select id, tags, kind, status from events where deleted_at is null ${kinds} ${statuses} ${inBox} and ${where}`), sql` union all `)})`;
}

/** (value, count) of a facet dimension over a set of events (id, tags): each event once per value. */
export function valuesOf(x: RawBuilder<unknown>, dim: FacetDim): RawBuilder<unknown> {
  return dim === 'source'
    ? sql`select c.source_id::text as value, count(distinct x.id)::int as count from ${x} x join claims c on c.event_id = x.id group by 1`
    : dim === 'actor'
      ? sql`select a.actor_id::text as value, count(distinct x.id)::int as count from ${x} x join event_actors a on a.event_id = x.id group by 1`
      : sql`select t.value, count(*)::int as count from ${x} x cross join unnest(x.tags) as t(value) group by 1`;
}

type Tiled = {
  box: Box;
  /** The rest of the window, for the events. */
  rest: RawBuilder<boolean>[];
  /** The whole months, as a condition on a `month` column and as a list; null when the window holds none. */
  whole: { months: RawBuilder<boolean>; list: RawBuilder<unknown>; tiles: ReturnType<typeof tileBox> } | null;
};

function tile(f: EventFilters): Tiled {
  const box = f.bbox!;
  const { months, rest } = monthlyWindow(f.from, f.to);
  const { whole } = splitWindow(f.from, f.to);
  if (!whole || !months) return { box, rest, whole: null };
  // Listed, within the months that hold located events (each is in cell_month_counts at every level): the
  // rollups are read a month and a row of cells at a time.
  const list = sql`array(
    select generate_series(greatest(${whole.a0 ?? null}::date, b.first), least(${whole.a1 ?? null}::date, b.last), interval '1 month')::date
      from (select min(month) as first, max(month) as last from cell_month_counts where level = ${sql.lit(CELL_MONTH_LEVELS[0])}) b)`;
  return { box, rest, whole: { months, list, tiles: tileBox(box, CELL_MONTH_LEVELS[0]) } };
}

/** (value, count) of a facet dimension for a box and a window: only when cellMonthsCanAnswer (its other filters). */
export function valuesFromCellMonths(f: PlannedFilters, dim: FacetDim): RawBuilder<unknown> {
  const { box, rest, whole } = tile(f);
  const parts: RawBuilder<unknown>[] = [valuesOf(eventsInWindowRest(rest, f, box), dim)];
  if (whole) {
    for (const t of whole.tiles.cells) {
      parts.push(sql`select value, sum(n)::int as count from facet_cell_months
                      where dim = ${dim} and month = any(${whole.list}) and ${inCells(t.level, t.rect, true)} group by value`);
    }
    for (const s of whole.tiles.strips) {
      parts.push(sql`select v.value::text as value, count(*)::int as count
                       from event_links l cross join unnest(l.${sql.raw(LINK_ARRAY[dim])}) as v(value)
                      where l.live and ${inStrip(box, s)} and ${whole.months}
                      group by 1`);
    }
  }
  return sql`select value, sum(count)::int as count from (${sql.join(parts, sql` union all `)}) u group by value having sum(count) > 0`;
}

export type BoxWindowCounts = { total: number; kind: { value: string; count: number }[]; status: { value: string; count: number }[] };

const COLUMNS = [...EVENT_KINDS.map((k) => ({ column: `kind_${k}`, dim: 'kind' as const, value: k })), ...EVENT_STATUSES.map((st) => ({ column: `status_${st}`, dim: 'status' as const, value: st }))];

/** The events of a box and a window, and their counts per kind and per status: only when cellMonthsCanAnswer. */
export async function countsFromCellMonths(db: Db, f: PlannedFilters): Promise<BoxWindowCounts> {
  const { box, rest, whole } = tile(f);
  const counted = sql.join([sql`count(*)::int as n`, ...COLUMNS.map((c) => sql`count(*) filter (where ${sql.ref(c.dim)} = ${c.value})::int as ${sql.ref(c.column)}`)]);
  const parts: RawBuilder<unknown>[] = [sql`select ${counted} from ${eventsInWindowRest(rest, f, box)} x`];
  if (whole) {
    const summed = sql.join(['n', ...COLUMNS.map((c) => c.column)].map((c) => sql`sum(${sql.ref(c)})::int as ${sql.ref(c)}`));
    for (const t of whole.tiles.cells) {
      parts.push(sql`select ${summed} from cell_month_counts where month = any(${whole.list}) and ${inCells(t.level, t.rect, true)}`);
    }
    for (const s of whole.tiles.strips) {
      parts.push(sql`select ${counted} from event_links where live and ${inStrip(box, s)} and ${whole.months}`);
    }
  }
  const total = sql.join(['n', ...COLUMNS.map((c) => c.column)].map((c) => sql`coalesce(sum(${sql.ref(c)}), 0)::int as ${sql.ref(c)}`));
  const row = (await sql<Record<string, number>>`select ${total} from (${sql.join(parts, sql` union all `)}) u`.execute(db)).rows[0]!;
  const per = (dim: 'kind' | 'status') => COLUMNS.filter((c) => c.dim === dim).map((c) => ({ value: c.value, count: row[c.column]! }));
  return { total: row.n!, kind: per('kind'), status: per('status') };
}
