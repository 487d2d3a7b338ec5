import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { loginAs, tokenFor, type TokenHeaders } from '../support/auth.js';
import { ENGINES } from '../support/database.js';
import { json, seedEvent } from './write-fixtures.js';

/**
 * No lost updates: concurrent writers that all read version 1 race; exactly
 * one wins, every other gets 412, and the history grows by exactly one row.
 * On PGlite the single connection serialises them; on PostgreSQL they truly
 * race over a pool of connections. Both must hold.
 */

const WRITERS = 20;

describe.each(ENGINES)('concurrent writes on %s', (engine) => {
  let t: TestApp;
  let editor: TokenHeaders;
  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await tokenFor(t, 'editor');
  });
  afterAll(() => t?.close());

  const revisionCount = async (id: string) =>
    (await t.database.db.selectFrom('revisions').select('version').where('event_id', '=', id).execute()).length;

  it(`${WRITERS} simultaneous PATCHes with the same If-Match: one 200, ${WRITERS - 1} 412, one new revision`, async () => {
    const event = await seedEvent(t);
    expect(await revisionCount(event.id)).toBe(1);
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        t.app.request(`/api/events/${event.id}`, { method: 'PATCH', ...json({ title: `Writer ${i}` }, { ...editor, 'if-match': '"1"' }) }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(WRITERS - 1);
    for (const r of responses.filter((x) => x.status === 412)) expect(r.headers.get('etag')).toBe('"2"');

    const winner = responses.findIndex((r) => r.status === 200);
    const stored = await t.json(`/api/events/${event.id}`);
    expect(stored).toMatchObject({ title: `Writer ${winner}`, version: 2 });
    expect(await revisionCount(event.id)).toBe(2);
    const [latest] = (await t.json(`/api/events/${event.id}/revisions`)).items;
    expect(latest).toMatchObject({ version: 2, snapshot: { title: `Writer ${winner}` } });
  });

  it(`${WRITERS} simultaneous editors on sessions, mixed PATCH and DELETE: still exactly one winner`, async () => {
    const event = await seedEvent(t);
    const sessions = await Promise.all(Array.from({ length: 4 }, () => loginAs(t, 'editor')));
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => {
        const headers = { ...sessions[i % sessions.length]!, 'if-match': '"1"' };
        return i % 2 === 0
          ? t.app.request(`/api/events/${event.id}`, { method: 'PATCH', ...json({ summary: `Edit ${i}` }, headers) })
          : t.app.request(`/api/events/${event.id}`, { method: 'DELETE', headers });
      }),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(WRITERS - 1);
    expect(await revisionCount(event.id)).toBe(2);
  });

  it('the loser can reapply on the new version', async () => {
    const event = await seedEvent(t);
    const [a, b] = await Promise.all(
      ['A', 'B'].map((who) => t.app.request(`/api/events/${event.id}`, { method: 'PATCH', ...json({ title: who }, { ...editor, 'if-match': '"1"' }) })),
    );
    const loser = [a!, b!].find((r) => r.status === 412)!;
    const current = loser.headers.get('etag')!;
    const retry = await t.app.request(`/api/events/${event.id}`, { method: 'PATCH', ...json({ title: 'Reapplied' }, { ...editor, 'if-match': current }) });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('etag')).toBe('"3"');
  });
});
