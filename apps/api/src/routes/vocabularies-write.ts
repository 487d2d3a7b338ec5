import { createRoute } from '@hono/zod-openapi';
import { uuidParamSchema } from '@claimline/shared/auth';
import { actorPatchSchema, sourcePatchSchema } from '@claimline/shared/editing';
import { actorInputSchema, actorSchema, sourceInputSchema, sourceSchema } from '@claimline/shared/sources';
import { isUniqueViolation } from '../db/errors.js';
import { currentUser, requireRole } from '../lib/auth.js';
import { problem, SIGNED_IN } from '../lib/openapi.js';
import { ApiError, notFound } from '../lib/problem.js';
import { createRouter } from '../lib/router.js';
import { insertActor, updateActor } from '../repositories/actors.js';
import { insertSource, updateSource } from '../repositories/sources.js';

/** Adding and correcting sources (reliability, party to the conflict) and actors, for editors. Names are unique. */

const ERRORS = {
  400: problem('A field is invalid; `errors` names each one'),
  401: problem('Not signed in'),
  403: problem('Not an editor, or a cookie-authenticated write without X-CSRF-Token'),
  409: problem('The name (or id) is taken'),
};
const idParam = uuidParamSchema;

const createSource = createRoute({
  method: 'post',
  path: '/sources',
  tags: ['vocabularies'],
  summary: 'Adds a source',
  security: SIGNED_IN,
  middleware: [requireRole('editor')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: sourceInputSchema } } } },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: sourceSchema } } }, ...ERRORS },
});

const patchSource = createRoute({
  method: 'patch',
  path: '/sources/{id}',
  tags: ['vocabularies'],
  summary: 'Changes the given fields of a source',
  security: SIGNED_IN,
  middleware: [requireRole('editor')] as const,
  request: { params: idParam, body: { required: true, content: { 'application/json': { schema: sourcePatchSchema } } } },
  responses: { 200: { description: 'The source as changed', content: { 'application/json': { schema: sourceSchema } } }, 404: problem('No such source'), ...ERRORS },
});

const createActor = createRoute({
  method: 'post',
  path: '/actors',
  tags: ['vocabularies'],
  summary: 'Adds an actor',
  security: SIGNED_IN,
  middleware: [requireRole('editor')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: actorInputSchema } } } },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: actorSchema } } }, ...ERRORS },
});

const patchActor = createRoute({
  method: 'patch',
  path: '/actors/{id}',
  tags: ['vocabularies'],
  summary: 'Changes the given fields of an actor',
  security: SIGNED_IN,
  middleware: [requireRole('editor')] as const,
  request: { params: idParam, body: { required: true, content: { 'application/json': { schema: actorPatchSchema } } } },
  responses: { 200: { description: 'The actor as changed', content: { 'application/json': { schema: actorSchema } } }, 404: problem('No such actor'), ...ERRORS },
});

/** A unique name (or a given id) already taken answers 409 naming the field, not 500. */
async function unique<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const onId = /_pkey/.test(String((err as { constraint?: unknown }).constraint ?? ''));
    throw new ApiError(409, 'Conflict', {
      detail: onId ? `a ${what} with that id exists` : `a ${what} with that name exists`,
      errors: [{ path: onId ? 'id' : 'name', message: 'already taken' }],
    });
  }
}

export const vocabularyWriteRoutes = createRouter()
  .openapi(createSource, async (c) => {
    const source = await unique('source', () => insertSource(c.get('deps').db, c.req.valid('json')));
    c.get('logger').info({ by: currentUser(c).id, sourceId: source.id }, 'source created');
    c.header('Location', `/api/sources/${source.id}`);
    return c.json(source, 201);
  })
  .openapi(patchSource, async (c) => {
    const { id } = c.req.valid('param');
    const source = await unique('source', () => updateSource(c.get('deps').db, id, c.req.valid('json')));
    if (!source) throw notFound(`Source ${id}`);
    c.get('logger').info({ by: currentUser(c).id, sourceId: id }, 'source changed');
    return c.json(source, 200);
  })
  .openapi(createActor, async (c) => {
    const actor = await unique('actor', () => insertActor(c.get('deps').db, c.req.valid('json')));
    c.get('logger').info({ by: currentUser(c).id, actorId: actor.id }, 'actor created');
    c.header('Location', `/api/actors/${actor.id}`);
    return c.json(actor, 201);
  })
  .openapi(patchActor, async (c) => {
    const { id } = c.req.valid('param');
    const actor = await unique('actor', () => updateActor(c.get('deps').db, id, c.req.valid('json')));
    if (!actor) throw notFound(`Actor ${id}`);
    c.get('logger').info({ by: currentUser(c).id, actorId: id }, 'actor changed');
    return c.json(actor, 200);
  });
