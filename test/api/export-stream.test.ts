import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { csvRecords } from './import-support.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';

/**
 * The CSV export streams from a cursor a batch at a time, one batch fetched
 * ahead. A download the client walks away from ends the cursor and its
 * transaction; the next download gets every row, in order.
 */

const EXTRA = 1_600; // with the dataset, several batches of 500 and megabytes of CSV

describe.each(ENGINES)('streamed CSV export on %s', (engine) => {
  let t: TestApp;
  let total: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await sql`
      insert into events (kind, title, summary, start_date, date_precision, derived_status, search)
      select 'other', 'Streamed event ' || g, 'Row ' || g || ', for "batches" ' || repeat('.', 1000), date '2023-01-01' + (g % 700), 'day', 'single_source', to_tsvector('')
      from generate_series(1, ${EXTRA}) g`.execute(t.database.db);
    total = (await t.json<{ total: number }>('/api/events?limit=1')).total;
    expect(total).toBeGreaterThan(EXTRA);
  });
  afterAll(() => t?.close());

  it.each(['native', 'acled'])('%s: a download cancelled after its first chunk leaves nothing open, and the next one is whole', async (columns) => {
    const res = await t.get(`/api/export.csv?columns=${columns}`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();

    if (engine === 'postgres') {
      // The cursor's transaction ends (rolled back) once the export sees the client has gone.
      await vi.waitFor(
        async () => {
          const open = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'`.execute(t.database.db);
          expect(open.rows[0]!.n).toBe(0);
        },
        { timeout: 20_000, interval: 100 },
      );
    }

    const again = await t.get(`/api/export.csv?columns=native`);
    const rows = csvRecords(await again.text());
    expect(rows).toHaveLength(total);
    const ids = (await t.json<{ items: { id: string }[] }>('/api/events?limit=500')).items.map((e) => e.id);
    expect(rows.slice(0, 500).map((r) => r.id)).toEqual(ids);
  });
});
