import { createRoute, z } from '@hono/zod-openapi';
import { userInputSchema, userPatchSchema, userSchema, uuidParamSchema } from '@claimline/shared/auth';
import { currentUser, requireRole } from '../lib/auth.js';
import { problem, SIGNED_IN } from '../lib/openapi.js';
import { createRouter } from '../lib/router.js';
import { listUsers } from '../repositories/users.js';
import { changeUser, createUser } from '../services/accounts.js';

/** User management, for admins only. Users are never deleted: disabling keeps who wrote which revision. */

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['users'],
  summary: 'Every user, by email',
  security: SIGNED_IN,
  middleware: [requireRole('admin')] as const,
  responses: {
    200: { description: 'Users', content: { 'application/json': { schema: z.object({ items: z.array(userSchema) }) } } },
    401: problem('Not signed in'),
    403: problem('Not an admin'),
  },
});

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['users'],
  summary: 'A new user with a role and an initial password',
  security: SIGNED_IN,
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: userInputSchema } } } },
  responses: {
    201: { description: 'Created; Location names it', content: { 'application/json': { schema: userSchema } } },
    400: problem('A field is invalid (the password too short, for instance)'),
    401: problem('Not signed in'),
    403: problem('Not an admin'),
    409: problem('The email is taken'),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['users'],
  summary: 'Changes a role, disables or re-enables a user, or sets a new password',
  security: SIGNED_IN,
  middleware: [requireRole('admin')] as const,
  request: { params: uuidParamSchema, body: { required: true, content: { 'application/json': { schema: userPatchSchema } } } },
  responses: {
    200: { description: 'The user as changed', content: { 'application/json': { schema: userSchema } } },
    400: problem('A field is invalid'),
    401: problem('Not signed in'),
    403: problem('Not an admin'),
    404: problem('No such user'),
    409: problem('It would leave no active admin'),
  },
});

export const userRoutes = createRouter()
  .openapi(list, async (c) => c.json({ items: await listUsers(c.get('deps').db) }, 200))
  .openapi(create, async (c) => {
    const user = await createUser(c.get('deps').db, c.req.valid('json'));
    c.get('logger').info({ by: currentUser(c).id, userId: user.id, role: user.role }, 'user created');
    c.header('Location', `/api/users/${user.id}`);
    return c.json(user, 201);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    const user = await changeUser(c.get('deps').db, id, change);
    c.get('logger').info({ by: currentUser(c).id, userId: id, role: change.role, disabled: change.disabled, password: change.password !== undefined }, 'user changed');
    return c.json(user, 200);
  });
