import { randomBytes } from 'node:crypto';
import type { Role } from '@claimline/shared/auth';
import { createUser as createAccount, issueApiToken } from '../../apps/api/src/services/accounts.js';
import type { TestApp } from './app.js';

/**
 * Credentials for API tests, made through the same services and endpoints as
 * real ones (nothing is faked):
 *
 *   const headers = await editorHeaders(t);            // { authorization: 'Bearer cl_…' }
 *   await t.app.request('/api/events', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
 *
 *   const session = await loginAs(t, 'viewer');        // { cookie, 'x-csrf-token' }
 *   const token = await tokenFor(t, 'admin');          // { authorization }
 *   const { headers, user } = await loginWithUser(t, 'editor');
 *
 * Given a role, every call makes a new user (emails are random); given a
 * TestUser from createUser, it signs that user in. editorHeaders reuses one
 * editor token per app.
 */

export const TEST_PASSWORD = 'correct horse battery staple';

export type TestUser = { id: string; email: string; role: Role; password: string };
export type SessionHeaders = { cookie: string; 'x-csrf-token': string };
export type TokenHeaders = { authorization: string };

export async function createUser(t: TestApp, role: Role, opts: { email?: string; password?: string } = {}): Promise<TestUser> {
  const email = opts.email ?? `${role}-${randomBytes(6).toString('hex')}@test.claimline.org`;
  const password = opts.password ?? TEST_PASSWORD;
  const user = await createAccount(t.database.db, { email, role, password });
  return { id: user.id, email: user.email, role, password };
}

const asUser = async (t: TestApp, who: Role | TestUser) => (typeof who === 'string' ? createUser(t, who) : who);

/** Signs in through POST /api/auth/login: the session cookie and its CSRF token, ready to spread into headers. */
export async function loginAs(t: TestApp, who: Role | TestUser): Promise<SessionHeaders> {
  return (await loginWithUser(t, who)).headers;
}

/** As loginAs, with the user the session belongs to. */
export async function loginWithUser(t: TestApp, who: Role | TestUser): Promise<{ headers: SessionHeaders; user: TestUser }> {
  const user = await asUser(t, who);
  const res = await t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`login as ${user.email} answered ${res.status}: ${await res.text()}`);
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error('login set no session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { headers: { cookie, 'x-csrf-token': csrfToken }, user };
}

/** `claimline_session=<token>` from a response's Set-Cookie, ready for a Cookie header. */
export function sessionCookie(res: Response): string | null {
  const header = res.headers.getSetCookie().find((h) => h.startsWith('claimline_session='));
  const pair = header?.split(';')[0];
  return pair && pair !== 'claimline_session=' ? pair : null;
}

/** `Authorization: Bearer cl_…` of a (new) user with `role`, issued by the service as POST /api/tokens does. */
export async function tokenFor(t: TestApp, who: Role | TestUser, name = 'test'): Promise<TokenHeaders> {
  return (await tokenWithUser(t, who, name)).headers;
}

/** As tokenFor, with the token's user and id (to revoke it, or look at its row). */
export async function tokenWithUser(t: TestApp, who: Role | TestUser, name = 'test'): Promise<{ headers: TokenHeaders; user: TestUser; tokenId: string }> {
  const user = await asUser(t, who);
  const created = await issueApiToken(t.database.db, user.id, name);
  return { headers: { authorization: `Bearer ${created.token}` }, user, tokenId: created.id };
}

const editorTokens = new WeakMap<TestApp, Promise<TokenHeaders>>();

/** One editor's Bearer header per app: for tests that only need to be allowed to write. */
export function editorHeaders(t: TestApp): Promise<TokenHeaders> {
  let headers = editorTokens.get(t);
  if (!headers) {
    headers = tokenFor(t, 'editor');
    editorTokens.set(t, headers);
  }
  return headers;
}
