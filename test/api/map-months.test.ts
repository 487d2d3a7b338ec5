import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapResponse } from '@claimline/shared/aggregates';
import { monthsCanAnswer } from '../../apps/api/src/repositories/event-cell-months.js';
import { splitWindow } from '../../apps/api/src/repositories/month-window.js';
import { generateDataset } from '../../scripts/bench/generate.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { rollupDrift } from '../support/rollups.js';

/**
 * The event_cell_months rollup answers the map with a date window at the
 * zooms that show the whole region. Its answers must be exactly what
 * grouping the events gives, whatever the window (whole months, edge days,
 * open ends, events spanning months), and it must stay exact through writes.
 *
 * The reference: the same request with `minCredibility=6`, which every event
 * with a claim passes (every generated event has one: checked below) but
 * which no rollup can answer, so it groups the events themselves.
 */
const THROUGH_EVENTS = 'minCredibility=6';

const shape = (m: MapResponse) => ({
  located: m.located,
  unlocated: m.unlocated,
  points: m.points.map((p) => p.id),
  clusters: m.clusters.map((c) => ({ bounds: c.bounds.join(','), count: c.count, kinds: c.kinds })).sort((a, b) => a.bounds.localeCompare(b.bounds)),
});

describe('splitWindow', () => {
  it('splits a window into its whole months and the days at its edges', () => {
    expect(splitWindow('2024-01-01', '2024-12-31')).toEqual({ whole: { a0: '2024-01-01', a1: '2024-12-31' }, e1: null, e2: null });
    expect(splitWindow('2024-01-05', '2024-03-10')).toEqual({
      whole: { a0: '2024-02-01', a1: '2024-02-29' },
      e1: { from: '2024-01-05', to: '2024-01-31' },
      e2: { from: '2024-03-01', to: '2024-03-10' },
    });
    expect(splitWindow('2024-01-05', '2024-01-20')).toEqual({ whole: null, e1: { from: '2024-01-05', to: '2024-01-20' }, e2: null });
    // Two partial months with no whole month between them: one edge, the whole window.
    expect(splitWindow('2024-01-05', '2024-02-10')).toEqual({ whole: null, e1: { from: '2024-01-05', to: '2024-02-10' }, e2: null });
    expect(splitWindow('2023-12-15', undefined)).toEqual({ whole: { a0: '2024-01-01', a1: undefined }, e1: { from: '2023-12-15', to: '2023-12-31' }, e2: null });
    expect(splitWindow(undefined, '2024-02-28')).toEqual({ whole: { a0: undefined, a1: '2024-01-31' }, e1: null, e2: { from: '2024-02-01', to: '2024-02-28' } });
    expect(splitWindow(undefined, '2024-02-29')).toEqual({ whole: { a0: undefined, a1: '2024-02-29' }, e1: null, e2: null });
    // The calendar's ends: no month before 0001-01 or after 9999-12.
    expect(splitWindow('0001-01-01', '9999-12-31')).toEqual({ whole: { a0: '0001-01-01', a1: '9999-12-31' }, e1: null, e2: null });
    expect(splitWindow('9999-12-15', undefined)).toEqual({ whole: null, e1: { from: '9999-12-15', to: undefined }, e2: null });
    expect(splitWindow(undefined, '0001-01-15')).toEqual({ whole: null, e1: { from: undefined, to: '0001-01-15' }, e2: null });
    expect(splitWindow('0001-01-10', '9999-12-20')).toEqual({
      whole: { a0: '0001-02-01', a1: '9999-11-30' },
      e1: { from: '0001-01-10', to: '0001-01-31' },
      e2: { from: '9999-12-01', to: '9999-12-20' },
    });
  });

  it('is used only for dates at the zooms of the whole region, with filters the rollup holds', () => {
    expect(monthsCanAnswer({ from: '2024-01-01' }, 8)).toBe(true);
    expect(monthsCanAnswer({ from: '2024-01-01' }, 9)).toBe(false);
    expect(monthsCanAnswer({}, 7)).toBe(false);
    expect(monthsCanAnswer({ to: '2024-01-01', kind: ['strike'], status: ['contested'], bbox: { west: 30, south: 49, east: 40, north: 54 } }, 7)).toBe(true);
    expect(monthsCanAnswer({ to: '2024-01-01', q: 'Sudzha' }, 7)).toBe(false);
    expect(monthsCanAnswer({ to: '2024-01-01', minCredibility: 6 }, 7)).toBe(false);
  });
});

