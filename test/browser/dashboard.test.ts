import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MapResponse, Timeline } from '@claimline/shared/aggregates';
import type { EventPage } from '@claimline/shared/events';
import { hasChromium, parseCsv, reportChromium, startHarness, type Harness } from './support';

/**
 * Issue 2 end to end, in Chromium against the real server and the Kursk
 * dataset: the map, the timeline's brush, the list, the event panel, the URL
 * as the state of the view, and the CSV export, all showing one selection.
 * Issue 3's trust filters and status display ride along.
 */

const WAIT = { timeout: 15_000, interval: 50 };
const CASUALTY_TITLE = 'Casualties among North Korean troops in Kursk region, mid-December';

test('Chromium is there for the browser tests (a loud warning when it is not)', () => {
  reportChromium();
  expect(hasChromium || process.env.CI !== 'true').toBe(true);
});

describe.runIf(hasChromium)('the dashboard in Chromium', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  const rows = () => h.page.locator('[data-testid=event-row]');
  const rowIds = async () =>
    (await rows().evaluateAll((els) => els.map((el) => el.getAttribute('data-event-id') ?? ''))).sort();
  const search = () => new URL(h.page.url()).searchParams;

  test('the map draws the located events, ringed by status, and says how many have no place', async () => {
    const { page } = h;
    const apiRequests: string[] = [];
    page.on('request', (r) => r.url().includes('/api/') && apiRequests.push(r.url()));
    await page.goto('/');
    const map = await h.api<MapResponse>('/api/map');
    // The Kursk dataset: 4 events with coordinates, at 2 region centroids, 2 events each: fanned, not clustered.
    expect(map.points).toHaveLength(4);
    expect(new Set(map.points.map((p) => `${p.lat},${p.lon}`)).size).toBe(2);

    const markers = page.locator('[data-testid=map-marker]');
    await expect.poll(() => markers.count(), WAIT).toBe(4);
    const drawn = await markers.evaluateAll((els) =>
      els.map((el) => ({ id: el.getAttribute('data-event-id'), status: el.getAttribute('data-status'), kind: el.getAttribute('data-kind') })),
    );
    expect(drawn.map((m) => m.id).sort()).toEqual(map.points.map((p) => p.id).sort());
    for (const point of map.points) {
      expect(drawn.find((m) => m.id === point.id)).toEqual({ id: point.id, status: point.status, kind: point.kind });
    }
    await expect.poll(() => page.locator('[data-testid=map-cluster]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('map-unlocated').textContent(), WAIT).toBe(`${map.unlocated} events have no mappable place`);
    // The legend explains the rings: one entry per status.
    expect(await page.locator('[data-testid=map-legend-status] li:not(.legend-heading)').count()).toBe(5);

    // The list and the header count the same 11 events.
    await expect.poll(() => rows().count(), WAIT).toBe(11);
    expect(await page.getByTestId('total-count').textContent()).toBe('11');
    // One facets request: the API already counts each dimension without its own filter.
    expect(apiRequests.filter((u) => u.includes('/api/facets'))).toHaveLength(1);
    expect(h.blocked).toEqual([]);
  });

  test('brushing the timeline, opening an event, reloading and exporting all keep one selection', async () => {
    const { page } = h;
    await page.goto('/');
    await expect.poll(() => rows().count(), WAIT).toBe(11);

    // Drag the left handle of the recharts Brush three quarters of the way across.
    const travellers = page.locator('[data-testid=timeline] .recharts-brush-traveller');
    await expect.poll(() => travellers.count(), WAIT).toBe(2);
    const handle = (await travellers.first().boundingBox())!;
    const end = (await travellers.last().boundingBox())!;
    const startX = handle.x + handle.width / 2;
    const y = handle.y + handle.height / 2;
    await page.mouse.move(startX, y);
    await page.mouse.down();
    await page.mouse.move(startX + (end.x - startX) * 0.75, y, { steps: 12 });
    await page.mouse.up();

    await expect.poll(() => search().get('from'), WAIT).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const from = search().get('from')!;
    const to = search().get('to')!;
    expect(to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const page1 = await h.api<EventPage>(`/api/events?from=${from}&to=${to}&limit=500`);
    expect(page1.total).toBeLessThan(11);
    expect(page1.total).toBeGreaterThan(0);
    await expect.poll(() => rows().count(), WAIT).toBe(page1.total);
    expect(await rowIds()).toEqual(page1.items.map((e) => e.id).sort());
    await expect.poll(() => page.getByTestId('total-count').textContent(), WAIT).toBe(String(page1.total));
    // The map follows the same range.
    const map = await h.api<MapResponse>(`/api/map?from=${from}&to=${to}`);
    await expect.poll(() => page.locator('[data-testid=map-marker]').count(), WAIT).toBe(map.points.length);

    // Open the casualty event from the list: every one of its six claims, side by side.
    const casualty = page1.items.find((e) => e.title === CASUALTY_TITLE);
    expect(casualty, 'the brushed range still holds the casualty event').toBeDefined();
    await page.locator(`[data-testid=event-row][data-event-id="${casualty!.id}"] .row-title`).click();
    await expect.poll(() => search().get('event'), WAIT).toBe(casualty!.id);
    const claims = page.locator('[data-testid=event-panel] [data-testid=claim]');
    await expect.poll(() => claims.count(), WAIT).toBe(6);
    const panel = (await page.getByTestId('event-panel').textContent()) ?? '';
    for (const words of ['hundreds', 'dozens', 'killed 50', 'injured 47', 'suffered casualties, both killed and wounded']) {
      expect(panel).toContain(words);
    }
    await expect.poll(() => page.getByTestId('event-status').textContent(), WAIT).toContain('Contested');
    await h.screenshot('dashboard-brushed-1440x900');
    await page.setViewportSize({ width: 1280, height: 800 });
    await h.screenshot('dashboard-brushed-1280x800');
    await page.setViewportSize({ width: 1440, height: 900 });
    // A change of size moves the map (Leaflet ends the move a moment later, debounced), and every move writes the
    // view to the URL (`map=`, map-view-sync.tsx): the URL to reload is the one after that write.
    await expect.poll(() => search().get('map'), WAIT).toMatch(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+$/);

    // Reload: the same filters, the same open event, the same list, the same view.
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    await expect.poll(() => claims.count(), WAIT).toBe(6);
    await expect.poll(() => rows().count(), WAIT).toBe(page1.total);
    expect(await rowIds()).toEqual(page1.items.map((e) => e.id).sort());
    expect(await page.locator('.date-range input').first().inputValue()).toBe(from);
    expect(await page.locator('.date-range input').last().inputValue()).toBe(to);

    // Export CSV: exactly the rows of the list.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = parseCsv(await readFile((await download.path())!, 'utf8'));
    const header = csv[0]!;
    const idColumn = header.indexOf('id');
    expect(idColumn).toBeGreaterThanOrEqual(0);
    const exported = csv.slice(1).filter((r) => r.length > 1).map((r) => r[idColumn]!);
    expect(exported.sort()).toEqual(await rowIds());
    expect(h.pageErrors).toEqual([]);
    expect(h.blocked).toEqual([]);
  });

  test('trust filters come from the URL and reach list, map, timeline, facets and export alike', async () => {
    const { page } = h;
    const trust = 'minCredibility=2&stance=asserts&excludeParties=true';
    const seen: string[] = [];
    page.on('request', (r) => r.url().includes('/api/') && seen.push(r.url()));
    await page.goto(`/?${trust}&stack=status`);
    const expected = await h.api<EventPage>(`/api/events?${trust}&limit=500`);
    expect(expected.total).toBeLessThan(11);
    await expect.poll(() => rows().count(), WAIT).toBe(expected.total);
    expect(await rowIds()).toEqual(expected.items.map((e) => e.id).sort());
    const map = await h.api<MapResponse>(`/api/map?${trust}`);
    await expect.poll(() => page.locator('[data-testid=map-marker]').count(), WAIT).toBe(map.points.length);

    // The controls show the URL's filters.
    const trustPanel = page.getByTestId('trust-filters');
    expect(await trustPanel.locator('select[name=minCredibility]').inputValue()).toBe('2');
    expect(await trustPanel.locator('input[name=excludeParties]').isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^asserts/ }).isChecked()).toBe(true);

    // Every view asked the API with the same trust filters; the timeline stacked by status.
    for (const endpoint of ['/api/events?', '/api/map?', '/api/timeline?', '/api/facets?']) {
      const request = seen.find((u) => u.includes(endpoint));
      expect(request, endpoint).toBeDefined();
      const params = new URL(request!).searchParams;
      expect([params.get('minCredibility'), params.get('stance'), params.get('excludeParties')], endpoint).toEqual(['2', 'asserts', 'true']);
    }
    expect(new URL(seen.find((u) => u.includes('/api/timeline?'))!).searchParams.get('stack')).toBe('status');
    const timeline = await h.api<Timeline>(`/api/timeline?${trust}&stack=status`);
    const timelineTotal = timeline.series.reduce((sum, s) => sum + Object.values(s.counts).reduce((a, b) => a + b, 0), 0);
    expect(timelineTotal).toBe(expected.total);
    const exportHref = new URL((await page.getByTestId('export-csv').getAttribute('href'))!, h.baseUrl).searchParams;
    expect([exportHref.get('minCredibility'), exportHref.get('stance'), exportHref.get('excludeParties')]).toEqual(['2', 'asserts', 'true']);

    // Changing one in the panel writes the URL and narrows the list with the API.
    await trustPanel.locator('select[name=minReliability]').selectOption('B');
    await expect.poll(() => search().get('minReliability'), WAIT).toBe('B');
    const narrower = await h.api<EventPage>(`/api/events?${trust}&minReliability=B&limit=500`);
    await expect.poll(() => rows().count(), WAIT).toBe(narrower.total);
    await h.screenshot('dashboard-trust-filters-1440x900');
    expect(h.blocked).toEqual([]);
  });
});
