import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_POINT_THRESHOLD } from '@claimline/shared/aggregates';
import { generateDataset } from '../../scripts/bench/generate.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';

/**
 * Past MAP_POINT_THRESHOLD located events the map answers grid clusters. Their
 * counts, with the unlocated events, must add up to the list's total for the
 * same filters, at every zoom.
 */
describe.each(ENGINES)('map clusters on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
    await generateDataset(t.database.db, { events: 2_600 });
  }, 120_000);
  afterAll(() => t?.close());

  const cases = ['', 'kind=strike,engagement', 'from=2024-01-01&to=2025-06-30', 'status=corroborated&minReliability=C', 'q=Sudzha'];

  it.each(cases)('cluster counts + unlocated equal the list total (filters: %s)', async (filters) => {
    const list = await t.json<{ total: number }>(`/api/events?limit=1&${filters}`);
    for (const zoom of [5, 7, 10]) {
      const map = await t.json<{ points: unknown[]; clusters: { count: number; kinds: Record<string, number> }[]; located: number; unlocated: number }>(
        `/api/map?zoom=${zoom}&${filters}`,
      );
      const fromClusters = map.clusters.reduce((n, c) => n + c.count, 0);
      expect(map.located + map.unlocated).toBe(list.total);
      if (map.located > MAP_POINT_THRESHOLD) {
        expect(map.points).toHaveLength(0);
        expect(fromClusters).toBe(map.located);
        for (const c of map.clusters) expect(Object.values(c.kinds).reduce((a, b) => a + b, 0)).toBe(c.count);
      } else {
        expect(map.clusters).toHaveLength(0);
        expect(map.points).toHaveLength(map.located);
      }
    }
  });

  it('answers clusters, not points, when more than the threshold are located, and more cells at a higher zoom', async () => {
    const z5 = await t.json<{ clusters: unknown[]; located: number }>('/api/map?zoom=5');
    const z10 = await t.json<{ clusters: unknown[] }>('/api/map?zoom=10');
    expect(z5.located).toBeGreaterThan(MAP_POINT_THRESHOLD);
    expect(z5.clusters.length).toBeGreaterThan(0);
    expect(z10.clusters.length).toBeGreaterThan(z5.clusters.length);
  });

  it('refuses a zoom outside 0–22', async () => {
    const res = await t.get('/api/map?zoom=23');
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe('zoom');
  });
});
