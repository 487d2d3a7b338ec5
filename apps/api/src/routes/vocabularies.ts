import { createRoute, z } from '@hono/zod-openapi';
import { actorSchema, sourceSchema } from '@claimline/shared/sources';
import { createRouter } from '../lib/router.js';
import { listActors } from '../repositories/actors.js';
import { listSources } from '../repositories/sources.js';

const sources = createRoute({
  method: 'get',
  path: '/sources',
  tags: ['vocabularies'],
  summary: 'Every source with its reliability and whether it is party to the conflict',
  responses: { 200: { description: 'Sources', content: { 'application/json': { schema: z.object({ items: z.array(sourceSchema) }) } } } },
});

const actors = createRoute({
  method: 'get',
  path: '/actors',
  tags: ['vocabularies'],
  summary: 'Every actor',
  responses: { 200: { description: 'Actors', content: { 'application/json': { schema: z.object({ items: z.array(actorSchema) }) } } } },
});

export const vocabularyRoutes = createRouter()
  .openapi(sources, async (c) => c.json({ items: await listSources(c.get('deps').db) }, 200))
  .openapi(actors, async (c) => c.json({ items: await listActors(c.get('deps').db) }, 200));
