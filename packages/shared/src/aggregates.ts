import { z } from 'zod';
import { EVENT_STATUSES, EVENT_KINDS, GEO_PRECISIONS, TIMELINE_BUCKETS, TIMELINE_STACKS } from './vocabulary.js';
import { isoDate } from './dates.js';
import { eventFilterShape } from './filters.js';

/** Response shapes of the aggregate endpoints: timeline, facets, map. */

export const timelineSchema = z
  .object({
    bucket: z.enum(TIMELINE_BUCKETS),
    stack: z.enum(TIMELINE_STACKS),
    series: z.array(
      z.object({
        start: isoDate.meta({ description: 'First day of the bucket (weeks start on Monday)' }),
        counts: z
          .record(z.string(), z.number().int())
          .meta({ description: `Events per ${EVENT_KINDS.join('/')} (stack=kind) or per ${EVENT_STATUSES.join('/')} (stack=status)` }),
      }),
    ),
  })
  .meta({ id: 'Timeline' });
export type Timeline = z.infer<typeof timelineSchema>;

const facetCount = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export const facetsSchema = z
  .object({
    total: z.number().int(),
    kind: z.array(facetCount),
    status: z.array(facetCount),
    actor: z.array(facetCount),
    source: z.array(facetCount),
    tag: z.array(facetCount),
  })
  .meta({ id: 'Facets' });
export type Facets = z.infer<typeof facetsSchema>;
export type FacetCount = z.infer<typeof facetCount>;

export const mapPointSchema = z.object({
  id: z.uuid(),
  kind: z.enum(EVENT_KINDS),
  status: z.enum(EVENT_STATUSES),
  title: z.string(),
  startDate: isoDate,
  lat: z.number(),
  lon: z.number(),
  geoPrecision: z.enum(GEO_PRECISIONS),
});
export type MapPoint = z.infer<typeof mapPointSchema>;

export const mapResponseSchema = z
  .object({
    points: z.array(mapPointSchema),
    clusters: z.array(z.lazy(() => mapClusterSchema)).meta({ description: 'Filled instead of points when more than MAP_POINT_THRESHOLD events are located' }),
    located: z.number().int().meta({ description: 'Matching events with coordinates' }),
    unlocated: z.number().int().meta({ description: 'Matching events with no coordinates: in the list, not on the map' }),
    truncated: z.boolean(),
  })
  .meta({ id: 'MapPoints' });
export type MapResponse = z.infer<typeof mapResponseSchema>;

/**
 * The map's query: the usual filters, plus the zoom the map is drawn at. Past
 * MAP_POINT_THRESHOLD located events the server answers clusters on a grid
 * fitted to the zoom instead of points, so the answer stays small at any size.
 */
export const MAP_POINT_THRESHOLD = 2_000;

export const mapViewQuerySchema = z
  .object({
    ...eventFilterShape,
    zoom: z.coerce.number().int('must be a whole number').min(0).max(22).optional().meta({ description: 'Map zoom (Web Mercator); default 7' }),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });

export const mapClusterSchema = z.object({
  lat: z.number(),
  lon: z.number(),
  count: z.number().int(),
  /** Events per kind in the cluster. */
  kinds: z.record(z.string(), z.number().int()),
  /** The cell's bounds: zooming to them splits the cluster. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).meta({ description: 'west,south,east,north' }),
});
export type MapCluster = z.infer<typeof mapClusterSchema>;
