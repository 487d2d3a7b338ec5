import { createRoute, z } from '@hono/zod-openapi';
import {
  apiTokenInputSchema,
  apiTokenListQuerySchema,
  apiTokenSchema,
  createdApiTokenSchema,
  roleAtLeast,
  uuidParamSchema,
} from '@claimline/shared/auth';
import { currentUser, requireRole } from '../lib/auth.js';
import { problem, SIGNED_IN } from '../lib/openapi.js';
import { ApiError, notFound } from '../lib/problem.js';
import { createRouter } from '../lib/router.js';
import { findApiToken, listApiTokens, revokeApiToken } from '../repositories/api-tokens.js';
import { issueApiToken } from '../services/accounts.js';

/**
 * API tokens for scripts. Any signed-in user manages their own (a token acts
 * with its user's role, so a viewer's token can only read); an admin can
 * also list and revoke everyone's. A token's secret is answered once, at
 * creation, and stored only as a hash.
 */

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['tokens'],
  summary: 'A new API token for the signed-in user; its secret is in this answer only',
  security: SIGNED_IN,
  middleware: [requireRole('viewer')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: apiTokenInputSchema } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: createdApiTokenSchema } } },
    400: problem('The name is missing or too long'),
    401: problem('Not signed in'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['tokens'],
  summary: "The signed-in user's tokens (with all=true, an admin sees everyone's), newest first, revoked ones included",
  security: SIGNED_IN,
  middleware: [requireRole('viewer')] as const,
  request: { query: apiTokenListQuerySchema },
  responses: {
    200: { description: 'Tokens, without their secrets', content: { 'application/json': { schema: z.object({ items: z.array(apiTokenSchema) }) } } },
    401: problem('Not signed in'),
    403: problem('all=true by someone who is not an admin'),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['tokens'],
  summary: 'Revokes a token at once (kept in the list, marked revoked)',
  security: SIGNED_IN,
  middleware: [requireRole('viewer')] as const,
  request: { params: uuidParamSchema },
  responses: {
    200: { description: 'The revoked token', content: { 'application/json': { schema: apiTokenSchema } } },
    400: problem('The id is not a UUID'),
    401: problem('Not signed in'),
    404: problem('No such token among yours'),
  },
});

export const tokenRoutes = createRouter()
  .openapi(create, async (c) => {
    const user = currentUser(c);
    const created = await issueApiToken(c.get('deps').db, user.id, c.req.valid('json').name);
    c.header('Cache-Control', 'no-store');
    c.get('logger').info({ userId: user.id, tokenId: created.id }, 'API token issued');
    return c.json(created, 201);
  })
  .openapi(list, async (c) => {
    const user = currentUser(c);
    const { all } = c.req.valid('query');
    if (all && !roleAtLeast(user.role, 'admin')) throw new ApiError(403, 'Forbidden', { detail: "only an admin can list everyone's tokens" });
    return c.json({ items: await listApiTokens(c.get('deps').db, all ? null : user.id) }, 200);
  })
  .openapi(revoke, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid('param');
    const { db } = c.get('deps');
    const token = await findApiToken(db, id);
    // Someone else's token is "not found" to a non-admin: ids of others' tokens are not theirs to probe.
    if (!token || (token.userId !== user.id && !roleAtLeast(user.role, 'admin'))) throw notFound(`Token ${id}`);
    const revoked = await revokeApiToken(db, id);
    if (!revoked) throw notFound(`Token ${id}`);
    c.get('logger').info({ userId: user.id, tokenId: id }, 'API token revoked');
    return c.json(revoked, 200);
  });
