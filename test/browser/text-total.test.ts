import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EventPage } from '@claimline/shared/events';
import { hasChromium, startHarness, syntheticData, type Harness } from './support';

/**
 * A text query with more matches than the server counts one by one
 * (TEXT_COUNT_LIMIT, here 50) and than a page holds (100), on the bench's
 * synthetic dataset: the header and the list say "more than 50", and
 * "count all" asks for the exact total. When every match is on the loaded
 * pages, they are the count.
 */

const WAIT = { timeout: 15_000, interval: 50 };

describe.runIf(hasChromium)('a text query with many matches, in Chromium', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      env: { TEXT_COUNT_LIMIT: '50' },
      prepareData: syntheticData(2_000),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  test('"more than …" until counted, then the exact total in the header and the list', async () => {
    const { page } = h;
    const exact = (await h.api<EventPage>('/api/events?q=Sudzha&exactTotal=true')).total;
    expect(exact).toBeGreaterThan(100);
    await page.goto('/?q=Sudzha');
    const total = page.getByTestId('total-count');
    // The server stopped counting at 50, but the first page already holds 100 and has more after it.
    await expect.poll(() => total.textContent(), WAIT).toBe('100');
    expect(await total.getAttribute('data-exact')).toBe('false');
    expect(await page.locator('.total').textContent()).toMatch(/^more than 100 events match the filters/);
    await expect.poll(() => page.locator('.event-list .card-heading .muted').textContent(), WAIT).toBe('100 of more than 100 shown');
    await h.screenshot('text-total-lower-bound');

    await page.getByTestId('count-all').click();
    await expect.poll(() => total.getAttribute('data-exact'), WAIT).toBe('true');
    expect(await total.textContent()).toBe(exact.toLocaleString('en-US'));
    expect(await page.locator('.total').textContent()).toBe(`${exact.toLocaleString('en-US')} events match the filters`);
    await expect.poll(() => page.locator('.event-list .card-heading .muted').textContent(), WAIT).toMatch(new RegExp(` of ${exact} shown$`));
    expect(await page.getByTestId('count-all').count()).toBe(0);
    await h.screenshot('text-total-counted');
    expect(h.pageErrors).toEqual([]);
  });

  test('more matches than the limit but all on the first page: the rows are the count', async () => {
    const { page } = h;
    const q = 'Sudzha engagement';
    const first = await h.api<EventPage>(`/api/events?q=${encodeURIComponent(q)}`);
    expect([first.totalExact, first.nextCursor]).toEqual([false, null]);
    expect(first.items.length).toBeGreaterThan(50);
    await page.goto(`/?q=${encodeURIComponent(q)}`);
    const total = page.getByTestId('total-count');
    await expect.poll(() => total.textContent(), WAIT).toBe(String(first.items.length));
    expect(await total.getAttribute('data-exact')).toBe('true');
    expect(await page.getByTestId('count-all').count()).toBe(0);
  });

  test('a query with few matches has an exact total and nothing to count', async () => {
    const { page } = h;
    const few = await h.api<EventPage>('/api/events?q=Lgov%20strike');
    expect(few.totalExact).toBe(true);
    await page.goto('/?q=Lgov%20strike');
    const total = page.getByTestId('total-count');
    await expect.poll(() => total.textContent(), WAIT).toBe(String(few.total));
    expect(await total.getAttribute('data-exact')).toBe('true');
    expect(await page.getByTestId('count-all').count()).toBe(0);
  });
});
