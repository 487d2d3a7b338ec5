import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARALLEL_WORKERS, openDatabase } from '../../apps/api/src/db/engine.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/database.js';

// PostgreSQL only: PGlite runs in one process and has no parallel workers to start.
describe.runIf(TEST_DATABASE_URL)('the API’s PostgreSQL connections', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
  }, 60_000);
  afterAll(() => t?.drop());

  const workersOf = async (db: TestDatabase['db']) =>
    // Ten at once, so that the pool opens several connections: each must have the setting.
    Promise.all(Array.from({ length: 10 }, async () => (await sql<{ w: string }>`select current_setting('max_parallel_workers_per_gather') as w, pg_sleep(0.05)`.execute(db)).rows[0]!.w));

  it('plan no parallel workers by default', async () => {
    expect(DEFAULT_PARALLEL_WORKERS).toBe(0);
    expect(new Set(await workersOf(t.db))).toEqual(new Set(['0']));
    // The server's own default is not 0: the setting comes from the connection.
    const { rows } = await sql<{ boot: string }>`select boot_val as boot from pg_settings where name = 'max_parallel_workers_per_gather'`.execute(t.db);
    expect(rows[0]!.boot).toBe('2');
  });

  it('compile no statement just in time', async () => {
    const settings = await Promise.all(
      Array.from({ length: 10 }, async () => (await sql<{ jit: string }>`select current_setting('jit') as jit, pg_sleep(0.05)`.execute(t.db)).rows[0]!.jit),
    );
    expect(new Set(settings)).toEqual(new Set(['off']));
    // The server's own default is on: the setting comes from the connection.
    const { rows } = await sql<{ boot: string }>`select boot_val as boot from pg_settings where name = 'jit'`.execute(t.db);
    expect(rows[0]!.boot).toBe('on');
  });

  it('plan as many as DATABASE_PARALLEL_WORKERS says', async () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(t.db)).rows[0]!.name}`;
    const other = await openDatabase({ databaseUrl: url.toString(), dataDir: ':memory:', parallelWorkers: 3 });
    try {
      expect(new Set(await workersOf(other.db))).toEqual(new Set(['3']));
    } finally {
      await other.close();
    }
  });
});
