import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ESTIMATES, type EstimateSeries, type EstimatesResponse } from '@claimline/shared/estimates';
import { MEASURES } from '@claimline/shared/vocabulary';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { eventFiltersSchema } from '@claimline/shared/filters';
import { listEstimateSeries, listEstimates } from '../../apps/api/src/repositories/estimates.js';
import { planFilters } from '../../apps/api/src/repositories/event-filters.js';
import { generateDataset } from '../../scripts/bench/generate.js';
import { actorNamed, CASUALTIES_ID, kursk, matches, type Params, query, sourceNamed } from './kursk-model.js';

/**
 * The estimates view's two endpoints against the Kursk dataset read
 * naively: the figures are those of the claims the claim-level filters keep,
 * on the events the filters keep; the series counts exactly those figures;
 * a long answer keeps the latest figures and says so.
 */

const AP = sourceNamed('Associated Press').id;
const DPRK = actorNamed("Korean People's Army").id;

const FILTER_SETS: Params[] = [
  {},
  { from: '2024-11-01', to: '2024-12-16' },
  { kind: 'casualty_report' },
  { source: AP },
  { minReliability: 'B' },
  { minCredibility: '2' },
  { stance: 'asserts' },
  { excludeParties: 'true' },
  { actor: DPRK, q: 'North Korean' },
  { bbox: '33.5,50.8,37.5,52.5' },
];
const MEASURE_SETS = [undefined, 'killed', 'deployed', MEASURES.join(',')];
const label = (p: Params) => (Object.keys(p).length ? query(p) : 'no filter');

const CLAIM_FILTERS = ['source', 'minReliability', 'minCredibility', 'stance', 'excludeParties'];

/** The claims' figures the view should list under p: every figure of a kept claim on a kept event. */
function expectedFigures(p: Params) {
  const claimFilters = Object.fromEntries(Object.entries(p).filter(([k]) => CLAIM_FILTERS.includes(k)));
  return kursk.events
    .filter((e) => matches(e, p))
    .flatMap((e) =>
      e.claims
        // A claim is kept when it passes the claim-level filters on its own: the event with this one claim would match them.
        .filter((c) => Object.keys(claimFilters).length === 0 || matches({ ...e, claims: [c] }, claimFilters))
        .flatMap((c) => c.quantities.map((q) => ({ eventId: e.id, claimId: c.id, publishedAt: c.publishedAt, ...q }))),
    );
}

// Not the numbers: the dataset gives "hundreds" as a phrase, the server its range (vague-quantities.ts).
type Figure = { eventId: string; claimId: string; measure: string; subject: string; phrase: string | null };
const key = (f: Figure) => [f.eventId, f.claimId, f.measure, f.subject, f.phrase].join('|');

