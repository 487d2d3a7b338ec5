import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportQuerySchema } from '@claimline/shared/filters';
import { NATIVE_COLUMNS } from '@claimline/shared/interchange';
import { STANCE_LABELS } from '@claimline/shared/vocabulary';
import { type InterchangeEvent, rowToInterchangeEvent } from '../../apps/api/src/interchange/event.js';
import { neutraliseFormula } from '../../apps/api/src/lib/csv.js';
import { exportQuery } from '../../apps/api/src/repositories/export.js';
import { createEvent } from '../../apps/api/src/services/events.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/database.js';
import { ACLED_FIXTURE, fixture, importOk } from './import-support.js';
import { type Params, query } from './kursk-model.js';

/**
 * The native export is rendered by the database (summaries, actors_json and
 * claims_json, the JSON already written as CSV fields) for speed. These
 * tests hold it, byte for byte, to the way JavaScript rendered the same rows
 * before: every event read whole by exportQuery, the row built from its
 * objects and written by csv-stringify. The reference below is that earlier
 * rendering, kept here as the specification of the layout; the data is made
 * to be awkward (quotes, commas, CR, LF and CRLF, formula starts, control
 * characters, backslashes, emoji, empty strings next to nulls, a source
 * twice, an event without claims, integer-like keys in attributes, tiny
 * coordinates).
 */

/** The native row as interchange/native.ts built it from an InterchangeEvent before the database rendered it. */
function referenceNativeRow(e: InterchangeEvent): Record<string, unknown> {
  const claimsSummary = e.claims
    .map(
      (c) =>
        `${c.source.name} [${c.source.reliability}${c.credibility}]` +
        (c.attributedTo ? ` — ${c.attributedTo}` : '') +
        ` — ${STANCE_LABELS[c.stance]} ${c.publishedAt}` +
        (c.retracted ? ' (retracted)' : '') +
        `: “${c.quote}”`,
    )
    .join(' | ');
  const quantitiesSummary = e.claims
    .flatMap((c) =>
      c.quantities.map(
        (q) =>
          `${c.source.name}: ${q.measure} of ${q.subject} ${q.low ?? '?'}–${q.high ?? '?'}` +
          (q.best !== null ? ` (best ${q.best})` : '') +
          (q.phrase ? ` “${q.phrase}”` : ''),
      ),
    )
    .join(' | ');
  const claimJson = (c: InterchangeEvent['claims'][number]) => ({
    id: c.id,
    source: {
      id: c.source.id,
      name: c.source.name,
      kind: c.source.kind,
      country: c.source.country,
      homepage: c.source.homepage,
      reliability: c.source.reliability,
      partyToConflict: c.source.partyToConflict,
      notes: c.source.notes,
    },
    attributedTo: c.attributedTo,
    origin: c.origin,
    stance: c.stance,
    publishedAt: c.publishedAt,
    publishedPrecision: c.publishedPrecision,
    url: c.url,
    archivedUrl: c.archivedUrl,
    quote: c.quote,
    credibility: c.credibility,
    retracted: c.retracted,
    note: c.note,
    quantities: c.quantities.map((q) => ({ id: q.id, measure: q.measure, subject: q.subject, low: q.low, best: q.best, high: q.high, phrase: q.phrase })),
  });
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    start_date: e.startDate,
    end_date: e.endDate,
    date_precision: e.datePrecision,
    place_name: e.placeName,
    admin1: e.admin1,
    admin2: e.admin2,
    country: e.country,
    lat: e.lat,
    lon: e.lon,
    geo_precision: e.geoPrecision,
    status: e.status,
    derived_status: e.derivedStatus,
    status_override: e.statusOverride,
    status_reason: e.statusReason,
    tags: e.tags.join('; '),
    actors: e.actors.map((a) => `${a.name} (${a.role})`).join('; '),
    claim_count: e.claims.length,
    sources: [...new Set(e.claims.map((c) => c.source.name))].join('; '),
    claims: claimsSummary,
    quantities: quantitiesSummary,
    external_source: e.externalSource,
    external_id: e.externalId,
    version: e.version,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    attributes: JSON.stringify(e.attributes),
    actors_json: JSON.stringify(e.actors.map((a) => ({ id: a.id, name: a.name, kind: a.kind, country: a.country, role: a.role }))),
    claims_json: JSON.stringify(e.claims.map(claimJson)),
  };
}

