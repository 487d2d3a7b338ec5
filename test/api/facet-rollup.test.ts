import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facets } from '@claimline/shared/aggregates';
import { eventFiltersSchema } from '@claimline/shared/filters';
import { BOX_COMPLEMENT_MIN_SHARE, planFilters } from '../../apps/api/src/repositories/event-filters.js';
import { FACET_COMPLEMENT_MIN_SHARE, getFacets } from '../../apps/api/src/repositories/facets.js';
import { generateDataset } from '../../scripts/bench/generate.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { rollupDrift } from '../support/rollups.js';

/** Boxes holding most of the synthetic events, and nearly all, but not all: some lie west and south of them. */
const MOST = '34.5,50.5,39.5,53.5';
const NEARLY_ALL = '34,50,39.5,53.5';

describe.each(ENGINES)('facet rollup on %s', (engine) => {
  let t: TestApp;
  let someSource: string;
  let someActor: string;
  beforeAll(async () => {
    // The Kursk dataset brings actors; the synthetic one, volume, sources and tags.
    t = await createTestApp(engine);
    await generateDataset(t.database.db, { events: 1_500 });
    someSource = (await sql<{ id: string }>`select source_id as id from claims group by 1 order by count(*) desc limit 1`.execute(t.database.db)).rows[0]!.id;
    someActor = (await sql<{ id: string }>`select actor_id as id from event_actors group by 1 order by count(*) desc limit 1`.execute(t.database.db)).rows[0]!.id;
  }, 120_000);
  afterAll(() => t?.close());

  const windows = [
    '',
    'from=0001-01-01&to=9999-12-31',
    'from=2024-01-01&to=2024-12-31',
    'from=2023-03-05&to=2024-02-11',
    'from=2024-05-03&to=2024-05-20',
    'from=2025-06-15',
    'to=2023-08-31',
    'to=2023-08-30',
    // Boxes ("limit to map view"): the front-line area, the whole region, one with nothing in it, and a box with dates.
    'bbox=35.0,51.0,35.6,51.4',
    'bbox=31,49.5,39.5,53.5',
    'bbox=10,10,11,11',
    'bbox=35.0,51.0,35.6,51.4&from=2024-01-01&to=2024-12-31',
    // Edges through Sudzha, the densest place: the strips along them that no whole cell covers hold events.
    'bbox=35.2712,51.1911,35.9,51.6',
    'bbox=34.6,50.9,35.2709,51.1908',
    // The same with a window open at one end (the window's own day included).
    'bbox=35.2712,51.1911,35.9,51.6&from=2024-05-03',
    'bbox=34.6,50.9,35.2709,51.1908&to=2023-08-31',
    // Boxes with windows: whole months and none, edges in a month, the calendar's ends (the rollup by cell and month).
    'bbox=35.2712,51.1911,35.9,51.6&from=2023-03-05&to=2024-02-11',
    'bbox=35.0,51.0,35.6,51.4&from=2024-05-03&to=2024-05-20',
    'bbox=35.0,51.0,35.6,51.4&from=0001-01-01&to=9999-12-31',
    // Boxes holding most of the events, with dates (and kinds, below): the rollup less the events outside the box.
    'bbox=31,49.5,39.5,53.5&from=2024-01-01&to=2024-12-31',
    `bbox=${MOST}`,
    `bbox=${MOST}&from=2023-03-05&to=2024-02-11`,
    `bbox=${NEARLY_ALL}`,
    `bbox=${NEARLY_ALL}&from=2024-01-01&to=2024-12-31`,
    // Words (no rollup holds them): the matches found once with their links, each dimension counted under the
    // other four; alone, with dates, in a box, two words, and a word nothing matches.
    'q=Sudzha',
    'q=Sudzha&from=2024-01-01&to=2024-12-31',
    'q=Sudzha&bbox=35.0,51.0,35.6,51.4',
    'q=strike%20Sudzha&from=2023-03-05',
    'q=Sudhza',
  ];
  const sameAsCounting = async () => {
    const cases = [
      '',
      'kind=strike,engagement',
      'status=corroborated',
      'kind=statement&status=single_source',
      `source=${someSource}`,
      `actor=${someActor}`,
      'tag=front-line',
      // Every dimension ticked at once: each is counted under the other four.
      `kind=strike,engagement&status=corroborated,single_source&source=${someSource}&actor=${someActor}&tag=front-line`,
      // A trust filter with a source: the claims themselves (one claim must pass both).
      `source=${someSource}&minReliability=B`,
    ];
    for (const w of windows) {
      for (const c of cases) {
        const q = [w, c].filter(Boolean).join('&');
        const fromRollup = await t.json<Facets>(`/api/facets?${q}`);
        const filters = eventFiltersSchema.parse(Object.fromEntries(new URLSearchParams(q)));
        const fromEvents = await getFacets(t.database.db, filters, { rollups: false });
        expect({ q, ...fromRollup }).toEqual({ q, ...fromEvents });
      }
    }
  };

  it('matches the events after loading, and answers as counting them would', async () => {
    // The large boxes do take the complement's path (the share is what the route plans with), and it is not empty.
    const share = async (box: string) => (await planFilters(t.database.db, eventFiltersSchema.parse({ bbox: box }))).boxShare;
    for (const box of ['31,49.5,39.5,53.5', MOST]) expect(await share(box), box).toBeGreaterThan(BOX_COMPLEMENT_MIN_SHARE);
    for (const box of ['31,49.5,39.5,53.5', NEARLY_ALL]) expect(await share(box), box).toBeGreaterThan(FACET_COMPLEMENT_MIN_SHARE);
    const outside = await sql<{ n: number }>`
      select count(*)::int as n from events where deleted_at is null and lat is not null and not (lon between 34 and 39.5 and lat between 50 and 53.5)`.execute(t.database.db);
    expect(outside.rows[0]!.n).toBeGreaterThan(0);
    const drift = await rollupDrift(t.database.db);
    expect(drift.eventLinks).toEqual([]);
    expect(drift.facetCounts).toEqual([]);
    expect(drift.facetMonths).toEqual([]);
    expect(drift.facetCells).toEqual([]);
    expect(drift.facetCellMonths).toEqual([]);
    expect(drift.cellMonthCounts).toEqual([]);
    expect(drift.facetDays).toEqual([]);
    expect(drift.figures).toEqual([]);
    const facets = await t.json<Facets>('/api/facets');
    expect(facets.source.length).toBeGreaterThan(10);
    expect(facets.actor.length).toBeGreaterThan(0);
    expect(facets.tag.map((x) => x.value)).toContain('front-line');
    await sameAsCounting();
  });

  it('stays exact through writes to claims, event actors and events', async () => {
    const db = t.database.db;
    const ids = (n: number, offset: number) => sql`(select id from events order by id limit ${n} offset ${offset})`;
    const otherSource = (await sql<{ id: string }>`select id from sources where id <> ${someSource} order by name limit 1`.execute(db)).rows[0]!.id;
    // Claims: a new source on some events, claims dropped, claims moved to another source.
    await sql`
      insert into claims (event_id, position, source_id, origin, stance, published_at, quote)
      select id, 100, ${someSource}, 'test', 'asserts', '2024-01-01', 'test quote' from events where id in ${ids(40, 0)}`.execute(db);
    await sql`delete from claims where event_id in ${ids(30, 20)} and position = 0`.execute(db);
    await sql`update claims set source_id = ${otherSource} where event_id in ${ids(50, 60)}`.execute(db);
    // Figures (the estimates view's table): new ones on existing claims, re-dated claims, a claim moved to another
    // event, figures re-measured and re-subjected in place.
    await sql`
      insert into claim_quantities (claim_id, position, measure, subject, best)
      select c.id, 10, 'killed', 'Test Forces', 7 from claims c where c.event_id in ${ids(40, 900)}`.execute(db);
    await sql`update claims set published_at = published_at + 3 where event_id in ${ids(50, 880)}`.execute(db);
    await sql`update claims set event_id = (select id from events order by id desc limit 1), position = 1000 + position
               where id in (select c.id from claims c where c.event_id in ${ids(3, 950)} and exists (select 1 from claim_quantities q where q.claim_id = c.id) limit 1)`.execute(db);
    await sql`update claim_quantities set measure = 'wounded', subject = 'test FORCES' where claim_id in (select c.id from claims c where c.event_id in ${ids(20, 900)})`.execute(db);
    // Actors: added to many events, then taken off some.
    await sql`insert into event_actors (event_id, actor_id, role) select id, ${someActor}, 'subject' from events where id in ${ids(70, 100)} on conflict do nothing`.execute(db);
    await sql`delete from event_actors where event_id in ${ids(20, 120)}`.execute(db);
    // Events: tags, kind and status changed; soft deleted and restored; hard deleted.
    await sql`update events set tags = array['drones', 'test-tag'] where id in ${ids(60, 200)}`.execute(db);
    await sql`update events set kind = 'movement' where id in ${ids(40, 250)}`.execute(db);
    await sql`update events set status_override = 'denied', status_reason = 'test' where id in ${ids(40, 280)}`.execute(db);
    await sql`update events set deleted_at = now() where id in ${ids(80, 300)}`.execute(db);
    await sql`update events set deleted_at = null where id in ${ids(30, 300)}`.execute(db);
    await sql`delete from claim_quantities where claim_id in (select c.id from claims c where c.event_id in ${ids(25, 400)})`.execute(db);
    await sql`delete from revisions where event_id in ${ids(25, 400)}`.execute(db);
    await sql`delete from events where id in ${ids(25, 400)}`.execute(db);
    // Dates: moved to another month, spans across a month end, and back into one month.
    await sql`update events set start_date = start_date + 40, end_date = end_date + 40 where id in ${ids(60, 500)}`.execute(db);
    await sql`update events set end_date = start_date + 45 where id in ${ids(40, 600)}`.execute(db);
    await sql`update events set end_date = null where id in ${ids(20, 600)}`.execute(db);
    // Places: moved, some into or out of the front-line box, and some unlocated.
    await sql`update events set lon = lon + 0.3, lat = lat - 0.2 where lat is not null and id in ${ids(80, 700)}`.execute(db);
    await sql`update events set lat = null, lon = null, geo_precision = null where id in ${ids(20, 800)}`.execute(db);

    const drift = await rollupDrift(t.database.db);
    expect(drift.eventLinks).toEqual([]);
    expect(drift.facetCounts).toEqual([]);
    expect(drift.facetMonths).toEqual([]);
    expect(drift.facetCells).toEqual([]);
    expect(drift.facetCellMonths).toEqual([]);
    expect(drift.cellMonthCounts).toEqual([]);
    expect(drift.facetDays).toEqual([]);
    expect(drift.figures).toEqual([]);
    await sameAsCounting();
  });
});
