import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACLED_COLUMNS, CLAIM_COLUMNS, NATIVE_COLUMNS } from '@claimline/shared/interchange';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { ACLED_FIXTURE, csvRecords, exportText, fixture, importOk } from './import-support.js';
import { actorNamed, type Params, query, sourceNamed } from './kursk-model.js';

/**
 * The exports select exactly what the list selects, in the list's order,
 * for every filter, on both engines: native and ACLED (one row per event),
 * claims (one row per claimed quantity, of the claims the claim filters
 * keep) and GeoJSON (located events; the rest counted). Plus the promises of
 * the format: RFC 4180 CRLF, UTF-8, plain dates, formula-safe cells, a file
 * name with the date and the filter.
 */

const KREMLIN = sourceNamed('Kremlin').id;
const AP = sourceNamed('Associated Press').id;
const DPRK = actorNamed("Korean People's Army").id;

const CASES: [string, Params][] = [
  ['no filter', {}],
  ['a date range', { from: '2024-12-01', to: '2024-12-15' }],
  ['from only', { from: '2024-12-10' }],
  ['kinds', { kind: 'engagement,strike' }],
  ['kind statement', { kind: 'statement' }],
  ['status', { status: 'single_source' }],
  ['status contested', { status: 'contested' }],
  ['an actor', { actor: DPRK }],
  ['a source', { source: KREMLIN }],
  ['sources', { source: `${KREMLIN},${AP}` }],
  ['text search', { q: 'north korean' }],
  ['a bbox around Kursk', { bbox: '34.0,50.8,37.5,52.5' }],
  ['minReliability B', { minReliability: 'B' }],
  ['minCredibility 3', { minCredibility: '3' }],
  ['stance denies or declines', { stance: 'denies,declines_to_comment' }],
  ['excludeParties', { excludeParties: 'true' }],
  ['a tag', { tag: 'no-comment' }],
  ['combined: kind, range and reliability', { kind: 'engagement,casualty_report,strike', from: '2024-11-01', minReliability: 'C' }],
  ['nothing matches', { from: '2030-01-01' }],
];

type ListItem = { id: string; lat: number | null; startDate: string };

