import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { MAP_POINT_THRESHOLD, type MapCluster, type MapResponse } from '@claimline/shared/aggregates';
import type { EventFilters } from '@claimline/shared/filters';
import { EVENT_KINDS } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { cellGroups, cellsCanAnswer, cellSize, countUnlocated, levelFor, type CellGroup } from './event-cells.js';
import { monthCellGroups, monthsCanAnswer } from './event-cell-months.js';
import { applyEventFilters } from './event-filters.js';
import { fromWords, wordsCanAnswer } from './event-words.js';

/** `rollups: false` groups the events themselves, whatever the filters: the reference the other paths are tested against. */
export type MapOptions = { rollups?: boolean };

/**
 * The map's data. Up to MAP_POINT_THRESHOLD located events come as points
 * (the browser clusters them); past that the database groups them on a grid
 * whose cells are about 60 screen pixels at the given zoom, so the answer is
 * bounded by the screen, not by the data: a few hundred cells at most.
 *
 * With only kinds, statuses and a box as filters, up to zoom 12, the cells
 * come from the event_cells rollup (event-cells.ts) and cost the same for a
 * million events as for a thousand; with dates as well, up to zoom 8, whole
 * months come from the event_cell_months rollup (event-cell-months.ts) and
 * only a window's edge days are read from the events; any other filter, or a closer zoom,
 * groups the matching events themselves (the location index covers what the
 * grouping reads, so a viewport is an index-only scan); a text query with
 * only kinds, statuses and a box besides groups its matches in event_words
 * (event-words.ts).
 */
export async function getMapData(db: Kysely<Database>, f: EventFilters, zoom: number, opts: MapOptions = {}): Promise<MapResponse> {
  const rollups = opts.rollups !== false;
  if (rollups && cellsCanAnswer(f) && levelFor(zoom) !== null) {
    const [groups, unlocated] = await Promise.all([cellGroups(db, f, zoom), countUnlocated(db, f)]);
    const located = groups.reduce((n, g) => n + g.n, 0);
    if (located <= MAP_POINT_THRESHOLD) return { points: await mapPoints(db, f), clusters: [], located, unlocated, truncated: false };
    return { points: [], clusters: groups.map((g) => toCluster(g, cellSize(zoom))), located, unlocated, truncated: false };
  }
  // A date window at the zooms that show the whole region: whole months from the monthly rollup.
  if (rollups && monthsCanAnswer(f, zoom)) {
    const { groups, unlocated } = await monthCellGroups(db, f, zoom);
    const located = groups.reduce((n, g) => n + g.n, 0);
    if (located <= MAP_POINT_THRESHOLD) return { points: await mapPoints(db, f), clusters: [], located, unlocated, truncated: false };
    return { points: [], clusters: groups.map((g) => toCluster(g, cellSize(zoom))), located, unlocated, truncated: false };
  }

  // One pass over the matches: the grid cells (with the unlocated events as one null cell) and their counts.
  // Points are fetched afterwards only when they are few.
  const cell = cellSize(zoom);
  const t = rollups && wordsCanAnswer(f) ? 'event_words' : 'events';
  const col = (c: 'lon' | 'lat' | 'kind') => sql.ref(`${t}.${c}`);
  const matches: SelectQueryBuilder<Database, 'events' | 'event_words', {}> =
    t === 'event_words' ? fromWords(db, f) : applyEventFilters(db.selectFrom('events'), f);
  const kindCounts = EVENT_KINDS.map((k) => sql<number>`count(*) filter (where ${col('kind')} = ${k})::int`.as(`k_${k}`));
  const rows = await matches
    .select([
      sql<number | null>`floor(${col('lon')} / ${cell})::int`.as('cx'),
      sql<number | null>`floor(${col('lat')} / ${cell})::int`.as('cy'),
      sql<number>`count(*)::int`.as('count'),
      sql<number>`avg(${col('lat')})`.as('lat'),
      sql<number>`avg(${col('lon')})`.as('lon'),
      ...kindCounts,
    ])
    .groupBy([sql`1`, sql`2`])
    .execute();
  const cells = rows as unknown as Record<string, number | null>[];
  const unlocated = cells.find((r) => r.cx === null)?.count ?? 0;
  const located = cells.reduce((n, r) => (r.cx === null ? n : n + (r.count ?? 0)), 0);

  if (located <= MAP_POINT_THRESHOLD) return { points: await mapPoints(db, f), clusters: [], located, unlocated, truncated: false };
  const clusters = cells
    .filter((row) => row.cx !== null && row.cy !== null)
    .map((row) => {
      const kinds: Record<string, number> = {};
      for (const k of EVENT_KINDS) if (row[`k_${k}`]) kinds[k] = row[`k_${k}`]!;
      return toCluster({ cx: row.cx!, cy: row.cy!, n: row.count!, lat: Number(row.lat), lon: Number(row.lon), kinds }, cell);
    });
  return { points: [], clusters, located, unlocated, truncated: false };
}

function toCluster(g: CellGroup, cell: number): MapCluster {
  return { lat: g.lat, lon: g.lon, count: g.n, kinds: g.kinds, bounds: [g.cx * cell, g.cy * cell, (g.cx + 1) * cell, (g.cy + 1) * cell] };
}

/** Every matching located event, newest first: only called when they are few. */
async function mapPoints(db: Kysely<Database>, f: EventFilters): Promise<MapResponse['points']> {
  const points = await applyEventFilters(db.selectFrom('events'), f)
    .where('events.lat', 'is not', null)
    .select([
      'events.id',
      'events.kind',
      'events.status',
      'events.title',
      'events.start_date as startDate',
      'events.lat',
      'events.lon',
      'events.geo_precision as geoPrecision',
    ])
    .orderBy('events.start_date', 'desc')
    .orderBy('events.id', 'desc')
    .execute();
  return points as MapResponse['points'];
}
