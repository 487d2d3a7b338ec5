import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { apiTokenSchema, createdApiTokenSchema } from '@claimline/shared/auth';
import { createTestApp, type TestApp } from '../support/app.js';
import { loginAs, loginWithUser, tokenFor, tokenWithUser } from '../support/auth.js';
import { ENGINES } from '../support/database.js';
import { eventInput, json } from './write-fixtures.js';

/** API tokens: shown once, stored hashed, used as Bearer, last use recorded, revocable, scoped to their user. */

describe.each(ENGINES)('API tokens on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  it('POST /api/tokens answers the secret once; the database keeps only its sha256', async () => {
    const { headers: session, user } = await loginWithUser(t, 'editor');
    const res = await t.app.request('/api/tokens', { method: 'POST', ...json({ name: '  nightly import  ' }, session) });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = createdApiTokenSchema.parse(await res.json());
    expect(created.token).toMatch(/^cl_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'nightly import', userId: user.id, userEmail: user.email, lastUsedAt: null, revokedAt: null });

    const stored = await t.database.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(3));

    const list = await t.app.request('/api/tokens', { headers: session });
    const items = (await list.json()).items;
    expect(items).toHaveLength(1);
    expect(apiTokenSchema.strict().parse(items[0])).not.toHaveProperty('token');
  });

  it('a token writes as its user, without CSRF, and its last use is recorded', async () => {
    const { headers: token, user, tokenId } = await tokenWithUser(t, 'editor');
    const res = await t.app.request('/api/events', { method: 'POST', ...json(eventInput(), token) });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const revision = await t.database.db.selectFrom('revisions').select('user_id').where('event_id', '=', id).executeTakeFirstOrThrow();
    expect(revision.user_id).toBe(user.id);
    const row = await t.database.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', tokenId).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    expect(Date.now() - new Date(row.last_used_at!).getTime()).toBeLessThan(60_000);
  });

  it('last_used_at is written at most once a minute per token', async () => {
    const { headers: token, tokenId } = await tokenWithUser(t, 'viewer');
    await t.app.request('/api/auth/me', { headers: token });
    const first = await t.database.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', tokenId).executeTakeFirstOrThrow();
    await t.app.request('/api/auth/me', { headers: token });
    const second = await t.database.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', tokenId).executeTakeFirstOrThrow();
    expect(second.last_used_at).toEqual(first.last_used_at);
    await t.database.db.updateTable('api_tokens').set({ last_used_at: sql<Date>`now() - interval '5 minutes'` }).where('id', '=', tokenId).execute();
    await t.app.request('/api/auth/me', { headers: token });
    const third = await t.database.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', tokenId).executeTakeFirstOrThrow();
    expect(Date.now() - new Date(third.last_used_at!).getTime()).toBeLessThan(60_000);
  });

  it('a viewer may hold a token, but it only reads', async () => {
    const token = await tokenFor(t, 'viewer');
    expect((await t.app.request('/api/events?limit=1', { headers: token })).status).toBe(200);
    expect((await t.app.request('/api/events', { method: 'POST', ...json(eventInput(), token) })).status).toBe(403);
  });

  it('DELETE /api/tokens/:id revokes at once; the token stays listed as revoked; revoking again is harmless', async () => {
    const session = await loginAs(t, 'editor');
    const created = createdApiTokenSchema.parse(
      await (await t.app.request('/api/tokens', { method: 'POST', ...json({ name: 'short-lived' }, session) })).json(),
    );
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await t.app.request('/api/auth/me', { headers: bearer })).status).toBe(200);

    const revoked = await t.app.request(`/api/tokens/${created.id}`, { method: 'DELETE', headers: session });
    expect(revoked.status).toBe(200);
    const body = apiTokenSchema.parse(await revoked.json());
    expect(body.revokedAt).not.toBeNull();
    expect((await t.app.request('/api/auth/me', { headers: bearer })).status).toBe(401);
    expect((await t.app.request('/api/events', { method: 'POST', ...json(eventInput(), bearer) })).status).toBe(401);

    const again = await t.app.request(`/api/tokens/${created.id}`, { method: 'DELETE', headers: session });
    expect(again.status).toBe(200);
    expect((await again.json()).revokedAt).toBe(body.revokedAt);
    const list = (await (await t.app.request('/api/tokens', { headers: session })).json()).items;
    expect(list.find((x: { id: string }) => x.id === created.id).revokedAt).toBe(body.revokedAt);
  });

  it("a user sees only their own tokens; an admin sees everyone's with all=true", async () => {
    const mine = await tokenWithUser(t, 'editor', 'mine');
    const theirs = await tokenWithUser(t, 'viewer', 'theirs');
    const ids = async (headers: Record<string, string>, query = '') =>
      ((await (await t.app.request(`/api/tokens${query}`, { headers })).json()).items as { id: string }[]).map((x) => x.id);
    expect(await ids(mine.headers)).toEqual([mine.tokenId]);
    expect(await ids(theirs.headers)).toEqual([theirs.tokenId]);
    const admin = await loginAs(t, 'admin');
    expect(await ids(admin)).toEqual([]);
    const all = await ids(admin, '?all=true');
    expect(all).toEqual(expect.arrayContaining([mine.tokenId, theirs.tokenId]));
  });

  it('an unknown or malformed token id is 404 or 400', async () => {
    const session = await loginAs(t, 'admin');
    expect((await t.app.request('/api/tokens/00000000-0000-4000-8000-000000000000', { method: 'DELETE', headers: session })).status).toBe(404);
    expect((await t.app.request('/api/tokens/nope', { method: 'DELETE', headers: session })).status).toBe(400);
  });

  it('a token name is required', async () => {
    const token = await tokenFor(t, 'viewer');
    const res = await t.app.request('/api/tokens', { method: 'POST', ...json({ name: '   ' }, token) });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([expect.objectContaining({ path: 'name' })]);
  });
});
