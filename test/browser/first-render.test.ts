import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EventPage } from '@claimline/shared/events';
import { hasChromium, startHarness, syntheticData, type Harness } from './support';

/**
 * How the dashboard first fills (apps/web/src/app/dashboard-loading.ts,
 * event-list.tsx, event-map.tsx), on the bench's synthetic dataset: the
 * first render waits a moment for the first answers but never for a slow
 * one; the list's first screenful comes first and the rest of the page
 * after it; the map's outlines and place names follow its events.
 */

const WAIT = { timeout: 15_000, interval: 50 };

describe.runIf(hasChromium)('the dashboard as it first fills, in Chromium', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ prepareData: syntheticData(500) });
  });

  afterAll(async () => {
    await h?.close();
  });

  const rowIds = () => h.page.locator('[data-testid=event-row]').evaluateAll((els) => els.map((el) => el.getAttribute('data-event-id')));

  test('the first page arrives whole: every row of it, in the order the API gave', async () => {
    const { page } = h;
    const first = await h.api<EventPage>('/api/events?limit=100');
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    await page.goto('/');
    await expect.poll(rowIds, WAIT).toEqual(first.items.map((e) => e.id));
    expect(await page.locator('.event-list .card-heading .muted').textContent()).toBe('100 of 500 shown');

    // A second page is added whole too.
    const second = await h.api<EventPage>(`/api/events?limit=100&cursor=${encodeURIComponent(first.nextCursor!)}`);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(rowIds, WAIT).toEqual([...first.items, ...second.items].map((e) => e.id));
    expect(h.pageErrors).toEqual([]);
  });

  test('a page left open over an update: a view whose script is gone loads the page again, and shows', async () => {
    const { page } = h;
    // Until the page is loaded again, the Estimates view's script is gone (404, as a script of an earlier build is).
    const script = /\/assets\/estimates-view-[^/]+\.js$/;
    let stale = true;
    let refused = 0;
    let clicked = false;
    const onRequest = (r: Request) => {
      if (clicked && r.isNavigationRequest() && r.frame() === page.mainFrame()) stale = false;
    };
    page.on('request', onRequest);
    await page.route(script, (route) => (stale ? (refused++, route.fulfill({ status: 404, body: '' })) : route.continue()));
    try {
      await page.goto('/?kind=strike');
      await expect.poll(() => page.locator('[data-testid=event-row]').count(), WAIT).toBeGreaterThan(0);
      await page.evaluate(() => ((window as { beforeUpdate?: boolean }).beforeUpdate = true));
      clicked = true;
      await page.getByRole('link', { name: 'Estimates' }).click();
      await expect.poll(() => page.locator('[data-testid=estimates-view]').isVisible(), WAIT).toBe(true);
      expect(refused).toBeGreaterThan(0);
      expect(stale).toBe(false);
      // A new page (this one's globals are gone) at the same view and filters: the state was in the URL.
      expect(await page.evaluate(() => (window as { beforeUpdate?: boolean }).beforeUpdate)).toBeUndefined();
      expect(new URL(page.url()).searchParams.get('view')).toBe('estimates');
      expect(new URL(page.url()).searchParams.get('kind')).toBe('strike');
      expect(await page.getByText('failed to display').count()).toBe(0);

      // Gone again within the minute: no second reload, the view's error shows instead.
      await page.goto('/?kind=strike');
      await expect.poll(() => page.locator('[data-testid=event-row]').count(), WAIT).toBeGreaterThan(0);
      await page.unroute(script);
      await page.route(script, (route) => route.fulfill({ status: 404, body: '' }));
      await page.evaluate(() => ((window as { beforeUpdate?: boolean }).beforeUpdate = true));
      await page.getByRole('link', { name: 'Estimates' }).click();
      await expect.poll(() => page.getByText('The estimates failed to display.').isVisible(), WAIT).toBe(true);
      expect(await page.evaluate(() => (window as { beforeUpdate?: boolean }).beforeUpdate)).toBe(true);
    } finally {
      page.off('request', onRequest);
      await page.unroute(script);
      await page.evaluate(() => sessionStorage.clear());
    }
  });

  test('a slow answer does not hold the page up: it is drawn, loading, while the list is still asked for', async () => {
    const { page } = h;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/events?*', async (route) => {
      await released;
      await route.continue();
    });
    try {
      await page.goto('/?kind=strike');
      // The list's request is held: the header, the filters and the list's loading state are drawn regardless.
      await expect.poll(() => page.getByText('Loading events…').isVisible(), WAIT).toBe(true);
      expect(await page.getByRole('heading', { name: 'Filters' }).isVisible()).toBe(true);
      expect(await page.locator('[data-testid=event-row]').count()).toBe(0);
      release();
      const strikes = await h.api<EventPage>('/api/events?kind=strike&limit=100');
      await expect.poll(rowIds, WAIT).toEqual(strikes.items.map((e) => e.id));
    } finally {
      release();
      await page.unroute('**/api/events?*');
    }
    expect(h.pageErrors).toEqual([]);
  });

  test('the map draws its outlines, border and place names after the events', async () => {
    const { page } = h;
    await page.goto('/');
    await expect.poll(() => page.locator('.claimline-marker, .claimline-cluster, .claimline-stack').count(), WAIT).toBeGreaterThan(0);
    // Oblast outlines and the border in their own pane, and the regional capitals' names.
    await expect.poll(() => page.locator('.leaflet-cl-geography-pane path').count(), WAIT).toBeGreaterThan(1);
    await expect.poll(() => page.locator('.leaflet-cl-labels-pane .settlement-label', { hasText: 'Kursk' }).count(), WAIT).toBeGreaterThan(0);
    expect(h.pageErrors).toEqual([]);
  });
});
