import type { Kysely, Transaction } from 'kysely';
import {
  type AuthUser,
  type CreatedApiToken,
  type Role,
  type User,
  userInputSchema,
} from '@claimline/shared/auth';
import type { Database } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { inTransaction } from '../db/transaction.js';
import {
  burnPasswordCheck,
  csrfTokenFor,
  hashPassword,
  newApiToken,
  newSessionToken,
  sha256Hex,
  SESSION_IDLE_SECONDS,
  verifyPassword,
} from '../lib/auth.js';
import { ApiError, notFound, validationError } from '../lib/problem.js';
import { insertApiToken } from '../repositories/api-tokens.js';
import { clearLoginFailures, lockedOutFor, pruneLoginAttempts, recordLoginFailure } from '../repositories/login-attempts.js';
import { deleteExpiredSessions, deleteUserSessions, insertSession } from '../repositories/sessions.js';
import { countOtherActiveAdmins, findUserByEmail, findUserById, insertUser, updateUser, userRowToAuthUser } from '../repositories/users.js';

/**
 * Accounts: creating and changing users, signing in (with the login rate
 * limit) and issuing API tokens. The API routes and the `npm run user` CLI
 * both go through here.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** Failed logins allowed per window, per email and per client address. */
export const LOGIN_LIMITS = { windowSeconds: 15 * 60, perEmail: 10, perIp: 30 } as const;

export async function createUser(db: Db, raw: unknown): Promise<User> {
  const parsed = userInputSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'json');
  const { email, role, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return await insertUser(db, { email, role, passwordHash });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ApiError(409, 'Conflict', { detail: `a user with email ${email} exists`, errors: [{ path: 'email', message: 'already taken' }] });
    }
    throw err;
  }
}

/**
 * Changes a user's role, password or whether they may sign in. Disabling or
 * a new password signs them out everywhere. The last active admin can be
 * neither demoted nor disabled: someone must be able to manage users.
 */
export async function changeUser(
  db: Db,
  id: string,
  change: { role?: Role | undefined; disabled?: boolean | undefined; password?: string | undefined },
): Promise<User> {
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
  return inTransaction(db, async (trx) => {
    // Lock the admins, so two admins demoting each other at once cannot leave none.
    await trx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).forUpdate().execute();
    const current = await findUserById(trx, id);
    if (!current) throw notFound(`User ${id}`);
    const losesAdmin = current.role === 'admin' && current.disabled_at === null && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
    if (losesAdmin && (await countOtherActiveAdmins(trx, id)) === 0) {
      throw new ApiError(409, 'Conflict', {
        detail: 'this is the last active admin: make another user admin first',
        errors: [{ path: change.disabled === true ? 'disabled' : 'role', message: 'the last active admin must stay an admin' }],
      });
    }
    const user = await updateUser(trx, id, { role: change.role, disabled: change.disabled, passwordHash });
    if (!user) throw notFound(`User ${id}`);
    if (change.disabled === true || passwordHash !== undefined) await deleteUserSessions(trx, id);
    return user;
  });
}

export type SignedIn = { user: AuthUser; sessionToken: string; csrfToken: string };

/**
 * Checks a password and opens a session. Refused with 429 (and the seconds to
 * wait) once an email or a client address has too many recent failures; an
 * unknown email costs as much time as a wrong password and answers the same.
 */
export async function signIn(db: Db, login: { email: string; password: string; ip: string }): Promise<SignedIn> {
  const email = login.email.trim().toLowerCase();
  const { windowSeconds, perEmail, perIp } = LOGIN_LIMITS;
  await pruneLoginAttempts(db, windowSeconds);
  const waits = [await lockedOutFor(db, 'email', email, perEmail, windowSeconds), await lockedOutFor(db, 'ip', login.ip, perIp, windowSeconds)];
  const wait = Math.max(0, ...waits.filter((w): w is number => w !== null));
  if (wait > 0) {
    throw new ApiError(429, 'Too Many Requests', {
      detail: `too many failed logins: try again in ${Math.ceil(wait / 60)} minute(s)`,
      headers: { 'Retry-After': String(wait) },
    });
  }
  const row = await findUserByEmail(db, email);
  const ok = row ? await verifyPassword(login.password, row.password_hash) : (await burnPasswordCheck(login.password), false);
  if (!row || !ok) {
    await recordLoginFailure(db, { email, ip: login.ip });
    throw new ApiError(401, 'Unauthorized', { detail: 'wrong email or password' });
  }
  if (row.disabled_at !== null) throw new ApiError(403, 'Forbidden', { detail: 'this account is disabled: ask an admin' });
  await clearLoginFailures(db, email);
  await deleteExpiredSessions(db);
  const sessionToken = newSessionToken();
  await insertSession(db, { id: sha256Hex(sessionToken), userId: row.id, idleSeconds: SESSION_IDLE_SECONDS });
  return { user: userRowToAuthUser(row), sessionToken, csrfToken: csrfTokenFor(sessionToken) };
}

/** A new API token for `userId`: the secret is in the answer and nowhere else. */
export async function issueApiToken(db: Db, userId: string, name: string): Promise<CreatedApiToken> {
  const token = newApiToken();
  const stored = await insertApiToken(db, { userId, name: name.trim(), tokenHash: sha256Hex(token) });
  return { ...stored, token };
}
