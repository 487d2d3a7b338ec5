import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Failed logins, counted per email and per client address over a sliding
 * window. In the database, not in memory: every copy of the API behind a load
 * balancer must see the same count.
 */

type Db = Kysely<Database> | Transaction<Database>;

export async function recordLoginFailure(db: Db, a: { email: string; ip: string }): Promise<void> {
  await db.insertInto('login_attempts').values({ email: a.email, ip: a.ip }).execute();
}

/**
 * When `by` = `value` has at least `limit` failures in the last `windowSeconds`: the
 * seconds until enough of them age out to allow another try. Null when under
 * the limit.
 */
export async function lockedOutFor(db: Db, by: 'email' | 'ip', value: string, limit: number, windowSeconds: number): Promise<number | null> {
  const row = await db
    .selectFrom('login_attempts')
    .select(sql<number>`ceil(extract(epoch from (attempted_at + make_interval(secs => ${windowSeconds}) - now())))::int`.as('retry_after'))
    .where(by, '=', value)
    .where('attempted_at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .orderBy('attempted_at', 'desc')
    // The limit-th most recent failure: once it ages out, fewer than `limit` remain.
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  return row ? Math.max(1, row.retry_after) : null;
}

/** A successful login forgives that email's failures. */
export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('email', '=', email).execute();
}

export async function pruneLoginAttempts(db: Db, olderThanSeconds: number): Promise<void> {
  await db.deleteFrom('login_attempts').where('attempted_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`).execute();
}
