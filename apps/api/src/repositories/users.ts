import type { Kysely, Transaction } from 'kysely';
import type { AuthUser, Role, User } from '@claimline/shared/auth';
import type { Database, UserRow } from '../db/schema.js';

/** All SQL of users, nothing else. Emails are stored lower-cased; the unique index is on lower(email). */

type Db = Kysely<Database> | Transaction<Database>;

const iso = (t: Date | string) => new Date(t).toISOString();

export function userRowToUser(r: UserRow): User {
  return { id: r.id, email: r.email, role: r.role as Role, createdAt: iso(r.created_at), disabledAt: r.disabled_at ? iso(r.disabled_at) : null };
}

export function userRowToAuthUser(r: Pick<UserRow, 'id' | 'email' | 'role'>): AuthUser {
  return { id: r.id, email: r.email, role: r.role as Role };
}

export async function insertUser(db: Db, u: { email: string; role: Role; passwordHash: string }): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({ email: u.email.toLowerCase(), role: u.role, password_hash: u.passwordHash })
    .returningAll()
    .executeTakeFirstOrThrow();
  return userRowToUser(row);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
  return rows.map(userRowToUser);
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Admins who can still sign in, other than `exceptId`: the last one may not be demoted or disabled. */
export async function countOtherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateUser(
  db: Db,
  id: string,
  change: { role?: Role; disabled?: boolean; passwordHash?: string },
): Promise<User | undefined> {
  const row = await db
    .updateTable('users')
    .set({
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash } : {}),
    })
    // Disabling keeps the first time it happened; enabling clears it.
    .$if(change.disabled === true, (q) => q.set((eb) => ({ disabled_at: eb.fn.coalesce('disabled_at', eb.fn<Date>('now', [])) })))
    .$if(change.disabled === false, (q) => q.set({ disabled_at: null }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? userRowToUser(row) : undefined;
}
