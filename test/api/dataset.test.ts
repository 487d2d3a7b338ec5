import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '@claimline/shared/events';
import { loadKurskDataset, seedIfEmpty } from '../../apps/api/src/seed/kursk.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { CASUALTIES_ID, ENGAGEMENT_ID, EXPECTED_STATUS, eventTitled, kursk, REPO_ROOT } from './kursk-model.js';

/** The Kursk dataset as loaded: its figures side by side, its statements, its quotes, its ids, loaded once. */

const ARTICLE = path.resolve(REPO_ROOT, '../shared/domain/kursk-dprk-article.txt');
const articleExists = existsSync(ARTICLE);
const silent = pino({ level: 'silent' });

type Counts = { events: number; claims: number; sources: number; actors: number; quantities: number; revisions: number };

describe.each(ENGINES)('the Kursk dataset on %s', (engine) => {
  // One empty database per engine, seeded the way start-up seeds it; the
  // loading tests come first, then the content tests read what they loaded.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
  });
  afterAll(() => t?.close());

  describe('loading', () => {
    const counts = async (): Promise<Counts> => {
      const { rows } = await sql<Counts>`select
          (select count(*)::int from events) as events, (select count(*)::int from claims) as claims,
          (select count(*)::int from sources) as sources, (select count(*)::int from actors) as actors,
          (select count(*)::int from claim_quantities) as quantities, (select count(*)::int from revisions) as revisions`.execute(t.database.db);
      return rows[0]!;
    };
    const FULL: Counts = {
      events: kursk.events.length,
      claims: kursk.events.flatMap((e) => e.claims).length,
      sources: kursk.sources.length,
      actors: kursk.actors.length,
      quantities: kursk.events.flatMap((e) => e.claims.flatMap((c) => c.quantities)).length,
      revisions: kursk.events.length,
    };

    it('seed "none" leaves an empty database empty', async () => {
      await seedIfEmpty(t.database.db, 'none', silent);
      expect(await counts()).toEqual({ events: 0, claims: 0, sources: 0, actors: 0, quantities: 0, revisions: 0 });
    });

    it('seedIfEmpty loads it once; a second call changes nothing', async () => {
      await seedIfEmpty(t.database.db, 'kursk', silent);
      expect(await counts()).toEqual(FULL);
      await seedIfEmpty(t.database.db, 'kursk', silent);
      expect(await counts()).toEqual(FULL);
    });

    it('loading it again by force is refused as a whole, leaving nothing half-written', async () => {
      // The first stable id already there stops it: the sources go in first.
      await expect(loadKurskDataset(t.database.db)).rejects.toMatchObject({ code: '23505', constraint: 'sources_pkey' });
      expect(await counts()).toEqual(FULL);
    });
  });

  describe('content', () => {
    let details: EventDetail[];
    beforeAll(async () => {
      // Idempotent: these tests do not depend on the loading tests having passed.
      await seedIfEmpty(t.database.db, 'kursk', silent);
      const page = await t.json<{ items: { id: string }[] }>('/api/events?limit=500');
      details = await Promise.all(page.items.map((e) => t.json<EventDetail>(`/api/events/${e.id}`)));
    });

    const claimsOf = (id: string) => details.find((d) => d.id === id)!.claims;

    it('has at least 13 claims on at least 7 events: every event and claim of the file', async () => {
      const claims = details.flatMap((d) => d.claims);
      expect(details.length).toBeGreaterThanOrEqual(7);
      expect(claims.length).toBeGreaterThanOrEqual(13);
      expect(details).toHaveLength(kursk.events.length);
      expect(claims).toHaveLength(kursk.events.flatMap((e) => e.claims).length);
      for (const d of details) expect(d.claims.length).toBeGreaterThan(0);
    });

    it('keeps the mid-December casualty figures side by side, never merged', () => {
      const claims = claimsOf(CASUALTIES_ID);
      const figures = claims.flatMap((c) => c.quantities.map((q) => ({ source: c.source.name, attributedTo: c.attributedTo, stance: c.stance, ...q })));

      const hundreds = figures.find((f) => f.source === 'Associated Press' && f.phrase === 'hundreds');
      expect(hundreds).toMatchObject({ attributedTo: 'an anonymous senior U.S. military official', measure: 'casualties', low: 200, high: 999 });

      const dozens = figures.find((f) => f.phrase === 'dozens');
      expect(dozens).toMatchObject({ source: 'White House National Security Council', measure: 'casualties', low: 24, high: 99 });
      expect(dozens!.attributedTo).toMatch(/^John Kirby/);

      const ryder = figures.filter((f) => f.attributedTo?.startsWith('Pat Ryder'));
      expect(ryder.map((f) => f.measure).sort()).toEqual(['killed', 'wounded']);
      for (const f of ryder) expect([f.low, f.best, f.high]).toEqual([null, null, null]);

      const rfa = figures.filter((f) => f.source === 'Radio Free Asia');
      expect(rfa.map(({ measure, low, best, high }) => ({ measure, low, best, high }))).toEqual([
        { measure: 'killed', low: 50, best: 50, high: 50 },
        { measure: 'wounded', low: 47, best: 47, high: 47 },
      ]);
      // Killed and wounded are never summed into one figure.
      expect(figures.some((f) => f.low === 97 || f.best === 97 || f.high === 97)).toBe(false);
    });

    it.each([
      ['Pentagon cannot confirm', '2024-11-25', 'cannot_confirm', /^Sabrina Singh/],
      ['acknowledges North Korean troops', '2024-12-09', 'confirms', /^Sabrina Singh/],
      ['Kremlin declines', '2024-12-16', 'declines_to_comment', /^Dmitry Peskov/],
      ['Ministry of Defense issues no statement', '2024-12-16', 'declines_to_comment', /^Russian Ministry of Defense/],
    ])('the statement "%s" exists on %s with stance %s', (fragment, date, stance, voice) => {
      const d = details.find((x) => x.title.includes(fragment));
      expect(d).toMatchObject({ kind: 'statement', startDate: date, lat: null, lon: null });
      expect(d!.claims).toHaveLength(1);
      expect(d!.claims[0]!.stance).toBe(stance);
      expect(d!.claims[0]!.attributedTo).toMatch(voice);
    });

    it.runIf(articleExists)("every claim's quote is found verbatim in the article", () => {
      const article = readFileSync(ARTICLE, 'utf8');
      for (const c of details.flatMap((d) => d.claims)) expect(article.includes(c.quote), c.quote).toBe(true);
    });

    it('says so loudly when the article is not there to check the quotes against', () => {
      if (!articleExists) {
        console.warn(
          `\n*** ${ARTICLE} is missing: the check that every quote is verbatim from the article was NOT run. ***\n` +
            '*** It lives in the shared folder beside the repository (../shared/domain); restore it to run the check. ***\n',
        );
      }
      expect(typeof articleExists).toBe('boolean');
    });

    it('derives the statuses: casualties contested, engagement corroborated, the rest single-source', () => {
      expect(details.find((d) => d.id === CASUALTIES_ID)).toMatchObject({ status: 'contested', derivedStatus: 'contested' });
      expect(details.find((d) => d.id === ENGAGEMENT_ID)).toMatchObject({ status: 'corroborated', derivedStatus: 'corroborated' });
      for (const d of details) expect(d.status, d.title).toBe(EXPECTED_STATUS[d.id]);
    });

    it('keeps the stable ids of the file: events, claims, sources, actors', async () => {
      expect(details.map((d) => d.id).sort()).toEqual(kursk.events.map((e) => e.id).sort());
      for (const e of kursk.events) expect(claimsOf(e.id).map((c) => c.id)).toEqual(e.claims.map((c) => c.id));
      const sources = await t.json<{ items: { id: string; name: string }[] }>('/api/sources');
      expect(sources.items.map((s) => s.id).sort()).toEqual(kursk.sources.map((s) => s.id).sort());
      const actors = await t.json<{ items: { id: string }[] }>('/api/actors');
      expect(actors.items.map((a) => a.id).sort()).toEqual(kursk.actors.map((a) => a.id).sort());
      expect(eventTitled('drone').id).toBe('26f54bec-ba02-5890-a140-b7f9c7ad947f');
    });

    it('wrote one create revision per event, at version 1, with the loader note', async () => {
      const rows = await t.database.db.selectFrom('revisions').select(['event_id', 'action', 'version', 'note', 'user_id', 'snapshot']).execute();
      expect(rows).toHaveLength(kursk.events.length);
      expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(kursk.events.map((e) => e.id)));
      for (const r of rows) {
        expect(r).toMatchObject({ action: 'create', version: 1, note: 'Loaded from the Kursk dataset', user_id: null });
        const snapshot = (typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot) as EventDetail;
        expect(snapshot.id).toBe(r.event_id);
        expect(snapshot.claims.map((c) => c.id)).toEqual(kursk.events.find((e) => e.id === r.event_id)!.claims.map((c) => c.id));
      }
    });
  });
});
