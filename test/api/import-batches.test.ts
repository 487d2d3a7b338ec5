import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACLED_COLUMNS, type ImportReport } from '@claimline/shared/interchange';
import { toJsonText } from '../../apps/api/src/repositories/import.js';
import { ImportRejected, type ImportOptions, importCsv } from '../../apps/api/src/services/import.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { NO_DRIFT, rollupDrift } from '../support/rollups.js';
import { rowCounts } from './import-support.js';

/**
 * Files larger than one batch. The importer reads, checks and compares a
 * batch while the database writes the batch before it; these tests import
 * ACLED files of several small batches and check that nothing of that shows:
 * every row written once with its revision, updates and inserts of one file
 * in different batches, all or nothing whatever batch fails and however it
 * fails, and every rollup equal to a fresh count of the events (the
 * import adds its new events to them once, at its end).
 */

const BATCH = 10;

type Row = Partial<Record<(typeof ACLED_COLUMNS)[number], string>> & { event_id_cnty: string };

/** An ACLED row for event `n`: a clash by default, two outlets, actors shared by many rows (so batches create and reuse them). */
function acledRow(n: number, over: Partial<Row> = {}): Row {
  const day = String(1 + (n % 28)).padStart(2, '0');
  return {
    event_id_cnty: `TST${n}`,
    event_date: `2024-11-${day}`,
    year: '2024',
    time_precision: String(1 + (n % 3)),
    disorder_type: 'Political violence',
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    actor1: `Military Forces of Russia (2000-) unit ${n % 7}`,
    inter1: '1',
    actor2: n % 3 === 0 ? '' : `Group ${n % 5}`,
    inter2: n % 3 === 0 ? '' : '3',
    iso: '643',
    region: 'Europe',
    country: 'Russia',
    admin1: 'Kursk',
    location: `Village ${n}`,
    latitude: (51 + (n % 50) / 100).toFixed(4),
    longitude: (35 + (n % 40) / 100).toFixed(4),
    geo_precision: String(1 + (n % 3)),
    source: 'Outlet A; Outlet B',
    notes: `Row ${n}: fighting reported near Village ${n}.`,
    fatalities: n % 4 === 0 ? '' : String(n % 9),
    tags: n % 5 === 0 ? 'front-line' : '',
    timestamp: String(1734652800 + n),
    ...over,
  };
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: Row[]) =>
  [ACLED_COLUMNS.join(','), ...rows.map((r) => ACLED_COLUMNS.map((c) => cell(r[c] ?? '')).join(','))].join('\r\n') + '\r\n';

/** The file as a stream of small chunks, so that records also cross chunk boundaries. */
async function* chunked(text: string): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += 700) yield bytes.subarray(i, i + 700);
}

