import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventDetailSchema, type EventDetail } from '@claimline/shared/events';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { actorNamed, CASUALTIES_ID, EXPECTED_STATUS, kursk } from './kursk-model.js';

/** GET /api/events/:id: the event with its claims, sources, quantities and actors; ETag and 304; 404 and 400. */

const casualties = kursk.events.find((e) => e.id === CASUALTIES_ID)!;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe.each(ENGINES)('event detail on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const detail = async (id: string) => eventDetailSchema.parse(await t.json(`/api/events/${id}`)) as EventDetail;

  it.each(kursk.events.map((e) => [e.title, e] as const))('%s: fields as in the dataset file', async (_title, e) => {
    const d = await detail(e.id);
    expect(d).toMatchObject({
      id: e.id,
      kind: e.kind,
      title: e.title,
      summary: e.summary,
      startDate: e.startDate,
      endDate: e.endDate,
      placeName: e.placeName,
      lat: e.lat,
      lon: e.lon,
      geoPrecision: e.geoPrecision,
      tags: e.tags,
      status: EXPECTED_STATUS[e.id],
      derivedStatus: EXPECTED_STATUS[e.id],
      statusOverride: null,
      claimCount: e.claims.length,
      version: 1,
    });
    expect(d.claims.map((c) => c.id)).toEqual(e.claims.map((c) => c.id));
    expect(d.actors.map((a) => a.id).sort()).toEqual(e.actors.map((a) => a.actorId).sort());
  });

  it('claims come in the order of the file, each with its source object', async () => {
    const d = await detail(CASUALTIES_ID);
    expect(d.claims).toHaveLength(casualties.claims.length);
    d.claims.forEach((c, i) => {
      const want = casualties.claims[i]!;
      const source = kursk.sources.find((s) => s.id === want.sourceId)!;
      expect(c).toMatchObject({
        id: want.id,
        attributedTo: want.attributedTo,
        origin: want.origin,
        stance: want.stance,
        publishedAt: want.publishedAt,
        quote: want.quote,
        credibility: want.credibility,
        retracted: false,
      });
      expect(c.source).toMatchObject({ id: source.id, name: source.name, reliability: source.reliability, partyToConflict: source.partyToConflict });
    });
  });

  it('quantities: the phrase is kept and filled into an interval; numbers as given stay', async () => {
    const d = await detail(CASUALTIES_ID);
    const q = d.claims.map((c) => c.quantities.map(({ measure, low, best, high, phrase }) => ({ measure, low, best, high, phrase })));
    expect(q).toEqual([
      [{ measure: 'casualties', low: 200, best: null, high: 999, phrase: 'hundreds' }],
      [],
      [{ measure: 'casualties', low: 200, best: null, high: 999, phrase: 'in the hundreds' }],
      [{ measure: 'casualties', low: 24, best: null, high: 99, phrase: 'dozens' }],
      [
        { measure: 'killed', low: null, best: null, high: null, phrase: 'suffered casualties, both killed and wounded' },
        { measure: 'wounded', low: null, best: null, high: null, phrase: 'suffered casualties, both killed and wounded' },
      ],
      [
        { measure: 'killed', low: 50, best: 50, high: 50, phrase: 'killed 50 … over the past three days' },
        { measure: 'wounded', low: 47, best: 47, high: 47, phrase: 'injured 47 … over the past three days' },
      ],
    ]);
    for (const c of d.claims) for (const x of c.quantities) expect(x.subject).toBe('DPRK forces');
  });

  it('actors with their roles', async () => {
    const d = await detail(CASUALTIES_ID);
    expect(d.actors.map(({ id, role }) => ({ id, role }))).toEqual([
      { id: actorNamed('8th Special').id, role: 'subject' },
      { id: actorNamed("Korean People's Army").id, role: 'target' },
    ]);
  });

  it('ETag is the version; If-None-Match with it answers 304 with no body', async () => {
    const res = await t.get(`/api/events/${CASUALTIES_ID}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    const again = await t.get(`/api/events/${CASUALTIES_ID}`, { headers: { 'If-None-Match': '"1"' } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe('"1"');
    expect(await again.text()).toBe('');
  });

  it('If-None-Match compares as RFC 9110 says: weak tags, lists and * match too', async () => {
    for (const header of ['W/"1"', '"0", "1"', '"7",W/"1"', '*']) {
      const res = await t.get(`/api/events/${CASUALTIES_ID}`, { headers: { 'If-None-Match': header } });
      expect(res.status, header).toBe(304);
    }
    for (const header of ['"0"', '"10"', '"1', 'W/"2", "3"']) {
      const res = await t.get(`/api/events/${CASUALTIES_ID}`, { headers: { 'If-None-Match': header } });
      expect(res.status, header).toBe(200);
    }
  });

  it('a new version changes the ETag and an old tag no longer matches', async () => {
    const db = t.database.db;
    const id = kursk.events[0]!.id;
    await db.updateTable('events').set({ version: 2 }).where('id', '=', id).execute();
    try {
      const res = await t.get(`/api/events/${id}`, { headers: { 'If-None-Match': '"1"' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"2"');
      expect((await res.json()).version).toBe(2);
    } finally {
      await db.updateTable('events').set({ version: 1 }).where('id', '=', id).execute();
    }
  });

  it('an unknown UUID answers 404 problem+json', async () => {
    const res = await t.get(`/api/events/${UNKNOWN}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body).toMatchObject({ status: 404, title: 'Not found', type: 'urn:claimline:problem:not-found' });
    expect(body.detail).toContain(UNKNOWN);
  });

  it('a soft-deleted event answers 404', async () => {
    const db = t.database.db;
    const id = kursk.events[1]!.id;
    await db.updateTable('events').set({ deleted_at: new Date() }).where('id', '=', id).execute();
    try {
      expect((await t.get(`/api/events/${id}`)).status).toBe(404);
    } finally {
      await db.updateTable('events').set({ deleted_at: null }).where('id', '=', id).execute();
    }
    expect((await t.get(`/api/events/${id}`)).status).toBe(200);
  });

  it.each(['not-a-uuid', '123', `${UNKNOWN}x`, "1' or '1'='1"])('a non-UUID id (%s) answers 400 naming `id`', async (bad) => {
    const res = await t.get(`/api/events/${encodeURIComponent(bad)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(['id']);
  });
});

