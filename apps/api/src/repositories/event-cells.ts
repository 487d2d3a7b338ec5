import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';
import { rollupCanAnswer } from './event-counts.js';

/**
 * The event_cells rollup (see its migration): live located events per grid
 * cell, kind and status at a few levels of the map's grid, with their
 * coordinate sums. It answers the map's clusters, and the count of a box
 * and its counts per kind and per status (the filter panel), exactly
 * without reading the events, when the only filters are kinds, statuses and
 * a box.
 *
 * A box rarely falls on cell edges, so an answer for a box has parts: the
 * cells wholly inside it, from the rollup (coarse cells in the middle, finer
 * ones towards the edges), and the events in the thin strips along its edges
 * that no whole cell covers, read through the location index. The parts
 * never overlap and together are exactly the events in the box (tileBox;
 * facet_cells, kept on the same grid, is read the same way).
 */

type Db = Kysely<Database> | Transaction<Database>;
type Box = NonNullable<EventFilters['bbox']>;

/** The levels the migration keeps, finest last (migrations/2024-12-27T000000_event_cells.ts). */
export const EVENT_CELL_LEVELS = [8, 10, 12] as const;
const FINEST = EVENT_CELL_LEVELS[EVENT_CELL_LEVELS.length - 1]!;
/** The level of the rows counting live events with no coordinates. */
const UNLOCATED_LEVEL = -1;

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

/** An inclusive range of cell indices at a level. */
export type Rect = { x0: number; x1: number; y0: number; y1: number };

/** The level-`level` cells wholly inside a box, or null when there are none. */
export function interior(box: Box, level: number): Rect | null {
  const c = cellSize(level);
  const r = { x0: Math.ceil(box.west / c), x1: Math.floor(box.east / c) - 1, y0: Math.ceil(box.south / c), y1: Math.floor(box.north / c) - 1 };
  return r.x0 <= r.x1 && r.y0 <= r.y1 ? r : null;
}

/** A coarser level's rect in a finer level's cells (cells nest: 2^d of them a side). */
export function refine(r: Rect, d: number): Rect {
  const k = 2 ** d;
  return { x0: r.x0 * k, x1: (r.x1 + 1) * k - 1, y0: r.y0 * k, y1: (r.y1 + 1) * k - 1 };
}

/** `outer` less `hole` (which lies inside it) as up to four disjoint rects: left, right, then below and above the hole. */
export function ring(outer: Rect, hole: Rect | null): Rect[] {
  if (!hole) return [outer];
  return [
    { x0: outer.x0, x1: hole.x0 - 1, y0: outer.y0, y1: outer.y1 },
    { x0: hole.x1 + 1, x1: outer.x1, y0: outer.y0, y1: outer.y1 },
    { x0: hole.x0, x1: hole.x1, y0: outer.y0, y1: hole.y0 - 1 },
    { x0: hole.x0, x1: hole.x1, y0: hole.y1 + 1, y1: outer.y1 },
  ].filter((r) => r.x0 <= r.x1 && r.y0 <= r.y1);
}

export const lit = (n: number) => sql.lit(n);

/**
 * A box tiled from the inside out, for the rollups kept per cell of the
 * map's grid (event_cells, facet_cells): whole cells of the coarsest level
 * asked for inside it, then whole cells of each finer level in the ring the
 * coarser ones leave, then thin strips along the edges that no whole cell of
 * the finest level covers, whose events are read through a location index.
 * The parts are disjoint and cover the box exactly.
 */
export type BoxTiles = {
  cells: { level: number; rect: Rect }[];
  /** Each strip as a box for the location index, and the condition on `lon` and `lat` that keeps the strips disjoint. */
  strips: { strip: Box; where: RawBuilder<boolean> }[];
};

export function tileBox(box: Box, coarsest: number): BoxTiles {
  const cells: BoxTiles['cells'] = [];
  let covered: Rect | null = null;
  let coveredLevel = coarsest;
  for (const l of EVENT_CELL_LEVELS.filter((l) => l >= coarsest)) {
    const inner = interior(box, l);
    if (!inner) continue;
    const hole = covered ? refine(covered, l - coveredLevel) : null;
    for (const rect of ring(inner, hole)) cells.push({ level: l, rect });
    [covered, coveredLevel] = [inner, l];
  }
  if (!covered) return { cells, strips: [{ strip: box, where: sql<boolean>`true` }] };
  const cf = lit(cellSize(coveredLevel));
  const [ix, iy] = [sql`floor(lon / ${cf})::int`, sql`floor(lat / ${cf})::int`];
  const k = covered;
  const [x0, x1, y0, y1] = [k.x0, k.x1 + 1, k.y0, k.y1 + 1].map((i) => i * cellSize(coveredLevel)) as [number, number, number, number];
  const inColumns = sql`${ix} between ${lit(k.x0)} and ${lit(k.x1)}`;
  return {
    cells,
    strips: [
      { strip: { ...box, east: x0 }, where: sql<boolean>`${ix} < ${lit(k.x0)}` },
      { strip: { ...box, west: x1 }, where: sql<boolean>`${ix} > ${lit(k.x1)}` },
      { strip: { ...box, west: x0, east: x1, north: y0 }, where: sql<boolean>`${inColumns} and ${iy} < ${lit(k.y0)}` },
      { strip: { ...box, west: x0, east: x1, south: y1 }, where: sql<boolean>`${inColumns} and ${iy} > ${lit(k.y1)}` },
    ],
  };
}