/** csv-stringify with the options lib/csv.ts used before it wrote cells itself. */
function referenceCsv(rows: Record<string, unknown>[]): string {
  return stringify(rows, {
    header: true,
    columns: NATIVE_COLUMNS.map((key) => ({ key })),
    record_delimiter: '\r\n',
    cast: {
      string: neutraliseFormula,
      boolean: (v) => (v ? 'true' : 'false'),
      number: (v) => String(v),
      date: (v) => v.toISOString(),
      object: (v) => neutraliseFormula(JSON.stringify(v)),
    },
  });
}

const TAG = 'native-render';
const AWKWARD = 'He said, "hold",\r\nthen\nleft\ragain \\ back\u0001\u0008\u000c\u001f ✓ 🛰️ עברית';

describe.each(ENGINES)('native export rendered by the database, on %s', (engine) => {
  let t: TestApp;
  let sourceIds: string[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    await importOk(t, fixture(ACLED_FIXTURE));
    const db = t.database.db;

    const sources = await sql<{ id: string }>`
      insert into sources (name, kind, country, homepage, reliability, party_to_conflict, notes) values
        ('@Evil; "source", with a comma', 'social_media', null, 'http://evil.example/?a="b"&c=,', 'E', true, ${`notes\nwith a line break, a "quote" and ${AWKWARD}`}),
        ('Ünïcode 📰 wire', 'wire', 'UKR', null, 'A', false, null),
        ('=SUM(A1)', 'ngo', 'GBR', '', 'C', false, '')
      returning id`.execute(db);
    sourceIds = sources.rows.map((r) => r.id);
    const actors = await sql<{ id: string }>`
      insert into actors (name, kind, country) values
        ('Army, "North"', 'armed_force', 'PRK'), ('+Unit 7', 'unit', null), ('Zeta; the actor', 'group', 'RUS')
      returning id`.execute(db);
    const [a1, a2, a3] = actors.rows.map((r) => r.id);
    const [s1, s2, s3] = sourceIds;

    const base = {
      kind: 'engagement',
      startDate: '2024-07-01',
      tags: [TAG],
      claims: [{ sourceId: s1!, origin: 'native render', stance: 'asserts', publishedAt: '2024-07-02', quote: 'Placeholder' }],
    };
    const created = async (title: string) => (await createEvent(db, { ...base, title }, { userId: null })).id;

    // Every awkward thing at once: text, tags, attributes, coordinates, four claims (one source twice), actors in both roles.
    const full = await created('full');
    await sql`
      update events set title = ${AWKWARD}, summary = ${'=cmd\ttab first'}, place_name = ${'@home, "sweet"'}, admin2 = '',
        tags = ${sql.val([TAG, 'a; b', '"quoted"', '=formula', ''])}::text[], lat = 1e-7, lon = -0.00001, geo_precision = 'exact',
        attributes = ${'{"b": 1, "10": "ten", "2": {"z": [1.0, 1e2, 12345678901234567890, "\\u00e9\\n"], "a": null}, "aa": true, "": ""}'}::jsonb,
        status_override = 'contested', status_reason = ${'-1 reason, "why"'}
      where id = ${full}`.execute(db);
    await sql`delete from claims where event_id = ${full}`.execute(db);
    const claims = await sql<{ id: string }>`
      insert into claims (event_id, position, source_id, attributed_to, origin, stance, published_at, published_precision, url, archived_url, quote, credibility, retracted, note)
      values
        (${full}, 0, ${s1}, '', 'o1', 'declines_to_comment', '2024-07-03', 'day', ${'http://x.example/?q="a",b'}, null, ${`Quote: "quoted", commas;\r\n${AWKWARD}`}, 6, true, ${'\n'}),
        (${full}, 1, ${s2}, ${'Spokes, "person"'}, 'o2', 'cannot_confirm', '2024-07-04', 'month', null, ${'https://archive.example/x'}, '+plus quote', 1, false, null),
        (${full}, 2, ${s1}, null, 'o3', 'confirms', '2024-07-05', 'week', '', '', '@at quote', 3, false, ''),
        (${full}, 3, ${s3}, 'x', 'o4', 'denies', '2024-07-06', 'year', null, null, '-minus quote', 2, false, ${AWKWARD})
      returning id`.execute(db);
    const [c1, , , c4] = claims.rows.map((r) => r.id);
    await sql`
      insert into claim_quantities (claim_id, position, measure, subject, low, best, high, phrase) values
        (${c1}, 0, 'killed', ${'soldiers, "some"'}, null, null, 5, ''),
        (${c1}, 1, 'wounded', 'civilians', 1, 2, 3, ${'two “exactly”, or so'}),
        (${c4}, 0, 'captured', ${AWKWARD}, 0, 0, null, null)`.execute(db);
    await sql`
      insert into event_actors (event_id, actor_id, role) values
        (${full}, ${a1}, 'subject'), (${full}, ${a2}, 'target'), (${full}, ${a3}, 'subject'), (${full}, ${a3}, 'target')`.execute(db);

    // No claims, no actors, no tags, no coordinates, an end date.
    const bare = await created('bare');
    await sql`delete from claims where event_id = ${bare}`.execute(db);
    await sql`update events set summary = null, tags = '{}', end_date = '2024-07-09', lat = null, lon = null, geo_precision = null where id = ${bare}`.execute(db);

    // Zero and negative zero; text cells that are plain numbers, or sums; an apostrophe already in front.
    const numbers = await created('-0.5');
    await sql`update events set summary = '-2+3', lat = 0, lon = '-0'::float8, geo_precision = 'near', place_name = ${"'=already"} where id = ${numbers}`.execute(db);

    // A deleted event is not exported.
    const deleted = await created('deleted');
    await sql`update events set deleted_at = now() where id = ${deleted}`.execute(db);
  });
  afterAll(() => t?.close());

  async function compare(p: Params) {
    const res = await t.get(`/api/export.csv?${query(p, { columns: 'native' })}`);
    expect(res.status).toBe(200);
    const actual = Buffer.from(await res.arrayBuffer());
    const { columns: _columns, ...filters } = exportQuerySchema.parse(p);
    const rows = await exportQuery(t.database.db, filters).execute();
    const expected = Buffer.from(referenceCsv(rows.map((r) => referenceNativeRow(rowToInterchangeEvent(r)))), 'utf8');
    expect(actual.toString('utf8')).toBe(expected.toString('utf8'));
    expect(actual.equals(expected)).toBe(true);
    return { rows: rows.length, text: actual.toString('utf8') };
  }

  it('writes the awkward events byte for byte as the JavaScript rendering did', async () => {
    const { rows, text } = await compare({ tag: TAG });
    expect(rows).toBe(2);
    // …and the untagged one without claims, actors or coordinates, which ends July 9.
    expect((await compare({ from: '2024-07-09', to: '2024-07-09' })).text).toContain(',bare,,2024-07-01,2024-07-09,');
    // The data is as awkward as meant: lone LF and CR, doubled quotes, a neutralised formula.
    expect(text).toContain('\nleft\ragain');
    expect(text).toContain('""quoted""');
    expect(text).toContain(`"'@Evil; ""source"", with a comma"`);
  });

  it.each([
    ['everything', {}],
    ['a source seen twice in a claim list', { source: 'S1' }],
    ['a kind', { kind: 'statement' }],
    ['a text search', { q: 'north korean' }],
    ['a date range', { from: '2024-12-01', to: '2024-12-15' }],
    ['nothing', { from: '2030-01-01' }],
  ] as [string, Params][])('writes %s byte for byte as the JavaScript rendering did', async (_name, p) => {
    const params = p.source === 'S1' ? { source: sourceIds[0]! } : p;
    await compare(params);
  });
});
