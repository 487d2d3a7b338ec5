import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '@claimline/shared/aggregates';
import { eventFiltersSchema } from '@claimline/shared/filters';
import { BOX_COMPLEMENT_MIN_SHARE, planFilters } from '../../apps/api/src/repositories/event-filters.js';
import { getTimeline } from '../../apps/api/src/repositories/timeline.js';
import { generateDataset } from '../../scripts/bench/generate.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';

/**
 * The timeline of a box that holds most of the located events is the
 * rollup's series less the events outside the box and those with no place
 * (repositories/timeline.ts). It must be the series counting the events in
 * the box would give, edges included, through writes.
 */
describe.each(ENGINES)('timeline of a box on %s', (engine) => {
  let t: TestApp;
  // A box whose west and north edges pass exactly through events: those count as inside.
  let onEdges: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await generateDataset(t.database.db, { events: 1_500 });
    const edge = async (order: RawBuilder<unknown>) =>
      (await sql<{ v: number }>`select ${order} as v from events where lat is not null and deleted_at is null order by 1 limit 1 offset 50`.execute(t.database.db)).rows[0]!.v;
    onEdges = `${await edge(sql`lon`)},49,40,${-(await edge(sql`-lat`))}`;
  }, 120_000);
  afterAll(() => t?.close());

  // The whole region, most of it, the front line (few events: counted directly), and a box with nothing in it.
  const boxes = () => ['31,49.5,39.5,53.5', '34.5,50.5,39.5,53.5', onEdges, '35.0,51.0,35.6,51.4', '10,10,11,11'];
  const filters = ['', 'from=2024-01-01&to=2024-06-30', 'kind=strike,engagement', 'status=corroborated', 'from=2023-05-03&kind=statement'];

  const sameAsCounting = async () => {
    for (const box of boxes()) {
      for (const f of filters) {
        for (const bucket of ['day', 'week', 'month'] as const) {
          for (const stack of ['kind', 'status'] as const) {
            const q = [`bbox=${box}`, f, `bucket=${bucket}`, `stack=${stack}`].filter(Boolean).join('&');
            const served = await t.json<Timeline>(`/api/timeline?${q}`);
            const parsed = eventFiltersSchema.parse(Object.fromEntries(new URLSearchParams([`bbox=${box}`, f].filter(Boolean).join('&'))));
            const counted = await getTimeline(t.database.db, parsed, bucket, stack, { rollups: false });
            expect({ q, ...served }).toEqual({ q, ...counted });
          }
        }
      }
    }
  };

  it('answers as counting the events in the box would, edges included', async () => {
    // The large boxes do take the rollup's path (the share is what the route plans with).
    for (const box of ['31,49.5,39.5,53.5', '34.5,50.5,39.5,53.5', onEdges]) {
      const planned = await planFilters(t.database.db, eventFiltersSchema.parse({ bbox: box }));
      expect(planned.boxShare, box).toBeGreaterThan(BOX_COMPLEMENT_MIN_SHARE);
    }
    // Some events lie outside the second box, and some have no place: the parts subtracted are not empty.
    const { rows } = await sql<{ outside: number; unlocated: number }>`
      select count(*) filter (where lat is not null and not (lon between 34.5 and 39.5 and lat between 50.5 and 53.5))::int as outside,
             count(*) filter (where lat is null)::int as unlocated
        from events where deleted_at is null`.execute(t.database.db);
    expect(rows[0]!.outside).toBeGreaterThan(0);
    expect(rows[0]!.unlocated).toBeGreaterThan(0);
    await sameAsCounting();
  });

  it('stays exact through moves, deletions and events losing their place', async () => {
    const db = t.database.db;
    const ids = (n: number, offset: number) => sql`(select id from events order by id limit ${n} offset ${offset})`;
    await sql`update events set lon = lon - 2 where lat is not null and id in ${ids(80, 0)}`.execute(db);
    await sql`update events set lon = 36, lat = 52 where id in ${ids(40, 100)}`.execute(db);
    await sql`update events set lat = null, lon = null, geo_precision = null where id in ${ids(30, 200)}`.execute(db);
    await sql`update events set deleted_at = now() where id in ${ids(50, 300)}`.execute(db);
    await sql`update events set start_date = start_date - 30, end_date = end_date - 30 where id in ${ids(60, 400)}`.execute(db);
    await sql`update events set kind = 'movement' where id in ${ids(40, 500)}`.execute(db);
    await sameAsCounting();
  });
});