/** The rows of a table with `lon` and `lat` in a strip of a box: located, in the strip (for the location index), in the box, on the strip's side. */
export function inStrip(box: Box, s: BoxTiles['strips'][number]): RawBuilder<boolean> {
  return sql<boolean>`lat is not null
    and point(lon, lat) <@ box(point(${s.strip.west}, ${s.strip.south}), point(${s.strip.east}, ${s.strip.north}))
    and point(lon, lat) <@ box(point(${box.west}, ${box.south}), point(${box.east}, ${box.north}))
    and ${s.where}`;
}

/**
 * The cells of one rect of a level: the condition on a rollup's `level`,
 * `cx` and `cy`. `rowByRow` lists the rect's rows (`cy = any(…)`) for an
 * index on (…, level, cy, cx): one short range of each row, where a range of
 * rows reads every cell of them (a tall, thin rect of the ring along a large
 * box's side spans most of the grid's rows).
 */
export function inCells(level: number, r: Rect | null, rowByRow = false): RawBuilder<boolean> {
  if (!r) return sql<boolean>`level = ${lit(level)}`;
  const rows = rowByRow
    ? sql`cy = any(${sql.lit(`{${Array.from({ length: r.y1 - r.y0 + 1 }, (_, i) => r.y0 + i).join(',')}}`)}::int[])`
    : sql`cy between ${lit(r.y0)} and ${lit(r.y1)}`;
  return sql<boolean>`level = ${lit(level)} and cx between ${lit(r.x0)} and ${lit(r.x1)} and ${rows}`;
}

export type CellRow = { gx: number; gy: number; kind: string; n: number; slon: number; slat: number };

/**
 * Rows (gx, gy, kind, n, slon, slat): the matching located events grouped by
 * the cells of `zoom`'s grid and by kind, with the sums of their coordinates
 * (a cell may come in several rows; the caller adds them up).
 *
 * Without a box: the rollup at `level` (≥ zoom). With a box, the box tiled
 * (tileBox): whole cells from the rollup, the edge strips from the events.
 *
 * With `shape: 'count'` each part is one row, its `n`, ungrouped: a count
 * needs no cells, and a few small sums keep the plan simple. With `shape:
 * 'kind'` or `'status'`, each part is its rows (key, n), one per kind or
 * status.
 */
function groupedRows(f: EventFilters, zoom: number, level: number, shape: 'cells' | 'count' | 'kind' | 'status' = 'cells'): RawBuilder<CellRow>[] {
  const kinds = f.kind?.length ? sql`and kind in (${sql.join(f.kind)})` : sql``;
  const statuses = f.status?.length ? sql`and status in (${sql.join(f.status)})` : sql``;
  const cells = (l: number, r: Rect | null) => {
    const k = lit(2 ** (l - zoom));
    if (shape === 'count') return sql<CellRow>`select coalesce(sum(n), 0)::int as n from event_cells where ${inCells(l, r)} ${kinds} ${statuses}`;
    if (shape !== 'cells') return sql<CellRow>`select ${sql.ref(shape)} as key, sum(n)::int as n from event_cells where ${inCells(l, r)} ${kinds} ${statuses} group by 1`;
    return sql<CellRow>`
      select floor(cx / ${k}::float8)::int as gx, floor(cy / ${k}::float8)::int as gy, kind,
             sum(n)::int as n, sum(sum_lon) as slon, sum(sum_lat) as slat
      from event_cells
      where ${inCells(l, r)} and n > 0 ${kinds} ${statuses}
      group by 1, 2, 3`;
  };
  if (!f.bbox) return [cells(level, null)];
  const box = f.bbox;
  const tiles = tileBox(box, level);
  const c = cellSize(zoom);
  // The events in the box outside the finest whole cells, strip by strip, each strip a box of its own for the index.
  const events = (s: BoxTiles['strips'][number]) => sql<CellRow>`
    select ${
      shape === 'count'
        ? sql`count(*)::int as n`
        : shape !== 'cells'
          ? sql`${sql.ref(shape)} as key, count(*)::int as n`
          : sql`floor(lon / ${lit(c)})::int as gx, floor(lat / ${lit(c)})::int as gy, kind,
           count(*)::int as n, sum(lon) as slon, sum(lat) as slat`
    }
    from events
    where deleted_at is null ${kinds} ${statuses} and ${inStrip(box, s)}
    ${shape === 'count' ? sql`` : shape !== 'cells' ? sql`group by 1` : sql`group by 1, 2, 3`}`;
  return [...tiles.cells.map((t) => cells(t.level, t.rect)), ...tiles.strips.map(events)];
}

