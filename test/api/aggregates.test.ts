import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_KINDS, EVENT_STATUSES } from '@claimline/shared/vocabulary';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { actorNamed, kursk, type Params, query, sourceNamed } from './kursk-model.js';

/**
 * Timeline, facets and map read the same filters as the list: every count
 * they give must be a count of the list for the same filters.
 */

type Summary = { id: string; kind: string; status: string; startDate: string; lat: number | null; lon: number | null };
type Timeline = { bucket: string; stack: string; series: { start: string; counts: Record<string, number> }[] };
type FacetCount = { value: string; label: string; count: number };
type Facets = { total: number; kind: FacetCount[]; status: FacetCount[]; actor: FacetCount[]; source: FacetCount[]; tag: FacetCount[] };

const AP = sourceNamed('Associated Press').id;
const DPRK = actorNamed("Korean People's Army").id;

const FILTER_SETS: Params[] = [
  {},
  { from: '2024-12-01', to: '2024-12-16' },
  { kind: 'statement,engagement' },
  { status: 'single_source', tag: 'casualties' },
  { actor: DPRK, minReliability: 'C' },
  { minCredibility: '2' },
  { stance: 'asserts', excludeParties: 'true' },
  { source: AP, q: 'North Korean' },
  { bbox: '33.5,50.8,37.5,52.5', to: '2024-12-09' },
  { kind: 'strike' },
];
const label = (p: Params) => (Object.keys(p).length ? query(p) : 'no filter');

