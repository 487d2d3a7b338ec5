import { createRoute } from '@hono/zod-openapi';
import { loginSchema, sessionSchema } from '@claimline/shared/auth';
import { clearSessionCookie, clientIp, setSessionCookie, unauthorized } from '../lib/auth.js';
import { problem, SIGNED_IN } from '../lib/openapi.js';
import { ApiError } from '../lib/problem.js';
import { createRouter } from '../lib/router.js';
import { deleteSession } from '../repositories/sessions.js';
import { signIn } from '../services/accounts.js';

/** Sessions: sign in (sets the cookie), sign out, and who am I. */

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in: sets the HttpOnly session cookie and answers the user with the CSRF token for writes',
  description: 'Rate-limited: after too many failures for one email or one client address in 15 minutes, 429 with Retry-After.',
  request: { body: { required: true, content: { 'application/json': { schema: loginSchema } } } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: sessionSchema } } },
    400: problem('The body is not { email, password }'),
    401: problem('Wrong email or password'),
    403: problem('The account is disabled, or the request came from another site'),
    429: problem('Too many failed logins; Retry-After says how many seconds to wait'),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'Sign out: ends the session and clears the cookie (also fine without a session)',
  responses: {
    204: { description: 'Signed out' },
    403: problem('Signed in by cookie but without the X-CSRF-Token header'),
  },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user, with the CSRF token the session needs for writes',
  security: SIGNED_IN,
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: sessionSchema } } },
    401: problem('Not signed in'),
  },
});

export const authRoutes = createRouter()
  .openapi(login, async (c) => {
    // Login needs no CSRF token (there is no session yet), so refuse what a browser marks as cross-site.
    if (c.req.header('sec-fetch-site') === 'cross-site') {
      throw new ApiError(403, 'Forbidden', { detail: 'sign in from Claimline itself, not from another site' });
    }
    const { email, password } = c.req.valid('json');
    const { db } = c.get('deps');
    const signedIn = await signIn(db, { email, password, ip: clientIp(c) });
    const previous = c.get('credential');
    if (previous?.kind === 'session') await deleteSession(db, previous.sessionId);
    setSessionCookie(c, signedIn.sessionToken);
    c.header('Cache-Control', 'no-store');
    c.get('logger').info({ userId: signedIn.user.id }, 'signed in');
    return c.json({ user: signedIn.user, csrfToken: signedIn.csrfToken }, 200);
  })
  .openapi(logout, async (c) => {
    const credential = c.get('credential');
    if (credential?.kind === 'session') await deleteSession(c.get('deps').db, credential.sessionId);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(me, async (c) => {
    const user = c.get('user');
    const credential = c.get('credential');
    if (!user) throw unauthorized('not signed in');
    c.header('Cache-Control', 'no-store');
    return c.json({ user, csrfToken: credential?.kind === 'session' ? credential.csrfToken : null }, 200);
  });
