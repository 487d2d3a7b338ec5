import pino from 'pino';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACLED_COLUMNS } from '@claimline/shared/interchange';
import { createApp } from '../../apps/api/src/app.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { editorHeaders, tokenFor } from '../support/auth.js';
import { ENGINES } from '../support/database.js';
import { ACLED_FIXTURE, csvRecords, fixture, importOk, postImport, rowCounts, type RowCounts } from './import-support.js';

/**
 * Bad files: each gets its own 4xx answer naming the row (the header is row
 * 1) and the column, never a 500, and the database is left exactly as it
 * was (events, claims, quantities, actors, sources and revisions counted
 * before and after). A dry run reports every problem of a file at once.
 */

const good = fixture(ACLED_FIXTURE).toString('utf8');
const goodRows = csvRecords(good);

/** The fixture with some cells changed: rows are numbered as in the report (row 2 is the first data row). */
function acledWith(changes: { row: number; column: string; value: string }[]): string {
  const rows = goodRows.map((r) => ({ ...r }));
  for (const c of changes) rows[c.row - 2]![c.column] = c.value;
  return stringify(rows, { header: true, columns: [...ACLED_COLUMNS], record_delimiter: '\r\n' });
}

describe.each(ENGINES)('bad files on %s', (engine) => {
  let t: TestApp;
  let baseline: RowCounts;

  beforeAll(async () => {
    t = await createTestApp(engine);
    // Some imported rows to leave untouched, beside the seeded dataset.
    await importOk(t, acledWith([]).split('\r\n').slice(0, 4).join('\r\n'));
    baseline = await rowCounts(t);
  });
  afterAll(() => t?.close());

  /** Posts the file, expects the status, the problem shape and an unchanged database; returns the report's errors. */
  async function rejected(body: string | Uint8Array, status: number, query = '') {
    const res = await postImport(t, body, query);
    const text = await res.text();
    expect(res.status, text.slice(0, 500)).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text);
    expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.stringMatching(/^row \d+.*Nothing was imported\.$/), report: { errors: expect.any(Array) } });
    expect(await rowCounts(t)).toEqual(baseline);
    return problem.report.errors as { row: number; column: string | null; value: string | null; message: string }[];
  }

  it('a file separated by semicolons: 400 at the header', async () => {
    const errors = await rejected(good.replace(/,/g, ';'), 400);
    expect(errors).toEqual([expect.objectContaining({ row: 1, column: null, message: expect.stringContaining('separated by ";"') })]);
  });

  it('a tab-separated file: 400 at the header', async () => {
    const errors = await rejected('event_id_cnty\tevent_date\tevent_type\r\nUKR1\t2024-12-01\tBattles\r\n', 400);
    expect(errors[0]).toMatchObject({ row: 1, message: expect.stringContaining('separated by tabs') });
  });

  it('an unbalanced quote: 400 naming the row and column where the quoted field opens', async () => {
    // Row 4's notes lose their closing quote: the field swallows what follows.
    const broken = acledWith([{ row: 4, column: 'notes', value: 'Opens a quote, and never closes it' }]).replace('"Opens a quote, and never closes it"', '"Opens a quote, and never closes it');
    const errors = await rejected(broken, 400);
    expect(errors).toEqual([expect.objectContaining({ row: 4, column: 'notes', message: expect.stringMatching(/quote is unbalanced/) })]);
  });

  it('a stray quote inside a quoted field: 400 naming its row and column', async () => {
    const broken = acledWith([{ row: 3, column: 'source', value: 'Telegram, "Rybar" channel' }]).replace('"Telegram, ""Rybar"" channel"', '"Telegram, "Rybar" channel"');
    const errors = await rejected(broken, 400);
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: 'source', message: expect.stringContaining('not doubled') })]);
  });

  it('a missing required column: 400 naming it', async () => {
    const rows = goodRows.map(({ event_date: _d, ...r }) => r);
    const errors = await rejected(stringify(rows, { header: true }), 400, 'format=acled');
    expect(errors).toEqual([expect.objectContaining({ row: 1, column: 'event_date', message: expect.stringContaining('missing') })]);
  });

  it('a header no layout has: 400', async () => {
    const errors = await rejected('name,date,place\r\nSomething,2024-12-01,Kursk\r\n', 400);
    expect(errors[0]).toMatchObject({ row: 1, message: expect.stringContaining('not one of the known layouts') });
  });

  it('Latin-1 instead of UTF-8: 400 naming the row and column of the first bad byte', async () => {
    // The rows Latin-1 can hold (not the Cyrillic one), saved as Latin-1, as a spreadsheet on Windows might.
    const rows = goodRows.filter((r) => /^[\u0000-\u00ff]*$/.test(Object.values(r).join('')));
    expect(rows.length).toBe(goodRows.length - 1);
    rows[3]!.notes = 'Réfugiés à Sumy, café détruit.';
    const latin1 = Buffer.from(stringify(rows, { header: true, columns: [...ACLED_COLUMNS], record_delimiter: '\r\n' }), 'latin1');
    const errors = await rejected(latin1, 400);
    expect(errors).toEqual([
      expect.objectContaining({ row: 5, column: 'notes', value: expect.stringContaining('Réfugiés'), message: expect.stringContaining('not UTF-8: byte 0xE9') }),
    ]);
  });

  it('an empty file: 400', async () => {
    expect(await rejected('', 400)).toEqual([expect.objectContaining({ row: 1, message: expect.stringContaining('empty') })]);
    expect(await rejected('\uFEFF', 400)).toEqual([expect.objectContaining({ row: 1, message: expect.stringContaining('empty') })]);
  });

  it('coordinates out of range: 422 naming row, column and value; nothing imported', async () => {
    const errors = await rejected(acledWith([{ row: 6, column: 'latitude', value: '95.2' }]), 422);
    expect(errors).toEqual([expect.objectContaining({ row: 6, column: 'latitude', value: '95.2', message: expect.stringContaining('between -90 and 90') })]);
  });

  it('a date written 31/12/2024: 422 saying how to write it', async () => {
    const errors = await rejected(acledWith([{ row: 2, column: 'event_date', value: '31/12/2024' }]), 422);
    expect(errors).toEqual([expect.objectContaining({ row: 2, column: 'event_date', value: '31/12/2024', message: expect.stringContaining('YYYY-MM-DD') })]);
  });

  it('a row with too many fields: 422 naming the row', async () => {
    const lines = good.split('\r\n');
    lines[2] = `${lines[2]},extra`;
    const errors = await rejected(lines.join('\r\n'), 422);
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: null, message: expect.stringContaining('fields but the header has 31') })]);
  });

  it('a NUL character in a cell: 422 naming the row and column', async () => {
    const errors = await rejected(acledWith([{ row: 3, column: 'location', value: 'Sud\u0000zha' }]), 422);
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: 'location', message: expect.stringContaining('NUL') })]);
  });

  it('the same event twice: 422 naming both rows', async () => {
    const errors = await rejected(acledWith([{ row: 7, column: 'event_id_cnty', value: goodRows[0]!.event_id_cnty! }]), 422);
    expect(errors).toEqual([expect.objectContaining({ row: 7, column: 'event_id_cnty', message: expect.stringContaining('row 2') })]);
  });

  it('a native row whose claims are not valid JSON: 422 at claims_json', async () => {
    const native = stringify([{ id: '', kind: 'statement', title: 'x', start_date: '2024-12-01', claims_json: '[{"source":' }], { header: true });
    const errors = await rejected(native, 422);
    expect(errors).toEqual([expect.objectContaining({ row: 2, column: 'claims_json', message: expect.stringContaining('not valid JSON') })]);
    const claim = { source: { name: 'S', kind: 'osint' }, origin: 'o', stance: 'asserts', publishedAt: '2024-12-01', quote: 'a \u0000 b' };
    const nul = stringify([{ kind: 'statement', title: 'x', start_date: '2024-12-01', claims_json: JSON.stringify([claim]) }], { header: true });
    expect(await rejected(nul, 422)).toEqual([expect.objectContaining({ row: 2, column: 'claims_json', message: expect.stringContaining('NUL') })]);
  });

  it('one bad row among good ones: nothing of the file is imported', async () => {
    const errors = await rejected(acledWith([{ row: 11, column: 'fatalities', value: 'many' }]), 422);
    expect(errors).toEqual([expect.objectContaining({ row: 11, column: 'fatalities', value: 'many' })]);
  });

  it('a dry run reports every problem of the file at once and changes nothing', async () => {
    const file = acledWith([
      { row: 2, column: 'event_date', value: '2024-02-30' },
      { row: 4, column: 'longitude', value: '35,27' },
      { row: 5, column: 'time_precision', value: '4' },
      { row: 8, column: 'latitude', value: '' },
      { row: 10, column: 'geo_precision', value: '9' },
    ]);
    const res = await postImport(t, file, 'dryRun=true');
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ format: 'acled', dryRun: true, rows: goodRows.length });
    expect(report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['2:event_date', '4:longitude', '5:time_precision', '8:latitude', '10:geo_precision']);
    expect(report.errors[1]).toMatchObject({ value: '35,27', message: expect.stringContaining('decimal comma') });
    // The rows without problems are counted as they would be imported: three are already there.
    expect(report.inserted + report.unchanged + report.updated).toBe(goodRows.length - 5);
    expect(await rowCounts(t)).toEqual(baseline);

    const clean = await importOk(t, good, 'dryRun=1');
    expect(clean).toMatchObject({ errors: [], inserted: goodRows.length - 3, unchanged: 3 });
    expect(await rowCounts(t)).toEqual(baseline);
  });

  it('a file over the size limit: 413, whether announced or found while streaming', async () => {
    const { config, logger } = { config: { ...(await import('../../apps/api/src/config.js')).loadConfig({ TILE_URL: '' }, process.cwd()), importMaxBytes: 1000 }, logger: pino({ level: 'silent' }) };
    const small = createApp({ db: t.database.db, engine, config, logger, webDist: null });
    const headers = { ...(await editorHeaders(t)), 'content-type': 'text/csv' };
    const announced = await small.request('/api/import', { method: 'POST', headers: { ...headers, 'content-length': String(good.length) }, body: good });
    expect(announced.status).toBe(413);
    expect((await announced.json()).report.errors[0].message).toContain('IMPORT_MAX_BYTES');
    const encoder = new TextEncoder();
    const streamed = await small.request('/api/import', {
      method: 'POST',
      headers,
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++) controller.enqueue(encoder.encode(good.slice(i * 200, (i + 1) * 200)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await rowCounts(t)).toEqual(baseline);
  });

  it('a form or JSON body instead of the file: 415', async () => {
    const res = await postImport(t, JSON.stringify({ file: good }), '', { 'content-type': 'application/json' });
    expect(res.status).toBe(415);
    expect(await rowCounts(t)).toEqual(baseline);
  });

  it('bad parameters: 400', async () => {
    expect((await postImport(t, good, 'format=excel')).status).toBe(400);
    expect((await postImport(t, good, 'dryRun=maybe')).status).toBe(400);
  });

  it('needs an editor: 401 without credentials, 403 for a viewer', async () => {
    const anonymous = await t.app.request('/api/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: good });
    expect(anonymous.status).toBe(401);
    const viewer = await tokenFor(t, 'viewer');
    const res = await t.app.request('/api/import', { method: 'POST', headers: { authorization: viewer.authorization, 'content-type': 'text/csv' }, body: good });
    expect(res.status).toBe(403);
    expect(await rowCounts(t)).toEqual({ ...baseline });
  });
});
