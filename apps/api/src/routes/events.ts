import { createRoute } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { type Revision, eventDetailSchema, eventIdParamSchema, eventPageSchema, revisionSchema } from '@claimline/shared/events';
import { eventListQuerySchema } from '@claimline/shared/filters';
import { problemSchema } from '@claimline/shared/problem';
import { notFound } from '../lib/problem.js';
import { createRouter } from '../lib/router.js';
import { countEvents, countEventsUpTo, getEventDetail, getEventState, listEvents } from '../repositories/events.js';
import { planFilters } from '../repositories/event-filters.js';
import { listRevisions } from '../repositories/revisions.js';

const problem = { content: { 'application/problem+json': { schema: problemSchema } } };

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['events'],
  summary: 'Events matching the filters, newest first, with keyset pagination',
  request: { query: eventListQuerySchema },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: eventPageSchema } } },
    400: { description: 'A parameter is invalid', ...problem },
  },
});

const detail = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['events'],
  summary: 'One event with every claim, its source and quantities, and its actors',
  request: { params: eventIdParamSchema },
  responses: {
    200: { description: 'The event; ETag carries its version', content: { 'application/json': { schema: eventDetailSchema } } },
    304: { description: 'Unchanged since the If-None-Match version' },
    400: { description: 'The id is not a UUID', ...problem },
    404: { description: 'No such event', ...problem },
  },
});

const revisions = createRoute({
  method: 'get',
  path: '/{id}/revisions',
  tags: ['events'],
  summary: 'Every revision of the event, newest first, each with the full snapshot',
  request: { params: eventIdParamSchema },
  responses: {
    200: { description: 'Revisions', content: { 'application/json': { schema: z.object({ items: z.array(revisionSchema) }) } } },
    400: { description: 'The id is not a UUID', ...problem },
    404: { description: 'No such event', ...problem },
  },
});

/**
 * RFC 9110 §13.1.2: If-None-Match is `*` or a list of entity tags, compared
 * weakly (a proxy that compresses the body turns "3" into W/"3").
 */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

export const eventsRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, cursor, exactTotal, ...query } = c.req.valid('query');
    const { db, config } = c.get('deps');
    const filters = await planFilters(db, query);
    // A text query's first page finds its own total (up to the count limit) on the way: no second count.
    const pageCounts = filters.q !== undefined && cursor === undefined && !exactTotal;
    const [{ probed, ...page }, counted] = await Promise.all([
      listEvents(db, filters, { limit, cursor }, { textProbe: config.textCountLimit }),
      pageCounts
        ? undefined
        : exactTotal
          ? countEvents(db, filters).then((n) => ({ total: n, totalExact: true }))
          : countEventsUpTo(db, filters, config.textCountLimit),
    ]);
    const total = counted ?? probed;
    if (!total) throw new Error('the first page of a text query came back without its count');
    return c.json({ ...page, ...total }, 200);
  })
  .openapi(detail, async (c) => {
    const { id } = c.req.valid('param');
    const event = await getEventDetail(c.get('deps').db, id);
    if (!event) throw notFound(`Event ${id}`);
    const etag = `"${event.version}"`;
    c.header('ETag', etag);
    // no-transform: the ETag is the event's version, sent back in If-Match; compressed (app.ts), it would be weakened.
    c.header('Cache-Control', 'no-cache, no-transform');
    if (noneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    const { deletedAt: _deleted, ...body } = event;
    return c.json(body, 200);
  })
  .openapi(revisions, async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.get('deps');
    // Deleted events keep their history readable: that is how they are restored.
    if (!(await getEventState(db, id))) throw notFound(`Event ${id}`);
    return c.json({ items: (await listRevisions(db, id)) as Revision[] }, 200);
  });
