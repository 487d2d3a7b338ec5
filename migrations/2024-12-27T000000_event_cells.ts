import { type Kysely, sql } from 'kysely';

/**
 * The map's rollup: live, located events per grid cell, kind and status, with
 * the sums of their coordinates (for a cluster's centroid), at three levels
 * of the map's grid. A level-L cell is 360 / 2^(L+2) degrees wide, the grid
 * the map clusters on at zoom L (apps/api/src/repositories/map.ts); cells
 * nest, so any coarser zoom regroups a level exactly. Statement-level
 * triggers keep it exact in the same transaction as every write, one
 * aggregated upsert per statement however many rows it touches.
 *
 * Events with no coordinates are counted too, at level -1 (cx = cy = 0), so
 * the map's "not on the map" figure comes from the same table.
 *
 * The levels are frozen here (a migration does not change); map.ts repeats
 * them as EVENT_CELL_LEVELS and a test checks the two against each other.
 *
 * Also: the location index covers the columns the map and the counts read
 * (kind, status, dates and the coordinates themselves), so a viewport is
 * answered by an index-only scan once the table is vacuumed.
 */
const LEVELS = [8, 10, 12];
/** The level of the one row per kind and status counting live events with no coordinates. */
const UNLOCATED = -1;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table event_cells (
      level smallint not null,
      cx integer not null,
      cy integer not null,
      kind text not null,
      status text not null,
      n integer not null check (n >= 0),
      sum_lon double precision not null,
      sum_lat double precision not null,
      primary key (level, cx, cy, kind, status) include (n, sum_lon, sum_lat)
    )`.execute(db);
  // Boxes that are wide and short read by row, the others by column; both indexes cover what is read.
  await sql`create index event_cells_rows on event_cells (level, cy, cx) include (kind, status, n, sum_lon, sum_lat)`.execute(db);

  // One delta per statement: -1 per old live located row, +1 per new one, grouped by cell; zero-sum groups are skipped.
  const levels = `(values ${LEVELS.map((l) => `(${l})`).join(', ')})`;
  const side = (table: string, sign: 1 | -1) =>
    sql.raw(`
      select l.level, floor(r.lon / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cx,
             floor(r.lat / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cy,
             r.kind, r.status, ${sign} as dn, ${sign} * r.lon as dlon, ${sign} * r.lat as dlat
      from ${table} r cross join ${levels} l(level)
      where r.deleted_at is null and r.lat is not null
      union all
      select ${UNLOCATED}, 0, 0, r.kind, r.status, ${sign}, 0, 0
      from ${table} r
      where r.deleted_at is null and r.lat is null`);
  const body = (sides: ReturnType<typeof side>[]) => sql`
    begin
      with delta as (
        select level, cx, cy, kind, status, sum(dn)::int as n, sum(dlon) as slon, sum(dlat) as slat
        from (${sql.join(sides, sql` union all `)}) d
        group by level, cx, cy, kind, status
        having sum(dn) <> 0 or sum(dlon) <> 0 or sum(dlat) <> 0
      ), shrink as (
        -- Losses always hit existing rows. An emptied row stays, at zero, for the next event there: deleting it
        -- here would touch a row this statement has just updated. Readers skip zero rows.
        update event_cells c
           set n = c.n + d.n,
               sum_lon = case when c.n + d.n = 0 then 0 else c.sum_lon + d.slon end,
               sum_lat = case when c.n + d.n = 0 then 0 else c.sum_lat + d.slat end
          from delta d
         where d.n <= 0 and c.level = d.level and c.cx = d.cx and c.cy = d.cy and c.kind = d.kind and c.status = d.status
        returning 1
      )
      insert into event_cells as c (level, cx, cy, kind, status, n, sum_lon, sum_lat)
      select level, cx, cy, kind, status, n, slon, slat from delta where n > 0
      on conflict (level, cx, cy, kind, status) do update
        set n = c.n + excluded.n, sum_lon = c.sum_lon + excluded.sum_lon, sum_lat = c.sum_lat + excluded.sum_lat;
      return null;
    end`;
  const fn = (name: string, sides: ReturnType<typeof side>[]) =>
    sql`create function ${sql.raw(name)}() returns trigger language plpgsql as $$ ${body(sides)} $$`;
  await fn('event_cells_on_insert', [side('new_rows', 1)]).execute(db);
  await fn('event_cells_on_update', [side('old_rows', -1), side('new_rows', 1)]).execute(db);
  await fn('event_cells_on_delete', [side('old_rows', -1)]).execute(db);
  await sql`create trigger event_cells_insert after insert on events referencing new table as new_rows
            for each statement execute function event_cells_on_insert()`.execute(db);
  await sql`create trigger event_cells_update after update on events referencing old table as old_rows new table as new_rows
            for each statement execute function event_cells_on_update()`.execute(db);
  await sql`create trigger event_cells_delete after delete on events referencing old table as old_rows
            for each statement execute function event_cells_on_delete()`.execute(db);

  await sql`
    insert into event_cells (level, cx, cy, kind, status, n, sum_lon, sum_lat)
    select level, cx, cy, kind, status, sum(dn)::int, sum(dlon), sum(dlat)
    from (${side('events', 1)}) d
    group by level, cx, cy, kind, status`.execute(db);

  await sql`drop index events_location`.execute(db);
  await sql`
    create index events_location on events using gist (point(lon, lat))
      include (kind, status, start_date, end_date, lat, lon)
      where lat is not null and deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index events_location`.execute(db);
  await sql`create index events_location on events using gist (point(lon, lat)) where lat is not null and deleted_at is null`.execute(db);
  for (const op of ['insert', 'update', 'delete']) {
    await sql`drop trigger if exists ${sql.raw(`event_cells_${op}`)} on events`.execute(db);
    await sql`drop function if exists ${sql.raw(`event_cells_on_${op}`)}()`.execute(db);
  }
  await sql`drop table if exists event_cells`.execute(db);
}
