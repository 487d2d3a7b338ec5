import { type Kysely, sql } from 'kysely';

/**
 * Accounts: users with a role, sessions behind a cookie, API tokens for
 * scripts, and the failed logins the rate limit counts. Secrets are never
 * stored: a session row is keyed by sha256 of its cookie's token, an API
 * token by sha256 of the token, a password by its scrypt hash.
 *
 * The rate limit lives here, not in process memory, because the API keeps no
 * state between requests: several copies behind a load balancer must count
 * the same failures.
 *
 * Revisions get their author as a foreign key; rows written by the dataset
 * loader keep a null user_id.
 */

const ROLES = ['viewer', 'editor', 'admin'];
const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null check (email = lower(btrim(email)) and position('@' in email) > 1 and length(email) <= 254),
      role text not null check (role in (${list(ROLES)})),
      password_hash text not null,
      created_at timestamptz not null default now(),
      disabled_at timestamptz
    )`.execute(db);
  // Emails compare case-insensitively (citext is not available on every engine).
  await sql`create unique index users_email_unique on users (lower(email))`.execute(db);

  await sql`
    create table sessions (
      id text primary key check (id ~ '^[0-9a-f]{64}$'),
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);
  await sql`create index sessions_expires on sessions (expires_at)`.execute(db);

  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      name text not null check (length(btrim(name)) between 1 and 100),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index api_tokens_user on api_tokens (user_id, created_at desc)`.execute(db);

  await sql`
    create table login_attempts (
      id bigint generated always as identity primary key,
      email text not null,
      ip text not null,
      attempted_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index login_attempts_email on login_attempts (email, attempted_at desc)`.execute(db);
  await sql`create index login_attempts_ip on login_attempts (ip, attempted_at desc)`.execute(db);
  await sql`create index login_attempts_age on login_attempts (attempted_at)`.execute(db);

  await sql`alter table revisions add constraint revisions_user_fk foreign key (user_id) references users (id)`.execute(db);
  await sql`create index revisions_user on revisions (user_id) where user_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists revisions_user`.execute(db);
  await sql`alter table revisions drop constraint if exists revisions_user_fk`.execute(db);
  for (const table of ['login_attempts', 'api_tokens', 'sessions', 'users']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