export type CellGroup = { cx: number; cy: number; n: number; lon: number; lat: number; kinds: Record<string, number> };

/**
 * The matching located events on `zoom`'s grid, one group per non-empty
 * cell, exact. Only when cellsCanAnswer(f) and levelFor(zoom) is not null.
 */
export async function cellGroups(db: Db, f: EventFilters, zoom: number): Promise<CellGroup[]> {
  const level = levelFor(zoom);
  if (level === null || !cellsCanAnswer(f)) throw new Error('cellGroups: the rollup cannot answer these filters at this zoom');
  const { rows } = await sql<CellRow>`${sql.join(groupedRows(f, zoom, level), sql` union all `)}`.execute(db);
  return toCellGroups(rows);
}

/** Rows of (cell, kind) partial sums, added up per cell; empty cells left out. */
export function toCellGroups(rows: CellRow[]): CellGroup[] {
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

/**
 * The share of the live located events that lie in a box, estimated from the
 * rollup at the finest level where the box touches at most a few hundred
 * cells (a few thousand rows): the events of every cell the box touches, so
 * a slight over-estimate. The located total is every live event (the 'all'
 * rows of facet_counts, a few dozen) less the unlocated ones. Costs about a
 * millisecond; see planFilters (event-filters.ts) for its use.
 */
export async function boxShare(db: Db, box: Box): Promise<number> {
  const span = (l: number) => {
    const c = cellSize(l);
    return { x0: Math.floor(box.west / c), x1: Math.floor(box.east / c), y0: Math.floor(box.south / c), y1: Math.floor(box.north / c) };
  };
  const level = [...EVENT_CELL_LEVELS].reverse().find((l) => {
    const r = span(l);
    return (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1) <= SHARE_MAX_CELLS;
  }) ?? EVENT_CELL_LEVELS[0];
  const r = span(level);
  const { rows } = await sql<{ inside: number; located: number }>`
    select (select coalesce(sum(n), 0)::int from event_cells
             where level = ${lit(level)} and cx between ${lit(r.x0)} and ${lit(r.x1)} and cy between ${lit(r.y0)} and ${lit(r.y1)}) as inside,
           (select coalesce(sum(n), 0)::int from facet_counts where dim = 'all')
             - (select coalesce(sum(n), 0)::int from event_cells where level = ${lit(UNLOCATED_LEVEL)}) as located`.execute(db);
  const { inside, located } = rows[0]!;
  return located <= 0 ? 0 : Math.min(1, inside / located);
}

/** boxShare reads the finest level at which the box touches at most this many cells. */
const SHARE_MAX_CELLS = 256;

/** The number of matching events with no coordinates (none when a box is set); only when cellsCanAnswer(f). */
export async function countUnlocated(db: Db, f: EventFilters): Promise<number> {
  if (!cellsCanAnswer(f)) throw new Error('countUnlocated: the rollup cannot answer these filters');
  if (f.bbox) return 0;
  const kinds = f.kind?.length ? sql`and kind in (${sql.join(f.kind)})` : sql``;
  const statuses = f.status?.length ? sql`and status in (${sql.join(f.status)})` : sql``;
  const { rows } = await sql<{ total: number }>`
    select coalesce(sum(n), 0)::int as total from event_cells where level = ${lit(UNLOCATED_LEVEL)} ${kinds} ${statuses}`.execute(db);
  return rows[0]!.total;
}

/**
 * The located events matching f per kind or per status (empty ones left
 * out), exact, the box tiled from the coarsest level inwards (tileBox); only
 * when cellsCanAnswer(f).
 */
export async function countPerFromCells(db: Db, f: EventFilters, by: 'kind' | 'status'): Promise<{ value: string; count: number }[]> {
  if (!cellsCanAnswer(f)) throw new Error('countPerFromCells: the rollup cannot answer these filters');
  const parts = groupedRows(f, FINEST, EVENT_CELL_LEVELS[0], by);
  const { rows } = await sql<{ value: string; count: number }>`
    select key as value, sum(n)::int as count from (${sql.join(parts, sql` union all `)}) p group by 1 having sum(n) > 0`.execute(db);
  return rows;
}

/**
 * The number of located events matching f, the box tiled from the coarsest
 * level inwards (a few hundred rollup rows and the thin edge strips, whatever
 * the box's size); only when cellsCanAnswer(f).
 */
export async function countFromCells(db: Db, f: EventFilters): Promise<number> {
  if (!cellsCanAnswer(f)) throw new Error('countFromCells: the rollup cannot answer these filters');
  // A sum of scalar subqueries, each a small index-only scan: as one Append the planner would rather start
  // parallel workers for the lot, which costs more than the scans themselves.
  const parts = groupedRows(f, FINEST, EVENT_CELL_LEVELS[0], 'count').map((p) => sql`(${p})`);
  const { rows } = await sql<{ total: number }>`select (${sql.join(parts, sql` + `)})::int as total`.execute(db);
  return rows[0]!.total;
}
