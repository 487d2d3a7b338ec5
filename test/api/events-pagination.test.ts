import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@claimline/shared/dates';
import { decodeCursor, MAX_PAGE_SIZE } from '@claimline/shared/filters';
import { createEvent } from '../../apps/api/src/services/events.js';
import { loadKurskDataset } from '../../apps/api/src/seed/kursk.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { insertTestWire } from './write-fixtures.js';
import { expectedIds, kursk, type Params, query } from './kursk-model.js';

/** Keyset pagination: pages that join into exactly the one big page, whatever the page size. */

type Page = { items: { id: string; startDate: string }[]; nextCursor: string | null; total: number };

/** Follows nextCursor to the end; checks on the way that `total` never changes. */
async function pageThrough(t: TestApp, p: Params, limit: number) {
  const ids: string[] = [];
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await t.json(`/api/events?${query(p, { limit: String(limit), ...(cursor ? { cursor } : {}) })}`);
    pages.push(page);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor;
    if (pages.length > 10_000 / limit + 2) throw new Error('the cursor never ends');
  } while (cursor);
  for (const page of pages) expect(page.total).toBe(pages[0]!.total);
  // Every page but the last is full; only the last has no cursor.
  for (const page of pages.slice(0, -1)) {
    expect(page.items).toHaveLength(limit);
    expect(page.nextCursor).not.toBeNull();
  }
  expect(pages.at(-1)!.nextCursor).toBeNull();
  return { ids, pages, total: pages[0]!.total };
}

const BIG = 520;
const SAME_DAY_SPREAD = 37; // many events share a start date, so the id tiebreak is exercised
/** The created events all start in January–February 2024; the Kursk dataset starts in October. */
const KURSK_ONLY = { from: '2024-09-01' };

describe.each(ENGINES)('pagination on %s', (engine) => {
  // One empty database per engine: the Kursk dataset through its loader, and
  // BIG events created through the service with a source of their own.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
    const db = t.database.db;
    await loadKurskDataset(db);
    await db.transaction().execute(async (trx) => {
      const source = await insertTestWire(trx, 'Pagination test wire');
      for (let i = 0; i < BIG; i++) {
        await createEvent(
          trx,
          {
            kind: i % 3 === 0 ? 'strike' : 'engagement',
            title: `Created event ${i}`,
            startDate: addDays('2024-01-01', i % SAME_DAY_SPREAD),
            tags: i % 2 === 0 ? ['even'] : ['odd'],
            claims: [{ sourceId: source.id, origin: `origin ${i}`, stance: 'asserts', publishedAt: '2024-03-01', quote: `Quote ${i}` }],
          },
          { userId: null },
        );
      }
    });
  });
  afterAll(() => t?.close());

  describe('the Kursk dataset', () => {
    const FILTERS: Params[] = [
      KURSK_ONLY,
      { tag: 'dprk-in-russia' },
      { from: '2024-12-09', kind: 'statement,other,engagement' },
      { ...KURSK_ONLY, excludeParties: 'true', minCredibility: '3' },
    ];

    it.each(FILTERS.flatMap((p) => [1, 2, 3, 5].map((limit) => [JSON.stringify(p), limit, p] as const)))(
      'filters %s, limit %i: no gap, no repeat, the order of one big page',
      async (_label, limit, p) => {
        const big: Page = await t.json(`/api/events?${query(p, { limit: '500' })}`);
        expect(big.items.map((e) => e.id)).toEqual(expectedIds(p));
        const { ids, total, pages } = await pageThrough(t, p, limit);
        expect(ids).toEqual(big.items.map((e) => e.id));
        expect(new Set(ids).size).toBe(ids.length);
        expect(total).toBe(big.total);
        expect(pages).toHaveLength(Math.max(1, Math.ceil(big.total / limit)));
      },
    );

    it('the cursor carries the last row of its page', async () => {
      const page: Page = await t.json(`/api/events?${query(KURSK_ONLY, { limit: '3' })}`);
      const last = page.items.at(-1)!;
      expect(decodeCursor(page.nextCursor!)).toEqual({ startDate: last.startDate, id: last.id });
    });

    it('a page that ends exactly at the last row answers nextCursor null', async () => {
      const all = expectedIds(KURSK_ONLY);
      const page: Page = await t.json(`/api/events?${query(KURSK_ONLY, { limit: String(all.length) })}`);
      expect(page.items.map((e) => e.id)).toEqual(all);
      expect(page.nextCursor).toBeNull();
    });
  });

  describe(`${BIG} created events beside it`, () => {
    const ALL = BIG + kursk.events.length;

    it('the default page is 100 events, with a cursor to the rest', async () => {
      const page: Page = await t.json('/api/events');
      expect(page.items).toHaveLength(100);
      expect(page.total).toBe(ALL);
      expect(page.nextCursor).not.toBeNull();
    });

    it(`limit=${MAX_PAGE_SIZE} (the maximum) pages through them in two pages`, async () => {
      const { ids, pages, total } = await pageThrough(t, {}, MAX_PAGE_SIZE);
      expect(total).toBe(ALL);
      expect(pages.map((p) => p.items.length)).toEqual([MAX_PAGE_SIZE, ALL - MAX_PAGE_SIZE]);
      expect(new Set(ids).size).toBe(ALL);
      // The order is start_date desc, id desc throughout, across the page boundary too.
      const rows = pages.flatMap((p) => p.items);
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1]!, rows[i]!];
        expect(a.startDate > b.startDate || (a.startDate === b.startDate && a.id > b.id), `${i}`).toBe(true);
      }
    });

    it('smaller pages join into the same sequence', async () => {
      const { ids: reference } = await pageThrough(t, {}, MAX_PAGE_SIZE);
      for (const limit of [7, 100, 499]) {
        const { ids, total } = await pageThrough(t, {}, limit);
        expect(total).toBe(ALL);
        expect(ids).toEqual(reference);
      }
    });

    it('with filters, pages hold only matching events and their total stays put', async () => {
      const p = { tag: 'odd', kind: 'engagement', from: '2024-01-10', to: '2024-01-30' };
      const { ids, total } = await pageThrough(t, p, 9);
      const big: Page = await t.json(`/api/events?${query(p, { limit: '500' })}`);
      expect(ids).toEqual(big.items.map((e) => e.id));
      // Counted independently: odd i, not a multiple of 3, start day offset in 9..29.
      let expected = 0;
      for (let i = 0; i < BIG; i++) if (i % 2 === 1 && i % 3 !== 0 && i % SAME_DAY_SPREAD >= 9 && i % SAME_DAY_SPREAD <= 29) expected++;
      expect(total).toBe(expected);
      expect(ids).toHaveLength(expected);
    });

    it('a cursor from one filter set used with another still answers rows after it, never before', async () => {
      const first: Page = await t.json('/api/events?limit=50');
      const cursor = decodeCursor(first.nextCursor!)!;
      const next: Page = await t.json(`/api/events?limit=500&tag=even&cursor=${first.nextCursor}`);
      expect(next.items.length).toBeGreaterThan(0);
      for (const e of next.items) expect(e.startDate < cursor.startDate || (e.startDate === cursor.startDate && e.id < cursor.id)).toBe(true);
    });
  });
});
