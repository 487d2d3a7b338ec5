import { type Kysely, sql } from 'kysely';

/**
 * The event_counts rollup (migration 2024-12-23) kept by statement-level
 * triggers instead of row-level ones: each INSERT, UPDATE or DELETE on
 * events adds up its rows per (start date, end of span, kind, status) from
 * the statement's transition tables and writes one change per group, so an
 * import of a thousand events a statement costs a handful of upserts, not a
 * thousand (and no longer piles up a thousand versions of the same rollup
 * row in one transaction). The counts stay exact in the same transaction as
 * every write, as before.
 *
 * Transition tables need one trigger per operation, and an UPDATE trigger
 * with them cannot name columns (`update of …`): the update function nets
 * the old rows (−1) against the new ones (+1), so an update that leaves the
 * counted columns (start and end date, kind, status, deleted_at) alone
 * changes nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists event_counts_update on events`.execute(db);
  await sql`drop trigger if exists event_counts_insert_delete on events`.execute(db);
  await sql`drop function if exists event_counts_track()`.execute(db);

  await sql`
    create function event_counts_after_insert() returns trigger language plpgsql as $$
    begin
      insert into event_counts as c (start_date, span_end, kind, status, n)
      select start_date, coalesce(end_date, start_date), kind, status, count(*)::int
        from new_events where deleted_at is null
       group by 1, 2, 3, 4
      on conflict (start_date, span_end, kind, status) do update set n = c.n + excluded.n;
      return null;
    end $$`.execute(db);

  await sql`
    create function event_counts_after_delete() returns trigger language plpgsql as $$
    begin
      update event_counts c set n = c.n - d.n
        from (select start_date, coalesce(end_date, start_date) as span_end, kind, status, count(*)::int as n
                from old_events where deleted_at is null
               group by 1, 2, 3, 4) d
       where c.start_date = d.start_date and c.span_end = d.span_end and c.kind = d.kind and c.status = d.status;
      return null;
    end $$`.execute(db);

  // Old rows count -1 and new rows +1 per group; what nets to zero moved nothing. Increments are
  // upserts, decrements updates (an insert of a negative n would fail the n >= 0 check before ON
  // CONFLICT is considered), each statement reading the transition tables.
  const moved = sql.raw(`
    select start_date, span_end, kind, status, sum(n)::int as n
      from (select start_date, coalesce(end_date, start_date) as span_end, kind, status, -1 as n
              from old_events where deleted_at is null
            union all
            select start_date, coalesce(end_date, start_date), kind, status, 1
              from new_events where deleted_at is null) rows
     group by 1, 2, 3, 4
    having sum(n) <> 0`);
  await sql`
    create function event_counts_after_update() returns trigger language plpgsql as $$
    begin
      insert into event_counts as c (start_date, span_end, kind, status, n)
      select start_date, span_end, kind, status, n from (${moved}) g where n > 0
      on conflict (start_date, span_end, kind, status) do update set n = c.n + excluded.n;
      update event_counts c set n = c.n + g.n
        from (${moved}) g
       where g.n < 0 and c.start_date = g.start_date and c.span_end = g.span_end and c.kind = g.kind and c.status = g.status;
      return null;
    end $$`.execute(db);

  await sql`
    create trigger event_counts_insert after insert on events
      referencing new table as new_events
      for each statement execute function event_counts_after_insert()`.execute(db);
  await sql`
    create trigger event_counts_update after update on events
      referencing old table as old_events new table as new_events
      for each statement execute function event_counts_after_update()`.execute(db);
  await sql`
    create trigger event_counts_delete after delete on events
      referencing old table as old_events
      for each statement execute function event_counts_after_delete()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists event_counts_delete on events`.execute(db);
  await sql`drop trigger if exists event_counts_update on events`.execute(db);
  await sql`drop trigger if exists event_counts_insert on events`.execute(db);
  await sql`drop function if exists event_counts_after_update()`.execute(db);
  await sql`drop function if exists event_counts_after_delete()`.execute(db);
  await sql`drop function if exists event_counts_after_insert()`.execute(db);

  // The row-level triggers of 2024-12-23, as they were.
  await sql`
    create function event_counts_track() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.deleted_at is null then
        update event_counts set n = n - 1
         where start_date = old.start_date and span_end = coalesce(old.end_date, old.start_date)
           and kind = old.kind and status = old.status;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.deleted_at is null then
        insert into event_counts (start_date, span_end, kind, status, n)
        values (new.start_date, coalesce(new.end_date, new.start_date), new.kind, new.status, 1)
        on conflict (start_date, span_end, kind, status) do update set n = event_counts.n + 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger event_counts_insert_delete after insert or delete on events
      for each row execute function event_counts_track()`.execute(db);
  await sql`
    create trigger event_counts_update after update of start_date, end_date, kind, status_override, derived_status, deleted_at on events
      for each row execute function event_counts_track()`.execute(db);
}
