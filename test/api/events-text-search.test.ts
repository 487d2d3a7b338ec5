import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@claimline/shared/dates';
import { createEvent } from '../../apps/api/src/services/events.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { insertTestWire } from './write-fixtures.js';

/**
 * A text query's list: its page comes in date order whether the words are
 * rare (the matches found first, then ordered) or common (a walk in date
 * order), and its total is exact up to TEXT_COUNT_LIMIT matches, "more than"
 * beyond it unless exactTotal=true. Here the limit is 25.
 */

const LIMIT = 25;
type Page = { items: { id: string; startDate: string }[]; nextCursor: string | null; total: number; totalExact: boolean };
type Made = { id: string; startDate: string; title: string; kind: string; deleted: boolean };

const newestFirst = (a: Made, b: Made) => (a.startDate === b.startDate ? (a.id < b.id ? 1 : -1) : a.startDate < b.startDate ? 1 : -1);

describe.each(ENGINES)('text queries on %s', (engine) => {
  let t: TestApp;
  const made: Made[] = [];
  const expected = (word: string, kind?: string) =>
    made
      .filter((e) => !e.deleted && e.title.toLowerCase().includes(word) && (kind === undefined || e.kind === kind))
      .sort(newestFirst)
      .map((e) => e.id);

  async function pageThrough(q: string, limit: number): Promise<{ ids: string[]; pages: Page[] }> {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await t.json(`/api/events?q=${encodeURIComponent(q)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page);
      cursor = page.nextCursor;
      if (pages.length > 100) throw new Error('the cursor never ends');
    } while (cursor);
    return { ids: pages.flatMap((p) => p.items.map((e) => e.id)), pages };
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false, config: { textCountLimit: LIMIT } });
    const db = t.database.db;
    await db.transaction().execute(async (trx) => {
      const source = await insertTestWire(trx, 'Text search wire');
      // 40 convoys (more than the limit), 12 ferries (fewer), 30 others; many share a day, so the id breaks ties.
      const titles = [
        ...Array.from({ length: 40 }, (_, i) => `Convoy sighted on the road ${i}`),
        ...Array.from({ length: 12 }, (_, i) => `Ferry crossing attempted ${i}`),
        ...Array.from({ length: 30 }, (_, i) => `Artillery exchange reported ${i}`),
      ];
      for (const [i, title] of titles.entries()) {
        const kind = i % 3 === 0 ? 'strike' : 'engagement';
        const event = await createEvent(
          trx,
          {
            kind,
            title,
            startDate: addDays('2024-03-01', (i * 7) % 11),
            claims: [{ sourceId: source.id, origin: `origin ${i}`, stance: 'asserts', publishedAt: '2024-04-01', quote: `Quote ${i}` }],
          },
          { userId: null },
        );
        made.push({ id: event.id, startDate: event.startDate, title, kind, deleted: false });
      }
    });
    // Two convoys deleted: never listed, never counted.
    for (const e of made.filter((m) => m.title.startsWith('Convoy')).slice(0, 2)) {
      await sql`update events set deleted_at = now() where id = ${e.id}`.execute(db);
      e.deleted = true;
    }
  });
  afterAll(() => t?.close());

  it('fewer matches than the limit: an exact total, and pages in date order', async () => {
    const { ids, pages } = await pageThrough('ferry', 5);
    expect(expected('ferry')).toHaveLength(12);
    expect(ids).toEqual(expected('ferry'));
    for (const page of pages) expect([page.total, page.totalExact]).toEqual([12, true]);
  });

  it('more matches than the limit: "more than 25" on every page, and still every match in date order', async () => {
    const { ids, pages } = await pageThrough('convoy', 7);
    expect(expected('convoy')).toHaveLength(38);
    expect(ids).toEqual(expected('convoy'));
    expect(pages).toHaveLength(Math.ceil(38 / 7));
    for (const page of pages) expect([page.total, page.totalExact]).toEqual([LIMIT, false]);
  });

  it('one page holding every match of a common word is in date order', async () => {
    const page: Page = await t.json('/api/events?q=convoy&limit=500');
    expect(page.items.map((e) => e.id)).toEqual(expected('convoy'));
    expect(page.nextCursor).toBeNull();
  });

  it('exactTotal=true counts every match, on the first page and after it', async () => {
    const first: Page = await t.json('/api/events?q=convoy&limit=7&exactTotal=true');
    expect([first.total, first.totalExact]).toEqual([38, true]);
    const second: Page = await t.json(`/api/events?q=convoy&limit=7&exactTotal=true&cursor=${first.nextCursor}`);
    expect([second.total, second.totalExact]).toEqual([38, true]);
    expect(second.items.map((e) => e.id)).toEqual(expected('convoy').slice(7, 14));
  });

  it('the words with another filter: exact once the matches are few', async () => {
    const page: Page = await t.json('/api/events?q=convoy&kind=strike&limit=100');
    expect(page.items.map((e) => e.id)).toEqual(expected('convoy', 'strike'));
    expect(expected('convoy', 'strike').length).toBeLessThanOrEqual(LIMIT);
    expect([page.total, page.totalExact]).toEqual([expected('convoy', 'strike').length, true]);
  });

  it('a word nothing contains: no events, an exact 0', async () => {
    const page: Page = await t.json('/api/events?q=zeppelin');
    expect(page).toEqual({ items: [], nextCursor: null, total: 0, totalExact: true });
  });

  it('without a text query the total is always exact', async () => {
    const page: Page = await t.json('/api/events?limit=3');
    expect([page.total, page.totalExact]).toEqual([80, true]);
  });

  it('exactTotal must be a flag', async () => {
    const res = await t.get('/api/events?q=convoy&exactTotal=maybe');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('exactTotal');
  });
});
