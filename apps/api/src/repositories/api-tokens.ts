import { type Kysely, type Transaction, sql } from 'kysely';
import type { ApiToken, AuthUser } from '@claimline/shared/auth';
import type { Database } from '../db/schema.js';
import { userRowToAuthUser } from './users.js';

/** All SQL of API tokens. A token is stored as sha256 (hex) only; its secret is shown once, at creation. */

type Db = Kysely<Database> | Transaction<Database>;

const iso = (t: Date | string) => new Date(t).toISOString();

function selectTokens(db: Db) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.user_id',
      'users.email',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ]);
}

type TokenRow = {
  id: string;
  name: string;
  user_id: string;
  email: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

function tokenRowToApiToken(r: TokenRow): ApiToken {
  return {
    id: r.id,
    name: r.name,
    userId: r.user_id,
    userEmail: r.email,
    createdAt: iso(r.created_at),
    lastUsedAt: r.last_used_at ? iso(r.last_used_at) : null,
    revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
  };
}

export async function insertApiToken(db: Db, t: { userId: string; name: string; tokenHash: string }): Promise<ApiToken> {
  const { id } = await db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findApiToken(db, id))!;
}

export async function findApiToken(db: Db, id: string): Promise<ApiToken | undefined> {
  const row = await selectTokens(db).where('api_tokens.id', '=', id).executeTakeFirst();
  return row ? tokenRowToApiToken(row) : undefined;
}

/** Tokens newest first: one user's, or everyone's when `userId` is null. */
export async function listApiTokens(db: Db, userId: string | null): Promise<ApiToken[]> {
  const rows = await selectTokens(db)
    .$if(userId !== null, (q) => q.where('api_tokens.user_id', '=', userId!))
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id')
    .execute();
  return rows.map(tokenRowToApiToken);
}

/** The user of a live token: not revoked, user not disabled. */
export async function findApiTokenUser(db: Db, tokenHash: string): Promise<{ tokenId: string; user: AuthUser; lastUsedAt: Date | null } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'users.id', 'users.email', 'users.role'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? { tokenId: row.token_id, user: userRowToAuthUser(row), lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null } : undefined;
}

export async function touchApiToken(db: Db, id: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/** Revokes a token (kept, for the record); returns it, or undefined when there is none with that id. */
export async function revokeApiToken(db: Db, id: string): Promise<ApiToken | undefined> {
  const row = await db
    .updateTable('api_tokens')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', sql<Date>`now()`) }))
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row ? findApiToken(db, row.id) : undefined;
}
