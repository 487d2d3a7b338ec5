import { type Kysely, type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../apps/api/src/db/schema.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/database.js';

/**
 * The database refuses bad data on its own, even when the API is bypassed:
 * raw SQL inserts straight into the tables, on both engines. Each refusal is
 * checked by SQLSTATE and by the constraint's name, so a row refused for
 * another reason (a typo in the test) does not count.
 */

const SOURCE = '11111111-1111-4111-8111-111111111111';
const EVENT = '22222222-2222-4222-8222-222222222222';
const CLAIM = '33333333-3333-4333-8333-333333333333';

type Row = Record<string, unknown>;

const goodSource = (over: Row = {}): Row => ({ name: `Source ${Math.random()}`, kind: 'wire', reliability: 'B', ...over });
const goodEvent = (over: Row = {}): Row => ({
  kind: 'engagement',
  title: 'A valid event',
  start_date: '2024-12-09',
  date_precision: 'day',
  derived_status: 'single_source',
  search: sql`to_tsvector('english', 'a valid event')`,
  ...over,
});
const goodClaim = (over: Row = {}): Row => ({
  event_id: EVENT,
  position: Math.floor(Math.random() * 1e9),
  source_id: SOURCE,
  origin: 'someone',
  stance: 'asserts',
  published_at: '2024-12-10',
  quote: 'words',
  credibility: 3,
  ...over,
});
const goodQuantity = (over: Row = {}): Row => ({
  claim_id: CLAIM,
  position: Math.floor(Math.random() * 1e9),
  measure: 'killed',
  subject: 'DPRK forces',
  low: 10,
  best: 20,
  high: 30,
  ...over,
});

const CHECK = '23514';
const UNIQUE = '23505';
const FOREIGN_KEY = '23503';

/** [what, table, row, SQLSTATE, constraint] */
const REFUSED: [string, string, Row, string, string][] = [
  ['an end before the start', 'events', goodEvent({ start_date: '2024-12-09', end_date: '2024-12-08' }), CHECK, 'events_date_order'],
  ['lat without lon', 'events', goodEvent({ lat: 51.4, geo_precision: 'region' }), CHECK, 'events_coordinates_together'],
  ['lon without lat', 'events', goodEvent({ lon: 35.3, geo_precision: 'region' }), CHECK, 'events_coordinates_together'],
  ['lat 91', 'events', goodEvent({ lat: 91, lon: 0, geo_precision: 'exact' }), CHECK, 'events_lat_check'],
  ['lon -180.5', 'events', goodEvent({ lat: 0, lon: -180.5, geo_precision: 'exact' }), CHECK, 'events_lon_check'],
  ['coordinates without a precision', 'events', goodEvent({ lat: 51.4, lon: 35.3 }), CHECK, 'events_coordinates_have_precision'],
  ['an unknown kind', 'events', goodEvent({ kind: 'battle' }), CHECK, 'events_kind_check'],
  ['an unknown date precision', 'events', goodEvent({ date_precision: 'decade' }), CHECK, 'events_date_precision_check'],
  ['an unknown geo precision', 'events', goodEvent({ lat: 1, lon: 1, geo_precision: 'somewhere' }), CHECK, 'events_geo_precision_check'],
  ['an unknown status', 'events', goodEvent({ derived_status: 'probable' }), CHECK, 'events_derived_status_check'],
  ['an override with a blank reason', 'events', goodEvent({ status_override: 'denied', status_reason: '  ' }), CHECK, 'events_override_has_reason'],
  ['a NaN latitude', 'events', goodEvent({ lat: Number.NaN, lon: 0, geo_precision: 'exact' }), CHECK, 'events_lat_check'],
  ['a blank title', 'events', goodEvent({ title: '   ' }), CHECK, 'events_title_check'],
  ['a country that is not alpha-3', 'events', goodEvent({ country: 'ru' }), CHECK, 'events_country_check'],
  ['external_source without external_id', 'events', goodEvent({ external_source: 'acled' }), CHECK, 'events_external_together'],
  ['an unknown stance', 'claims', goodClaim({ stance: 'hints' }), CHECK, 'claims_stance_check'],
  ['credibility 7', 'claims', goodClaim({ credibility: 7 }), CHECK, 'claims_credibility_check'],
  ['credibility 0', 'claims', goodClaim({ credibility: 0 }), CHECK, 'claims_credibility_check'],
  ['a blank quote', 'claims', goodClaim({ quote: ' ' }), CHECK, 'claims_quote_check'],
  ['a claim from no source', 'claims', goodClaim({ source_id: '44444444-4444-4444-8444-444444444444' }), FOREIGN_KEY, 'claims_source_id_fkey'],
  ['a claim on no event', 'claims', goodClaim({ event_id: '44444444-4444-4444-8444-444444444444' }), FOREIGN_KEY, 'claims_event_id_fkey'],
  ['reliability G', 'sources', goodSource({ reliability: 'G' }), CHECK, 'sources_reliability_check'],
  ['an unknown source kind', 'sources', goodSource({ kind: 'rumour' }), CHECK, 'sources_kind_check'],
  ['low above best', 'claim_quantities', goodQuantity({ low: 21, best: 20, high: 30 }), CHECK, 'quantities_order'],
  ['best above high', 'claim_quantities', goodQuantity({ low: 10, best: 31, high: 30 }), CHECK, 'quantities_order'],
  ['low above high with no best', 'claim_quantities', goodQuantity({ low: 31, best: null, high: 30 }), CHECK, 'quantities_order'],
  ['a negative count', 'claim_quantities', goodQuantity({ low: -1 }), CHECK, 'claim_quantities_low_check'],
  ['an unknown measure', 'claim_quantities', goodQuantity({ measure: 'injured' }), CHECK, 'claim_quantities_measure_check'],
  ['an unknown actor role', 'event_actors', { event_id: EVENT, actor_id: EVENT, role: 'bystander' }, CHECK, 'event_actors_role_check'],
];

describe.each(ENGINES)('database constraints on %s', (engine) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.db;
    await insert('sources', goodSource({ id: SOURCE }));
    await insert('events', goodEvent({ id: EVENT, end_date: '2024-12-12', external_source: 'acled', external_id: 'RUS1' }));
    await insert('claims', goodClaim({ id: CLAIM }));
  });
  afterAll(() => database?.drop());

  function insert(table: string, row: Row) {
    const values = Object.values(row).map((v) => (isRaw(v) ? v : sql.val(v)));
    return sql`insert into ${sql.table(table)} (${sql.join(Object.keys(row).map((k) => sql.ref(k)))}) values (${sql.join(values)})`.execute(db);
  }

  it('accepts the valid rows every refusal below is a variation of', async () => {
    await insert('events', goodEvent({ lat: -12.5, lon: -0.5, geo_precision: 'exact', end_date: '2024-12-09' }));
    await insert('claims', goodClaim({ credibility: 1 }));
    await insert('claim_quantities', goodQuantity());
    await insert('claim_quantities', goodQuantity({ low: 5, best: null, high: null }));
    await insert('sources', goodSource({ reliability: 'F' }));
  });

  it.each(REFUSED)('refuses %s', async (_what, table, row, code, constraint) => {
    await expect(insert(table, row)).rejects.toMatchObject({ code, constraint });
  });

  // The first migration's CHECK was NULL, and so passed, for a NULL reason;
  // migration 2024-12-24 makes it false.
  it('refuses an override whose reason is NULL', async () => {
    await expect(insert('events', goodEvent({ status_override: 'denied', status_reason: null }))).rejects.toMatchObject({
      code: CHECK,
      constraint: 'events_override_has_reason',
    });
  });

  it('refuses a second event with the same (external_source, external_id), not the same id alone', async () => {
    await expect(insert('events', goodEvent({ external_source: 'acled', external_id: 'RUS1' }))).rejects.toMatchObject({
      code: UNIQUE,
      constraint: 'events_external_unique',
    });
    await insert('events', goodEvent({ external_source: 'ucdp', external_id: 'RUS1' }));
    await insert('events', goodEvent({ external_source: 'acled', external_id: 'RUS2' }));
  });

  it('refuses two claims at one position of an event', async () => {
    await insert('claims', goodClaim({ position: 0 }));
    await expect(insert('claims', goodClaim({ position: 0 }))).rejects.toMatchObject({ code: UNIQUE, constraint: 'claims_position_unique' });
  });

  it('refuses to write the generated status', async () => {
    await expect(insert('events', goodEvent({ status: 'denied' }))).rejects.toMatchObject({ code: '428C9' });
  });

  it("returns `date` columns as the 'YYYY-MM-DD' strings stored, whatever the process time zone", async () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        const event = await db.selectFrom('events').select(['start_date', 'end_date', 'created_at']).where('id', '=', EVENT).executeTakeFirstOrThrow();
        expect(event.start_date, zone).toBe('2024-12-09');
        expect(event.end_date, zone).toBe('2024-12-12');
        expect(event.created_at).toBeInstanceOf(Date);
        const claim = await db.selectFrom('claims').select('published_at').where('id', '=', CLAIM).executeTakeFirstOrThrow();
        expect(claim.published_at, zone).toBe('2024-12-10');
        const { rows } = await sql<{ leap: string; first: string; none: null }>`select '2024-02-29'::date as leap, '0001-01-01'::date as first, null::date as none`.execute(db);
        expect(rows[0]).toEqual({ leap: '2024-02-29', first: '0001-01-01', none: null });
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

function isRaw(v: unknown): v is RawBuilder<unknown> {
  return typeof v === 'object' && v !== null && 'toOperationNode' in v;
}
