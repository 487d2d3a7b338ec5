import { type Kysely, sql } from 'kysely';

/**
 * event_words: each live event's full-text document with the few columns
 * the aggregates count by (its dates, kind, status and place), in a table
 * of their own with its own full-text index, so that a text query's
 * timeline, map and filter panel read the matches from narrow rows.
 *
 * A text query has no rollup: its aggregates count every match. At a
 * million events a common word ("Sudzha", 83,951 matches) visited 42,698 of
 * the events table's 52,858 pages (413 MB, 417 bytes a row), which do not
 * fit PostgreSQL's default 128 MB of shared buffers: 160-190 ms of SQL for
 * its timeline, the same for its map. The same matches in this table's 235
 * bytes a row (27,287 pages of 224 MB) take 75-80 ms. The document is most
 * of a row (135 bytes on average) and has to be here: a GIN index serves
 * only its own table's column.
 *
 * Only live events have a row (deleted ones are removed, restored ones put
 * back). Kept by statement triggers on events, as the rollups are: the
 * insert trigger skips an import's new events (`claimline.rollups` at
 * `deferred`, migration 2025-01-01), which the import adds at its end with
 * claimline_words_new_events, beside claimline_rollup_new_events. An update
 * rewrites only the rows whose copied columns changed. No foreign key: the
 * delete trigger removes the rows, so an import's rows cost no key checks.
 * test/support/rollups.ts compares the table with the events.
 */
const GATE = `coalesce(current_setting('claimline.rollups', true), '') <> 'deferred'`;
const COLUMNS = 'event_id, search, start_date, span_end, kind, status, lon, lat';
const FROM_EVENT = (e: string) => `${e}.id, ${e}.search, ${e}.start_date, coalesce(${e}.end_date, ${e}.start_date), ${e}.kind, ${e}.status, ${e}.lon, ${e}.lat`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table event_words (
      event_id uuid primary key,
      search tsvector not null,
      start_date date not null,
      span_end date not null,
      kind text not null,
      status text not null,
      lon double precision,
      lat double precision
    )`.execute(db);
  await sql.raw(`insert into event_words (${COLUMNS}) select ${FROM_EVENT('e')} from events e where e.deleted_at is null`).execute(db);
  await sql`create index event_words_search on event_words using gin (search)`.execute(db);

  for (const statement of [
    `create function event_words_on_insert() returns trigger language plpgsql as $$
      begin
        insert into event_words (${COLUMNS}) select ${FROM_EVENT('n')} from new_rows n where n.deleted_at is null;
        return null;
      end $$`,
    `create function event_words_on_update() returns trigger language plpgsql as $$
      begin
        delete from event_words w using new_rows n where w.event_id = n.id and n.deleted_at is not null;
        insert into event_words as w (${COLUMNS})
        select ${FROM_EVENT('n')} from new_rows n where n.deleted_at is null
        on conflict (event_id) do update
          set search = excluded.search, start_date = excluded.start_date, span_end = excluded.span_end,
              kind = excluded.kind, status = excluded.status, lon = excluded.lon, lat = excluded.lat
          where (w.search, w.start_date, w.span_end, w.kind, w.status, w.lon, w.lat)
                is distinct from (excluded.search, excluded.start_date, excluded.span_end, excluded.kind, excluded.status, excluded.lon, excluded.lat);
        return null;
      end $$`,
    `create function event_words_on_delete() returns trigger language plpgsql as $$
      begin
        delete from event_words w using old_rows o where w.event_id = o.id;
        return null;
      end $$`,
    `create function claimline_words_new_events(ids uuid[]) returns void language plpgsql as $$
      begin
        insert into event_words (${COLUMNS})
        select ${FROM_EVENT('e')} from unnest(ids) as n(id) join events e on e.id = n.id where e.deleted_at is null;
      end $$`,
    `create trigger event_words_insert after insert on events referencing new table as new_rows
        for each statement when (${GATE}) execute function event_words_on_insert()`,
    `create trigger event_words_update after update on events referencing new table as new_rows
        for each statement execute function event_words_on_update()`,
    `create trigger event_words_delete after delete on events referencing old table as old_rows
        for each statement execute function event_words_on_delete()`,
  ]) {
    await sql.raw(statement).execute(db);
  }
  await sql`analyze event_words`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger event_words_insert on events`.execute(db);
  await sql`drop trigger event_words_update on events`.execute(db);
  await sql`drop trigger event_words_delete on events`.execute(db);
  await sql`drop function event_words_on_insert(), event_words_on_update(), event_words_on_delete(), claimline_words_new_events(uuid[])`.execute(db);
  await sql`drop table event_words`.execute(db);
}
