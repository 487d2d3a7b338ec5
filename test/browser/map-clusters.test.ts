import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAP_POINT_THRESHOLD, type MapResponse } from '@claimline/shared/aggregates';
import type { Page, Request } from 'playwright-core';
import { hasChromium, reportChromium, settled, startHarness, syntheticData, type Harness } from './support';

/**
 * The map past MAP_POINT_THRESHOLD located events, in Chromium against the
 * real server: the benchmark's generator fills the database with 3,000
 * located events, so the server answers clusters, not points. The map sends
 * its zoom and viewport with its own request only; the list and the URL's
 * filters never see the viewport.
 */

const EVENTS = 3_000;
const WAIT = { timeout: 15_000, interval: 50 };

test('Chromium is there for the browser tests (a loud warning when it is not)', () => {
  reportChromium();
  expect(hasChromium || process.env.CI !== 'true').toBe(true);
});

/** `/api/map?…` of a request the page made. */
const pathOf = (request: Request | string) => {
  const url = new URL(typeof request === 'string' ? request : request.url());
  return `${url.pathname}${url.search}`;
};
/** The map's viewport requests carry a zoom and a box. */
const isViewRequest = (request: Request) => {
  const url = new URL(request.url());
  return url.pathname === '/api/map' && url.searchParams.has('zoom') && url.searchParams.has('bbox');
};

type Drawn = { origin: string | null; count: number };
const drawnClusters = (page: Page): Promise<Drawn[]> =>
  page
    .locator('[data-testid=map-cluster]')
    .evaluateAll((els) => els.map((el) => ({ origin: el.getAttribute('data-origin'), count: Number(el.getAttribute('data-count')) })));
const sum = (items: { count: number }[]) => items.reduce((total, item) => total + item.count, 0);
/**
 * What the map draws for an answer: the server's clusters, all of them (their
 * counts add up to `located`), or, for points, the browser's own markers and
 * clusters, only of events the answer holds.
 */
async function expectDrawn(page: Page, answer: MapResponse): Promise<void> {
  if (answer.clusters.length > 0) {
    await expect.poll(async () => sum(await drawnClusters(page)), WAIT).toBe(answer.located);
    expect(new Set((await drawnClusters(page)).map((c) => c.origin))).toEqual(new Set(['server']));
    expect(await page.locator('[data-testid=map-marker]').count()).toBe(0);
    return;
  }
  expect(answer.points.length).toBeGreaterThan(0);
  const drawn = page.locator('[data-testid=map-marker], [data-testid=map-cluster][data-origin=client], [data-testid=map-stack]');
  await expect.poll(() => drawn.count(), WAIT).toBeGreaterThan(0);
  await expect.poll(() => page.locator('[data-testid=map-cluster][data-origin=server]').count(), WAIT).toBe(0);
  const ids = new Set(answer.points.map((p) => p.id));
  const shown = await page.locator('[data-testid=map-marker]').evaluateAll((els) => els.map((el) => el.getAttribute('data-event-id')));
  for (const id of shown) expect(ids.has(id!)).toBe(true);
  expect(sum(await drawnClusters(page))).toBeLessThanOrEqual(answer.located);
}

const mapZoom = (page: Page) => Number(new URL(page.url()).searchParams.get('map')?.split(',')[2] ?? NaN);