describe.each(ENGINES)('map by month on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
    const db = t.database.db;
    await generateDataset(db, { events: 2_600 });
    // Some events with no place, some spanning several months (one over a year end), some on month edges.
    await sql`update events set lat = null, lon = null, geo_precision = null where id in (select id from events order by id desc limit 37)`.execute(db);
    await sql`update events set end_date = start_date + 75 where id in (select id from events order by id limit 40)`.execute(db);
    await sql`update events set start_date = '2024-12-20', end_date = '2025-01-10' where id in (select id from events order by id limit 5 offset 40)`.execute(db);
    await sql`update events set start_date = '2024-03-31', end_date = null where id in (select id from events order by id limit 9 offset 50)`.execute(db);
    await sql`update events set start_date = '2024-04-01', end_date = null where id in (select id from events order by id limit 7 offset 60)`.execute(db);
    // Across a whole month into the next (both edges of a window), and over several whole months.
    await sql`update events set start_date = '2024-01-25', end_date = '2024-03-05' where id in (select id from events order by id limit 6 offset 70)`.execute(db);
    await sql`update events set start_date = '2024-02-10', end_date = '2024-05-02' where id in (select id from events order by id limit 5 offset 80)`.execute(db);
  }, 120_000);
  afterAll(() => t?.close());

  it('every generated event has a claim, so the reference request keeps them all', async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from events e where not exists (select 1 from claims c where c.event_id = e.id)`.execute(t.database.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('matches the events after generation and writes', async () => {
    expect((await rollupDrift(t.database.db)).eventCellMonths).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from event_cell_months where n > 0`.execute(t.database.db);
    expect(rows[0]!.n).toBeGreaterThan(100);
  });

  const windows = [
    'from=2024-01-01&to=2024-12-31',
    'from=2024-01-05&to=2024-11-12',
    'from=2024-03-31&to=2024-04-01',
    'from=2024-04-01&to=2024-04-30',
    'from=2024-02-10&to=2024-02-20',
    'from=2024-12-15',
    'to=2024-03-31',
    'to=2024-06-17',
    'from=2023-06-02&to=2025-07-30',
    'from=2024-01-20&to=2024-03-10',
    'from=2024-02-01&to=2024-05-31',
    'from=2024-02-15&to=2024-04-30',
    'from=0001-01-01&to=9999-12-31',
    'from=9999-12-15',
    'to=0001-01-15',
  ];
  const boxes = ['', 'bbox=35.013,51.0021,35.6077,51.39', 'bbox=30,49,40,54', 'bbox=35.2301,51.1702,35.2399,51.1799'];
  const filters = ['', 'kind=strike,engagement', 'status=corroborated,contested'];
  const cases = windows.flatMap((w) => boxes.flatMap((b) => filters.map((f) => [w, b, f] as const)));

  it.each(cases)('answers the same map as the events (%s %s %s)', async (w, b, f) => {
    for (const zoom of [5, 7, 8]) {
      const q = [w, b, f, `zoom=${zoom}`].filter(Boolean).join('&');
      const fromRollup = await t.json<MapResponse>(`/api/map?${q}`);
      const fromEvents = await t.json<MapResponse>(`/api/map?${q}&${THROUGH_EVENTS}`);
      expect(shape(fromRollup)).toEqual(shape(fromEvents));
    }
  });

  it('stays exact through moves across months, new spans, deletes and restores', async () => {
    const db = t.database.db;
    const some = (n: number, offset: number) => sql`(select id from events order by id limit ${n} offset ${offset})`;
    await sql`update events set start_date = start_date + 31, end_date = end_date + 31 where id in ${some(120, 100)}`.execute(db);
    await sql`update events set end_date = start_date + 40 where id in ${some(50, 300)}`.execute(db);
    await sql`update events set end_date = null where id in ${some(30, 0)}`.execute(db);
    await sql`update events set lon = lon + 0.5 where lat is not null and id in ${some(60, 400)}`.execute(db);
    await sql`update events set deleted_at = now() where id in ${some(70, 500)}`.execute(db);
    await sql`update events set deleted_at = null where id in (select id from events where deleted_at is not null order by id limit 20)`.execute(db);
    await sql`delete from events where id in ${some(15, 700)}`.execute(db);
    expect((await rollupDrift(t.database.db)).eventCellMonths).toEqual([]);
    for (const w of windows.slice(0, 3)) {
      const fromRollup = await t.json<MapResponse>(`/api/map?${w}&zoom=7`);
      const fromEvents = await t.json<MapResponse>(`/api/map?${w}&zoom=7&${THROUGH_EVENTS}`);
      expect(shape(fromRollup)).toEqual(shape(fromEvents));
    }
  });

  it('rolls a write back with the rollup', async () => {
    const db = t.database.db;
    const before = await sql`select * from event_cell_months where n > 0 order by 1, 2, 3, 4, 5, 6`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update events set start_date = start_date - 45, end_date = end_date - 45`.execute(trx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const after = await sql`select * from event_cell_months where n > 0 order by 1, 2, 3, 4, 5, 6`.execute(db);
    expect(after.rows).toEqual(before.rows);
  });
});