describe.each(ENGINES)('estimates on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  it.each(FILTER_SETS.flatMap((p) => MEASURE_SETS.map((m) => [label(p), m ?? 'default measures', p, m] as const)))(
    '%s, %s: every figure of the kept claims, oldest publication first, none left out',
    async (_label, _measures, p, m) => {
      const answer = await t.json<EstimatesResponse>(`/api/estimates?${query(p, m ? { measure: m } : {})}`);
      const measures = m ? m.split(',') : ['killed', 'wounded', 'casualties'];
      expect(answer.measures).toEqual(measures);
      const expected = expectedFigures(p).filter((f) => measures.includes(f.measure) && f.subject.toLowerCase() === 'dprk forces');
      expect(answer.items.map(key).sort()).toEqual(expected.map(key).sort());
      expect(answer.truncated).toBe(false);
      const dates = answer.items.map((i) => i.publishedAt);
      expect(dates).toEqual([...dates].sort());
    },
  );

  it('the model is not empty where it matters: the filter sets keep figures and leave some out', () => {
    const counts = FILTER_SETS.map((p) => expectedFigures(p).length);
    expect(counts[0]).toBeGreaterThan(5);
    expect(counts.some((n) => n > 0 && n < counts[0]!)).toBe(true);
    expect(counts.filter((n) => n === 0).length).toBeLessThan(FILTER_SETS.length / 2);
  });

  it('the subject is matched whatever its case, and answered as asked', async () => {
    const answer = await t.json<EstimatesResponse>('/api/estimates?subject=dprk%20FORCES');
    expect(answer.subject).toBe('dprk FORCES');
    expect(answer.items.length).toBe((await t.json<EstimatesResponse>('/api/estimates')).items.length);
    expect(answer.items.length).toBeGreaterThan(0);
  });

  it.each(FILTER_SETS.map((p) => [label(p), p] as const))('%s: the series counts the figures the view lists', async (_label, p) => {
    const series = await t.json<EstimateSeries>(`/api/estimates/series?${query(p)}`);
    const expected = new Map<string, number>();
    for (const f of expectedFigures(p)) expected.set(`${f.measure}|${f.subject}`, (expected.get(`${f.measure}|${f.subject}`) ?? 0) + 1);
    expect(Object.fromEntries(series.items.map((s) => [`${s.measure}|${s.subject}`, s.count]))).toEqual(Object.fromEntries(expected));
    for (const s of series.items) {
      const listed = await t.json<EstimatesResponse>(`/api/estimates?${query(p, { measure: s.measure, subject: s.subject })}`);
      expect(listed.items.length).toBe(s.count);
    }
  });

  it('past the limit: the latest figures by publication, oldest first, and truncated', async () => {
    const all = await t.json<EstimatesResponse>(`/api/estimates?measure=${MEASURES.join(',')}`);
    const n = all.items.length;
    expect(n).toBeGreaterThan(4);
    const exact = await t.json<EstimatesResponse>(`/api/estimates?measure=${MEASURES.join(',')}&limit=${n}`);
    expect(exact.truncated).toBe(false);
    expect(exact.items.map((i) => i.quantityId)).toEqual(all.items.map((i) => i.quantityId));

    for (const limit of [1, 3, n - 1]) {
      const some = await t.json<EstimatesResponse>(`/api/estimates?measure=${MEASURES.join(',')}&limit=${limit}`);
      expect(some.truncated).toBe(true);
      // The tail of the whole answer, in the same order.
      expect(some.items.map((i) => i.quantityId)).toEqual(all.items.slice(n - limit).map((i) => i.quantityId));
    }
  });

  it("with no limit asked, the server's ESTIMATES_LIMIT applies", async () => {
    const small = await createTestApp(engine, { config: { estimatesLimit: 2 } });
    try {
      const answer = await small.json<EstimatesResponse>(`/api/estimates?measure=${MEASURES.join(',')}`);
      const all = await t.json<EstimatesResponse>(`/api/estimates?measure=${MEASURES.join(',')}`);
      expect(answer.truncated).toBe(true);
      expect(answer.items.map((i) => i.claimId)).toEqual(all.items.slice(-2).map((i) => i.claimId));
      // A request may still ask for fewer, or for more up to the most any answer holds.
      expect((await small.json<EstimatesResponse>(`/api/estimates?measure=${MEASURES.join(',')}&limit=${all.items.length}`)).truncated).toBe(false);
    } finally {
      await small.close();
    }
  });

  // Last: it deletes an event.
  it("a deleted event's figures leave the series and the view, with and without filters", async () => {
    const before = await t.json<EstimateSeries>('/api/estimates/series');
    const removed = kursk.events.find((e) => e.id === CASUALTIES_ID)!;
    const figures = removed.claims.flatMap((c) => c.quantities);
    expect(figures.length).toBeGreaterThan(2);
    await sql`update events set deleted_at = now() where id = ${CASUALTIES_ID}`.execute(t.database.db);

    const expected = new Map(before.items.map((s) => [`${s.measure}|${s.subject}`, s.count]));
    for (const f of figures) expected.set(`${f.measure}|${f.subject}`, expected.get(`${f.measure}|${f.subject}`)! - 1);
    const wanted = Object.fromEntries([...expected].filter(([, n]) => n > 0));
    const count = (series: EstimateSeries) => Object.fromEntries(series.items.map((s) => [`${s.measure}|${s.subject}`, s.count]));
    // From the figures table (no filter, a window holding every date), and through the claims and events (a
    // claim-level filter that every claim passes: credibility 6 or better).
    for (const p of ['', 'from=0001-01-01', 'minCredibility=6']) {
      expect(count(await t.json<EstimateSeries>(`/api/estimates/series?${p}`))).toEqual(wanted);
      const listed = await t.json<EstimatesResponse>(`/api/estimates?measure=${MEASURES.join(',')}&${p}`);
      expect(listed.items.length).toBe(Object.values(wanted).reduce((a, b) => a + b, 0));
      expect(listed.items.some((i) => i.eventId === CASUALTIES_ID)).toBe(false);
    }
  });

  it.each([
    ['limit=0', 'limit'],
    [`limit=${MAX_ESTIMATES + 1}`, 'limit'],
    ['limit=2.5', 'limit'],
  ])('%s is refused, naming %s', async (q, field) => {
    const res = await t.get(`/api/estimates?${q}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await res.json())).toContain(field);
  });
});

/**
 * The figures table (migration 2025-01-08) against the claims and events it
 * copies, on the bench's synthetic events (thousands of figures, spread over
 * three years and the region): the latest figures and the series under
 * dates, kinds, statuses and boxes, read both ways, before and after writes
 * that move events, re-date claims and delete events. The series under a
 * window reads it in two parts (migration 2025-01-10), so windows that begin
 * and end on a several-day event's first and last days are among them.
 */
describe.each(ENGINES)('estimates from the figures table on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
    await generateDataset(t.database.db, { events: 1_500 });
  }, 120_000);
  afterAll(() => t?.close());

  const FILTERS = [
    '',
    'from=2024-01-01&to=2024-12-31',
    'from=2024-05-03&to=2024-05-20',
    'from=2025-06-15',
    'to=2023-08-31',
    'kind=strike,engagement',
    'status=contested',
    'bbox=35.0,51.0,35.6,51.4',
    'bbox=35.0,51.0,35.6,51.4&from=2024-01-01&to=2024-06-30&kind=casualty_report',
    'bbox=20,40,21,41',
    // Boxes holding nearly every event, the second not all of them ("limit to map view" with the region in view).
    'bbox=31,49.5,39.5,53.5',
    'bbox=34,50,39.5,53.5',
  ];

  const bothWays = async () => {
    // Windows that start on the first day of, and end on the last day of, an event of several days with figures:
    // the two parts the series reads a window in (migration 2025-01-10) meet there.
    const { rows: spans } = await sql<{ start: string; end: string }>`
      select e.start_date::text as start, e.end_date::text as end from events e
       where e.deleted_at is null and e.end_date > e.start_date
         and exists (select 1 from claims c join claim_quantities q on q.claim_id = c.id where c.event_id = e.id)
       order by e.id limit 2`.execute(t.database.db);
    expect(spans).toHaveLength(2);
    const edges = spans.flatMap((e) => [`from=${e.start}&to=${e.start}`, `from=${e.end}`, `to=${e.start}`]);
    for (const q of [...FILTERS, ...edges]) {
      // Planned as the routes plan them (with the box's share of the events).
      const f = await planFilters(t.database.db, eventFiltersSchema.parse(Object.fromEntries(new URLSearchParams(q))));
      for (const [subject, limit] of [['Russian forces', 50], ['ukrainian FORCES', 5_000]] as const) {
        const measures = ['killed', 'wounded', 'casualties'] as const;
        // The figures of a window chosen from the window's own (its few figures at this size), and by the walk.
        const [fromWindow, fromWalk, fromEvents] = await Promise.all([
          listEstimates(t.database.db, f, measures, subject, limit),
          listEstimates(t.database.db, f, measures, subject, limit, { windowFigures: 0 }),
          listEstimates(t.database.db, f, measures, subject, limit, { figures: false }),
        ]);
        expect({ q, subject, ...fromWindow }).toEqual({ q, subject, ...fromEvents });
        expect({ q, subject, ...fromWalk }).toEqual({ q, subject, ...fromEvents });
      }
      const [seriesTable, seriesEvents] = await Promise.all([listEstimateSeries(t.database.db, f), listEstimateSeries(t.database.db, f, { figures: false })]);
      expect({ q, series: seriesTable }).toEqual({ q, series: seriesEvents });
    }
  };

  it('the figures and the series are those the claims and events give, with and without a limit reached', async () => {
    const all = await listEstimates(t.database.db, {}, ['killed', 'wounded', 'casualties'], 'Russian forces', 5_000, { figures: false });
    expect(all.items.length).toBeGreaterThan(200);
    expect(all.truncated).toBe(false);
    // The second large box leaves some figures outside it.
    const outside = await sql<{ n: number }>`
      select count(*)::int as n from figures where live and not (lon between 34 and 39.5 and lat between 50 and 53.5)`.execute(t.database.db);
    expect(outside.rows[0]!.n).toBeGreaterThan(0);
    await bothWays();
  });

  it('and still after events move, change kind, are deleted and restored, and claims are re-dated', async () => {
    const db = t.database.db;
    const ids = (n: number, offset: number) => sql`(select id from events order by id limit ${n} offset ${offset})`;
    await sql`update events set start_date = start_date + 200, end_date = end_date + 200 where id in ${ids(100, 0)}`.execute(db);
    await sql`update events set kind = 'strike' where id in ${ids(100, 100)}`.execute(db);
    await sql`update events set lon = 35.3, lat = 51.2 where id in ${ids(100, 200)}`.execute(db);
    await sql`update events set deleted_at = now() where id in ${ids(150, 300)}`.execute(db);
    await sql`update events set deleted_at = null where id in ${ids(50, 300)}`.execute(db);
    await sql`update claims set published_at = published_at - 400 where event_id in ${ids(100, 500)}`.execute(db);
    await bothWays();
  });
});
