import { type Kysely, sql } from 'kysely';

/**
 * figures: one row per claimed figure (claim_quantities) with what the
 * estimates view filters and orders it by, copied from its claim (the
 * publication date) and its event (dates, kind, status, place, live or
 * deleted), so that the latest figures of a subject under dates, kinds,
 * statuses and a box are read from one index, walked back from the newest,
 * instead of from each event's claims and each claim's figures. At a million
 * events that walk took 0.8 s for a month and 3 s for the front-line box,
 * two index probes per event (docs/BENCHMARKS.md, stop 16).
 *
 * Kept by statement triggers, in the same transaction as every write:
 * - figures are added when quantities are inserted (the import's batch
 *   statement too: its events and claims are in when the statement's
 *   triggers run) and follow their quantity's measure, subject and position;
 * - they go with their quantity (foreign key, on delete cascade), so with
 *   their claim and their event;
 * - a claim's new publication date and an event's new dates, kind, status,
 *   place or deletion are copied to its figures.
 * test/support/rollups.ts recomputes the table from the quantities and
 * compares.
 *
 * The subject is kept as written and in lower case (`subject_key`, what the
 * view matches), so that the index covers every filter and an index-only
 * scan chooses the figures; deleted events' figures stay, out of the index.
 */
export const COPIED = sql.raw(`
  select q.id, q.claim_id, c.event_id, q.position, q.measure, q.subject, lower(q.subject), c.published_at,
         e.deleted_at is null, e.start_date, coalesce(e.end_date, e.start_date), e.kind, e.status, e.lon, e.lat`);
export const COLUMNS = sql.raw(`
  quantity_id, claim_id, event_id, position, measure, subject, subject_key, published_at,
  live, start_date, span_end, kind, status, lon, lat`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table figures (
      quantity_id uuid primary key references claim_quantities (id) on delete cascade,
      claim_id uuid not null,
      event_id uuid not null,
      position integer not null,
      measure text not null,
      subject text not null,
      subject_key text not null,
      published_at date not null,
      live boolean not null,
      start_date date not null,
      span_end date not null,
      kind text not null,
      status text not null,
      lon double precision,
      lat double precision
    )`.execute(db);

  await sql`insert into figures (${COLUMNS}) ${COPIED} from claim_quantities q join claims c on c.id = q.claim_id join events e on e.id = c.event_id`.execute(db);

  // The view's walk: a subject's live figures, newest first, every filter and the series' grouping in the index.
  await sql`
    create index figures_latest on figures (subject_key, published_at desc, claim_id desc, position desc)
      include (quantity_id, measure, subject, start_date, span_end, kind, status, lon, lat) where live`.execute(db);
  // The series: every live figure under the filters, grouped by measure and subject, from the index alone.
  await sql`
    create index figures_series on figures (measure, subject) include (start_date, span_end, kind, status, lon, lat) where live`.execute(db);
  // The triggers find an event's and a claim's figures.
  await sql`create index figures_event on figures (event_id)`.execute(db);
  await sql`create index figures_claim on figures (claim_id)`.execute(db);

  await sql`
    create function figures_after_quantities_insert() returns trigger language plpgsql as $$
    begin
      insert into figures (${COLUMNS}) ${COPIED}
        from new_quantities q join claims c on c.id = q.claim_id join events e on e.id = c.event_id;
      return null;
    end $$`.execute(db);
  await sql`
    create function figures_after_quantities_update() returns trigger language plpgsql as $$
    begin
      update figures f set position = q.position, measure = q.measure, subject = q.subject, subject_key = lower(q.subject)
        from new_quantities q
       where f.quantity_id = q.id
         and (f.position, f.measure, f.subject) is distinct from (q.position, q.measure, q.subject);
      return null;
    end $$`.execute(db);
  await sql`
    create function figures_after_claims_update() returns trigger language plpgsql as $$
    begin
      update figures f set published_at = c.published_at, event_id = c.event_id, live = e.deleted_at is null,
             start_date = e.start_date, span_end = coalesce(e.end_date, e.start_date), kind = e.kind, status = e.status,
             lon = e.lon, lat = e.lat
        from new_claims c join events e on e.id = c.event_id
       where f.claim_id = c.id
         and (f.published_at, f.event_id) is distinct from (c.published_at, c.event_id);
      return null;
    end $$`.execute(db);
  await sql`
    create function figures_after_events_update() returns trigger language plpgsql as $$
    begin
      update figures f set live = e.deleted_at is null, start_date = e.start_date, span_end = coalesce(e.end_date, e.start_date),
             kind = e.kind, status = e.status, lon = e.lon, lat = e.lat
        from new_events e
       where f.event_id = e.id
         and (f.live, f.start_date, f.span_end, f.kind, f.status, f.lon, f.lat)
             is distinct from (e.deleted_at is null, e.start_date, coalesce(e.end_date, e.start_date), e.kind, e.status, e.lon, e.lat);
      return null;
    end $$`.execute(db);

  await sql`
    create trigger figures_quantities_insert after insert on claim_quantities
      referencing new table as new_quantities for each statement execute function figures_after_quantities_insert()`.execute(db);
  await sql`
    create trigger figures_quantities_update after update on claim_quantities
      referencing new table as new_quantities for each statement execute function figures_after_quantities_update()`.execute(db);
  await sql`
    create trigger figures_claims_update after update on claims
      referencing new table as new_claims for each statement execute function figures_after_claims_update()`.execute(db);
  await sql`
    create trigger figures_events_update after update on events
      referencing new table as new_events for each statement execute function figures_after_events_update()`.execute(db);

  await sql`analyze figures`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger figures_events_update on events`.execute(db);
  await sql`drop trigger figures_claims_update on claims`.execute(db);
  await sql`drop trigger figures_quantities_update on claim_quantities`.execute(db);
  await sql`drop trigger figures_quantities_insert on claim_quantities`.execute(db);
  await sql`drop function figures_after_events_update()`.execute(db);
  await sql`drop function figures_after_claims_update()`.execute(db);
  await sql`drop function figures_after_quantities_update()`.execute(db);
  await sql`drop function figures_after_quantities_insert()`.execute(db);
  await sql`drop table figures`.execute(db);
}
