import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userSchema } from '@claimline/shared/auth';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, loginAs, loginWithUser, type SessionHeaders, TEST_PASSWORD, type TestUser, tokenFor } from '../support/auth.js';
import { ENGINES } from '../support/database.js';
import { eventInput, json } from './write-fixtures.js';

/** User management by admins: create, list, change role, disable, reset a password; the last admin stays. */

describe.each(ENGINES)('users on %s', (engine) => {
  let t: TestApp;
  let admin: SessionHeaders;
  let adminUser: TestUser;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
    ({ headers: admin, user: adminUser } = await loginWithUser(t, 'admin'));
  });
  afterAll(() => t?.close());

  const post = (body: unknown) => t.app.request('/api/users', { method: 'POST', ...json(body, admin) });
  const patch = (id: string, body: unknown, headers: Record<string, string> = admin) =>
    t.app.request(`/api/users/${id}`, { method: 'PATCH', ...json(body, headers) });
  const login = (email: string, password: string) => t.app.request('/api/auth/login', { method: 'POST', ...json({ email, password }) });

  it('POST /api/users creates a user who can sign in; the email is stored lower-case', async () => {
    const res = await post({ email: 'Analyst.One@Example.ORG', role: 'editor', password: 'a long enough password' });
    expect(res.status).toBe(201);
    const user = userSchema.parse(await res.json());
    expect(user).toMatchObject({ email: 'analyst.one@example.org', role: 'editor', disabledAt: null });
    expect(res.headers.get('location')).toBe(`/api/users/${user.id}`);
    expect((await login('analyst.one@example.org', 'a long enough password')).status).toBe(200);
    const list = (await (await t.app.request('/api/users', { headers: admin })).json()).items;
    expect(list.map((u: { email: string }) => u.email)).toContain('analyst.one@example.org');
    expect(JSON.stringify(list)).not.toMatch(/password|scrypt/i);
  });

  it('refuses a duplicate email whatever its case (409), a short password and a bad role (400)', async () => {
    await post({ email: 'dup@example.org', role: 'viewer', password: 'a long enough password' });
    const dup = await post({ email: 'DUP@example.org', role: 'viewer', password: 'a long enough password' });
    expect(dup.status).toBe(409);
    expect((await dup.json()).errors).toEqual([{ path: 'email', message: 'already taken' }]);
    const short = await post({ email: 'short@example.org', role: 'viewer', password: 'too short' });
    expect(short.status).toBe(400);
    expect((await short.json()).errors).toEqual([expect.objectContaining({ path: 'password' })]);
    const role = await post({ email: 'role@example.org', role: 'owner', password: 'a long enough password' });
    expect(role.status).toBe(400);
    expect((await role.json()).errors).toEqual([expect.objectContaining({ path: 'role' })]);
    const email = await post({ email: 'not an email', role: 'viewer', password: 'a long enough password' });
    expect((await email.json()).errors).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('a role change applies to existing sessions and tokens at once', async () => {
    const { headers: session, user } = await loginWithUser(t, 'viewer');
    const token = await tokenFor(t, user);
    const write = (headers: Record<string, string>) => t.app.request('/api/sources', { method: 'POST', ...json({ name: `S ${Math.random()}`, kind: 'ngo' }, headers) });
    expect((await write(session)).status).toBe(403);
    const res = await patch(user.id, { role: 'editor' });
    expect(res.status).toBe(200);
    expect((await res.json()).role).toBe('editor');
    expect((await write(session)).status).toBe(201);
    expect((await write(token)).status).toBe(201);
  });

  it('disabling signs the user out and stops their tokens; enabling lets them sign in again', async () => {
    const { headers: session, user } = await loginWithUser(t, 'editor');
    const token = await tokenFor(t, user);
    const res = await patch(user.id, { disabled: true });
    expect(res.status).toBe(200);
    expect((await res.json()).disabledAt).not.toBeNull();
    expect((await t.app.request('/api/auth/me', { headers: session })).status).toBe(401);
    expect((await t.app.request('/api/auth/me', { headers: token })).status).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(403);
    const enabled = await patch(user.id, { disabled: false });
    expect((await enabled.json()).disabledAt).toBeNull();
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(200);
    // Tokens were never revoked, only suspended with their user.
    expect((await t.app.request('/api/auth/me', { headers: token })).status).toBe(200);
  });

  it('a new password signs the user out everywhere; the old one stops working', async () => {
    const { headers: session, user } = await loginWithUser(t, 'viewer');
    expect((await patch(user.id, { password: 'an entirely new password' })).status).toBe(200);
    expect((await t.app.request('/api/auth/me', { headers: session })).status).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(user.email, 'an entirely new password')).status).toBe(200);
  });

  it('the last active admin can be neither demoted nor disabled (409); with a second admin, it can', async () => {
    const other = await createUser(t, 'admin');
    // Two admins now (the beforeAll one and `other`): demote `other`, leaving one.
    expect((await patch(other.id, { role: 'viewer' })).status).toBe(200);
    const demote = await patch(adminUser.id, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect((await demote.json()).errors).toEqual([expect.objectContaining({ path: 'role' })]);
    expect((await patch(adminUser.id, { disabled: true })).status).toBe(409);
    expect((await patch(other.id, { role: 'admin' })).status).toBe(200);
    const otherSession = await loginAs(t, other);
    expect((await patch(adminUser.id, { role: 'editor' }, otherSession)).status).toBe(200);
    expect((await patch(adminUser.id, { role: 'admin' }, otherSession)).status).toBe(200);
  });

  it('PATCH: unknown user 404, bad id 400, unknown field 400, bad JSON 400', async () => {
    expect((await patch('00000000-0000-4000-8000-000000000000', { role: 'viewer' })).status).toBe(404);
    expect((await patch('nope', { role: 'viewer' })).status).toBe(400);
    expect((await patch(adminUser.id, { email: 'x@y.org' })).status).toBe(400);
    const bad = await t.app.request(`/api/users/${adminUser.id}`, { method: 'PATCH', headers: { ...admin, 'content-type': 'application/json' }, body: '{"role":' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('revisions name their author through a real foreign key', async () => {
    const token = await tokenFor(t, 'editor');
    const source = await (await t.app.request('/api/sources', { method: 'POST', ...json({ name: 'FK check source', kind: 'wire' }, token) })).json();
    const res = await t.app.request('/api/events', { method: 'POST', ...json(eventInput({ actors: [], claims: [{ ...eventInput().claims[0]!, sourceId: source.id }] }), token) });
    expect(res.status).toBe(201);
    await expect(
      t.database.db.updateTable('revisions').set({ user_id: '00000000-0000-4000-8000-000000000000' }).where('event_id', '=', (await res.json()).id).execute(),
    ).rejects.toThrow(/foreign key/);
  });
});
