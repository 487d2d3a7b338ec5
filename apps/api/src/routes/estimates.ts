import { createRoute } from '@hono/zod-openapi';
import {
  DEFAULT_ESTIMATE_MEASURES,
  DEFAULT_ESTIMATE_SUBJECT,
  estimateSeriesSchema,
  estimatesQuerySchema,
  estimatesResponseSchema,
} from '@claimline/shared/estimates';
import { eventFiltersSchema } from '@claimline/shared/filters';
import { planFilters } from '../repositories/event-filters.js';
import { problemSchema } from '@claimline/shared/problem';
import { createRouter } from '../lib/router.js';
import { listEstimateSeries, listEstimates } from '../repositories/estimates.js';

const problem = { description: 'A parameter is invalid', content: { 'application/problem+json': { schema: problemSchema } } };

const estimates = createRoute({
  method: 'get',
  path: '/estimates',
  tags: ['estimates'],
  summary: 'Every claimed figure for the measures and subject, side by side: who, when, in what words, how trusted',
  request: { query: estimatesQuerySchema },
  responses: { 200: { description: 'One item per claim quantity', content: { 'application/json': { schema: estimatesResponseSchema } } }, 400: problem },
});

const series = createRoute({
  method: 'get',
  path: '/estimates/series',
  tags: ['estimates'],
  summary: 'The measures and subjects that have claimed figures under the filters',
  request: { query: eventFiltersSchema },
  responses: { 200: { description: 'Measure, subject and count', content: { 'application/json': { schema: estimateSeriesSchema } } }, 400: problem },
});

export const estimatesRoutes = createRouter()
  .openapi(estimates, async (c) => {
    const { measure, subject, limit, ...filters } = c.req.valid('query');
    const measures = measure ?? [...DEFAULT_ESTIMATE_MEASURES];
    const who = subject ?? DEFAULT_ESTIMATE_SUBJECT;
    const { db, config } = c.get('deps');
    const { items, truncated } = await listEstimates(db, await planFilters(db, filters), measures, who, limit ?? config.estimatesLimit);
    return c.json({ measures, subject: who, items, truncated }, 200);
  })
  .openapi(series, async (c) => {
    const { db } = c.get('deps');
    return c.json({ items: await listEstimateSeries(db, await planFilters(db, c.req.valid('query'))) }, 200);
  });
