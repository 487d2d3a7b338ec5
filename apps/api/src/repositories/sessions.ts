import { type Kysely, type Transaction, sql } from 'kysely';
import type { AuthUser } from '@claimline/shared/auth';
import type { Database } from '../db/schema.js';
import { userRowToAuthUser } from './users.js';

/** All SQL of sessions. A session's id is sha256 (hex) of its cookie's token; the token is never stored. */

type Db = Kysely<Database> | Transaction<Database>;

export async function insertSession(db: Db, s: { id: string; userId: string; idleSeconds: number }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, expires_at: sql<Date>`now() + make_interval(secs => ${s.idleSeconds})` })
    .execute();
}

/** The live session's user: not expired, user not disabled. */
export async function findSessionUser(db: Db, id: string): Promise<{ user: AuthUser; lastSeenAt: Date } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.role', 'sessions.last_seen_at'])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? { user: userRowToAuthUser(row), lastSeenAt: new Date(row.last_seen_at) } : undefined;
}

/**
 * Slides the idle expiry forward, never past the absolute lifetime. Callers
 * throttle it (once a minute at most) so reads do not each write a row.
 */
export async function touchSession(db: Db, id: string, idleSeconds: number, absoluteSeconds: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({
      last_seen_at: sql<Date>`now()`,
      expires_at: sql<Date>`least(now() + make_interval(secs => ${idleSeconds}), created_at + make_interval(secs => ${absoluteSeconds}))`,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', sql<Date>`now()`).execute();
}
