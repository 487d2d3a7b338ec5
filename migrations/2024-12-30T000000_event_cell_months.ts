import { type Kysely, sql } from 'kysely';

/**
 * The map's rollup by month: like event_cells (migration 2024-12-27), live
 * events per level-8 grid cell, kind and status with their coordinate sums,
 * but also per calendar month, for the events whose whole span lies in one
 * month (nearly all of them). Events with no coordinates are counted at
 * level -1 (cx = cy = 0), as in event_cells.
 *
 * A map with a date window of months (a year brushed on the timeline) then
 * reads a dozen rows per cell instead of every event in the window: the whole
 * months inside the window come from here; the days at its edges and the
 * events spanning more than one month come from the events themselves
 * (apps/api/src/repositories/event-cell-months.ts). Level 8 only: it is the
 * grid of the zooms that show the whole region, where a window holds the most
 * events; closer zooms read a viewport's events through the location index.
 *
 * The months of an event: date_trunc on a `timestamp` (not `timestamptz`), so
 * no time zone moves a month and the expression may be indexed.
 *
 * Also: GiST span indexes on the events spanning more than one month, the few
 * a window of whole months must read from the events, and on the events with
 * no place, counted apart; both cover what the map and the filter panel read
 * (facet_months, migration 2024-12-30T010000).
 */
const LEVEL = 8;
const UNLOCATED = -1;
const month = (d: string) => `date_trunc('month', (${d})::timestamp)::date`;
/** The event's span lies in one calendar month. */
const singleMonth = (r = '') => `${month(`${r}start_date`)} = ${month(`coalesce(${r}end_date, ${r}start_date)`)}`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table event_cell_months (
      month date not null,
      level smallint not null,
      cx integer not null,
      cy integer not null,
      kind text not null,
      status text not null,
      n integer not null check (n >= 0),
      sum_lon double precision not null,
      sum_lat double precision not null,
      primary key (month, level, cx, cy, kind, status) include (n, sum_lon, sum_lat)
    )`.execute(db);

  const side = (table: string, sign: 1 | -1) =>
    sql.raw(`
      select ${month('r.start_date')} as month, ${LEVEL} as level,
             floor(r.lon / (360::float8 / 2::float8 ^ ${LEVEL + 2}))::int as cx,
             floor(r.lat / (360::float8 / 2::float8 ^ ${LEVEL + 2}))::int as cy,
             r.kind, r.status, ${sign} as dn, ${sign} * r.lon as dlon, ${sign} * r.lat as dlat
      from ${table} r
      where r.deleted_at is null and r.lat is not null and ${singleMonth('r.')}
      union all
      select ${month('r.start_date')}, ${UNLOCATED}, 0, 0, r.kind, r.status, ${sign}, 0, 0
      from ${table} r
      where r.deleted_at is null and r.lat is null and ${singleMonth('r.')}`);
  // As event_cells': one aggregated delta per statement; emptied rows stay at zero and readers skip them.
  const body = (sides: ReturnType<typeof side>[]) => sql`
    begin
      with delta as (
        select month, level, cx, cy, kind, status, sum(dn)::int as n, sum(dlon) as slon, sum(dlat) as slat
        from (${sql.join(sides, sql` union all `)}) d
        group by month, level, cx, cy, kind, status
        having sum(dn) <> 0 or sum(dlon) <> 0 or sum(dlat) <> 0
      ), shrink as (
        update event_cell_months c
           set n = c.n + d.n,
               sum_lon = case when c.n + d.n = 0 then 0 else c.sum_lon + d.slon end,
               sum_lat = case when c.n + d.n = 0 then 0 else c.sum_lat + d.slat end
          from delta d
         where d.n <= 0 and c.month = d.month and c.level = d.level and c.cx = d.cx and c.cy = d.cy
           and c.kind = d.kind and c.status = d.status
        returning 1
      )
      insert into event_cell_months as c (month, level, cx, cy, kind, status, n, sum_lon, sum_lat)
      select month, level, cx, cy, kind, status, n, slon, slat from delta where n > 0
      on conflict (month, level, cx, cy, kind, status) do update
        set n = c.n + excluded.n, sum_lon = c.sum_lon + excluded.sum_lon, sum_lat = c.sum_lat + excluded.sum_lat;
      return null;
    end`;
  const fn = (name: string, sides: ReturnType<typeof side>[]) =>
    sql`create function ${sql.raw(name)}() returns trigger language plpgsql as $$ ${body(sides)} $$`;
  await fn('event_cell_months_on_insert', [side('new_rows', 1)]).execute(db);
  await fn('event_cell_months_on_update', [side('old_rows', -1), side('new_rows', 1)]).execute(db);
  await fn('event_cell_months_on_delete', [side('old_rows', -1)]).execute(db);
  await sql`create trigger event_cell_months_insert after insert on events referencing new table as new_rows
            for each statement execute function event_cell_months_on_insert()`.execute(db);
  await sql`create trigger event_cell_months_update after update on events referencing old table as old_rows new table as new_rows
            for each statement execute function event_cell_months_on_update()`.execute(db);
  await sql`create trigger event_cell_months_delete after delete on events referencing old table as old_rows
            for each statement execute function event_cell_months_on_delete()`.execute(db);

  await sql`
    insert into event_cell_months (month, level, cx, cy, kind, status, n, sum_lon, sum_lat)
    select month, level, cx, cy, kind, status, sum(dn)::int, sum(dlon), sum(dlat)
    from (${side('events', 1)}) d
    group by month, level, cx, cy, kind, status`.execute(db);

  await sql.raw(`
    create index events_span_months on events using gist (daterange(start_date, coalesce(end_date, start_date), '[]'))
      include (id, kind, status, start_date, end_date, lat, lon, tags)
      where deleted_at is null and not (${singleMonth()})`).execute(db);
  // The events with no place in a window's edge days: usually few (statements), never worth the whole span index.
  await sql`
    create index events_span_unlocated on events using gist (daterange(start_date, coalesce(end_date, start_date), '[]'))
      include (id, kind, status, start_date, end_date, tags)
      where deleted_at is null and lat is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists events_span_unlocated`.execute(db);
  await sql`drop index if exists events_span_months`.execute(db);
  for (const op of ['insert', 'update', 'delete']) {
    await sql`drop trigger if exists ${sql.raw(`event_cell_months_${op}`)} on events`.execute(db);
    await sql`drop function if exists ${sql.raw(`event_cell_months_on_${op}`)}()`.execute(db);
  }
  await sql`drop table if exists event_cell_months`.execute(db);
}
