import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { LOGIN_LIMITS } from '../../apps/api/src/services/accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, TEST_PASSWORD } from '../support/auth.js';
import { ENGINES } from '../support/database.js';
import { json } from './write-fixtures.js';

/**
 * The login rate limit: counted in the database (so every copy of the API
 * shares it), per email and per client address, over a 15-minute window.
 */

describe.each(ENGINES)('login rate limit on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
  });
  afterAll(() => t?.close());

  const login = (email: string, password: string, ip: string) =>
    t.app.request('/api/auth/login', { method: 'POST', ...json({ email, password }, { 'x-forwarded-for': ip }) });

  it(`after ${LOGIN_LIMITS.perEmail} failures for one email, even the right password is 429 with Retry-After`, async () => {
    const user = await createUser(t, 'editor');
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) {
      // From different addresses: the per-email count must not depend on where the guesses come from.
      expect((await login(user.email, `wrong password ${i}`, `10.0.1.${i}`)).status).toBe(401);
    }
    const blocked = await login(user.email, TEST_PASSWORD, '10.0.2.1');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(LOGIN_LIMITS.windowSeconds - 60);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowSeconds);
    expect(blocked.headers.getSetCookie()).toEqual([]);
    // Refused attempts are not counted (nor checked): the lock does not grow while it holds.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from login_attempts where email = ${user.email}`.execute(t.database.db);
    expect(rows[0]!.n).toBe(LOGIN_LIMITS.perEmail);
  });

  it('the lock lifts when the failures age out of the window', async () => {
    const user = await createUser(t, 'editor');
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) await login(user.email, 'wrong password', '10.0.3.1');
    expect((await login(user.email, TEST_PASSWORD, '10.0.3.1')).status).toBe(429);
    await sql`update login_attempts set attempted_at = now() - make_interval(secs => ${LOGIN_LIMITS.windowSeconds + 1}) where email = ${user.email}`.execute(
      t.database.db,
    );
    expect((await login(user.email, TEST_PASSWORD, '10.0.3.1')).status).toBe(200);
  });

  it('a successful login forgives that email\'s earlier failures', async () => {
    const user = await createUser(t, 'viewer');
    for (let i = 0; i < LOGIN_LIMITS.perEmail - 1; i++) await login(user.email, 'wrong password', '10.0.4.1');
    expect((await login(user.email, TEST_PASSWORD, '10.0.4.1')).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.perEmail - 1; i++) expect((await login(user.email, 'wrong password', '10.0.4.1')).status).toBe(401);
    expect((await login(user.email, TEST_PASSWORD, '10.0.4.1')).status).toBe(200);
  });

  it(`after ${LOGIN_LIMITS.perIp} failures from one address, that address is 429 for any email; others are not`, async () => {
    const user = await createUser(t, 'viewer');
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
      expect((await login(`sprayed-${i}@test.claimline.org`, 'wrong password', '203.0.113.9')).status).toBe(401);
    }
    const blocked = await login(user.email, TEST_PASSWORD, '203.0.113.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(user.email, TEST_PASSWORD, '203.0.113.10')).status).toBe(200);
  });
});
