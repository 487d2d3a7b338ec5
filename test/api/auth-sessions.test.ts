import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionSchema } from '@claimline/shared/auth';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, loginAs, loginWithUser, sessionCookie, TEST_PASSWORD, tokenFor } from '../support/auth.js';
import { ENGINES } from '../support/database.js';
import { eventInput, json, seedEvent } from './write-fixtures.js';

/** Sessions: login, the cookie, me, logout, CSRF on cookie writes, expiry, disabled users. */

describe.each(ENGINES)('sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.request('/api/auth/login', { method: 'POST', ...json(body, headers) });

  it('login sets an HttpOnly, SameSite=Lax, Path=/ cookie and answers the user with a CSRF token', async () => {
    const user = await createUser(t, 'editor');
    const res = await login({ email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = sessionSchema.parse(await res.json());
    expect(body.user).toEqual({ id: user.id, email: user.email, role: 'editor' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = res.headers.getSetCookie().find((h) => h.startsWith('claimline_session='))!;
    expect(setCookie).toMatch(/^claimline_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toMatch(/Max-Age=\d+/);
    expect(setCookie).not.toContain('Secure');
  });

  it('the cookie is Secure behind HTTPS: a https URL or X-Forwarded-Proto: https', async () => {
    const user = await createUser(t, 'viewer');
    const viaProxy = await login({ email: user.email, password: TEST_PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(viaProxy.headers.getSetCookie().find((h) => h.startsWith('claimline_session='))).toContain('Secure');
    const direct = await t.app.request('https://claimline.example/api/auth/login', { method: 'POST', ...json({ email: user.email, password: TEST_PASSWORD }) });
    expect(direct.headers.getSetCookie().find((h) => h.startsWith('claimline_session='))).toContain('Secure');
  });

  it('the database keeps only a hash of the session token', async () => {
    const user = await createUser(t, 'viewer');
    const res = await login({ email: user.email, password: TEST_PASSWORD });
    const token = sessionCookie(res)!.split('=')[1]!;
    const rows = await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.id).not.toContain(token);
    const stored = await t.database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(stored.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('emails are matched case-insensitively', async () => {
    const user = await createUser(t, 'viewer');
    const res = await login({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('a wrong password and an unknown email both answer 401 with the same problem', async () => {
    const user = await createUser(t, 'viewer');
    const wrong = await login({ email: user.email, password: 'not the password at all' });
    const unknown = await login({ email: 'nobody-here@test.claimline.org', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a.detail).toBe(b.detail);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('bad login bodies are 400 problems, never 500', async () => {
    const malformed = await t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    const missing = await login({ email: 'a@b.org' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual([expect.objectContaining({ path: 'password' })]);
    const noType = await t.app.request('/api/auth/login', { method: 'POST', body: '{}' });
    expect(noType.status).toBe(415);
    expect(noType.headers.get('content-type')).toContain('application/problem+json');
    const textBody = await t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(textBody.status).toBe(415);
  });

  it('refuses a login that the browser marks as cross-site', async () => {
    const user = await createUser(t, 'viewer');
    const res = await login({ email: user.email, password: TEST_PASSWORD }, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('a disabled user cannot sign in (403) and their sessions and tokens stop working at once', async () => {
    const user = await createUser(t, 'editor');
    const session = await loginAs(t, user);
    const token = await tokenFor(t, user);
    await t.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', user.id).execute();
    expect((await login({ email: user.email, password: TEST_PASSWORD })).status).toBe(403);
    expect((await t.app.request('/api/auth/me', { headers: session })).status).toBe(401);
    expect((await t.app.request('/api/auth/me', { headers: token })).status).toBe(401);
  });

  it('GET /api/auth/me answers the user and the CSRF token, or 401', async () => {
    const { headers: session, user } = await loginWithUser(t, 'admin');
    const res = await t.app.request('/api/auth/me', { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ user: { id: user.id, email: user.email, role: 'admin' }, csrfToken: session['x-csrf-token'] });
    const token = await tokenFor(t, 'viewer');
    const byToken = await t.app.request('/api/auth/me', { headers: token });
    expect(byToken.status).toBe(200);
    expect((await byToken.json()).csrfToken).toBeNull();
    const anonymous = await t.app.request('/api/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
  });

  it('cookie-authenticated writes need X-CSRF-Token; a wrong one is refused too; a token needs none', async () => {
    const session = await loginAs(t, 'editor');
    const create = (headers: Record<string, string>) => t.app.request('/api/events', { method: 'POST', ...json(eventInput(), headers) });
    const without = await create({ cookie: session.cookie });
    expect(without.status).toBe(403);
    expect((await without.json()).detail).toContain('X-CSRF-Token');
    expect((await create({ cookie: session.cookie, 'x-csrf-token': 'A'.repeat(43) })).status).toBe(403);
    const other = await loginAs(t, 'editor');
    expect((await create({ cookie: session.cookie, 'x-csrf-token': other['x-csrf-token'] })).status).toBe(403);
    expect((await create({ ...session })).status).toBe(201);
    expect((await create(await tokenFor(t, 'editor'))).status).toBe(201);
  });

  it('CSRF applies to every cookie write: PATCH, DELETE, logout', async () => {
    const session = await loginAs(t, 'editor');
    const event = await seedEvent(t);
    const patch = await t.app.request(`/api/events/${event.id}`, { method: 'PATCH', ...json({ title: 'x' }, { cookie: session.cookie, 'if-match': '"1"' }) });
    expect(patch.status).toBe(403);
    const del = await t.app.request(`/api/events/${event.id}`, { method: 'DELETE', headers: { cookie: session.cookie, 'if-match': '"1"' } });
    expect(del.status).toBe(403);
    const logout = await t.app.request('/api/auth/logout', { method: 'POST', headers: { cookie: session.cookie } });
    expect(logout.status).toBe(403);
    expect((await t.app.request('/api/auth/me', { headers: session })).status).toBe(200);
  });

  it('logout ends the session in the database and clears the cookie', async () => {
    const { headers: session, user } = await loginWithUser(t, 'viewer');
    const res = await t.app.request('/api/auth/logout', { method: 'POST', headers: session });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().find((h) => h.startsWith('claimline_session='))).toMatch(/^claimline_session=;.*Max-Age=0/);
    expect((await t.app.request('/api/auth/me', { headers: session })).status).toBe(401);
    const left = await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(left).toEqual([]);
    // Without a session, logout is still fine.
    expect((await t.app.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
  });

  it('an expired session is no session: reads go on anonymous (cookie cleared), writes are 401', async () => {
    const { headers: session, user } = await loginWithUser(t, 'editor');
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('user_id', '=', user.id)
      .execute();
    const read = await t.app.request('/api/events?limit=1', { headers: session });
    expect(read.status).toBe(200);
    expect(read.headers.getSetCookie().find((h) => h.startsWith('claimline_session='))).toMatch(/Max-Age=0/);
    expect((await t.app.request('/api/auth/me', { headers: session })).status).toBe(401);
    const write = await t.app.request('/api/events', { method: 'POST', ...json(eventInput(), session) });
    expect(write.status).toBe(401);
  });

  it('a session slides its expiry forward on use, at most once a minute', async () => {
    const { headers: session, user } = await loginWithUser(t, 'viewer');
    const before = await t.database.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now() - interval '2 minutes'`, expires_at: sql<Date>`now() + interval '1 hour'` })
      .where('id', '=', before.id)
      .execute();
    expect((await t.app.request('/api/auth/me', { headers: session })).status).toBe(200);
    const after = await t.database.db.selectFrom('sessions').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(new Date(after.last_seen_at).getTime()).toBeGreaterThan(Date.now() - 30_000);
    expect(new Date(after.expires_at).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
  });

  it('signing in again replaces the session the request carried', async () => {
    const { headers: session, user } = await loginWithUser(t, 'viewer');
    const again = await t.app.request('/api/auth/login', { method: 'POST', ...json({ email: user.email, password: TEST_PASSWORD }, { cookie: session.cookie }) });
    expect(again.status).toBe(200);
    expect(sessionCookie(again)).not.toBe(session.cookie);
    expect((await t.app.request('/api/auth/me', { headers: session })).status).toBe(401);
  });

  it('a malformed Authorization header or unknown token is 401, even on public reads', async () => {
    for (const authorization of ['Basic abc', 'Bearer', 'Bearer cl_doesnotexist', 'Bearer not-a-claimline-token']) {
      const res = await t.app.request('/api/events?limit=1', { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
  });
});
