import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMaintenance, vacuumWhereDue } from '../../apps/api/src/db/maintenance.js';
import { generateDataset } from '../../scripts/bench/generate.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * PGlite never runs autovacuum (one process, no workers), so the server
 * vacuums the embedded database itself where autovacuum's rule says a table
 * is due. Checked on PGlite, where it runs; on PostgreSQL the server leaves
 * it to autovacuum.
 */
describe('vacuum of the embedded database', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase('pglite');
    await generateDataset(d.db, { events: 1_500 });
  }, 120_000);
  afterAll(() => d?.drop());

  const dead = async (table: string) => {
    await sql`select pg_stat_force_next_flush()`.execute(d.db);
    return (await sql<{ n: number }>`select n_dead_tup::int as n from pg_stat_user_tables where relname = ${table}`.execute(d.db)).rows[0]!.n;
  };

  it('vacuums the tables whose dead rows pass autovacuum’s threshold, and leaves the rest', async () => {
    await vacuumWhereDue(d.db);
    // Every event updated twice: as many dead rows in events, and the rollups rewritten.
    await sql`update events set title = title || ' ·'`.execute(d.db);
    await sql`update events set kind = case when kind = 'strike' then 'engagement' else kind end`.execute(d.db);
    expect(await dead('events')).toBeGreaterThan(1_500);
    const vacuumed = await vacuumWhereDue(d.db);
    expect(vacuumed).toContain('events');
    expect(vacuumed).not.toContain('sources');
    expect(await dead('events')).toBe(0);
    // Nothing is due any more.
    expect(await vacuumWhereDue(d.db)).toEqual([]);
  });

  it('runs on a timer on PGlite only', async () => {
    const logs: unknown[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    await sql`update events set title = title || ' ·'`.execute(d.db);
    const stop = startMaintenance(d.db, 'pglite', logger, 50);
    await expect.poll(() => logs.some((l) => (l as { msg?: string }).msg === 'vacuumed the embedded database'), { timeout: 10_000 }).toBe(true);
    stop();
    expect(await dead('events')).toBe(0);

    await sql`update events set title = title || ' ·'`.execute(d.db);
    const stopPostgres = startMaintenance(d.db, 'postgres', logger, 50);
    await new Promise((r) => setTimeout(r, 300));
    stopPostgres();
    expect(await dead('events')).toBeGreaterThan(1_000);
  });
});
