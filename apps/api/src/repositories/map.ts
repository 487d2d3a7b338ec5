import { type Kysely, sql } from 'kysely';
import type { MapResponse } from '@claimline/shared/aggregates';
import type { EventFilters } from '@claimline/shared/filters';
import type { Database } from '../db/schema.js';
import { applyEventFilters } from './event-filters.js';

/** Cap on points in one answer; past it the client is told `truncated` (server-side clustering: issue #6). */
export const MAP_POINT_LIMIT = 20_000;

export async function getMapPoints(db: Kysely<Database>, f: EventFilters): Promise<MapResponse> {
  const [points, unlocated] = await Promise.all([
    applyEventFilters(db.selectFrom('events'), f)
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
      .limit(MAP_POINT_LIMIT + 1)
      .execute(),
    applyEventFilters(db.selectFrom('events'), f)
      .where('events.lat', 'is', null)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    points: points.slice(0, MAP_POINT_LIMIT) as MapResponse['points'],
    unlocated: unlocated.n,
    truncated: points.length > MAP_POINT_LIMIT,
  };
}
