import { type Kysely, sql } from 'kysely';

/**
 * facet_cells: live located events per source, actor and tag and per cell of
 * the map's grid, at the levels event_cells keeps (8, 10, 12; the same cell
 * expression), so that the filter panel's source, actor and tag counts for a
 * box ("limit to map view") add up a few hundred rollup rows for the whole
 * cells inside the box and read the located links only in the thin strips
 * along its edges (repositories/event-cells.ts tiles the box), instead of
 * every link in the box (at a million events, the front-line area's 167,104
 * links: 130–300 ms for each of the three, 340 ms p95 for the panel).
 *
 * There is no kind or status in the key: with them the rollup would be about
 * three times as large (at a million synthetic events, 421,000 rows without
 * them). A box with kinds or statuses ticked is counted from the located
 * links as before.
 *
 * Kept by statement triggers on event_links, which every writer of events,
 * claims and event actors already keeps exact (the import too: it adds its
 * new events' links in one statement, claimline_rollup_new_events, whose
 * insert fires these triggers): -1 per value and level of an old live
 * located link, +1 per value and level of a new one, netted per statement.
 * test/support/rollups.ts recomputes the rollup from the events.
 */
const LEVELS = '(values (8), (10), (12)) as g(level)';
const cell = (t: string, axis: 'lon' | 'lat') => `floor(${t}.${axis} / (360::float8 / 2::float8 ^ (g.level + 2)))::int`;

const side = (table: string, sign: 1 | -1) => `
  select v.dim, g.level, ${cell('t', 'lon')} as cx, ${cell('t', 'lat')} as cy, v.value, ${sign} as dn
    from ${table} t
    cross join lateral (select 'source' as dim, unnest(t.source_ids)::text as value
                        union all select 'actor', unnest(t.actor_ids)::text
                        union all select 'tag', unnest(t.tags)) v
    cross join ${LEVELS}
   where t.live and t.lat is not null`;

const apply = (fn: string, sides: string[]) => `
  create function ${fn}() returns trigger language plpgsql as $$
  begin
    with delta as (
      select dim, level, cx, cy, value, sum(dn)::int as n
        from (${sides.join(' union all ')}) d
       group by dim, level, cx, cy, value
      having sum(dn) <> 0
    ), shrink as (
      -- Losses always hit existing rows; an emptied row stays at zero (readers skip it).
      update facet_cells c set n = c.n + d.n
        from delta d
       where d.n < 0 and c.dim = d.dim and c.level = d.level and c.cy = d.cy and c.cx = d.cx and c.value = d.value
      returning 1
    )
    insert into facet_cells as c (dim, level, cx, cy, value, n)
    select dim, level, cx, cy, value, n from delta where n > 0
    on conflict (dim, level, cy, cx, value) do update set n = c.n + excluded.n;
    return null;
  end $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table facet_cells (
      dim text not null check (dim in ('source', 'actor', 'tag')),
      level smallint not null,
      cy integer not null,
      cx integer not null,
      value text not null,
      n integer not null check (n >= 0),
      primary key (dim, level, cy, cx, value) include (n)
    )`.execute(db);
  await sql.raw(apply('facet_cells_on_insert', [side('new_rows', 1)])).execute(db);
  await sql.raw(apply('facet_cells_on_update', [side('old_rows', -1), side('new_rows', 1)])).execute(db);
  await sql.raw(apply('facet_cells_on_delete', [side('old_rows', -1)])).execute(db);
  await sql`create trigger facet_cells_insert after insert on event_links referencing new table as new_rows
            for each statement execute function facet_cells_on_insert()`.execute(db);
  await sql`create trigger facet_cells_update after update on event_links referencing old table as old_rows new table as new_rows
            for each statement execute function facet_cells_on_update()`.execute(db);
  await sql`create trigger facet_cells_delete after delete on event_links referencing old table as old_rows
            for each statement execute function facet_cells_on_delete()`.execute(db);

  // Backfill from the links as they are.
  await sql
    .raw(
      `insert into facet_cells (dim, level, cx, cy, value, n)
       select dim, level, cx, cy, value, count(*)::int from (${side('event_links', 1)}) d group by 1, 2, 3, 4, 5`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['facet_cells_insert', 'facet_cells_update', 'facet_cells_delete']) {
    await sql`drop trigger if exists ${sql.raw(t)} on event_links`.execute(db);
  }
  for (const fn of ['facet_cells_on_insert', 'facet_cells_on_update', 'facet_cells_on_delete']) {
    await sql`drop function if exists ${sql.raw(fn)}()`.execute(db);
  }
  await sql`drop table if exists facet_cells`.execute(db);
}
