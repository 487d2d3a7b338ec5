import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { insertActor } from '../../apps/api/src/repositories/actors.js';
import { revokeApiToken } from '../../apps/api/src/repositories/api-tokens.js';
import { insertSource } from '../../apps/api/src/repositories/sources.js';
import { issueApiToken } from '../../apps/api/src/services/accounts.js';
import { deleteEvent, patchEvent } from '../../apps/api/src/services/events.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createUser, loginWithUser, type TestUser, tokenWithUser } from '../support/auth.js';
import { ENGINES } from '../support/database.js';
import { eventInput, seedEvent } from './write-fixtures.js';

/**
 * The authorization matrix: every write and admin endpoint, asked by every
 * kind of caller, with the exact status expected. Each request is valid in
 * itself (a fresh event, the right If-Match, a unique name), so a caller who
 * is allowed gets the success status and one who is not gets 401 or 403.
 * The expired session and the revoked token belong to an admin: anything but
 * 401 for them would be a leak.
 */

const IDENTITIES = ['anonymous', 'viewer', 'editor', 'admin', 'editor token', 'expired session', 'revoked token'] as const;
type Identity = (typeof IDENTITIES)[number];
type Caller = { headers: Record<string, string>; user: TestUser | null };
type Call = { method: string; path: string; body?: unknown };

const unique = () => randomBytes(4).toString('hex');

/** Expected statuses by who may call: editors (and up), admins, or any signed-in user. */
const forEditors = (ok: number) => ({ anonymous: 401, viewer: 403, editor: ok, admin: ok, 'editor token': ok, 'expired session': 401, 'revoked token': 401 });
const forAdmins = (ok: number) => ({ anonymous: 401, viewer: 403, editor: 403, admin: ok, 'editor token': 403, 'expired session': 401, 'revoked token': 401 });
const forSignedIn = (ok: number) => ({ anonymous: 401, viewer: ok, editor: ok, admin: ok, 'editor token': ok, 'expired session': 401, 'revoked token': 401 });

type Case = { name: string; expected: Record<Identity, number>; call: (t: TestApp, caller: Caller) => Promise<Call> };

const CASES: Case[] = [
  { name: 'POST /api/events', expected: forEditors(201), call: async () => ({ method: 'POST', path: '/api/events', body: eventInput({ title: `Matrix ${unique()}` }) }) },
  {
    name: 'PATCH /api/events/:id',
    expected: forEditors(200),
    call: async (t) => ({ method: 'PATCH', path: `/api/events/${(await seedEvent(t)).id}`, body: { title: 'Patched' } }),
  },
  { name: 'DELETE /api/events/:id', expected: forEditors(200), call: async (t) => ({ method: 'DELETE', path: `/api/events/${(await seedEvent(t)).id}` }) },
  {
    name: 'POST /api/events/:id/restore',
    expected: forEditors(200),
    call: async (t) => {
      const event = await seedEvent(t);
      await deleteEvent(t.database.db, event.id, 1, { userId: null });
      return { method: 'POST', path: `/api/events/${event.id}/restore` };
    },
  },
  {
    name: 'POST /api/events/:id/revisions/:version/restore',
    expected: forEditors(200),
    call: async (t) => {
      const event = await seedEvent(t);
      await patchEvent(t.database.db, event.id, 1, { title: 'Second version' }, { userId: null });
      return { method: 'POST', path: `/api/events/${event.id}/revisions/1/restore` };
    },
  },
  { name: 'GET /api/events/deleted', expected: forEditors(200), call: async () => ({ method: 'GET', path: '/api/events/deleted' }) },
  {
    name: 'POST /api/sources',
    expected: forEditors(201),
    call: async () => ({ method: 'POST', path: '/api/sources', body: { name: `Source ${unique()}`, kind: 'newspaper', reliability: 'C' } }),
  },
  {
    name: 'PATCH /api/sources/:id',
    expected: forEditors(200),
    call: async (t) => {
      const source = await insertSource(t.database.db, { name: `Source ${unique()}`, kind: 'wire', country: null, homepage: null, reliability: 'B', partyToConflict: false, notes: null });
      return { method: 'PATCH', path: `/api/sources/${source.id}`, body: { reliability: 'A' } };
    },
  },
  { name: 'POST /api/actors', expected: forEditors(201), call: async () => ({ method: 'POST', path: '/api/actors', body: { name: `Actor ${unique()}`, kind: 'unit' } }) },
  {
    name: 'PATCH /api/actors/:id',
    expected: forEditors(200),
    call: async (t) => {
      const actor = await insertActor(t.database.db, { name: `Actor ${unique()}`, kind: 'unit', country: null });
      return { method: 'PATCH', path: `/api/actors/${actor.id}`, body: { country: 'PRK' } };
    },
  },
  { name: 'GET /api/users', expected: forAdmins(200), call: async () => ({ method: 'GET', path: '/api/users' }) },
  {
    name: 'POST /api/users',
    expected: forAdmins(201),
    call: async () => ({ method: 'POST', path: '/api/users', body: { email: `new-${unique()}@test.claimline.org`, role: 'viewer', password: 'a long enough password' } }),
  },
  {
    name: 'PATCH /api/users/:id',
    expected: forAdmins(200),
    call: async (t) => ({ method: 'PATCH', path: `/api/users/${(await createUser(t, 'viewer')).id}`, body: { role: 'editor' } }),
  },
  { name: 'POST /api/tokens', expected: forSignedIn(201), call: async () => ({ method: 'POST', path: '/api/tokens', body: { name: 'matrix' } }) },
  { name: 'GET /api/tokens', expected: forSignedIn(200), call: async () => ({ method: 'GET', path: '/api/tokens' }) },
  { name: "GET /api/tokens?all=true (everyone's)", expected: forAdmins(200), call: async () => ({ method: 'GET', path: '/api/tokens?all=true' }) },
  {
    name: 'DELETE /api/tokens/:id (one of the caller\'s own)',
    expected: forSignedIn(200),
    call: async (t, caller) => {
      const owner = caller.user ?? (await createUser(t, 'viewer'));
      const token = await issueApiToken(t.database.db, owner.id, 'to revoke');
      return { method: 'DELETE', path: `/api/tokens/${token.id}` };
    },
  },
  {
    name: "DELETE /api/tokens/:id (someone else's)",
    // Not found to anyone but an admin: others' token ids are not theirs to probe.
    expected: { anonymous: 401, viewer: 404, editor: 404, admin: 200, 'editor token': 404, 'expired session': 401, 'revoked token': 401 },
    call: async (t) => {
      const token = await issueApiToken(t.database.db, (await createUser(t, 'viewer')).id, 'not yours');
      return { method: 'DELETE', path: `/api/tokens/${token.id}` };
    },
  },
  // The policy is global and fails closed: a write to a path no route serves is still refused first.
  { name: 'POST to a path no route serves', expected: forEditors(404), call: async () => ({ method: 'POST', path: '/api/no-such-endpoint', body: {} }) },
];

