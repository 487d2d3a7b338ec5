import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { SHARED_DATA, UCDP_20, UCDP_22, csvRecords, exportText, importOk, rowCounts, ucdpPresent } from './import-support.js';

/**
 * The real UCDP GED rows in ../shared/data (never copied into the repo):
 * the older 20.1 layout first, then the 22.1 release, whose 164 rows in
 * common are newer versions. Every row must come back out of the native
 * and claims exports with UCDP's low, best and high as published.
 */

type UcdpRow = Record<string, string>;
const read = (file: string): UcdpRow[] => (parse(readFileSync(file), { columns: true, bom: true }) as UcdpRow[]).slice(1); // line 2: HXL hashtags

it('has the real UCDP samples to test with', () => {
  if (!ucdpPresent) {
    console.warn(
      `\n*** The UCDP GED samples are missing from ${SHARED_DATA}: the UCDP import tests did NOT run. ***\n` +
        '*** Put ucdp-ged-hdx-ukraine-v22.1.csv and ucdp-ged-hdx-ukraine-v20.1-layout.csv there (see its README.md). ***\n',
    );
  }
  expect(typeof ucdpPresent).toBe('boolean');
});

describe.runIf(ucdpPresent).each(ENGINES)('UCDP GED import on %s', (engine) => {
  let t: TestApp;
  const v20 = ucdpPresent ? read(UCDP_20) : [];
  const v22 = ucdpPresent ? read(UCDP_22) : [];
  const common = new Set(v20.map((r) => r.id).filter((id) => v22.some((r) => r.id === id)));

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
  });
  afterAll(() => t?.close());

  it('imports the older 20.1 layout (start_year, end_year; iso3 between the coordinates), skipping the HXL row', async () => {
    const report = await importOk(t, readFileSync(UCDP_20));
    expect(report).toMatchObject({ format: 'ucdp', rows: v20.length, inserted: v20.length, updated: 0, unchanged: 0, errors: [] });
  });

  it('imports the 22.1 release: new rows inserted, newer versions of known rows updated with a revision', async () => {
    const before = await rowCounts(t);
    const report = await importOk(t, readFileSync(UCDP_22), 'format=ucdp');
    expect(common.size).toBe(164);
    expect(report).toMatchObject({ format: 'ucdp', rows: v22.length, inserted: v22.length - common.size, updated: common.size, unchanged: 0, errors: [] });
    expect((await rowCounts(t)).revisions).toBe(before.revisions + v22.length);

    // UCDP's own rows break low ≤ best ≤ high in a few places: kept as published, stored as an honest interval, and said.
    const broken = v22.filter((r) => !(Number(r.low) <= Number(r.best) && Number(r.best) <= Number(r.high)));
    expect(broken.map((r) => r.id)).toContain('275590');
    const intervalWarnings = report.warnings.filter((w) => w.message.includes('out of order'));
    expect(intervalWarnings.reduce((n, w) => n + w.count, 0)).toBe(broken.length);
    expect(intervalWarnings).toContainEqual(
      expect.objectContaining({ column: 'high', value: '0/8/7', message: expect.stringContaining('stored as the interval 0–8 (best 8)') }),
    );
  });

  it('changes nothing when the same release is imported again', async () => {
    const before = await rowCounts(t);
    const report = await importOk(t, readFileSync(UCDP_22));
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: v22.length, errors: [] });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('keeps every row and its low, best and high in the claims and native exports', async () => {
    const expected = new Map<string, UcdpRow>();
    for (const r of [...v20, ...v22]) expected.set(r.id!, r);
    const claims = csvRecords(await exportText(t, '/api/export.csv?columns=claims'));
    const totals = new Map(claims.filter((c) => c.subject === 'all sides').map((c) => [c.event_external_id, c]));
    const native = new Map(csvRecords(await exportText(t, '/api/export.csv?columns=native')).map((r) => [r.external_id, r]));
    expect(native.size).toBe(expected.size);
    for (const [id, row] of expected) {
      const total = totals.get(`ucdp:${id}`);
      expect(total, id).toBeDefined();
      const [low, best, high] = [Number(row.low), Number(row.best), Number(row.high)];
      expect(Number(total!.best), id).toBe(best);
      expect([Number(total!.low), Number(total!.high)], id).toEqual([Math.min(low, best, high), Math.max(low, best, high)]);
      const kept = JSON.parse(native.get(id)!.attributes!).ucdp;
      expect({ low: kept.low, best: kept.best, high: kept.high }, id).toEqual({ low: row.low, best: row.best, high: row.high });
      // Every cell of the row is kept as published, but the id, which is the event's external id.
      const { id: _id, ...cells } = row;
      expect(kept, id).toEqual(cells);
    }
  });

  it('maps precisions, places, sides, sources and deaths onto the model', async () => {
    const page = await t.json('/api/events?limit=500&from=2018-12-01&to=2018-12-31');
    const native = csvRecords(await exportText(t, '/api/export.csv?columns=native&from=2018-12-01&to=2018-12-31'));
    const id = native.find((r) => r.external_id === '275590')!.id!;
    expect(page.items.map((e: { id: string }) => e.id)).toContain(id);
    const event = await t.json(`/api/events/${id}`);
    expect(event).toMatchObject({
      kind: 'engagement',
      startDate: '2018-12-01',
      endDate: '2018-12-31',
      datePrecision: 'month', // date_prec 4
      placeName: 'Donets Basin Area',
      admin1: null,
      country: 'UKR',
      lat: 48.15,
      lon: 38.65,
      geoPrecision: 'region', // where_prec 5
      externalSource: 'ucdp',
      externalId: '275590',
    });
    expect(event.actors.map((a: { name: string; role: string; kind: string }) => `${a.role}:${a.name}:${a.kind}`).sort()).toEqual([
      'subject:Government of Ukraine:state',
      'target:DPR:group',
    ]);
    expect(event.claims[0]).toMatchObject({
      source: { name: 'UCDP GED', kind: 'dataset' },
      attributedTo: 'ICG',
      origin: 'Crisis Watch',
      publishedAt: '2019-01-01',
      quote: 'Ukraine  DECEMBER 2018',
      credibility: 3, // event_clarity 2
    });
    expect(event.claims[0].quantities).toEqual([
      expect.objectContaining({ measure: 'killed', subject: 'all sides', low: 0, best: 8, high: 8 }),
      expect.objectContaining({ measure: 'killed', subject: 'Government of Ukraine', best: 0 }),
      expect.objectContaining({ measure: 'killed', subject: 'DPR', best: 0 }),
      expect.objectContaining({ measure: 'killed', subject: 'civilians', best: 0 }),
      expect.objectContaining({ measure: 'killed', subject: 'unknown', best: 8 }),
    ]);
  });
});
