import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapResponse } from '@claimline/shared/aggregates';
import { boxShare, EVENT_CELL_LEVELS } from '../../apps/api/src/repositories/event-cells.js';
import { BOX_INDEX_MAX_SHARE, boxPlanFor, planFilters, type PlannedFilters } from '../../apps/api/src/repositories/event-filters.js';
import { countEvents, listEvents } from '../../apps/api/src/repositories/events.js';
import { generateDataset } from '../../scripts/bench/generate.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { rollupDrift } from '../support/rollups.js';

/**
 * The event_cells rollup answers the map (and the count of a box) when the
 * filters are only kinds, statuses and a box. Its answers must be exactly
 * what grouping the events themselves gives, and the rollup must stay exact
 * through every kind of write.
 *
 * `minCredibility=6` keeps every event with a claim (every generated event
 * has one: checked below) but is a claim-level filter, which no rollup can
 * answer: the same request with it goes to the events. That is the reference
 * each rollup answer is compared with. (A date filter would not do: whole
 * months come from the monthly rollup, map-months.test.ts.)
 */
const EVERYTHING = 'minCredibility=6';

const byBounds = (m: MapResponse) =>
  m.clusters
    .map((c) => ({ bounds: c.bounds.join(','), count: c.count, kinds: c.kinds, lat: c.lat, lon: c.lon }))
    .sort((a, b) => a.bounds.localeCompare(b.bounds));

