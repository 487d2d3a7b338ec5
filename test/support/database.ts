import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, type Engine, openDatabase } from '../../apps/api/src/db/engine.js';
import { migrateToLatest } from '../../apps/api/src/db/migrate.js';

/**
 * Every test file gets databases of its own: PGlite in memory always, and a
 * fresh PostgreSQL database when TEST_DATABASE_URL names a server (it is only
 * used to CREATE and DROP `claimline_test_*` databases; nothing else is touched).
 */

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const ENGINES: Engine[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

if (!TEST_DATABASE_URL && !(globalThis as { __claimlineWarned?: boolean }).__claimlineWarned) {
  (globalThis as { __claimlineWarned?: boolean }).__claimlineWarned = true;
  console.warn(
    '\n*** TEST_DATABASE_URL is not set: the API tests run on PGlite only, NOT on PostgreSQL. ***\n' +
      '*** Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run them on both (CI does). ***\n',
  );
}

export type TestDatabase = DatabaseHandle & { drop: () => Promise<void> };

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const handle = await openDatabase({ dataDir: ':memory:' });
    await migrateToLatest(handle.db);
    return { ...handle, drop: () => handle.close() };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is required for the postgres engine');
  const name = `claimline_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: ':memory:' });
  const drop = async () => {
    await handle.close();
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } finally {
      await c.end();
    }
  };
  try {
    await migrateToLatest(handle.db);
  } catch (err) {
    await drop();
    throw err;
  }
  return { ...handle, drop };
}
