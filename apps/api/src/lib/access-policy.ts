import { createMiddleware } from 'hono/factory';
import type { Role } from '@claimline/shared/auth';
import { checkRole, isSafeMethod } from './auth.js';
import type { AppEnv } from './env.js';

/**
 * The one table of who may do what under /api, applied before any route so
 * that no endpoint (including ones added later, such as import) can forget
 * it. It fails closed: any write not named below needs an editor.
 *
 *  - POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me: anyone
 *    (me answers 401 itself when nobody is signed in)
 *  - /api/users/**: admin, every method
 *  - /api/tokens/**: any signed-in user, for their own tokens (an admin sees
 *    and revokes everyone's); checked again in the routes
 *  - GET /api/events/deleted: editor
 *  - every other write: editor
 *  - every other read: anyone, or any signed-in user when READ_ACCESS=authenticated,
 *    except /api/config, /api/openapi.json and /api/docs, which the sign-in
 *    page and API clients need first
 * Routes repeat their requirement with requireRole, as a second lock.
 */

export type Access = 'anyone' | 'signed-in' | Role;

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
const ALWAYS_READABLE = new Set(['/api/config', '/api/openapi.json', '/api/docs', '/api/docs.js']);

export function requiredAccess(method: string, path: string, readAccess: 'public' | 'authenticated'): Access {
  if (!path.startsWith('/api/')) return 'anyone';
  const read = isSafeMethod(method);
  if (path === '/api/auth/login' || path === '/api/auth/logout') return 'anyone';
  if (under(path, '/api/users')) return 'admin';
  if (under(path, '/api/tokens')) return 'signed-in';
  if (!read) return 'editor';
  if (path === '/api/events/deleted') return 'editor';
  if (under(path, '/api/auth') || ALWAYS_READABLE.has(path)) return 'anyone';
  return readAccess === 'authenticated' ? 'signed-in' : 'anyone';
}

export const accessPolicy = createMiddleware<AppEnv>(async (c, next) => {
  const access = requiredAccess(c.req.method, c.req.path, c.get('deps').config.readAccess);
  if (access !== 'anyone') checkRole(c.get('user'), access === 'signed-in' ? 'viewer' : access);
  await next();
});
