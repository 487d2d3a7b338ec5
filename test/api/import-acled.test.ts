import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventDetailToInput } from '@claimline/shared/events';
import { ACLED_COLUMNS } from '@claimline/shared/interchange';
import { insertSource } from '../../apps/api/src/repositories/sources.js';
import { editorHeaders } from '../support/auth.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { ACLED_FIXTURE, ACLED_OLDER, csvRecords, exportText, fixture, importOk, rowCounts, unneutralised } from './import-support.js';

/**
 * ACLED in and out, against a file written for the project from ACLED's
 * public codebook columns (no ACLED data): a UTF-8 BOM, CRLF, quoted fields
 * with commas, quotes and line breaks, Cyrillic, cells that start with
 * = + - @ or a tab, a country Claimline's table does not know, empty notes.
 */

const acledFile = fixture(ACLED_FIXTURE);
const acledRows = csvRecords(acledFile.toString('utf8'));

describe.each(ENGINES)('ACLED import and export on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
  });
  afterAll(() => t?.close());

  it('imports every row of the codebook fixture', async () => {
    const report = await importOk(t, acledFile, 'format=auto');
    expect(report).toMatchObject({ format: 'acled', dryRun: false, rows: acledRows.length, inserted: acledRows.length, updated: 0, unchanged: 0, errors: [] });
    // Sudan is not in Claimline's country table: imported without a country code, the cells kept, and said so.
    expect(report.warnings).toEqual([
      expect.objectContaining({ row: 9, column: 'country', value: 'Sudan', count: 1, message: expect.stringContaining('country table') }),
    ]);
    expect(await rowCounts(t)).toMatchObject({ events: acledRows.length, claims: acledRows.length, revisions: acledRows.length });
  });

  it('gives back all 31 columns of every row, as they came in', async () => {
    const exported = csvRecords(await exportText(t, '/api/export.csv?columns=acled'));
    expect(Object.keys(exported[0]!)).toEqual([...ACLED_COLUMNS]);
    expect(exported).toHaveLength(acledRows.length);
    const byId = new Map(exported.map((r) => [r.event_id_cnty, r]));
    for (const original of acledRows) {
      const back = byId.get(original.event_id_cnty!);
      expect(back, original.event_id_cnty).toBeDefined();
      const cells = Object.fromEntries(ACLED_COLUMNS.map((c) => [c, unneutralised(back![c]!)]));
      expect(cells, original.event_id_cnty).toEqual(Object.fromEntries(ACLED_COLUMNS.map((c) => [c, original[c]])));
    }
  });

  it('neutralises formulas in the ACLED export, and keeps plain numbers as numbers', async () => {
    const text = await exportText(t, '/api/export.csv?columns=acled');
    const rows = csvRecords(text);
    const byId = new Map(rows.map((r) => [r.event_id_cnty, r]));
    expect(byId.get('UKR90004')!.notes).toMatch(/^'=HYPERLINK/);
    expect(byId.get('UKR90005')!.notes).toMatch(/^'- Relatives/);
    expect(byId.get('UKR90005')!.source).toBe("'+380 Telegram channel");
    expect(byId.get('RUS90006')!.notes).toMatch(/^'@Pentagon/);
    expect(byId.get('RUS90010')!.source).toBe("'\tTASS; RIA Novosti; Rossiyskaya Gazeta");
    expect(byId.get('USA90007')!.longitude).toBe('-77.0364');
    expect(text.split('\r\n').length).toBeGreaterThan(rows.length); // CRLF records
  });

  it('maps kinds, precisions, actors, the claim and the fatalities onto the model', async () => {
    const page = await t.json('/api/events?limit=500');
    const byTitle = (fragment: string) => page.items.find((e: { title: string }) => e.title.includes(fragment));
    const strike = await t.json(`/api/events/${byTitle('Air/drone strike').id}`);
    expect(strike).toMatchObject({
      kind: 'strike',
      startDate: '2024-12-11',
      endDate: null,
      datePrecision: 'week',
      placeName: 'Sudzha',
      admin1: 'Kursk',
      admin2: 'Sudzhanskiy',
      country: 'RUS',
      lat: 51.1918,
      lon: 35.2709,
      geoPrecision: 'district',
      externalSource: 'acled',
      externalId: 'RUS90002',
      status: 'single_source',
    });
    expect(strike.actors.map((a: { name: string; role: string }) => `${a.role}:${a.name}`).sort()).toEqual([
      'subject:Military Forces of Ukraine (2019-)',
      'target:Military Forces of North Korea (2011-)',
      'target:Military Forces of Russia (2000-)',
    ]);
    expect(strike.claims).toHaveLength(1);
    expect(strike.claims[0]).toMatchObject({
      source: { name: 'ACLED', kind: 'dataset' },
      attributedTo: 'Telegram; Radio Free Asia',
      origin: 'Telegram; Radio Free Asia',
      stance: 'asserts',
      publishedAt: '2024-12-21',
      quote: expect.stringContaining('Суджа'),
      quantities: [expect.objectContaining({ measure: 'killed', subject: 'all sides', low: null, best: 12, high: null })],
    });
    expect(strike.claims[0].quote).toContain('\n');

    const base = await t.json(`/api/events/${byTitle('Headquarters or base established').id}`);
    expect(base).toMatchObject({ kind: 'deployment', datePrecision: 'month', geoPrecision: 'region', tags: ['local administrators', 'crowd size=no report'] });
    const battle = await t.json(`/api/events/${byTitle('Armed clash').id}`);
    expect(battle).toMatchObject({ kind: 'engagement', datePrecision: 'day', geoPrecision: 'near', lat: 51.35 });
    const noNotes = await t.json(`/api/events/${byTitle('Disrupted weapons use').id}`);
    expect(noNotes.claims[0]).toMatchObject({ quote: '(no notes in the ACLED row)', quantities: [] });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await rowCounts(t);
    const report = await importOk(t, acledFile);
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: acledRows.length, errors: [] });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('updates an event from a newer version of its row, with a revision', async () => {
    const before = await rowCounts(t);
    const newer = acledFile
      .toString('utf8')
      .replace(/(RUS90002,[^\r]*?),12,,1734739200/s, '$1,14,,1734825600');
    expect(newer).not.toBe(acledFile.toString('utf8'));
    const report = await importOk(t, newer);
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: acledRows.length - 1, errors: [] });
    expect(await rowCounts(t)).toEqual({ ...before, revisions: before.revisions + 1 });

    const page = await t.json('/api/events?limit=500');
    const id = page.items.find((e: { title: string }) => e.title.includes('Air/drone strike')).id;
    const event = await t.json(`/api/events/${id}`);
    expect(event.version).toBe(2);
    expect(event.claims[0].quantities[0].best).toBe(14);
    const { items } = await t.json(`/api/events/${id}/revisions`);
    expect(items.map((r: { version: number; action: string }) => `${r.version}:${r.action}`)).toEqual(['2:update', '1:create']);
    expect(items[0].snapshot.claims[0].quantities[0].best).toBe(14);
    expect(items[1].snapshot.claims[0].quantities[0].best).toBe(12);
    expect(items[0].userId).toEqual(expect.any(String));

    // The older release again: the stored, newer row is kept, and the report says why.
    const older = await importOk(t, acledFile);
    expect(older).toMatchObject({ inserted: 0, updated: 0, unchanged: acledRows.length, errors: [] });
    expect(older.warnings).toContainEqual(expect.objectContaining({ column: 'timestamp', value: '1734739200', message: expect.stringContaining('older') }));
    expect((await t.json(`/api/events/${id}`)).version).toBe(2);
  });

  it('a newer release keeps what editors added: their title, their claims', async () => {
    const page = await t.json('/api/events?limit=500');
    const id = page.items.find((e: { title: string }) => e.title.includes('Headquarters or base established')).id;
    const before = await t.json(`/api/events/${id}`);
    const reuters = await insertSource(t.database.db, { name: 'Reuters', kind: 'wire', country: null, homepage: null, reliability: 'B', partyToConflict: false, notes: null });
    const input = eventDetailToInput(before);
    const edited = {
      title: 'North Korean troops set up positions in Kursk (edited)',
      claims: [
        ...input.claims,
        { sourceId: reuters.id, origin: 'U.S. official', stance: 'confirms', publishedAt: '2024-11-20', quote: 'North Korean units are based in Kursk.', quantities: [{ measure: 'killed', subject: 'DPRK forces', best: 40 }] },
      ],
    };
    const res = await t.app.request(`/api/events/${id}`, {
      method: 'PATCH',
      headers: { ...(await editorHeaders(t)), 'content-type': 'application/json', 'if-match': `"${before.version}"` },
      body: JSON.stringify(edited),
    });
    expect(res.status, await res.clone().text()).toBe(200);

    // ACLED revises the row: new notes, a later timestamp.
    const newer = acledFile
      .toString('utf8')
      .replace('were reported to have set up positions in Kursk region.', 'were reported to have set up several positions in Kursk region.')
      .replace(',1734566400', ',1734900000');
    const report = await importOk(t, newer);
    expect(report).toMatchObject({ updated: 1, inserted: 0, errors: [] });
    const after = await t.json(`/api/events/${id}`);
    expect(after.version).toBe(before.version + 2);
    expect(after.title).toBe('North Korean troops set up positions in Kursk (edited)');
    expect(after.claims.map((c: { source: { name: string } }) => c.source.name)).toEqual(['ACLED', 'Reuters']);
    expect(after.claims[0].quote).toContain('several positions');
    // The ACLED export now says what Claimline holds: the most reliable killed figure is Reuters' (B) over ACLED's (F).
    const row = csvRecords(await exportText(t, '/api/export.csv?columns=acled')).find((r) => r.event_id_cnty === 'RUS90003')!;
    expect(row).toMatchObject({ fatalities: '40', source: 'Associated Press; Reuters', timestamp: '1734900000' });
  });

  it('imports the older layout (event_id_no_cnty, iso3, data_id, dates as "14 February 2019")', async () => {
    const older = fixture(ACLED_OLDER);
    const report = await importOk(t, older);
    expect(report).toMatchObject({ format: 'acled', inserted: 2, errors: [] });
    const native = csvRecords(await exportText(t, '/api/export.csv?columns=native&from=2019-01-01&to=2019-12-31'));
    expect(native).toHaveLength(2);
    const svitlodarsk = native.find((r) => r.external_id === 'UKR80001')!;
    expect(svitlodarsk.start_date).toBe('2019-02-14');
    expect(JSON.parse(svitlodarsk.attributes!).acled).toMatchObject({ data_id: '7001001', event_id_no_cnty: '80001', iso3: 'UKR' });

    // Every ACLED column the older file has comes back; the date in ISO form.
    const oldRows = csvRecords(older.toString('utf8'));
    const exported = csvRecords(await exportText(t, '/api/export.csv?columns=acled&from=2019-01-01&to=2019-12-31'));
    for (const original of oldRows) {
      const back = exported.find((r) => r.event_id_cnty === original.event_id_cnty)!;
      for (const column of ACLED_COLUMNS.filter((c) => c in original)) {
        const expected = column === 'event_date' ? (original.event_date === '14 February 2019' ? '2019-02-14' : original.event_date) : original[column];
        expect(unneutralised(back[column]!), `${original.event_id_cnty} ${column}`).toBe(expected);
      }
      // Columns the older layout lacks are derived from the model: both rows are political violence (a battle, shelling).
      expect(back.disorder_type).toBe('Political violence');
      expect(back.civilian_targeting).toBe('');
    }
  });

  it('reads headers whatever their case', async () => {
    const upper = acledFile.toString('utf8').replace(/^\uFEFF?([^\r\n]*)/, (_m, header: string) => header.toUpperCase());
    const report = await importOk(t, upper, 'dryRun=true');
    expect(report).toMatchObject({ format: 'acled', dryRun: true, errors: [], inserted: 0 });
    expect(report.updated + report.unchanged).toBe(acledRows.length);
  });
});
