import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../scripts/bench/generate.js';
import { createTestDatabase, ENGINES } from '../support/database.js';

/**
 * The bench's dataset is reproducible: the same options give the same
 * events, claims and figures, row for row, in a fresh database. Several
 * batches, so that each batch's own seed and the vacuum between batches
 * (which changes the order in which the next batch's statements visit
 * rows) are part of what is compared.
 */
const fingerprint = async (db: Awaited<ReturnType<typeof createTestDatabase>>['db']) =>
  (
    await sql<{ events: string; claims: string; figures: string; n: number }>`
      select
        (select md5(string_agg(row(external_id, kind, title, summary, start_date, end_date, date_precision, place_name,
                                   lat, lon, geo_precision, tags, derived_status)::text, ',' order by external_id::int))
           from events) as events,
        (select md5(string_agg(row(id, event_id, position, source_id, attributed_to, origin, stance, published_at,
                                   quote, credibility)::text, ',' order by id))
           from claims) as claims,
        (select md5(string_agg(row(claim_id, position, measure, subject, low, best, high, phrase)::text, ',' order by claim_id, position))
           from claim_quantities) as figures,
        (select count(*)::int from claim_quantities) as n`.execute(db)
  ).rows[0]!;

describe.each(ENGINES)('the bench dataset (%s)', (engine) => {
  it('is the same, row for row, each time it is generated with the same options', async () => {
    const prints = [];
    for (const seed of [0.42, 0.42, 0.7]) {
      const t = await createTestDatabase(engine);
      try {
        await generateDataset(t.db, { events: 1_200, batch: 500, seed });
        prints.push(await fingerprint(t.db));
      } finally {
        await t.drop();
      }
    }
    const [first, again, otherSeed] = prints;
    expect(first!.n).toBeGreaterThan(100);
    expect(again).toEqual(first);
    // The fingerprint tells datasets apart: another seed draws other events, claims and figures.
    expect(otherSeed!.events).not.toBe(first!.events);
    expect(otherSeed!.claims).not.toBe(first!.claims);
    expect(otherSeed!.figures).not.toBe(first!.figures);
  }, 120_000);
});
