import { type Kysely, sql } from 'kysely';
import { COLUMNS, COPIED } from './2025-01-08T000000_figures.js';

/**
 * An import's new figures go into the `figures` table once, at the end of
 * the import, as its new events go into the other rollups (migration
 * 2025-01-01).
 *
 * The quantities' insert trigger (migration 2025-01-08) joins each batch's
 * new figures to their claims and events. While the claims table is small
 * enough, as in a first import, the planner hashed all of it for every
 * batch (a few thousand figures against every claim so far; with millions
 * of claims it looks each one up by key instead): the trigger took
 * 7.0–8.0 s of the database's 26–29 s of CPU in a 100k-row ACLED import
 * into an empty database. With this migration the import took 23–26 s
 * instead of 29–33 s (three runs each, alternated). Now the trigger is skipped while the
 * importer's statement that inserts new events runs with
 * `claimline.rollups` at `deferred`, and claimline_figures_new_events adds
 * every figure of the import's new events in one statement, before it
 * commits. Every other writer (updates, the import's replaced events, the
 * API) keeps the trigger. test/api/import-rollups.test.ts compares the
 * table after an import with the table recomputed from the quantities.
 */
const GATE = sql.raw(`coalesce(current_setting('claimline.rollups', true), '') <> 'deferred'`);

async function recreateTrigger(db: Kysely<any>, gated: boolean): Promise<void> {
  await sql`drop trigger figures_quantities_insert on claim_quantities`.execute(db);
  await sql`
    create trigger figures_quantities_insert after insert on claim_quantities
      referencing new table as new_quantities for each statement ${gated ? sql`when (${GATE})` : sql``}
      execute function figures_after_quantities_insert()`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await recreateTrigger(db, true);
  await sql`
    create function claimline_figures_new_events(ids uuid[]) returns void language plpgsql as $$
    begin
      insert into figures (${COLUMNS}) ${COPIED}
        from unnest(ids) as n(id)
        join events e on e.id = n.id
        join claims c on c.event_id = e.id
        join claim_quantities q on q.claim_id = c.id;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function claimline_figures_new_events(uuid[])`.execute(db);
  await recreateTrigger(db, false);
}
