import { createRoute } from '@hono/zod-openapi';
import { facetsSchema, mapResponseSchema, mapViewQuerySchema, timelineSchema } from '@claimline/shared/aggregates';
import { eventFiltersSchema, timelineQuerySchema } from '@claimline/shared/filters';
import { problemSchema } from '@claimline/shared/problem';
import { createRouter } from '../lib/router.js';
import { getFacets } from '../repositories/facets.js';
import { getMapData } from '../repositories/map.js';
import { planFilters } from '../repositories/event-filters.js';
import { getTimeline } from '../repositories/timeline.js';

/** Timeline, facets and map: aggregates of the same filtered set the list shows. */

const problem = { description: 'A parameter is invalid', content: { 'application/problem+json': { schema: problemSchema } } };

const timeline = createRoute({
  method: 'get',
  path: '/timeline',
  tags: ['aggregates'],
  summary: 'Events per day, week or month, counted per kind or per status',
  request: { query: timelineQuerySchema },
  responses: { 200: { description: 'The series', content: { 'application/json': { schema: timelineSchema } } }, 400: problem },
});

const facets = createRoute({
  method: 'get',
  path: '/facets',
  tags: ['aggregates'],
  summary: 'Counts per kind, status, actor, source and tag for the filter panel',
  request: { query: eventFiltersSchema },
  responses: { 200: { description: 'The counts', content: { 'application/json': { schema: facetsSchema } } }, 400: problem },
});

const map = createRoute({
  method: 'get',
  path: '/map',
  tags: ['aggregates'],
  summary: 'The located events as light points, or as clusters on a grid fitted to the zoom when there are many',
  request: { query: mapViewQuerySchema },
  responses: { 200: { description: 'Points', content: { 'application/json': { schema: mapResponseSchema } } }, 400: problem },
});

export const aggregateRoutes = createRouter()
  .openapi(timeline, async (c) => {
    const { bucket, stack, ...filters } = c.req.valid('query');
    const { db } = c.get('deps');
    return c.json(await getTimeline(db, await planFilters(db, filters), bucket, stack), 200);
  })
  .openapi(facets, async (c) => {
    const { db } = c.get('deps');
    return c.json(await getFacets(db, await planFilters(db, c.req.valid('query'))), 200);
  })
  .openapi(map, async (c) => {
    const { zoom, ...filters } = c.req.valid('query');
    const { db } = c.get('deps');
    return c.json(await getMapData(db, await planFilters(db, filters), zoom ?? 7), 200);
  });
