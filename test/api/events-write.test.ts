import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventDetailSchema } from '@claimline/shared/events';
import { deletedEventPageSchema, storedEventSchema } from '@claimline/shared/editing';
import { createTestApp, type TestApp } from '../support/app.js';
import { loginAs, tokenFor } from '../support/auth.js';
import { ENGINES } from '../support/database.js';
import { ACTOR_ID, eventInput, json, OTHER_SOURCE_ID, seedEvent, SOURCE_ID } from './write-fixtures.js';

/** Writing events over HTTP: create, patch, delete, restore, with If-Match; sources and actors. */

describe.each(ENGINES)('event writes on %s', (engine) => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = { ...(await loginAs(t, 'editor')) };
  });
  afterAll(() => t?.close());

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.app.request(path, body === undefined ? { method, headers: { ...editor, ...headers } } : { method, ...json(body, { ...editor, ...headers }) });

  describe('POST /api/events', () => {
    it('creates: 201, Location, ETag "1", the stored event; the revision records who and the note', async () => {
      const res = await send('POST', '/api/events', { ...eventInput({ title: 'Created over HTTP' }), note: 'from a wire report' });
      expect(res.status).toBe(201);
      const event = storedEventSchema.parse(await res.json());
      expect(res.headers.get('location')).toBe(`/api/events/${event.id}`);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(event).toMatchObject({ title: 'Created over HTTP', version: 1, deletedAt: null, claimCount: 1 });
      const read = await t.app.request(`/api/events/${event.id}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      const revisions = (await (await t.app.request(`/api/events/${event.id}/revisions`)).json()).items;
      expect(revisions).toHaveLength(1);
      expect(revisions[0]).toMatchObject({ action: 'create', version: 1, note: 'from a wire report', userId: (await me()).id });
    });

    it('fills an interval from a vague phrase and keeps the phrase', async () => {
      const claim = { ...eventInput().claims[0]!, quantities: [{ measure: 'killed' as const, subject: 'DPRK forces', phrase: 'hundreds' }] };
      const res = await send('POST', '/api/events', eventInput({ claims: [claim] }));
      expect(res.status).toBe(201);
      expect((await res.json()).claims[0].quantities[0]).toMatchObject({ low: 200, best: null, high: 999, phrase: 'hundreds' });
    });

    it('a malformed JSON body is a 400 problem, never 500', async () => {
      const res = await t.app.request('/api/events', { method: 'POST', headers: { ...editor, 'content-type': 'application/json' }, body: '{"kind": "strike",' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const empty = await t.app.request('/api/events', { method: 'POST', headers: { ...editor, 'content-type': 'application/json' }, body: '' });
      expect(empty.status).toBe(400);
      const array = await send('POST', '/api/events', [1, 2]);
      expect(array.status).toBe(400);
    });

    it('names every invalid field, as the form needs', async () => {
      const res = await send('POST', '/api/events', { ...eventInput(), title: '', lat: 51, lon: null, claims: [] });
      expect(res.status).toBe(400);
      const paths = (await res.json()).errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['title', 'claims']));
    });

    it('refers only to existing sources and actors (400 naming the claim), and a taken external id is 409', async () => {
      const missing = await send('POST', '/api/events', eventInput({ claims: [{ ...eventInput().claims[0]!, sourceId: '00000000-0000-4000-8000-000000000000' }] }));
      expect(missing.status).toBe(400);
      expect((await missing.json()).errors).toEqual([expect.objectContaining({ path: 'claims.0.sourceId' })]);
      const first = await send('POST', '/api/events', eventInput({ externalSource: 'test', externalId: 'X-1' }));
      expect(first.status).toBe(201);
      const second = await send('POST', '/api/events', eventInput({ externalSource: 'test', externalId: 'X-1' }));
      expect(second.status).toBe(409);
    });
  });

  describe('PATCH /api/events/:id', () => {
    it('changes the given fields with the right If-Match: 200, new ETag, a revision with the note', async () => {
      const event = await seedEvent(t);
      const res = await send('PATCH', `/api/events/${event.id}`, { title: 'Renamed', note: 'typo' }, { 'if-match': '"1"' });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"2"');
      const body = storedEventSchema.parse(await res.json());
      expect(body).toMatchObject({ title: 'Renamed', version: 2, summary: event.summary, placeName: event.placeName });
      expect(body.claims.map((c) => c.id)).toEqual(event.claims.map((c) => c.id));
      const [latest] = (await (await t.app.request(`/api/events/${event.id}/revisions`)).json()).items;
      expect(latest).toMatchObject({ version: 2, action: 'update', note: 'typo', userId: (await me()).id });
    });

    it('428 without If-Match, and nothing changes', async () => {
      const event = await seedEvent(t);
      const res = await send('PATCH', `/api/events/${event.id}`, { title: 'No precondition' });
      expect(res.status).toBe(428);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).detail).toContain('If-Match');
      expect((await t.json(`/api/events/${event.id}`)).title).toBe(event.title);
      expect((await send('PATCH', `/api/events/${event.id}`, { title: 'Blind' }, { 'if-match': '*' })).status).toBe(428);
    });

    it('412 with the current ETag when stale, and nothing changes', async () => {
      const event = await seedEvent(t);
      expect((await send('PATCH', `/api/events/${event.id}`, { title: 'First' }, { 'if-match': '"1"' })).status).toBe(200);
      const stale = await send('PATCH', `/api/events/${event.id}`, { title: 'Second, from an old copy' }, { 'if-match': '"1"' });
      expect(stale.status).toBe(412);
      expect(stale.headers.get('etag')).toBe('"2"');
      expect(stale.headers.get('content-type')).toContain('application/problem+json');
      expect((await t.json(`/api/events/${event.id}`)).title).toBe('First');
      const revisions = (await (await t.app.request(`/api/events/${event.id}/revisions`)).json()).items;
      expect(revisions).toHaveLength(2);
    });

    it('a malformed If-Match is 400; an unknown event 404; a bad id 400', async () => {
      const event = await seedEvent(t);
      expect((await send('PATCH', `/api/events/${event.id}`, { title: 'x' }, { 'if-match': 'W/"1"' })).status).toBe(400);
      expect((await send('PATCH', `/api/events/${event.id}`, { title: 'x' }, { 'if-match': '1' })).status).toBe(400);
      expect((await send('PATCH', '/api/events/00000000-0000-4000-8000-000000000000', { title: 'x' }, { 'if-match': '"1"' })).status).toBe(404);
      expect((await send('PATCH', '/api/events/nope', { title: 'x' }, { 'if-match': '"1"' })).status).toBe(400);
    });

    it('a "dozens" phrase with no numbers fills low 24 / high 99 and keeps the phrase', async () => {
      const event = await seedEvent(t);
      const claim = { ...eventInput().claims[0]!, id: event.claims[0]!.id, quantities: [{ measure: 'killed', subject: 'DPRK forces', phrase: 'dozens' }] };
      const res = await send('PATCH', `/api/events/${event.id}`, { claims: [claim] }, { 'if-match': '"1"' });
      expect(res.status).toBe(200);
      const quantity = (await res.json()).claims[0].quantities[0];
      expect(quantity).toMatchObject({ measure: 'killed', low: 24, best: null, high: 99, phrase: 'dozens' });
      const read = eventDetailSchema.parse(await t.json(`/api/events/${event.id}`));
      expect(read.claims[0]!.quantities[0]).toMatchObject({ low: 24, high: 99, phrase: 'dozens' });
    });

    it('numbers the editor gives win over the phrase', async () => {
      const event = await seedEvent(t);
      const claim = { ...eventInput().claims[0]!, quantities: [{ measure: 'killed', subject: 'DPRK forces', low: 30, high: 40, phrase: 'dozens' }] };
      const res = await send('PATCH', `/api/events/${event.id}`, { claims: [claim] }, { 'if-match': '"1"' });
      expect((await res.json()).claims[0].quantities[0]).toMatchObject({ low: 30, high: 40, phrase: 'dozens' });
    });

    it('an invalid patch names the field and changes nothing (the version stays)', async () => {
      const event = await seedEvent(t);
      const res = await send('PATCH', `/api/events/${event.id}`, { endDate: '2000-01-01' }, { 'if-match': '"1"' });
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([expect.objectContaining({ path: 'endDate' })]);
      const unknown = await send('PATCH', `/api/events/${event.id}`, { colour: 'red' }, { 'if-match': '"1"' });
      expect(unknown.status).toBe(400);
      expect((await t.json(`/api/events/${event.id}`)).version).toBe(1);
    });
  });

  describe('DELETE and restore', () => {
    it('DELETE soft-deletes with If-Match: the event leaves reads, stays in the deleted list, restore brings it back', async () => {
      const event = await seedEvent(t, { title: 'To be deleted' });
      expect((await send('DELETE', `/api/events/${event.id}`)).status).toBe(428);
      expect((await send('DELETE', `/api/events/${event.id}`, undefined, { 'if-match': '"7"' })).status).toBe(412);
      const del = await send('DELETE', `/api/events/${event.id}`, { note: 'duplicate of another report' }, { 'if-match': '"1"' });
      expect(del.status).toBe(200);
      expect(del.headers.get('etag')).toBe('"2"');
      expect((await del.json()).deletedAt).not.toBeNull();
      expect((await t.app.request(`/api/events/${event.id}`)).status).toBe(404);
      const { items } = await t.json('/api/events?limit=500');
      expect(items.map((e: { id: string }) => e.id)).not.toContain(event.id);

      const deleted = deletedEventPageSchema.parse(await (await send('GET', '/api/events/deleted')).json());
      expect(deleted.items[0]).toMatchObject({ id: event.id, title: 'To be deleted', version: 2 });
      expect(deleted.total).toBeGreaterThanOrEqual(1);

      // The row is still there: nothing is hard-deleted through the API.
      expect(await t.database.db.selectFrom('events').select('id').where('id', '=', event.id).executeTakeFirst()).toBeDefined();

      expect((await send('POST', `/api/events/${event.id}/restore`)).status).toBe(428);
      expect((await send('POST', `/api/events/${event.id}/restore`, undefined, { 'if-match': '"1"' })).status).toBe(412);
      const restored = await send('POST', `/api/events/${event.id}/restore`, undefined, { 'if-match': '"2"' });
      expect(restored.status).toBe(200);
      expect(restored.headers.get('etag')).toBe('"3"');
      expect((await restored.json()).deletedAt).toBeNull();
      expect((await t.app.request(`/api/events/${event.id}`)).status).toBe(200);
      const again = deletedEventPageSchema.parse(await (await send('GET', '/api/events/deleted')).json());
      expect(again.items.map((e) => e.id)).not.toContain(event.id);
    });

    it('DELETE and restore take an optional note: no body, an empty JSON body, or { note }; a bad note is 400', async () => {
      const event = await seedEvent(t);
      const emptyJson = await t.app.request(`/api/events/${event.id}`, { method: 'DELETE', headers: { ...editor, 'if-match': '"1"', 'content-type': 'application/json' } });
      expect(emptyJson.status).toBe(200);
      const bad = await send('POST', `/api/events/${event.id}/restore`, { note: 42 }, { 'if-match': '"2"' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors).toEqual([expect.objectContaining({ path: 'note' })]);
      const malformed = await t.app.request(`/api/events/${event.id}/restore`, { method: 'POST', headers: { ...editor, 'if-match': '"2"', 'content-type': 'application/json' }, body: '{"note":' });
      expect(malformed.status).toBe(400);
      expect((await send('POST', `/api/events/${event.id}/restore`, { note: 'back' }, { 'if-match': '"2"' })).status).toBe(200);
      const [latest] = (await (await t.app.request(`/api/events/${event.id}/revisions`)).json()).items;
      expect(latest).toMatchObject({ action: 'restore', note: 'back' });
    });

    it('restoring a live event is 404 (nothing deleted at that version); deleting twice is 404', async () => {
      const event = await seedEvent(t);
      expect((await send('POST', `/api/events/${event.id}/restore`, undefined, { 'if-match': '"1"' })).status).toBe(404);
      expect((await send('DELETE', `/api/events/${event.id}`, undefined, { 'if-match': '"1"' })).status).toBe(200);
      expect((await send('DELETE', `/api/events/${event.id}`, undefined, { 'if-match': '"2"' })).status).toBe(404);
    });

    it('a deleted event cannot be edited (404) until restored; an edit of the version before the delete is stale (412)', async () => {
      const event = await seedEvent(t);
      await send('DELETE', `/api/events/${event.id}`, undefined, { 'if-match': '"1"' });
      expect((await send('PATCH', `/api/events/${event.id}`, { title: 'x' }, { 'if-match': '"2"' })).status).toBe(404);
      const stale = await send('PATCH', `/api/events/${event.id}`, { title: 'x' }, { 'if-match': '"1"' });
      expect(stale.status).toBe(412);
      expect(stale.headers.get('etag')).toBe('"2"');
    });

    it('viewers do not see the deleted list', async () => {
      const viewer = await tokenFor(t, 'viewer');
      expect((await t.app.request('/api/events/deleted', { headers: viewer })).status).toBe(403);
      expect((await t.app.request('/api/events/deleted')).status).toBe(401);
    });
  });

  describe('sources and actors', () => {
    it('POST /api/sources creates with reliability and party-to-conflict; PATCH changes only what is given', async () => {
      const res = await send('POST', '/api/sources', { name: 'Yonhap', kind: 'wire', country: 'KOR', reliability: 'B', partyToConflict: false });
      expect(res.status).toBe(201);
      const source = await res.json();
      expect(res.headers.get('location')).toBe(`/api/sources/${source.id}`);
      expect(source).toMatchObject({ name: 'Yonhap', kind: 'wire', country: 'KOR', reliability: 'B', partyToConflict: false, homepage: null });
      const patched = await send('PATCH', `/api/sources/${source.id}`, { partyToConflict: true, notes: 'state-funded' });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ name: 'Yonhap', reliability: 'B', country: 'KOR', partyToConflict: true, notes: 'state-funded' });
      const listed = (await t.json('/api/sources')).items.find((s: { id: string }) => s.id === source.id);
      expect(listed).toMatchObject({ partyToConflict: true });
    });

    it('duplicate names are 409 on create and on rename; bad fields 400; unknown id 404', async () => {
      const taken = await send('POST', '/api/sources', { name: 'Unique Outlet', kind: 'newspaper' });
      expect(taken.status).toBe(201);
      const dup = await send('POST', '/api/sources', { name: 'Unique Outlet', kind: 'broadcaster' });
      expect(dup.status).toBe(409);
      expect((await dup.json()).errors).toEqual([{ path: 'name', message: 'already taken' }]);
      const rename = await send('PATCH', `/api/sources/${OTHER_SOURCE_ID}`, { name: 'Unique Outlet' });
      expect(rename.status).toBe(409);
      const bad = await send('POST', '/api/sources', { name: 'Bad', kind: 'tabloid', reliability: 'Z' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'reliability']);
      expect((await send('PATCH', '/api/sources/00000000-0000-4000-8000-000000000000', { reliability: 'A' })).status).toBe(404);
      expect((await send('PATCH', `/api/sources/${SOURCE_ID}`, { reliability: 'Q' })).status).toBe(400);
    });

    it('actors: create, rename, 409 on a taken name, 400 on a bad kind', async () => {
      const res = await send('POST', '/api/actors', { name: 'Test Brigade', kind: 'unit', country: 'RUS' });
      expect(res.status).toBe(201);
      const actor = await res.json();
      const renamed = await send('PATCH', `/api/actors/${actor.id}`, { name: 'Test Brigade (renamed)' });
      expect(await renamed.json()).toMatchObject({ name: 'Test Brigade (renamed)', kind: 'unit', country: 'RUS' });
      const existing = (await t.json('/api/actors')).items.find((a: { id: string }) => a.id === ACTOR_ID);
      expect((await send('POST', '/api/actors', { name: existing.name, kind: 'unit' })).status).toBe(409);
      expect((await send('POST', '/api/actors', { name: 'X', kind: 'alien' })).status).toBe(400);
      expect((await send('PATCH', `/api/actors/${actor.id}`, {})).status).toBe(200);
    });
  });

  async function me(): Promise<{ id: string }> {
    return (await (await t.app.request('/api/auth/me', { headers: editor })).json()).user;
  }
});