describe.each(ENGINES)('exports on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await importOk(t, fixture(ACLED_FIXTURE));
  });
  afterAll(() => t?.close());

  async function listed(p: Params): Promise<ListItem[]> {
    const items: ListItem[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: ListItem[]; nextCursor: string | null } = await t.json(`/api/events?${query(p, { limit: '500', ...(cursor ? { cursor } : {}) })}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  it.each(CASES)('export under "%s" selects what the list selects, in its order', async (_name, p) => {
    const items = await listed(p);
    const ids = items.map((e) => e.id);

    const native = csvRecords(await exportText(t, `/api/export.csv?${query(p, { columns: 'native' })}`));
    expect(native.map((r) => r.id)).toEqual(ids);

    const acled = csvRecords(await exportText(t, `/api/export.csv?${query(p, { columns: 'acled' })}`));
    expect(acled.map((r) => r.event_id_cnty)).toEqual(native.map((r) => (r.external_source === 'acled' ? r.external_id : r.id)));

    const claims = csvRecords(await exportText(t, `/api/export.csv?${query(p, { columns: 'claims' })}`));
    expect([...new Set(claims.map((r) => r.event_id))]).toEqual(ids);

    const res = await t.get(`/api/export.geojson?${query(p)}`);
    expect(res.status).toBe(200);
    const geojson = await res.json();
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features.map((f: { id: string }) => f.id)).toEqual(items.filter((e) => e.lat !== null).map((e) => e.id));
    const unlocated = items.filter((e) => e.lat === null).length;
    expect(res.headers.get('x-claimline-unlocated')).toBe(String(unlocated));
    expect(geojson.unlocated).toBe(unlocated);
  });

  it('keeps only the claims the claim filters keep in the claims layout', async () => {
    const claims = csvRecords(await exportText(t, `/api/export.csv?columns=claims&source=${KREMLIN}`));
    expect(claims.length).toBeGreaterThan(0);
    expect(new Set(claims.map((r) => r.source_id))).toEqual(new Set([KREMLIN]));
    const reliable = csvRecords(await exportText(t, '/api/export.csv?columns=claims&minReliability=B'));
    expect(reliable.every((r) => 'AB'.includes(r.reliability!))).toBe(true);
  });

  it('rebuilds the estimates view from the claims layout', async () => {
    const estimates = await t.json('/api/estimates');
    expect(estimates.items.length).toBeGreaterThan(0);
    const claims = csvRecords(await exportText(t, '/api/export.csv?columns=claims'));
    const pivot = claims.filter((r) => estimates.measures.includes(r.measure) && r.subject!.toLowerCase() === estimates.subject.toLowerCase());
    const num = (v: string | undefined) => (v === '' || v === undefined ? null : Number(v));
    const fromExport = pivot
      .map((r) => ({ quantityId: r.quantity_id, claimId: r.claim_id, eventId: r.event_id, sourceName: r.source, attributedTo: r.attributed_to || null, publishedAt: r.published_at, stance: r.stance, reliability: r.reliability, credibility: Number(r.credibility), low: num(r.low), best: num(r.best), high: num(r.high), phrase: r.phrase || null, quote: r.quote }))
      .sort((a, b) => a.quantityId!.localeCompare(b.quantityId!));
    const fromView = estimates.items
      .map((e: Record<string, unknown>) => ({ quantityId: e.quantityId, claimId: e.claimId, eventId: e.eventId, sourceName: e.sourceName, attributedTo: e.attributedTo, publishedAt: e.publishedAt, stance: e.stance, reliability: e.reliability, credibility: e.credibility, low: e.low, best: e.best, high: e.high, phrase: e.phrase, quote: e.quote }))
      .sort((a: { quantityId: string }, b: { quantityId: string }) => a.quantityId.localeCompare(b.quantityId));
    expect(fromExport).toEqual(fromView);
  });

  it('writes RFC 4180 CSV: a header, CRLF records, quoted fields with line breaks, UTF-8, plain dates', async () => {
    for (const [columns, header] of [
      ['native', NATIVE_COLUMNS],
      ['claims', CLAIM_COLUMNS],
      ['acled', ACLED_COLUMNS],
    ] as const) {
      const res = await t.get(`/api/export.csv?columns=${columns}`);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await res.arrayBuffer());
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      expect(text.startsWith(`${header.join(',')}\r\n`)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/"(?:[^"]|"")*"/g, '').match(/(?<!\r)\n/)).toBeNull(); // no bare LF outside quotes
      expect(text).toContain('Суджа');
      expect(text).toMatch(/"[^"]*\n[^"]*"/); // a quoted field with a line break
    }
    const native = csvRecords(await exportText(t, '/api/export.csv?columns=native'));
    for (const r of native) {
      expect(r.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.end_date).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
    }
  });

  it('neutralises cells that start with = + - @, a tab or a CR, and leaves numbers alone', async () => {
    // An ACLED row whose kept cells start with every dangerous character.
    const cols = [...ACLED_COLUMNS];
    const row = Object.fromEntries(cols.map((c) => [c, '']));
    Object.assign(row, {
      event_id_cnty: 'XFX1',
      event_date: '2024-12-02',
      time_precision: '1',
      event_type: 'Battles',
      sub_event_type: 'Armed clash',
      country: 'Ukraine',
      iso: '804',
      admin3: '\rCR first',
      civilian_targeting: '@SUM(1)',
      source_scale: '+1+1',
      inter1: '=1+2',
      inter2: '-3+4',
      interaction: '\t5',
      latitude: '-12.5',
      longitude: '-33.25',
      geo_precision: '1',
      notes: 'Formula cells',
      fatalities: '0',
    });
    await importOk(t, stringify([row], { header: true, columns: cols, record_delimiter: '\r\n' }));
    const back = csvRecords(await exportText(t, '/api/export.csv?columns=acled&from=2024-12-02&to=2024-12-02')).find((r) => r.event_id_cnty === 'XFX1')!;
    expect(back).toMatchObject({
      admin3: "'\rCR first",
      civilian_targeting: "'@SUM(1)",
      source_scale: "'+1+1",
      inter1: "'=1+2",
      inter2: "'-3+4",
      interaction: "'\t5",
      latitude: '-12.5',
      longitude: '-33.25',
    });
    const claims = csvRecords(await exportText(t, '/api/export.csv?columns=claims'));
    expect(claims.find((r) => r.event_external_id === 'acled:UKR90004')!.quote).toMatch(/^'=HYPERLINK/);
  });

  it('names the file with the export, the date and the filter', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const disposition = async (path: string) => {
      const res = await t.get(path);
      await res.text(); // a download left unread holds its cursor open
      return res.headers.get('content-disposition');
    };
    expect(await disposition('/api/export.csv?columns=native&kind=engagement')).toBe(`attachment; filename="claimline-events-${today}-kind-engagement.csv"`);
    expect(await disposition('/api/export.csv?columns=claims&from=2024-12-01')).toBe(`attachment; filename="claimline-claims-${today}-from-2024-12-01.csv"`);
    expect(await disposition('/api/export.csv?columns=acled')).toBe(`attachment; filename="claimline-events-acled-${today}.csv"`);
    expect(await disposition('/api/export.geojson?status=contested')).toBe(`attachment; filename="claimline-events-${today}-status-contested.geojson"`);
  });

  it('writes RFC 7946 features: [longitude, latitude], the precision as a radius, the event as properties', async () => {
    const res = await t.get('/api/export.geojson?kind=strike');
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    const { features } = await res.json();
    const sudzha = features.find((f: { properties: { placeName: string } }) => f.properties.placeName === 'Sudzha');
    expect(sudzha).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [35.2709, 51.1918] },
      properties: { kind: 'strike', startDate: '2024-12-11', datePrecision: 'week', geoPrecision: 'district', precisionRadiusM: 20_000, externalSource: 'acled', externalId: 'RUS90002' },
    });
  });

  it('answers 400 for an unknown layout', async () => {
    const res = await t.get('/api/export.csv?columns=excel');
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe('columns');
  });
});
