import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventDetailToInput, type Revision, revisionSchema } from '@claimline/shared/events';
import { type StoredEvent, storedEventSchema } from '@claimline/shared/editing';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../support/app.js';
import { tokenWithUser, type TokenHeaders } from '../support/auth.js';
import { ENGINES } from '../support/database.js';
import { eventInput, json, OTHER_SOURCE_ID } from './write-fixtures.js';

/**
 * The revision history: one row per create, update, delete and restore, each
 * with the full snapshot of the event as it stood, its author and its note;
 * and restoring an earlier version as a new revision.
 */

const revisionList = z.object({ items: z.array(revisionSchema) });

describe.each(ENGINES)('revisions on %s', (engine) => {
  let t: TestApp;
  let editor: TokenHeaders;
  let editorId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ headers: editor, user: { id: editorId } } = await tokenWithUser(t, 'editor'));
  });
  afterAll(() => t?.close());

  const write = async (method: string, path: string, ifMatch: number | null, body?: unknown): Promise<StoredEvent> => {
    const headers = { ...editor, ...(ifMatch !== null ? { 'if-match': `"${ifMatch}"` } : {}) };
    const res = await t.app.request(path, body === undefined ? { method, headers } : { method, ...json(body, headers) });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return storedEventSchema.parse(await res.json());
  };
  const history = async (id: string): Promise<Revision[]> => revisionList.parse(await t.json(`/api/events/${id}/revisions`)).items;

  it('create → edit → delete → restore leaves four revisions whose snapshots reproduce each state', async () => {
    const created = await write('POST', '/api/events', null, { ...eventInput({ title: 'Original title' }), note: 'first report' });
    const createdRead = await t.json(`/api/events/${created.id}`);
    const edited = await write('PATCH', `/api/events/${created.id}`, 1, {
      title: 'Edited title',
      claims: [...eventInput().claims, { ...eventInput().claims[0]!, sourceId: OTHER_SOURCE_ID, stance: 'denies', quote: 'We deny it.' }],
      note: 'second source',
    });
    const editedRead = await t.json(`/api/events/${created.id}`);
    const deleted = await write('DELETE', `/api/events/${created.id}`, 2, { note: 'duplicate' });
    const restored = await write('POST', `/api/events/${created.id}/restore`, 3, { note: 'not a duplicate after all' });
    const restoredRead = await t.json(`/api/events/${created.id}`);

    const revisions = await history(created.id);
    expect(revisions.map((r) => [r.version, r.action, r.note, r.userId])).toEqual([
      [4, 'restore', 'not a duplicate after all', editorId],
      [3, 'delete', 'duplicate', editorId],
      [2, 'update', 'second source', editorId],
      [1, 'create', 'first report', editorId],
    ]);
    const snapshot = (v: number) => revisions.find((r) => r.version === v)!.snapshot;
    // Each snapshot is the event exactly as the write answered it…
    expect(snapshot(1)).toEqual(created);
    expect(snapshot(2)).toEqual(edited);
    expect(snapshot(3)).toEqual(deleted);
    expect(snapshot(4)).toEqual(restored);
    // …and, while live, exactly as a reader saw it then.
    const { deletedAt: _1, ...live1 } = snapshot(1);
    const { deletedAt: _2, ...live2 } = snapshot(2);
    const { deletedAt: _4, ...live4 } = snapshot(4);
    expect(live1).toEqual(createdRead);
    expect(live2).toEqual(editedRead);
    expect(live4).toEqual(restoredRead);
    // The states themselves: the edit changed title and claims, the delete only deletedAt.
    expect(snapshot(1)).toMatchObject({ title: 'Original title', claimCount: 1, deletedAt: null });
    expect(snapshot(2)).toMatchObject({ title: 'Edited title', claimCount: 2, deletedAt: null });
    expect(snapshot(3).deletedAt).not.toBeNull();
    expect(eventDetailToInput(snapshot(3))).toEqual(eventDetailToInput(snapshot(2)));
    expect(eventDetailToInput(snapshot(4))).toEqual(eventDetailToInput(snapshot(2)));
    expect(snapshot(4).deletedAt).toBeNull();
  });

  it('restoring an earlier version writes it back as a new revision, history untouched', async () => {
    const v1 = await write('POST', '/api/events', null, eventInput({ title: 'Version one', tags: ['one'] }));
    await write('PATCH', `/api/events/${v1.id}`, 1, { title: 'Version two', tags: ['two'], summary: 'changed' });
    const res = await t.app.request(`/api/events/${v1.id}/revisions/1/restore`, { method: 'POST', ...json({ note: 'vandalism' }, { ...editor, 'if-match': '"2"' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"3"');
    const v3 = storedEventSchema.parse(await res.json());
    expect(v3).toMatchObject({ title: 'Version one', tags: ['one'], summary: v1.summary, version: 3 });
    expect(eventDetailToInput(v3)).toEqual(eventDetailToInput(v1));
    const revisions = await history(v1.id);
    expect(revisions.map((r) => [r.version, r.action, r.note])).toEqual([
      [3, 'restore', 'Restored version 1: vandalism'],
      [2, 'update', null],
      [1, 'create', null],
    ]);
    expect(revisions[1]!.snapshot.title).toBe('Version two');
  });

  it('revision restore: 428 without If-Match, 412 stale, 404 unknown version or event, 409 while deleted', async () => {
    const event = await write('POST', '/api/events', null, eventInput());
    await write('PATCH', `/api/events/${event.id}`, 1, { title: 'Two' });
    const restore = (path: string, headers: Record<string, string>) => t.app.request(path, { method: 'POST', headers: { ...editor, ...headers } });
    expect((await restore(`/api/events/${event.id}/revisions/1/restore`, {})).status).toBe(428);
    const stale = await restore(`/api/events/${event.id}/revisions/1/restore`, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect((await restore(`/api/events/${event.id}/revisions/9/restore`, { 'if-match': '"2"' })).status).toBe(404);
    expect((await restore(`/api/events/${event.id}/revisions/0/restore`, { 'if-match': '"2"' })).status).toBe(400);
    expect((await restore('/api/events/00000000-0000-4000-8000-000000000000/revisions/1/restore', { 'if-match': '"2"' })).status).toBe(404);
    await write('DELETE', `/api/events/${event.id}`, 2);
    const deleted = await restore(`/api/events/${event.id}/revisions/1/restore`, { 'if-match': '"3"' });
    expect(deleted.status).toBe(409);
    expect((await history(event.id)).length).toBe(3);
  });

  it('the dataset loader wrote its revisions without an author', async () => {
    const { items } = await t.json('/api/events?limit=1');
    const [first] = await history(items[0].id);
    expect(first).toMatchObject({ action: 'create', userId: null, version: 1 });
  });
});
