import { z } from 'zod';
import { EVENT_STATUSES, EVENT_KINDS, GEO_PRECISIONS, TIMELINE_BUCKETS, TIMELINE_STACKS } from './vocabulary.js';
import { isoDate } from './dates.js';

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
    unlocated: z.number().int().meta({ description: 'Matching events with no coordinates: in the list, not on the map' }),
    truncated: z.boolean(),
  })
  .meta({ id: 'MapPoints' });
export type MapResponse = z.infer<typeof mapResponseSchema>;
