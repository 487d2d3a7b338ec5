import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { FairPGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

/**
 * One database layer, two engines: PostgreSQL through `pg` when a URL is
 * given, PGlite (Postgres in WebAssembly, kept in a folder) when not. The same
 * migrations and queries run on both.
 */

export type Engine = 'postgres' | 'pglite';
export type DatabaseHandle = { db: Kysely<Database>; engine: Engine; close: () => Promise<void> };

const DATE_OID = 1082;
const INT8_OID = 20;
// A calendar date stays the string Postgres wrote; never a Date at local midnight.
pg.types.setTypeParser(DATE_OID, (v) => v);
// bigint ids and counts fit in a double for our sizes; cast counts in SQL anyway.
pg.types.setTypeParser(INT8_OID, (v) => Number(v));

export type DatabaseConfig = { databaseUrl?: string | undefined; dataDir: string };

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    // An idle connection the server ends (a restart, a failover, DROP DATABASE … WITH (FORCE)) emits
    // 'error' on the pool, which crashes the process when nobody listens. The pool drops that
    // connection and opens another when next needed; the next query reports any lasting outage.
    pool.on('error', (err) => console.warn(`claimline: an idle database connection closed: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const memory = config.dataDir === ':memory:';
  if (!memory) mkdirSync(config.dataDir, { recursive: true });
  const unlock = memory ? () => {} : lockDataDir(config.dataDir);
  // Options go in the single-argument form: PGlite.create(undefined, options) ignores them.
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(memory ? {} : { dataDir: config.dataDir }),
      parsers: { [pgliteTypes.DATE]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
    });
  } catch (err) {
    unlock();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new FairPGliteDialect(client) });
  return { db, engine: 'pglite', close: () => db.destroy().finally(unlock) };
}
