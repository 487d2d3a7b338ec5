import { type Kysely, sql } from 'kysely';

/**
 * A rollup of live events per (start date, end of span, kind, status), kept
 * exact by a trigger in the same transaction as every write. The timeline,
 * the list's total and the kind/status facets read it instead of counting a
 * million events whenever the filters are only dates, kinds and statuses;
 * any other filter goes to the events themselves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table event_counts (
      start_date date not null,
      span_end date not null,
      kind text not null,
      status text not null,
      n integer not null check (n >= 0),
      primary key (start_date, span_end, kind, status)
    )`.execute(db);

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

  // Only when a counted column changes: most updates (claims, text) leave the rollup alone.
  await sql`
    create trigger event_counts_insert_delete after insert or delete on events
      for each row execute function event_counts_track()`.execute(db);
  await sql`
    create trigger event_counts_update after update of start_date, end_date, kind, status_override, derived_status, deleted_at on events
      for each row execute function event_counts_track()`.execute(db);

  await sql`
    insert into event_counts (start_date, span_end, kind, status, n)
    select start_date, coalesce(end_date, start_date), kind, status, count(*)::int
    from events where deleted_at is null
    group by 1, 2, 3, 4`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists event_counts_update on events`.execute(db);
  await sql`drop trigger if exists event_counts_insert_delete on events`.execute(db);
  await sql`drop function if exists event_counts_track()`.execute(db);
  await sql`drop table if exists event_counts`.execute(db);
}