/** The first day of the bucket holding `date`, worked out without the server: Monday weeks, first-of-month months. */
function bucketStart(date: string, bucket: string): string {
  if (bucket === 'day') return date;
  if (bucket === 'month') return `${date.slice(0, 8)}01`;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

describe.each(ENGINES)('aggregates on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const list = async (p: Params) => t.json<{ items: Summary[]; total: number }>(`/api/events?${query(p, { limit: '500' })}`);
  const total = async (p: Params) => (await t.json<{ total: number }>(`/api/events?${query(p, { limit: '1' })}`)).total;
  const without = (p: Params, key: string) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== key));

  describe('timeline', () => {
    it.each(FILTER_SETS.flatMap((p) => (['day', 'week', 'month'] as const).flatMap((bucket) => (['kind', 'status'] as const).map((stack) => [label(p), bucket, stack, p] as const))))(
      '%s, bucket %s, stack %s: the series is the list counted by start date',
      async (_label, bucket, stack, p) => {
        const [timeline, page] = await Promise.all([t.json<Timeline>(`/api/timeline?${query(p, { bucket, stack })}`), list(p)]);
        expect(timeline.bucket).toBe(bucket);
        expect(timeline.stack).toBe(stack);
        const sum = timeline.series.reduce((n, s) => n + Object.values(s.counts).reduce((a, b) => a + b, 0), 0);
        expect(sum).toBe(page.total);
        // The exact series, computed from the list's own items.
        const expected = new Map<string, Record<string, number>>();
        for (const e of page.items) {
          const start = bucketStart(e.startDate, bucket);
          const counts = expected.get(start) ?? {};
          const key = stack === 'kind' ? e.kind : e.status;
          counts[key] = (counts[key] ?? 0) + 1;
          expected.set(start, counts);
        }
        const sorted = [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, counts]) => ({ start, counts }));
        expect(timeline.series).toEqual(sorted);
        for (const s of timeline.series) {
          expect(s.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (bucket === 'week') expect(new Date(`${s.start}T00:00:00Z`).getUTCDay(), s.start).toBe(1);
          if (bucket === 'month') expect(s.start.slice(8)).toBe('01');
          const vocabulary: readonly string[] = stack === 'kind' ? EVENT_KINDS : EVENT_STATUSES;
          for (const key of Object.keys(s.counts)) expect(vocabulary).toContain(key);
        }
      },
    );

    it('weeks of the dataset start on the Mondays around it (Sunday 2024-12-01 falls in the week of 2024-11-25)', async () => {
      const timeline = await t.json<Timeline>('/api/timeline?bucket=week');
      expect(timeline.series.map((s) => s.start)).toEqual(['2024-09-30', '2024-11-25', '2024-12-09', '2024-12-16']);
      const months = await t.json<Timeline>('/api/timeline?bucket=month');
      expect(months.series.map((s) => s.start)).toEqual(['2024-10-01', '2024-11-01', '2024-12-01']);
    });

    it('the default bucket is the week', async () => {
      expect((await t.json<Timeline>('/api/timeline')).bucket).toBe('week');
    });
  });

  describe('facets', () => {
    it.each(FILTER_SETS.map((p) => [label(p), p] as const))('%s: every count is a list total', async (_label, p) => {
      const facets = await t.json<Facets>(`/api/facets?${query(p)}`);
      expect(facets.total).toBe(await total(p));

      // Each dimension is counted under every filter but its own.
      expect(facets.kind.map((k) => k.value)).toEqual([...EVENT_KINDS]);
      for (const k of facets.kind) expect(k.count, `kind ${k.value}`).toBe(await total({ ...without(p, 'kind'), kind: k.value }));
      expect(facets.status.map((s) => s.value)).toEqual([...EVENT_STATUSES]);
      for (const s of facets.status) expect(s.count, `status ${s.value}`).toBe(await total({ ...without(p, 'status'), status: s.value }));

      // Actors, sources and tags list the values with events; every other value of the dataset has none.
      const check = async (dimension: 'actor' | 'source' | 'tag', values: string[]) => {
        const listed = new Map(facets[dimension].map((f) => [f.value, f.count]));
        for (const v of listed.keys()) expect(values).toContain(v);
        for (const v of values) {
          expect(listed.get(v) ?? 0, `${dimension} ${v}`).toBe(await total({ ...without(p, dimension), [dimension]: v }));
        }
        for (const c of listed.values()) expect(c).toBeGreaterThan(0);
      };
      await check('actor', kursk.actors.map((a) => a.id));
      await check('source', kursk.sources.map((s) => s.id));
      await check('tag', [...new Set(kursk.events.flatMap((e) => e.tags))]);
    });

    it('ticking a kind leaves the other kinds counted', async () => {
      const all = await t.json<Facets>('/api/facets');
      const narrowed = await t.json<Facets>('/api/facets?kind=statement');
      expect(narrowed.total).toBe(4);
      expect(narrowed.kind).toEqual(all.kind);
      // …while the other dimensions follow the kind filter.
      expect(narrowed.status.find((s) => s.value === 'contested')!.count).toBe(0);
    });

    it('labels: actors and sources by name, kinds and statuses in words', async () => {
      const facets = await t.json<Facets>('/api/facets');
      expect(facets.source.find((s) => s.value === AP)!.label).toBe('Associated Press');
      expect(facets.actor.find((a) => a.value === DPRK)!.label).toBe("Korean People's Army (DPRK forces)");
      expect(facets.kind.find((k) => k.value === 'casualty_report')!.label).toBe('Casualty report');
    });
  });

  describe('after changes made in the database', () => {
    const DRONE = kursk.events.find((e) => e.title.includes('drone'))!;
    const counts = async (p: Params) => {
      const [facets, timeline, map, listTotal] = await Promise.all([
        t.json<Facets>(`/api/facets?${query(p)}`),
        t.json<Timeline>(`/api/timeline?${query(p, { bucket: 'month' })}`),
        t.json<{ points: unknown[]; unlocated: number }>(`/api/map?${query(p)}`),
        total(p),
      ]);
      const sum = timeline.series.reduce((n, s) => n + Object.values(s.counts).reduce((a, b) => a + b, 0), 0);
      return { list: listTotal, facets: facets.total, timeline: sum, map: map.points.length + map.unlocated, kinds: facets.kind };
    };
    const every = (n: number) => ({ list: n, facets: n, timeline: n, map: n });

    it('a soft-deleted event leaves every count, and a restored one comes back', async () => {
      const db = t.database.db;
      const n = kursk.events.length;
      const december = { from: '2024-12-01', to: '2024-12-31' };
      const inDecember = (await counts(december)).list;
      await db.updateTable('events').set({ deleted_at: new Date() }).where('id', '=', DRONE.id).execute();
      try {
        expect(await counts({})).toMatchObject(every(n - 1));
        expect(await counts(december)).toMatchObject(every(inDecember - 1));
      } finally {
        await db.updateTable('events').set({ deleted_at: null }).where('id', '=', DRONE.id).execute();
      }
      expect(await counts({})).toMatchObject(every(n));
      expect(await counts(december)).toMatchObject(every(inDecember));
    });

    it('an event whose kind changes is counted under its new kind everywhere', async () => {
      const db = t.database.db;
      const before = (await counts({})).kinds;
      await db.updateTable('events').set({ kind: 'strike' }).where('id', '=', DRONE.id).execute();
      try {
        const after = await counts({ kind: 'strike' });
        expect(after).toMatchObject(every(1));
        const kinds = (await counts({})).kinds;
        expect(kinds.find((k) => k.value === 'strike')!.count).toBe(1);
        expect(kinds.find((k) => k.value === 'other')!.count).toBe(before.find((k) => k.value === 'other')!.count - 1);
      } finally {
        await db.updateTable('events').set({ kind: DRONE.kind }).where('id', '=', DRONE.id).execute();
      }
      expect((await counts({})).kinds).toEqual(before);
    });
  });

  describe('map', () => {
    it.each(FILTER_SETS.map((p) => [label(p), p] as const))('%s: points + unlocated = the list', async (_label, p) => {
      const [map, page] = await Promise.all([
        t.json<{ points: Summary[]; unlocated: number; truncated: boolean }>(`/api/map?${query(p)}`),
        list(p),
      ]);
      expect(map.points.length + map.unlocated).toBe(page.total);
      expect(map.truncated).toBe(false);
      const located = page.items.filter((e) => e.lat !== null);
      expect(map.points.map((x) => x.id)).toEqual(located.map((e) => e.id));
      for (const point of map.points) {
        expect(typeof point.lat).toBe('number');
        expect(typeof point.lon).toBe('number');
        const e = kursk.events.find((x) => x.id === point.id)!;
        expect(point).toMatchObject({ lat: e.lat, lon: e.lon, geoPrecision: e.geoPrecision, kind: e.kind, startDate: e.startDate });
      }
    });

    it('the four located events of the dataset, at region precision; the statements are unlocated', async () => {
      const map = await t.json<{ points: Summary[]; unlocated: number }>('/api/map');
      expect(map.points).toHaveLength(4);
      expect(map.unlocated).toBe(7);
      const statements = await t.json<{ points: Summary[]; unlocated: number }>('/api/map?kind=statement');
      expect(statements).toMatchObject({ points: [], unlocated: 4 });
    });
  });
});