describe.each(ENGINES)('map rollup on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
    await generateDataset(t.database.db, { events: 2_600 });
    // The synthetic events all have coordinates; statements often have none.
    await sql`update events set lat = null, lon = null, geo_precision = null where id in (select id from events order by id desc limit 37)`.execute(t.database.db);
  }, 120_000);
  afterAll(() => t?.close());

  it('every generated event has a claim, so the reference request keeps them all', async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from events e where not exists (select 1 from claims c where c.event_id = e.id)`.execute(t.database.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('keeps the levels the map reads, and matches the events after generation', async () => {
    const { rows } = await sql<{ level: number }>`select distinct level from event_cells order by 1`.execute(t.database.db);
    // -1: the events with no coordinates.
    expect(rows.map((r) => r.level)).toEqual([-1, ...EVENT_CELL_LEVELS]);
    expect((await rollupDrift(t.database.db)).eventCells).toEqual([]);
  });

  // Boxes that fall on no cell edge, one wholly inside a cell, one wider than the data.
  const boxes = ['35.013,51.0021,35.6077,51.39', '35.2301,51.1702,35.2399,51.1799', '30,49,40,54'];
  const filters = ['', 'kind=strike,engagement', 'status=corroborated,contested', 'kind=casualty_report&status=single_source'];
  const cases = filters.flatMap((f) => [[f, ''] as const, ...boxes.map((b) => [f, `bbox=${b}`] as const)]);

  it.each(cases)('answers the same clusters as grouping the events (filters: "%s", %s)', async (f, box) => {
    for (const zoom of [5, 7, 8, 9, 10, 11, 12]) {
      const q = [f, box, `zoom=${zoom}`].filter(Boolean).join('&');
      const fromRollup = await t.json<MapResponse>(`/api/map?${q}`);
      const fromEvents = await t.json<MapResponse>(`/api/map?${q}&${EVERYTHING}`);
      expect({ located: fromRollup.located, unlocated: fromRollup.unlocated }).toEqual({ located: fromEvents.located, unlocated: fromEvents.unlocated });
      expect(fromRollup.points).toEqual(fromEvents.points);
      const [a, b] = [byBounds(fromRollup), byBounds(fromEvents)];
      expect(a.map(({ bounds, count, kinds }) => ({ bounds, count, kinds }))).toEqual(b.map(({ bounds, count, kinds }) => ({ bounds, count, kinds })));
      a.forEach((c, i) => {
        expect(c.lat).toBeCloseTo(b[i]!.lat, 9);
        expect(c.lon).toBeCloseTo(b[i]!.lon, 9);
      });
    }
  });

  it.each(cases.filter(([, box]) => box))('counts a box exactly in the list total (filters: "%s", %s)', async (f, box) => {
    const q = [f, box].filter(Boolean).join('&');
    const fromCells = await t.json<{ total: number }>(`/api/events?limit=1&${q}`);
    const fromEvents = await t.json<{ total: number }>(`/api/events?limit=1&${q}&${EVERYTHING}`);
    expect(fromCells.total).toBe(fromEvents.total);
  });

  it('writes a box either way with the same meaning, and plans small boxes for the index and large ones as ranges', async () => {
    const db = t.database.db;
    for (const b of [...boxes, '35.27,51.19,35.28,51.2', '35.2,51.1,35.3,51.2']) {
      const [west, south, east, north] = b.split(',').map(Number) as [number, number, number, number];
      const f = { bbox: { west, south, east, north } };
      const ids = async (plan: 'index' | 'range') => {
        const planned: PlannedFilters = { ...f, boxPlan: plan };
        const everything: PlannedFilters = { ...planned, from: '1000-01-01' };
        const page = await listEvents(db, planned, { limit: 500 });
        return { ids: page.items.map((e) => e.id), total: await countEvents(db, everything) };
      };
      const [byIndex, byRange] = [await ids('index'), await ids('range')];
      expect(byRange).toEqual(byIndex);
      // And that is the events inside the box, edges included.
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from events where deleted_at is null and lon between ${west} and ${east} and lat between ${south} and ${north}`.execute(db);
      expect(byIndex.total).toBe(rows[0]!.n);
      const share = await boxShare(db, f.bbox);
      expect((await planFilters(db, f)).boxShare).toBe(share);
    }
    // The whole region is a large share: a page walks the date order, an aggregate uses the location
    // index unless dates are filtered too. A few hundred metres around one spot is a small share.
    const large = await planFilters(db, { bbox: { west: 30, south: 49, east: 40, north: 54 } });
    expect(large.boxShare).toBeGreaterThan(BOX_INDEX_MAX_SHARE);
    expect([boxPlanFor(large, 'page'), boxPlanFor(large, 'aggregate'), boxPlanFor({ ...large, from: '2024-01-01' }, 'aggregate')]).toEqual(['range', 'index', 'range']);
    const small = await planFilters(db, { bbox: { west: 35.27, south: 51.19, east: 35.272, north: 51.191 } });
    expect(small.boxShare).toBeLessThanOrEqual(BOX_INDEX_MAX_SHARE);
    expect([boxPlanFor(small, 'page'), boxPlanFor({ ...small, from: '2024-01-01' }, 'aggregate')]).toEqual(['index', 'index']);
  });

  it('stays exact through multi-row moves, kind and status changes, soft deletes, restores and deletes', async () => {
    const db = t.database.db;
    const some = (n: number, offset: number) => sql`(select id from events where lat is not null order by id limit ${n} offset ${offset})`;
    await sql`update events set lon = lon + 0.37, lat = lat - 0.11 where id in ${some(150, 0)}`.execute(db);
    await sql`update events set kind = 'statement' where id in ${some(80, 100)}`.execute(db);
    await sql`update events set status_override = 'denied', status_reason = 'test' where id in ${some(60, 200)}`.execute(db);
    await sql`update events set lat = null, lon = null, geo_precision = null where id in ${some(40, 300)}`.execute(db);
    await sql`update events set deleted_at = now() where id in ${some(90, 400)}`.execute(db);
    await sql`update events set deleted_at = null where id in (select id from events where deleted_at is not null order by id limit 30)`.execute(db);
    await sql`update events set title = title || ' (edited)' where id in ${some(50, 600)}`.execute(db);
    await sql`delete from events where id in ${some(25, 700)}`.execute(db);
    // Moves and back in one statement: nets to nothing.
    await sql`update events set lon = case when lon > 35 then lon - 1 else lon + 1 end where id in ${some(20, 800)}`.execute(db);
    expect((await rollupDrift(t.database.db)).eventCells).toEqual([]);

    // And the answers still agree with the events.
    for (const zoom of [7, 10, 12]) {
      const fromRollup = await t.json<MapResponse>(`/api/map?zoom=${zoom}`);
      const fromEvents = await t.json<MapResponse>(`/api/map?zoom=${zoom}&${EVERYTHING}`);
      expect(fromRollup.located + fromRollup.unlocated).toBe(fromEvents.located + fromEvents.unlocated);
      expect(byBounds(fromRollup).map((c) => [c.bounds, c.count])).toEqual(byBounds(fromEvents).map((c) => [c.bounds, c.count]));
    }
  });

  it('rolls a write back with the rollup', async () => {
    const db = t.database.db;
    const before = await sql`select level, cx, cy, kind, status, n from event_cells where n > 0 order by 1, 2, 3, 4, 5`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`update events set lon = lon + 2 where lat is not null`.execute(trx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const after = await sql`select level, cx, cy, kind, status, n from event_cells where n > 0 order by 1, 2, 3, 4, 5`.execute(db);
    expect(after.rows).toEqual(before.rows);
  });
});
