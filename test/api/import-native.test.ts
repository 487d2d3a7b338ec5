import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE_COLUMNS } from '@claimline/shared/interchange';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { ACLED_FIXTURE, UCDP_20, csvRecords, exportText, fixture, importOk, postImport, rowCounts, ucdpPresent } from './import-support.js';

/**
 * The native layout round trip: export → import into an empty database →
 * export gives the same bytes; the import path stores the same rows as the
 * write service; a native file is idempotent, an edited row updates, a
 * stale one is refused.
 */

if (!ucdpPresent) {
  console.warn('\n*** ../shared/data is missing: the native round trip runs without the real UCDP rows. ***\n');
}

const NATIVE = '/api/export.csv?columns=native';

/** Rows of the content tables, instants cut to milliseconds (a CSV carries no more). */
async function tableRows(t: TestApp) {
  const db = t.database.db;
  const events = await sql`
    select id, kind, title, summary, start_date, end_date, date_precision, place_name, admin1, admin2, country, lat, lon, geo_precision,
           tags, derived_status, status_override, status_reason, status, external_source, external_id, search::text as search, version,
           attributes::text as attributes, date_trunc('milliseconds', created_at) as created_at, date_trunc('milliseconds', updated_at) as updated_at, deleted_at
    from events order by id`.execute(db);
  const claims = await sql`select * from claims order by id`.execute(db);
  const quantities = await sql`select * from claim_quantities order by id`.execute(db);
  const eventActors = await sql`select * from event_actors order by event_id, actor_id, role`.execute(db);
  const sources = await sql`select id, name, kind, country, homepage, reliability, party_to_conflict, notes from sources where id in (select source_id from claims) order by id`.execute(db);
  const actors = await sql`select id, name, kind, country from actors order by id`.execute(db);
  return { events: events.rows, claims: claims.rows, quantities: quantities.rows, eventActors: eventActors.rows, sources: sources.rows, actors: actors.rows };
}

describe.each(ENGINES)('native round trip on %s', (engine) => {
  let source: TestApp;
  let target: TestApp;
  let exported: string;

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestApp(engine), createTestApp(engine, { seed: false })]);
    await importOk(source, fixture(ACLED_FIXTURE));
    if (ucdpPresent) await importOk(source, readFileSync(UCDP_20));
    exported = await exportText(source, NATIVE);
  });
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
  });

  it('exports every field, and the claims and actors as JSON', () => {
    const rows = csvRecords(exported);
    expect(Object.keys(rows[0]!)).toEqual([...NATIVE_COLUMNS]);
    const claims = JSON.parse(rows[0]!.claims_json!);
    expect(claims[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), source: expect.objectContaining({ id: expect.any(String), name: expect.any(String), reliability: expect.any(String) }), quantities: expect.any(Array) }),
    );
    expect(exported.endsWith('\r\n')).toBe(true);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.start_date!))).toBe(true);
  });

  it('native export → import into an empty database → native export is byte-identical', async () => {
    const rows = csvRecords(exported).length;
    const report = await importOk(target, exported);
    expect(report).toMatchObject({ format: 'native', rows, inserted: rows, updated: 0, unchanged: 0, errors: [], warnings: [] });
    const again = await exportText(target, NATIVE);
    expect(again.length).toBe(exported.length);
    expect(again).toBe(exported);
    // …and so are the other layouts.
    for (const layout of ['claims', 'acled']) {
      expect(await exportText(target, `/api/export.csv?columns=${layout}`)).toBe(await exportText(source, `/api/export.csv?columns=${layout}`));
    }
    expect(await exportText(target, '/api/export.geojson')).toBe(await exportText(source, '/api/export.geojson'));
  });

  it('stores the same rows as the write service did (same columns, full-text document and status)', async () => {
    const [a, b] = await Promise.all([tableRows(source), tableRows(target)]);
    expect(b.events).toEqual(a.events);
    expect(b.claims).toEqual(a.claims);
    expect(b.quantities).toEqual(a.quantities);
    expect(b.eventActors).toEqual(a.eventActors);
    expect(b.sources).toEqual(a.sources);
    expect(b.actors).toEqual(a.actors);
  });

  it('writes a revision per event whose snapshot is the event as the API shows it', async () => {
    const page = await target.json('/api/events?limit=5');
    for (const { id } of page.items) {
      const detail = await target.json(`/api/events/${id}`);
      const { items } = await target.json(`/api/events/${id}/revisions`);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ action: 'create', version: detail.version, userId: expect.any(String), note: expect.stringContaining('Imported') });
      const { attributes, deletedAt, ...snapshot } = items[0].snapshot;
      expect(deletedAt).toBeNull();
      expect(attributes).toEqual(expect.any(Object));
      expect(snapshot).toEqual(detail);
    }
  });

  it('changes nothing when the export is imported again', async () => {
    const before = await rowCounts(target);
    const report = await importOk(target, exported);
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: csvRecords(exported).length, errors: [] });
    expect(await rowCounts(target)).toEqual(before);
  });

  it('updates an edited row with a revision, and refuses a stale one', async () => {
    const rows = csvRecords(exported);
    const edited = rows.map((r, i) => (i === 0 ? { ...r, title: `${r.title} (edited in a spreadsheet)` } : r));
    const before = await rowCounts(target);
    const report = await importOk(target, stringify(edited, { header: true, columns: [...NATIVE_COLUMNS], record_delimiter: '\r\n' }));
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: rows.length - 1, errors: [] });
    expect(await rowCounts(target)).toEqual({ ...before, revisions: before.revisions + 1 });
    const event = await target.json(`/api/events/${rows[0]!.id}`);
    expect(event).toMatchObject({ title: `${rows[0]!.title} (edited in a spreadsheet)`, version: Number(rows[0]!.version) + 1 });

    // The original export now holds an older version of that event: importing it would undo the edit.
    const res = await postImport(target, exported);
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.report.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'version', value: rows[0]!.version, message: expect.stringContaining('changed since the file was exported') }),
    ]);
    expect(await rowCounts(target)).toEqual({ ...before, revisions: before.revisions + 1 });
  });

  it('imports a hand-written native row without ids as a new event, creating its source', async () => {
    const row = {
      kind: 'statement',
      title: '=A hand-written row',
      start_date: '2024-12-20',
      claims_json: JSON.stringify([
        { source: { name: 'Hand-written source', kind: 'osint' }, origin: 'the analyst', stance: 'asserts', publishedAt: '2024-12-20', quote: 'Written by hand.', quantities: [{ measure: 'killed', subject: 'DPRK forces', phrase: 'dozens' }] },
      ]),
    };
    const report = await importOk(target, stringify([row], { header: true, record_delimiter: '\r\n' }));
    expect(report).toMatchObject({ inserted: 1, errors: [] });
    expect(report.warnings).toEqual([expect.objectContaining({ row: 2, column: 'id', message: expect.stringContaining('no id') })]);
    const page = await target.json('/api/events?q=hand-written');
    const event = await target.json(`/api/events/${page.items[0].id}`);
    expect(event.title).toBe('=A hand-written row');
    // "dozens" filled from the table of vague quantities, as the editor's write does; the phrase is kept.
    expect(event.claims[0].quantities[0]).toMatchObject({ phrase: 'dozens', low: 24, high: 99 });
    expect(event.claims[0].source).toMatchObject({ name: 'Hand-written source', kind: 'osint', reliability: 'F' });
  });
});
