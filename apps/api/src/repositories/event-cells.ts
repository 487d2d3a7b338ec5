import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';
import { rollupCanAnswer } from './event-counts.js';

/**
 * The event_cells rollup (see its migration): live located events per grid
 * cell, kind and status at a few levels of the map's grid, with their
 * coordinate sums. It answers the map's clusters and the count of a box
 * exactly without reading the events, when the only filters are kinds,
 * statuses and a box.
 *
 * A box rarely falls on cell edges, so an answer for a box has two parts:
 * the cells wholly inside it, from the rollup, and the events in the strips
 * along its edges that no whole cell covers, read through the location index.
 * The two never overlap and together are exactly the events in the box.
 */

type Db = Kysely<Database> | Transaction<Database>;
type Box = NonNullable<EventFilters['bbox']>;

/** The levels the migration keeps, finest last (migrations/2024-12-27T000000_event_cells.ts). */
export const EVENT_CELL_LEVELS = [8, 10, 12] as const;
const FINEST = EVENT_CELL_LEVELS[EVENT_CELL_LEVELS.length - 1]!;

/** Degrees per cell of the map's grid at a zoom: ~64 px of a 256-px tile. Exact in binary floating point. */
export function cellSize(zoom: number): number {
  return 360 / 2 ** (zoom + 2);
}

/** True when the rollup answers these filters exactly, whatever the box. */
export function cellsCanAnswer(f: EventFilters): boolean {
  return rollupCanAnswer({ ...f, bbox: undefined }) && f.from === undefined && f.to === undefined;
}

/** The coarsest kept level whose cells nest in a zoom's cells, or null past the finest. */
export function levelFor(zoom: number): number | null {
  return EVENT_CELL_LEVELS.find((l) => l >= zoom) ?? null;
}

/** The level-`level` cells wholly inside a box, as index ranges, or null when there are none. */
function interior(box: Box, level: number) {
  const c = cellSize(level);
  const r = {
    cxMin: Math.ceil(box.west / c),
    cxMax: Math.floor(box.east / c) - 1,
    cyMin: Math.ceil(box.south / c),
    cyMax: Math.floor(box.north / c) - 1,
  };
  return r.cxMin <= r.cxMax && r.cyMin <= r.cyMax ? r : null;
}

const lit = (n: number) => sql.lit(n);

/**
 * Rows (gx, gy, kind, n, slon, slat): the matching located events grouped by
 * the cells of `zoom`'s grid and by kind, with the sums of their coordinates.
 * `level` (≥ zoom, one of EVENT_CELL_LEVELS) is the rollup level read.
 */
function groupedRows(f: EventFilters, zoom: number, level: number): RawBuilder<CellRow> {
  const kinds = f.kind?.length ? sql`and kind in (${sql.join(f.kind)})` : sql``;
  const statuses = f.status?.length ? sql`and status in (${sql.join(f.status)})` : sql``;
  const shift = level - zoom;
  const inner = f.bbox ? interior(f.bbox, level) : null;

  const cells = sql`
    select floor(cx / ${lit(2 ** shift)}::float8)::int as gx, floor(cy / ${lit(2 ** shift)}::float8)::int as gy, kind,
           sum(n)::int as n, sum(sum_lon) as slon, sum(sum_lat) as slat
    from event_cells
    where level = ${lit(level)} and n > 0 ${kinds} ${statuses}
      ${inner ? sql`and cx between ${lit(inner.cxMin)} and ${lit(inner.cxMax)} and cy between ${lit(inner.cyMin)} and ${lit(inner.cyMax)}` : sql``}
    group by 1, 2, 3`;
  if (!f.bbox) return cells as RawBuilder<CellRow>;
  if (f.bbox && !inner) return eventRows(f, zoom, sql`true`, kinds, statuses);

  // The edge strips: in the box, outside the whole cells. Each strip is a box of its own for the index.
  const { west, south, east, north } = f.bbox;
  const c = cellSize(level);
  const [x0, x1, y0, y1] = [inner!.cxMin * c, (inner!.cxMax + 1) * c, inner!.cyMin * c, (inner!.cyMax + 1) * c];
  const pt = sql`point(events.lon, events.lat)`;
  const strip = (w: number, s: number, e: number, n: number) => sql`${pt} <@ box(point(${w}, ${s}), point(${e}, ${n}))`;
  const cl = lit(c);
  const edges = sql`(${strip(west, south, x0, north)} or ${strip(x1, south, east, north)} or ${strip(west, south, east, y0)} or ${strip(west, y1, east, north)})
    and not (floor(events.lon / ${cl})::int between ${lit(inner!.cxMin)} and ${lit(inner!.cxMax)}
             and floor(events.lat / ${cl})::int between ${lit(inner!.cyMin)} and ${lit(inner!.cyMax)})`;
  return sql<CellRow>`${cells} union all ${eventRows(f, zoom, edges, kinds, statuses)}`;
}

type CellRow = { gx: number; gy: number; kind: string; n: number; slon: number; slat: number };

function eventRows(f: EventFilters, zoom: number, where: RawBuilder<unknown>, kinds: RawBuilder<unknown>, statuses: RawBuilder<unknown>): RawBuilder<CellRow> {
  const { west, south, east, north } = f.bbox!;
  const c = lit(cellSize(zoom));
  return sql<CellRow>`
    select floor(events.lon / ${c})::int as gx, floor(events.lat / ${c})::int as gy, kind,
           count(*)::int as n, sum(events.lon) as slon, sum(events.lat) as slat
    from events
    where deleted_at is null and lat is not null ${kinds} ${statuses}
      and point(events.lon, events.lat) <@ box(point(${west}, ${south}), point(${east}, ${north}))
      and ${where}
    group by 1, 2, 3`;
}

export type CellGroup = { cx: number; cy: number; n: number; lon: number; lat: number; kinds: Record<string, number> };

/**
 * The matching located events on `zoom`'s grid, one group per non-empty
 * cell, exact. Only when cellsCanAnswer(f) and levelFor(zoom) is not null.
 */
export async function cellGroups(db: Db, f: EventFilters, zoom: number): Promise<CellGroup[]> {
  const level = levelFor(zoom);
  if (level === null || !cellsCanAnswer(f)) throw new Error('cellGroups: the rollup cannot answer these filters at this zoom');
  const { rows } = await groupedRows(f, zoom, level).execute(db);
  const groups = new Map<string, CellGroup & { slon: number; slat: number }>();
  for (const r of rows) {
    const key = `${r.gx},${r.gy}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { cx: r.gx, cy: r.gy, n: 0, lon: 0, lat: 0, slon: 0, slat: 0, kinds: {} }));
    g.n += r.n;
    g.slon += Number(r.slon);
    g.slat += Number(r.slat);
    g.kinds[r.kind] = (g.kinds[r.kind] ?? 0) + r.n;
  }
  return [...groups.values()]
    .filter((g) => g.n > 0)
    .map(({ slon, slat, ...g }) => ({ ...g, lon: slon / g.n, lat: slat / g.n }));
}

/** The number of located events matching f, from the finest level; only when cellsCanAnswer(f). */
export async function countFromCells(db: Db, f: EventFilters): Promise<number> {
  if (!cellsCanAnswer(f)) throw new Error('countFromCells: the rollup cannot answer these filters');
  const { rows } = await sql<{ total: number }>`select coalesce(sum(n), 0)::int as total from (${groupedRows(f, FINEST, FINEST)}) x`.execute(db);
  return rows[0]!.total;
}
