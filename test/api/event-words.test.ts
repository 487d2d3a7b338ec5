import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facets, MapResponse, Timeline } from '@claimline/shared/aggregates';
import { MAP_POINT_THRESHOLD } from '@claimline/shared/aggregates';
import { eventFiltersSchema } from '@claimline/shared/filters';
import { countEvents } from '../../apps/api/src/repositories/events.js';
import { planFilters } from '../../apps/api/src/repositories/event-filters.js';
import { wordsCanAnswer } from '../../apps/api/src/repositories/event-words.js';
import { getFacets } from '../../apps/api/src/repositories/facets.js';
import { getMapData } from '../../apps/api/src/repositories/map.js';
import { getTimeline } from '../../apps/api/src/repositories/timeline.js';
import { generateDataset } from '../../scripts/bench/generate.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { NO_DRIFT, rollupDrift } from '../support/rollups.js';

/**
 * A text query's timeline, map, filter panel and exact total read its
 * matches from event_words (repositories/event-words.ts, migration
 * 2025-01-12) where the other filters are kinds, statuses and a box. Every
 * answer must be what counting the events themselves gives (the
 * `rollups: false` paths), before and after writes that change the words,
 * the dates, kinds, statuses and places, and which events are live.
 *
 * The generated events are titled "<Kind> near <place>" and quoted
 * "Witnesses reported <kind> near <place>.": "near" matches every event,
 * more than the map shows as points, so its cells are grouped.
 */
const TEXT_CASES = [
  'q=near',
  'q=Sudzha',
  'q=strike%20Sudzha',
  'q=%22reported%20strike%22',
  'q=near&kind=strike,engagement',
  'q=near&status=corroborated,contested',
  'q=near&bbox=35.0,51.0,35.6,51.4',
  'q=near&bbox=31,49.5,39.5,53.5&kind=statement',
  'q=zeppelin',
  // Only a stop word: no lexeme to look for, so nothing matches (PostgreSQL says so in a notice).
  'q=the',
  // Not for event_words (a date window, a tag): the events answer, and must still agree.
  'q=near&from=2024-01-01&to=2024-06-30',
  'q=near&tag=casualties',
];

describe.each(ENGINES)('a text query counted from event_words on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
    await generateDataset(t.database.db, { events: 2_600 });
  }, 180_000);
  afterAll(() => t?.close());

  const filtersOf = async (params: string) =>
    planFilters(t.database.db, eventFiltersSchema.parse(Object.fromEntries(new URLSearchParams(params))));

  const sameAsCountingTheEvents = async () => {
    let clustered = 0;
    for (const params of TEXT_CASES) {
      const f = await filtersOf(params);
      for (const bucket of ['day', 'week', 'month'] as const) {
        for (const stack of ['kind', 'status'] as const) {
          const served = await t.json<Timeline>(`/api/timeline?${params}&bucket=${bucket}&stack=${stack}`);
          expect({ params, ...served }).toEqual({ params, ...(await getTimeline(t.database.db, f, bucket, stack, { rollups: false })) });
        }
      }
      for (const zoom of [5, 7, 10, 14]) {
        const served = await t.json<MapResponse>(`/api/map?${params}&zoom=${zoom}`);
        const counted = await getMapData(t.database.db, f, zoom, { rollups: false });
        // Cell centres are averages: compared to a millionth of a degree.
        const rounded = (m: MapResponse) => ({
          ...m,
          clusters: m.clusters
            .map((c) => ({ ...c, lat: Math.round(c.lat * 1e6), lon: Math.round(c.lon * 1e6) }))
            .sort((a, b) => a.bounds[0] - b.bounds[0] || a.bounds[1] - b.bounds[1]),
        });
        expect({ params, zoom, ...rounded(served) }).toEqual({ params, zoom, ...rounded(counted) });
        if (served.clusters.length > 0) clustered++;
      }
      const served = await t.json<Facets>(`/api/facets?${params}`);
      expect({ params, ...served }).toEqual({ params, ...(await getFacets(t.database.db, f, { rollups: false })) });
      const total = await t.json<{ total: number; totalExact: boolean }>(`/api/events?${params}&limit=1&exactTotal=true`);
      expect({ params, total: total.total }).toEqual({ params, total: await countEvents(t.database.db, f, { rollups: false }) });
    }
    // The cases reach the grouped map, not only its points.
    expect(clustered).toBeGreaterThan(0);
  };

  it('the cases are the ones meant: most through event_words, the windowed and tagged ones not', async () => {
    const through = await Promise.all(TEXT_CASES.map(async (p) => wordsCanAnswer(await filtersOf(p))));
    expect(through).toEqual([true, true, true, true, true, true, true, true, true, true, false, false]);
    const everything = await t.json<{ total: number }>('/api/events?q=near&limit=1&exactTotal=true');
    expect(everything.total).toBeGreaterThan(MAP_POINT_THRESHOLD);
  });

  it('answers as counting the events would', sameAsCountingTheEvents, 180_000);

  it('stays exact through new words, moves, kind changes, deletions and restorations', async () => {
    const db = t.database.db;
    const ids = (n: number, offset: number) => sql`(select id from events order by id limit ${n} offset ${offset})`;
    await sql`update events set search = to_tsvector('english', 'zeppelin over Sudzha') where id in ${ids(40, 0)}`.execute(db);
    await sql`update events set lon = 35.3, lat = 51.2 where id in ${ids(60, 100)}`.execute(db);
    await sql`update events set lon = null, lat = null, geo_precision = null where id in ${ids(30, 200)}`.execute(db);
    await sql`update events set kind = 'statement', start_date = start_date - 400, end_date = null where id in ${ids(50, 300)}`.execute(db);
    await sql`update events set status_override = 'contested', status_reason = 'test' where id in ${ids(50, 400)}`.execute(db);
    await sql`update events set deleted_at = now() where id in ${ids(80, 500)}`.execute(db);
    await sql`update events set deleted_at = null where id in ${ids(30, 520)}`.execute(db);
    await sql`delete from events where id in ${ids(20, 700)}`.execute(db);
    // A write that changes none of the copied columns leaves event_words' row as it was.
    await sql`update events set summary = 'edited' where id in ${ids(20, 800)}`.execute(db);

    expect(await rollupDrift(db)).toEqual(NO_DRIFT);
    const zeppelins = await t.json<{ total: number }>('/api/events?q=zeppelin&limit=1&exactTotal=true');
    expect(zeppelins.total).toBeGreaterThan(0);
    await sameAsCountingTheEvents();
  }, 240_000);
});