describe.each(ENGINES)('authorization matrix on %s', (engine) => {
  let t: TestApp;
  const callers = {} as Record<Identity, Caller>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    callers.anonymous = { headers: {}, user: null };
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const { headers, user } = await loginWithUser(t, role);
      callers[role] = { headers, user };
    }
    const editorToken = await tokenWithUser(t, 'editor');
    callers['editor token'] = { headers: editorToken.headers, user: editorToken.user };

    const expired = await loginWithUser(t, 'admin');
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('user_id', '=', expired.user.id)
      .execute();
    callers['expired session'] = { headers: expired.headers, user: expired.user };

    const revoked = await tokenWithUser(t, 'admin');
    await revokeApiToken(t.database.db, revoked.tokenId);
    callers['revoked token'] = { headers: revoked.headers, user: revoked.user };
  });
  afterAll(() => t?.close());

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const actual = {} as Record<Identity, number>;
    for (const identity of IDENTITIES) {
      const caller = callers[identity];
      const call = await testCase.call(t, caller);
      // Writes to an existing event carry the right version: only the caller decides the outcome.
      const version = /^\/api\/events\/[0-9a-f-]{36}/.test(call.path) && call.method !== 'GET' ? await currentVersion(t, call.path) : null;
      const res = await t.app.request(call.path, {
        method: call.method,
        headers: {
          ...caller.headers,
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(version !== null ? { 'if-match': `"${version}"` } : {}),
        },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      });
      actual[identity] = res.status;
      if (res.status >= 400) {
        // Every refusal is a problem document.
        expect(res.headers.get('content-type'), `${identity}: ${testCase.name}`).toContain('application/problem+json');
      }
    }
    expect(actual).toEqual(testCase.expected);
  });

  it('every revision written through the matrix names its author, an editor or an admin', async () => {
    const rows = await t.database.db
      .selectFrom('revisions')
      .leftJoin('users', 'users.id', 'revisions.user_id')
      .select(['users.role', 'revisions.note'])
      .where('revisions.user_id', 'is not', null)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(['editor', 'admin']).toContain(r.role);
  });
});

async function currentVersion(t: TestApp, path: string): Promise<number> {
  const id = path.split('/')[3]!;
  const row = await t.database.db.selectFrom('events').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return row.version;
}
