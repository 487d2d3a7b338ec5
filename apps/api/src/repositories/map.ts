import { type Kysely, sql } from 'kysely';
import { MAP_POINT_THRESHOLD, type MapCluster, type MapResponse } from '@claimline/shared/aggregates';
import type { EventFilters } from '@claimline/shared/filters';
import { EVENT_KINDS } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { applyEventFilters } from './event-filters.js';

/**
 * The map's data. Up to MAP_POINT_THRESHOLD located events come as points
 * (the browser clusters them); past that the database groups them on a grid
 * whose cells are about 60 screen pixels at the given zoom, so the answer is
 * bounded by the screen, not by the data: a few hundred cells at most.
 */
export async function getMapData(db: Kysely<Database>, f: EventFilters, zoom: number): Promise<MapResponse> {
  // One pass over the matches: the grid cells (with the unlocated events as one null cell) and their counts.
  // Points are fetched afterwards only when they are few.
  // 256-pixel tiles, 2^zoom of them around the world: a cell of ~64 px is 360 / 2^zoom / 4 degrees of longitude.
  const cell = 360 / 2 ** zoom / 4;
  const kindCounts = EVENT_KINDS.map((k) => sql<number>`count(*) filter (where events.kind = ${k})::int`.as(`k_${k}`));
  const rows = await applyEventFilters(db.selectFrom('events'), f)
    .select([
      sql<number | null>`floor(events.lon / ${cell})::int`.as('cx'),
      sql<number | null>`floor(events.lat / ${cell})::int`.as('cy'),
      sql<number>`count(*)::int`.as('count'),
      sql<number>`avg(events.lat)`.as('lat'),
      sql<number>`avg(events.lon)`.as('lon'),
      ...kindCounts,
    ])
    .groupBy([sql`1`, sql`2`])
    .execute();
  const cells = rows as unknown as Record<string, number | null>[];
  const unlocated = cells.find((r) => r.cx === null)?.count ?? 0;
  const located = cells.reduce((n, r) => (r.cx === null ? n : n + (r.count ?? 0)), 0);

  if (located <= MAP_POINT_THRESHOLD) {
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
    return { points: points as MapResponse['points'], clusters: [], located, unlocated, truncated: false };
  }
  const clusters: MapCluster[] = cells
    .filter((row) => row.cx !== null && row.cy !== null)
    .map((row) => {
      const kinds: Record<string, number> = {};
      for (const k of EVENT_KINDS) if (row[`k_${k}`]) kinds[k] = row[`k_${k}`]!;
      const [cx, cy] = [row.cx!, row.cy!];
      return { lat: Number(row.lat), lon: Number(row.lon), count: row.count!, kinds, bounds: [cx * cell, cy * cell, (cx + 1) * cell, (cy + 1) * cell] };
    });
  return { points: [], clusters, located, unlocated, truncated: false };
}
