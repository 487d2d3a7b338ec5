import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../apps/api/src/db/migrate.js';
import { generateDataset } from '../../scripts/bench/generate.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/database.js';
import { NO_DRIFT, rollupDrift } from '../support/rollups.js';

/**
 * The latest migration taken down and brought up again on a database with
 * events, with writes in between (a server of the version before it keeps
 * writing): the rollups it adds are rebuilt from what is there, and every
 * rollup is exact afterwards.
 */
describe.each(ENGINES)('the latest migration, down and up again, on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await generateDataset(database.db, { events: 400 });
  }, 120_000);
  afterAll(() => database?.drop());

  it('leaves every rollup exact', async () => {
    const db = database.db;
    const latest = Object.keys(migrations).sort().at(-1)!;
    const down = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([[latest, 'Down', 'Success']]);

    // Writes under the schema before it: claims, places, dates across months, deletions.
    const ids = (n: number, offset: number) => sql`(select id from events order by id limit ${n} offset ${offset})`;
    const source = (await sql<{ id: string }>`select id from sources order by name limit 1`.execute(db)).rows[0]!.id;
    await sql`
      insert into claims (event_id, position, source_id, origin, stance, published_at, quote)
      select id, 100, ${source}, 'test', 'asserts', '2024-01-01', 'test quote' from events where id in ${ids(30, 0)}`.execute(db);
    await sql`update events set lon = lon + 0.05, lat = lat - 0.05 where lat is not null and id in ${ids(40, 50)}`.execute(db);
    await sql`update events set start_date = start_date + 35, end_date = end_date + 35 where id in ${ids(40, 100)}`.execute(db);
    await sql`update events set end_date = start_date + 40 where id in ${ids(20, 150)}`.execute(db);
    await sql`update events set kind = 'movement', tags = array['test-tag'] where id in ${ids(20, 200)}`.execute(db);
    await sql`update events set deleted_at = now() where id in ${ids(20, 250)}`.execute(db);
    await sql`update events set search = to_tsvector('english', 'rewritten document') where id in ${ids(20, 300)}`.execute(db);
    await sql`delete from events where id in ${ids(5, 350)}`.execute(db);

    expect(await migrateToLatest(db)).toEqual([latest]);
    expect(await rollupDrift(db)).toEqual(NO_DRIFT);
  });
});