describe.runIf(hasChromium)('the map with more located events than the server sends as points', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      prepareData: syntheticData(EVENTS),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  test('at the first zoom the server clusters are drawn, and their counts add up to what the API located', async () => {
    const { page } = h;
    const overview = await h.api<MapResponse>('/api/map');
    expect(overview.located).toBe(EVENTS);
    expect(overview.located).toBeGreaterThan(MAP_POINT_THRESHOLD);
    expect(overview.points).toEqual([]);

    const viewRequest = page.waitForRequest(isViewRequest, WAIT);
    await page.goto('/');
    const request = await viewRequest;
    const sent = new URL(request.url()).searchParams;
    // The default view: zoom 7 over the region, the box a little larger than what is visible.
    expect(sent.get('zoom')).toBe('7');
    const [west, south, east, north] = sent.get('bbox')!.split(',').map(Number) as [number, number, number, number];
    expect(west).toBeLessThan(35.5);
    expect(east).toBeGreaterThan(35.5);
    expect(south).toBeLessThan(51.3);
    expect(north).toBeGreaterThan(51.3);

    const answer = await h.api<MapResponse>(pathOf(request));
    expect(answer.points).toEqual([]);
    expect(answer.clusters.length).toBeGreaterThan(1);
    expect(sum(answer.clusters)).toBe(answer.located);

    await expect.poll(async () => sum(await drawnClusters(page)), WAIT).toBe(answer.located);
    await settled(page);
    const drawn = await drawnClusters(page);
    expect(drawn).toHaveLength(answer.clusters.length);
    expect(new Set(drawn.map((c) => c.origin))).toEqual(new Set(['server']));
    expect(await page.locator('[data-testid=map-marker]').count()).toBe(0);

    // Each cluster says what it holds, kind by kind.
    const biggest = answer.clusters.reduce((a, b) => (b.count > a.count ? b : a));
    const label = await page.locator(`[data-testid=map-cluster][data-count="${biggest.count}"]`).first().getAttribute('aria-label');
    expect(label).toMatch(new RegExp(`^${biggest.count.toLocaleString('en-US')} events: \\d[\\d,]* (engagements|strikes)`));

    // The status line counts the whole filtered set, not the view; the URL holds no bbox filter.
    expect(await page.getByTestId('map-located').textContent()).toBe(`${EVENTS.toLocaleString('en-US')} on the map`);
    expect(new URL(page.url()).searchParams.has('bbox')).toBe(false);
    await expect.poll(() => page.getByTestId('total-count').textContent(), WAIT).toBe(EVENTS.toLocaleString('en-US'));

    await h.screenshot('map-clusters-1440x900');
    expect(h.pageErrors).toEqual([]);
    expect(h.blocked).toEqual([]);
  });

  test('clicking a server cluster zooms in to its cell', async () => {
    const { page } = h;
    await settled(page);
    const before = Number.isNaN(mapZoom(page)) ? 7 : mapZoom(page);
    // The largest cluster nothing else covers at its centre, clicked with the mouse.
    const target = await page.locator('[data-testid=map-cluster][data-origin=server]').evaluateAll((els) => {
      const free = els
        .map((el) => {
          const box = el.getBoundingClientRect();
          const x = box.left + box.width / 2;
          const y = box.top + box.height / 2;
          const hit = document.elementFromPoint(x, y)?.closest('[data-testid=map-cluster]');
          return { x, y, count: Number(el.getAttribute('data-count')), free: hit === el };
        })
        .filter((c) => c.free);
      return free.sort((a, b) => b.count - a.count)[0] ?? null;
    });
    expect(target).not.toBeNull();

    const next = page.waitForRequest((r) => isViewRequest(r) && Number(new URL(r.url()).searchParams.get('zoom')) > before, WAIT);
    await page.mouse.click(target!.x, target!.y);
    const request = await next;
    await expect.poll(() => mapZoom(page), WAIT).toBeGreaterThan(before);
    const zoom = Number(new URL(request.url()).searchParams.get('zoom'));
    expect(zoom).toBe(mapZoom(page));

    // Whatever the server answers for the smaller area is what is drawn.
    const answer = await h.api<MapResponse>(pathOf(request));
    await settled(page);
    await expectDrawn(page, answer);
  });

  test('at a high zoom over a small area the events themselves are drawn', async () => {
    const { page } = h;
    // Kursk at zoom 12: a few kilometres across.
    const viewRequest = page.waitForRequest((r) => isViewRequest(r) && new URL(r.url()).searchParams.get('zoom') === '12', WAIT);
    await page.goto('/?map=51.7300,36.1900,12');
    const request = await viewRequest;
    const answer = await h.api<MapResponse>(pathOf(request));
    expect(answer.clusters).toEqual([]);
    expect(answer.points.length).toBeGreaterThan(0);
    expect(answer.points.length).toBeLessThanOrEqual(MAP_POINT_THRESHOLD);

    await expect.poll(() => page.locator('[data-testid=map-marker]').count(), WAIT).toBeGreaterThan(0);
    await settled(page);
    await expectDrawn(page, answer);
    // Still the whole set's counts in the status line.
    expect(await page.getByTestId('map-located').textContent()).toBe(`${EVENTS.toLocaleString('en-US')} on the map`);
    await h.screenshot('map-clusters-zoomed-1440x900');
  });

  test('panning changes the map request only: the list, the timeline and the URL filters stay put', async () => {
    const { page } = h;
    await page.goto('/');
    await expect.poll(() => page.getByTestId('total-count').textContent(), WAIT).toBe(EVENTS.toLocaleString('en-US'));
    await expect.poll(async () => (await drawnClusters(page)).length, WAIT).toBeGreaterThan(0);
    await settled(page);

    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/api/') && requests.push(pathOf(r)));
    const panned = page.waitForRequest(isViewRequest, WAIT);
    const body = await page.locator('.leaflet-map').boundingBox();
    const x = body!.x + body!.width / 2;
    const y = body!.y + body!.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x - 350, y - 80, { steps: 12 });
    await page.mouse.up();
    const request = await panned;
    const answer = await h.api<MapResponse>(pathOf(request));
    await settled(page);
    await expectDrawn(page, answer);

    // Only the map asked again, and it alone with a box; the URL has the view, not a filter.
    expect(requests.filter((r) => !r.startsWith('/api/map?'))).toEqual([]);
    expect(new URL(page.url()).searchParams.has('map')).toBe(true);
    expect(new URL(page.url()).searchParams.has('bbox')).toBe(false);
    expect(await page.getByTestId('total-count').textContent()).toBe(EVENTS.toLocaleString('en-US'));
    expect(await page.locator('[data-testid=event-row]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('map-located').textContent()).toBe(`${EVENTS.toLocaleString('en-US')} on the map`);

    // A pan back inside the box already asked for asks nothing new.
    const before = requests.length;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 20, y, { steps: 4 });
    await page.mouse.up();
    await page.waitForTimeout(600);
    expect(requests.slice(before).filter((r) => r.startsWith('/api/map?'))).toEqual([]);

    // "Limit to map view" is still the filter it was: the list shrinks, and every map request stays inside its box.
    const afterLimit = requests.length;
    await page.getByLabel('Limit to map view').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('bbox'), WAIT).not.toBeNull();
    const filter = new URL(page.url()).searchParams.get('bbox')!.split(',').map(Number) as [number, number, number, number];
    await expect.poll(async () => Number((await page.getByTestId('total-count').textContent())?.replace(/,/g, '')), WAIT).toBeLessThan(EVENTS);
    await settled(page);
    const mapRequests = requests.slice(afterLimit).filter((r) => r.startsWith('/api/map?'));
    expect(mapRequests.length).toBeGreaterThan(0);
    for (const r of mapRequests) {
      const box = new URLSearchParams(r.split('?')[1]).get('bbox')!.split(',').map(Number);
      expect(box[0]).toBeGreaterThanOrEqual(filter[0] - 1e-6);
      expect(box[1]).toBeGreaterThanOrEqual(filter[1] - 1e-6);
      expect(box[2]).toBeLessThanOrEqual(filter[2] + 1e-6);
      expect(box[3]).toBeLessThanOrEqual(filter[3] + 1e-6);
    }
    expect(h.pageErrors).toEqual([]);
    expect(h.blocked).toEqual([]);
  });
});
