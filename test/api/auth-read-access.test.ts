import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../apps/api/src/config.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { loginAs, tokenFor } from '../support/auth.js';
import { ENGINES } from '../support/database.js';

/** READ_ACCESS=authenticated: every read needs a session or a token, except what signing in needs. */

const READS = [
  '/api/events',
  '/api/events/5b372b22-4f13-5e70-b8f4-728e89c0d5d0',
  '/api/events/5b372b22-4f13-5e70-b8f4-728e89c0d5d0/revisions',
  '/api/timeline',
  '/api/facets',
  '/api/estimates?measure=killed',
  '/api/sources',
  '/api/actors',
  '/api/export.csv',
  '/api/no-such-endpoint',
];
const ALWAYS_OPEN = ['/api/config', '/api/openapi.json', '/api/docs'];

describe.each(ENGINES)('READ_ACCESS=authenticated on %s', (engine) => {
  let t: TestApp;
  let closed: TestApp['app'];
  beforeAll(async () => {
    t = await createTestApp(engine);
    const config = { ...loadConfig({ TILE_URL: '', READ_ACCESS: 'authenticated' }, process.cwd()), databaseUrl: undefined };
    expect(config.readAccess).toBe('authenticated');
    closed = createApp({ db: t.database.db, engine, config, logger: pino({ level: 'silent' }), webDist: null });
  });
  afterAll(() => t?.close());

  it.each(READS)('GET %s is 401 anonymous, answered for a viewer session or token', async (path) => {
    const anonymous = await closed.request(path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const session = await loginAs(t, 'viewer');
    const token = await tokenFor(t, 'viewer');
    const expected = path === '/api/no-such-endpoint' ? 404 : 200;
    for (const headers of [{ cookie: session.cookie }, token]) {
      const res = await closed.request(path, { headers });
      // Read the whole body: a streamed export holds its database connection until it is consumed.
      await res.text();
      expect(res.status).toBe(expected);
    }
  });

  it.each(ALWAYS_OPEN)('GET %s stays open: the sign-in page and API clients need it first', async (path) => {
    expect((await closed.request(path)).status).toBe(200);
  });

  it('sign-in works, and /api/auth/me answers 401 rather than hiding', async () => {
    expect((await closed.request('/api/auth/me')).status).toBe(401);
    const session = await loginAs(t, 'viewer');
    expect((await closed.request('/api/auth/me', { headers: session })).status).toBe(200);
  });

  it('the default (public) lets anyone read, and still no one write', async () => {
    expect((await t.app.request('/api/events')).status).toBe(200);
    expect((await t.app.request('/api/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });
});