function importFile(t: TestApp, text: string, opts: Partial<ImportOptions> = {}): Promise<ImportReport> {
  return importCsv(t.database.db, chunked(text), {
    format: 'acled',
    dryRun: false,
    maxBytes: 10_000_000,
    userId: null,
    note: 'import-batches test',
    batchSize: BATCH,
    ...opts,
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The rollup as stored, and as a fresh count of the live events: they must be equal. */
async function rollup(t: TestApp) {
  const stored = await sql<{ k: string; n: number }>`
    select concat_ws('|', start_date, span_end, kind, status) as k, n from event_counts where n > 0 order by 1`.execute(t.database.db);
  const fresh = await sql<{ k: string; n: number }>`
    select concat_ws('|', start_date, coalesce(end_date, start_date), kind, status) as k, count(*)::int as n
    from events where deleted_at is null group by 1 order by 1`.execute(t.database.db);
  return { stored: stored.rows, fresh: fresh.rows };
}

/**
 * event_counts as above, and every rollup recomputed (an import's new events
 * reach the rollups and the figures table once, at its end: migrations
 * 2025-01-01 and 2025-01-09).
 */
async function expectRollupExact(t: TestApp) {
  const { stored, fresh } = await rollup(t);
  expect(fresh.length).toBeGreaterThan(0);
  expect(stored).toEqual(fresh);
  // The figures' drift is only worth checking with figures: the files' fatalities give most events one.
  const { rows } = await sql<{ figures: number; quantities: number }>`
    select (select count(*)::int from figures) as figures, (select count(*)::int from claim_quantities) as quantities`.execute(t.database.db);
  expect(rows[0]!.quantities).toBeGreaterThan(0);
  expect(rows[0]!.figures).toBe(rows[0]!.quantities);
  expect(await rollupDrift(t.database.db)).toEqual(NO_DRIFT);
}

describe.each(ENGINES)('ACLED files of several batches on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
  });
  afterAll(() => t?.close());

  const first = range(1, 53).map((n) => acledRow(n));

  it('imports every row of a file of six batches once, with a revision each, and keeps the rollup exact', async () => {
    const report = await importFile(t, csv(first));
    expect(report).toMatchObject({ format: 'acled', rows: 53, inserted: 53, updated: 0, unchanged: 0, errors: [] });
    // 7 subject units and 5 target groups, each created once although named in many batches.
    expect(await rowCounts(t)).toMatchObject({ events: 53, claims: 53, revisions: 53, actors: 12, sources: 1 });
    const { rows } = await sql<{ n: number }>`select count(distinct event_id)::int as n from revisions where version = 1 and action = 'create'`.execute(t.database.db);
    expect(rows[0]!.n).toBe(53);
    await expectRollupExact(t);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await rowCounts(t);
    const report = await importFile(t, csv(first));
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: 53, errors: [] });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('updates and inserts in different batches of one file: a revision per update, the rollup moved with the kinds', async () => {
    // Newer versions of rows 1–20 (the even ones become strikes, the odd ones get new notes), rows 21–30 as they were,
    // new rows 54–80; ordered so that some batches only update, some only insert, and some do both.
    const updated = range(1, 20).map((n) =>
      n % 2 === 0
        ? acledRow(n, { event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack', timestamp: String(1734900000 + n) })
        : acledRow(n, { notes: `Row ${n}, revised.`, timestamp: String(1734900000 + n) }),
    );
    const same = range(21, 30).map((n) => acledRow(n));
    const added = range(54, 80).map((n) => acledRow(n, { actor1: `Newly named unit ${n % 4}` }));
    const rows = [...updated.slice(0, 10), ...added.slice(0, 10), ...updated.slice(10, 15), ...added.slice(10, 15), ...same, ...updated.slice(15), ...added.slice(15)];
    const before = await rowCounts(t);

    const report = await importFile(t, csv(rows));
    expect(report).toMatchObject({ rows: rows.length, inserted: 27, updated: 20, unchanged: 10, errors: [] });
    expect(await rowCounts(t)).toMatchObject({ events: before.events + 27, claims: before.claims + 27, revisions: before.revisions + 27 + 20, actors: before.actors + 4 });

    const strike = await sql<{ kind: string; version: number; revisions: number }>`
      select kind, version, (select count(*)::int from revisions r where r.event_id = e.id) as revisions
      from events e where external_source = 'acled' and external_id = 'TST2'`.execute(t.database.db);
    expect(strike.rows[0]).toEqual({ kind: 'strike', version: 2, revisions: 2 });
    const kinds = await sql<{ kind: string; n: number }>`
      select kind, count(*)::int as n from events where external_id = any(${sql.val(range(1, 20).map((n) => `TST${n}`))}::text[]) group by kind order by kind`.execute(t.database.db);
    expect(kinds.rows).toEqual([
      { kind: 'engagement', n: 10 },
      { kind: 'strike', n: 10 },
    ]);
    const unchanged = await sql<{ version: number }>`select version from events where external_id = 'TST25'`.execute(t.database.db);
    expect(unchanged.rows[0]!.version).toBe(1);
    await expectRollupExact(t);
  });

  it('writes nothing when a row of a later batch is wrong, and a dry run lists the problems of every batch', async () => {
    const rows = range(101, 135).map((n) => acledRow(n));
    rows[6] = acledRow(107, { latitude: '95' }); // row 8, in the first batch
    rows[31] = acledRow(132, { event_date: '31/12/2024' }); // row 33, in the fourth
    const before = await rowCounts(t);

    const dry = await importFile(t, csv(rows), { dryRun: true });
    expect(dry.errors.map((e) => [e.row, e.column])).toEqual([
      [8, 'latitude'],
      [33, 'event_date'],
    ]);
    expect(dry).toMatchObject({ dryRun: true, rows: 35, inserted: 33 });

    const real = await importFile(t, csv(rows)).catch((err: unknown) => err);
    expect(real).toBeInstanceOf(ImportRejected);
    expect((real as ImportRejected).report.errors.map((e) => e.row)).toEqual([8, 33]);
    expect(await rowCounts(t)).toEqual(before);
    await expectRollupExact(t);
  });

  it('refuses the same event twice in a file even in different batches', async () => {
    const rows = range(201, 230).map((n) => acledRow(n));
    rows[22] = acledRow(203); // row 24 repeats row 4, two batches later
    const before = await rowCounts(t);
    const real = await importFile(t, csv(rows)).catch((err: unknown) => err);
    expect(real).toBeInstanceOf(ImportRejected);
    expect((real as ImportRejected).report.errors).toEqual([expect.objectContaining({ row: 24, column: 'event_id_cnty', message: expect.stringContaining('row 4') })]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('undoes the batches already written when the database fails a later one', async () => {
    const db = t.database.db;
    await sql`
      create function test_refuse_event() returns trigger language plpgsql as $$
      begin
        if new.external_id = 'TST_REFUSED' then raise exception 'test: event refused by the database'; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger test_refuse_event before insert on events for each row execute function test_refuse_event()`.execute(db);
    try {
      const rows = range(301, 345).map((n) => acledRow(n));
      rows[37] = acledRow(338, { event_id_cnty: 'TST_REFUSED' }); // in the fourth batch of five
      const before = await rowCounts(t);
      await expect(importFile(t, csv(rows))).rejects.toThrow(/event refused by the database/);
      expect(await rowCounts(t)).toEqual(before);
      // Nothing of the failed import arrives later either (no write was still on its way).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await rowCounts(t)).toEqual(before);
      await expectRollupExact(t);
    } finally {
      await sql`drop trigger test_refuse_event on events`.execute(db);
      await sql`drop function test_refuse_event()`.execute(db);
    }
  });

  it('imports a file of many batches of the default size, the rollup still exact', async () => {
    const rows = range(1000, 5199).map((n) => acledRow(n, { event_date: `2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}` }));
    const before = await rowCounts(t);
    const report = await importFile(t, csv(rows), { batchSize: undefined });
    expect(report).toMatchObject({ rows: 4200, inserted: 4200, errors: [] });
    expect(await rowCounts(t)).toMatchObject({ events: before.events + 4200, revisions: before.revisions + 4200 });
    await expectRollupExact(t);
  }, 60_000);
});

describe.each(ENGINES)('the event_counts rollup under statements of many rows on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: true });
  });
  afterAll(() => t?.close());

  it('stays exact through multi-row inserts, updates that move counted columns or not, soft deletes, restores and deletes', async () => {
    const db = t.database.db;
    await expectRollupExact(t);
    await importFile(t, csv(range(1, 40).map((n) => acledRow(n))));
    await expectRollupExact(t);

    // One statement moving many events between groups, and back in part.
    await sql`update events set kind = case when kind = 'engagement' then 'strike' else 'engagement' end where external_source = 'acled'`.execute(db);
    await expectRollupExact(t);
    await sql`update events set start_date = start_date - 1, end_date = start_date + 2 where external_id like 'TST1%'`.execute(db);
    await expectRollupExact(t);
    // Columns the rollup does not count: nothing moves.
    const before = await rollup(t);
    await sql`update events set title = title || ' (checked)', tags = tags || '{checked}'::text[]`.execute(db);
    expect(await rollup(t)).toEqual(before);
    // A status override, soft deletes, restores and hard deletes.
    await sql`update events set status_override = 'contested', status_reason = 'test' where external_id in ('TST2', 'TST3')`.execute(db);
    await expectRollupExact(t);
    await sql`update events set deleted_at = now() where external_id like 'TST2%'`.execute(db);
    await expectRollupExact(t);
    await sql`update events set deleted_at = null where external_id in ('TST20', 'TST21')`.execute(db);
    await expectRollupExact(t);
    await sql`delete from revisions where event_id in (select id from events where external_id like 'TST3%')`.execute(db);
    await sql`delete from events where external_id like 'TST3%'`.execute(db);
    await expectRollupExact(t);
    // A statement that touches no row.
    await sql`update events set kind = 'other' where false`.execute(db);
    await expectRollupExact(t);
  });
});

describe('the JSON the batched writes send', () => {
  it('carries a lone UTF-16 surrogate as U+FFFD, as a bound parameter would, and everything else as it is', () => {
    for (const [value, expected] of [
      ['a\ud800b', 'a\ufffdb'],
      ['p\ud83d', 'p\ufffd'],
      ['\udc00x', '\ufffdx'],
      ['😀 \\ud800 "quoted" \\', '😀 \\ud800 "quoted" \\'],
    ]) {
      expect(JSON.parse(toJsonText([value]))).toEqual([expected]);
    }
  });
});
