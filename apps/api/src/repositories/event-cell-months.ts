import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';
import { rollupCanAnswer } from './event-counts.js';
import { type CellGroup, type CellRow, cellSize, interior, lit, toCellGroups } from './event-cells.js';
import { monthlyWindow } from './month-window.js';

/**
 * The map with a date window, from the event_cell_months rollup (see its
 * migration): live events per month, level-8 cell, kind and status, for the
 * events whose span lies in one calendar month. The window is split as
 * month-window.ts says: the whole months from the rollup, for the whole
 * level-8 cells inside the box (and the events themselves in the strips of
 * the box outside those cells, when a box cuts cells); the days at the edges
 * and the events spanning months from the events.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Box = NonNullable<EventFilters['bbox']>;

/** The one level the migration keeps by month (migrations/2024-12-30T000000_event_cell_months.ts). */
export const MONTH_LEVEL = 8;
const UNLOCATED_LEVEL = -1;

/** True when a map at this zoom with these filters can be answered from the monthly rollup. */
export function monthsCanAnswer(f: EventFilters, zoom: number): boolean {
  return zoom <= MONTH_LEVEL && (f.from !== undefined || f.to !== undefined) && rollupCanAnswer({ ...f, bbox: undefined });
}

function parts(f: EventFilters, zoom: number, located: boolean): RawBuilder<CellRow>[] {
  const { months, inMonths, rest } = monthlyWindow(f.from, f.to);
  const kinds = f.kind?.length ? sql`and kind in (${sql.join(f.kind)})` : sql``;
  const statuses = f.status?.length ? sql`and status in (${sql.join(f.status)})` : sql``;
  const c = lit(cellSize(zoom));
  const box = f.bbox;
  // The date parts read the span indexes: the box goes as ranges (see event-filters.ts), which no location
  // index takes. The strips of a box outside its whole cells are thin: they go to the location index.
  const inRange = (b: Box) => sql`and lon between ${b.west} and ${b.east} and lat between ${b.south} and ${b.north}`;
  const inStrip = (b: Box, strip: Box) =>
    sql`and point(lon, lat) <@ box(point(${strip.west}, ${strip.south}), point(${strip.east}, ${strip.north})) ${inRange(b)}`;
  const events = (where: RawBuilder<unknown>, strip?: Box) =>
    located
      ? sql<CellRow>`
          select floor(lon / ${c})::int as gx, floor(lat / ${c})::int as gy, kind, count(*)::int as n, sum(lon) as slon, sum(lat) as slat
          from events
          where deleted_at is null and lat is not null ${kinds} ${statuses} ${box ? (strip ? inStrip(box, strip) : inRange(box)) : sql``} and ${where}
          group by 1, 2, 3`
      : sql<CellRow>`
          select 0 as gx, 0 as gy, kind, count(*)::int as n, 0 as slon, 0 as slat
          from events
          where deleted_at is null and lat is null ${kinds} ${statuses} and ${where}
          group by 3`;
  const out: RawBuilder<CellRow>[] = rest.map((where) => events(where));
  if (!months || !inMonths) return out;

  // The whole months.
  const cells = box ? interior(box, MONTH_LEVEL) : null;
  if (!located) {
    out.push(sql<CellRow>`
      select 0 as gx, 0 as gy, kind, sum(n)::int as n, 0 as slon, 0 as slat
      from event_cell_months where level = ${lit(UNLOCATED_LEVEL)} and n > 0 and ${months} ${kinds} ${statuses}
      group by 3`);
  } else if (!box || cells) {
    const k = lit(2 ** (MONTH_LEVEL - zoom));
    out.push(sql<CellRow>`
      select floor(cx / ${k}::float8)::int as gx, floor(cy / ${k}::float8)::int as gy, kind,
             sum(n)::int as n, sum(sum_lon) as slon, sum(sum_lat) as slat
      from event_cell_months
      where level = ${lit(MONTH_LEVEL)} and n > 0 and ${months} ${kinds} ${statuses}
        ${cells ? sql`and cx between ${lit(cells.x0)} and ${lit(cells.x1)} and cy between ${lit(cells.y0)} and ${lit(cells.y1)}` : sql``}
      group by 1, 2, 3`);
  }
  if (located && box) {
    // The one-month events of those months in the box but outside its whole cells: strip by strip.
    if (!cells) out.push(events(inMonths, box));
    else {
      const m = lit(cellSize(MONTH_LEVEL));
      const [ix, iy] = [sql`floor(lon / ${m})::int`, sql`floor(lat / ${m})::int`];
      const size = cellSize(MONTH_LEVEL);
      const [x0, x1, y0, y1] = [cells.x0 * size, (cells.x1 + 1) * size, cells.y0 * size, (cells.y1 + 1) * size];
      const columns = sql`${ix} between ${lit(cells.x0)} and ${lit(cells.x1)}`;
      out.push(
        events(sql`${inMonths} and ${ix} < ${lit(cells.x0)}`, { ...box, east: x0 }),
        events(sql`${inMonths} and ${ix} > ${lit(cells.x1)}`, { ...box, west: x1 }),
        events(sql`${inMonths} and ${columns} and ${iy} < ${lit(cells.y0)}`, { ...box, west: x0, east: x1, north: y0 }),
        events(sql`${inMonths} and ${columns} and ${iy} > ${lit(cells.y1)}`, { ...box, west: x0, east: x1, south: y1 }),
      );
    }
  }
  return out;
}

/**
 * The matching located events on `zoom`'s grid, one group per non-empty
 * cell, and the number of matching events with no place (none with a box).
 * Only when monthsCanAnswer(f, zoom).
 */
export async function monthCellGroups(db: Db, f: EventFilters, zoom: number): Promise<{ groups: CellGroup[]; unlocated: number }> {
  if (!monthsCanAnswer(f, zoom)) throw new Error('monthCellGroups: the monthly rollup cannot answer these filters at this zoom');
  const [located, unlocated] = await Promise.all([
    sql<CellRow>`${sql.join(parts(f, zoom, true), sql` union all `)}`.execute(db),
    f.bbox ? null : sql<{ n: number }>`select coalesce(sum(n), 0)::int as n from (${sql.join(parts(f, zoom, false), sql` union all `)}) x`.execute(db),
  ]);
  return { groups: toCellGroups(located.rows), unlocated: unlocated?.rows[0]?.n ?? 0 };
}
