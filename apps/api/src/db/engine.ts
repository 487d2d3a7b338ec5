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

/**
 * PostgreSQL's workers per query (`max_parallel_workers_per_gather`) on the
 * API's connections; PostgreSQL's own default is 2. The API runs several
 * short statements per request at once (the filter panel runs seven) and
 * serves requests side by side, so the machine's cores are already busy
 * with statements of their own; a parallel plan only adds its workers'
 * start. On a 2-core machine that start took 30–40 ms a query, longer than
 * most of the queries themselves: at a million events the filter panel of
 * the whole region as a box went from 127 to 31 ms without it (in process),
 * the map of a year from 136 to 28 ms, and no query measured was slower
 * (docs/BENCHMARKS.md, stop 14). `DATABASE_PARALLEL_WORKERS`
 * sets another number; an `options` parameter in `DATABASE_URL` replaces this.
 */
export const DEFAULT_PARALLEL_WORKERS = 0;

/**
 * No JIT compilation on the API's connections (`jit`; PostgreSQL's own
 * default is on, for statements planned above `jit_above_cost`). Of the
 * API's statements checked at a million events only one reaches that cost,
 * the filter panel's under a common word, and EXPLAIN showed it spending 23
 * ms of its 631 compiling 69 functions for one pass over 84,000 rows; timed
 * over HTTP the difference was inside the machine's noise
 * (docs/BENCHMARKS.md, stop 20). An `options` parameter in `DATABASE_URL`
 * replaces this too.
 */
const CONNECTION_SETTINGS = '-c jit=off';

export type DatabaseConfig = { databaseUrl?: string | undefined; dataDir: string; parallelWorkers?: number | undefined };

/** How the API connects to PostgreSQL; the bench's EXPLAIN connections use it too, to plan as the server does. */
export function postgresConnection(databaseUrl: string, parallelWorkers = DEFAULT_PARALLEL_WORKERS): pg.PoolConfig {
  return { connectionString: databaseUrl, options: `-c max_parallel_workers_per_gather=${parallelWorkers} ${CONNECTION_SETTINGS}` };
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ ...postgresConnection(config.databaseUrl, config.parallelWorkers), max: 10 });
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
