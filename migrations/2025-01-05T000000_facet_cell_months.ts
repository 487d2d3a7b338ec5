import { type Kysely, sql } from 'kysely';

/**
 * The filter panel of a box with a date window ("limit to map view" with a
 * year brushed on the timeline), from two rollups by map cell and calendar
 * month, for the live located events whose span lies in one month
 * (event_links.month, migration 2024-12-30), at the finer levels of the
 * map's grid (10 and 12, as event_cells keeps them):
 *
 * - facet_cell_months: facet_cells (migration 2025-01-03) by month, events
 *   per source, actor and tag;
 * - cell_month_counts: events per cell and month, with a column per kind and
 *   per status (as facet_cells has since migration 2025-01-04), for the
 *   panel's total and its kind and status counts.
 *
 * Without them such a box was counted from its events: at a million events,
 * the front-line area with 2024 brushed (55,736 events) took 0.9–1.4 s p95,
 * the sources alone 640 ms and the total, kinds and statuses 170–210 ms
 * each. The readers (repositories/cell-months.ts) add up the rows of the
 * box's whole cells in the window's whole months, the located links of the
 * strips along the box's edges in those months, and the events of the box
 * in the rest of the window (its edge days, the events spanning months), as
 * month-window.ts splits a window.
 *
 * Not level 8: a box small enough to leave the map's complement (see
 * event-filters.ts) rarely holds a whole level-8 cell, and level 10 alone
 * leaves strips too wide (two fifths of the front-line box). facet_cell_months
 * is the larger: at a million synthetic events 2.2 million rows, 511 MB with
 * its index, against 322,318 rows for cell_month_counts.
 *
 * Kept by statement triggers on event_links, as facet_cells is, in the same
 * transaction as every write (the import's new events too: their links are
 * added in one statement at its end, which fires these triggers).
 * test/support/rollups.ts recomputes both from the events.
 */
const LEVELS = '(values (10), (12)) as g(level)';
const cell = (t: string, axis: 'lon' | 'lat') => `floor(${t}.${axis} / (360::float8 / 2::float8 ^ (g.level + 2)))::int`;

const side = (table: string, sign: 1 | -1) => `
  select v.dim, g.level, t.month, ${cell('t', 'lon')} as cx, ${cell('t', 'lat')} as cy, v.value, ${sign} as dn
    from ${table} t
    cross join lateral (select 'source' as dim, unnest(t.source_ids)::text as value
                        union all select 'actor', unnest(t.actor_ids)::text
                        union all select 'tag', unnest(t.tags)) v
    cross join ${LEVELS}
   where t.live and t.lat is not null and t.month is not null`;

const apply = (fn: string, sides: string[]) => `
  create function ${fn}() returns trigger language plpgsql as $$
  begin
    with delta as (
      select dim, level, month, cx, cy, value, sum(dn)::int as n
        from (${sides.join(' union all ')}) d
       group by dim, level, month, cx, cy, value
      having sum(dn) <> 0
    ), shrink as (
      -- Losses always hit existing rows; an emptied row stays at zero (readers skip it).
      update facet_cell_months c set n = c.n + d.n
        from delta d
       where d.n < 0 and c.dim = d.dim and c.level = d.level and c.month = d.month and c.cy = d.cy and c.cx = d.cx and c.value = d.value
      returning 1
    )
    insert into facet_cell_months as c (dim, level, month, cx, cy, value, n)
    select dim, level, month, cx, cy, value, n from delta where n > 0
    on conflict (dim, level, month, cy, cx, value) do update set n = c.n + excluded.n;
    return null;
  end $$`;

/**
 * The kinds and statuses are the events' own check constraints' lists (migration 2024-12-20), as in migration
 * 2025-01-04: a new kind or status comes with a migration that changes those, and adds its columns here too.
 */
const KINDS = ['deployment', 'engagement', 'strike', 'casualty_report', 'statement', 'movement', 'other'];
const STATUSES = ['single_source', 'corroborated', 'contested', 'denied', 'retracted'];
const COUNTS = [...KINDS.map((k) => ({ column: `kind_${k}`, when: `kind = '${k}'` })), ...STATUSES.map((st) => ({ column: `status_${st}`, when: `status = '${st}'` }))];
const columns = COUNTS.map((c) => c.column);
const sums = COUNTS.map((c) => `sum(case when ${c.when} then dn else 0 end)::int as ${c.column}`).join(',\n             ');

/** Each live located one-month link's levels and cells, signed, with its kind and status. */
const countSide = (table: string, sign: 1 | -1) => `
  select g.level, t.month, ${cell('t', 'lon')} as cx, ${cell('t', 'lat')} as cy, t.kind, t.status, ${sign} as dn
    from ${table} t cross join ${LEVELS}
   where t.live and t.lat is not null and t.month is not null`;

/** As migration 2025-01-04 applies its deltas: an update wherever any column shrinks (the row exists), else an upsert. */
const applyCounts = (fn: string, sides: string[]) => `
  create function ${fn}() returns trigger language plpgsql as $$
  begin
    with delta as materialized (
      select level, month, cx, cy, sum(dn)::int as n,
             ${sums}
        from (${sides.join(' union all ')}) d
       group by level, month, cx, cy
    ), changed as materialized (
      select * from delta where n <> 0 or ${columns.map((c) => `${c} <> 0`).join(' or ')}
    ), shrink as (
      update cell_month_counts c set n = c.n + d.n, ${columns.map((col) => `${col} = c.${col} + d.${col}`).join(', ')}
        from changed d
       where (d.n < 0 or ${columns.map((c) => `d.${c} < 0`).join(' or ')})
         and c.level = d.level and c.month = d.month and c.cy = d.cy and c.cx = d.cx
      returning 1
    )
    insert into cell_month_counts as c (level, month, cx, cy, n, ${columns.join(', ')})
    select level, month, cx, cy, n, ${columns.join(', ')} from changed
     where not (n < 0 or ${columns.map((c) => `${c} < 0`).join(' or ')})
    on conflict (level, month, cy, cx) do update
      set n = c.n + excluded.n, ${columns.map((col) => `${col} = c.${col} + excluded.${col}`).join(', ')};
    return null;
  end $$`;

const TRANSITIONS = {
  insert: 'referencing new table as new_rows',
  update: 'referencing old table as old_rows new table as new_rows',
  delete: 'referencing old table as old_rows',
};

/** A rollup's three functions (<table>_on_<op>) and the statement triggers on event_links that call them. */
async function keptFromLinks(
  db: Kysely<any>,
  table: string,
  applyFn: (fn: string, sides: string[]) => string,
  sideFn: (t: string, sign: 1 | -1) => string,
): Promise<void> {
  await sql.raw(applyFn(`${table}_on_insert`, [sideFn('new_rows', 1)])).execute(db);
  await sql.raw(applyFn(`${table}_on_update`, [sideFn('old_rows', -1), sideFn('new_rows', 1)])).execute(db);
  await sql.raw(applyFn(`${table}_on_delete`, [sideFn('old_rows', -1)])).execute(db);
  for (const [op, transition] of Object.entries(TRANSITIONS)) {
    await sql.raw(`create trigger ${table}_${op} after ${op} on event_links ${transition} for each statement execute function ${table}_on_${op}()`).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  // Read a month and a row of cells at a time: month = any(…) and cy = any(…), then a range of cx.
  await sql`
    create table facet_cell_months (
      dim text not null check (dim in ('source', 'actor', 'tag')),
      level smallint not null,
      month date not null,
      cy integer not null,
      cx integer not null,
      value text not null,
      n integer not null check (n >= 0),
      primary key (dim, level, month, cy, cx, value) include (n)
    )`.execute(db);
  await keptFromLinks(db, 'facet_cell_months', apply, side);

  // Backfill from the links as they are.
  await sql
    .raw(
      `insert into facet_cell_months (dim, level, month, cx, cy, value, n)
       select dim, level, month, cx, cy, value, count(*)::int from (${side('event_links', 1)}) d group by 1, 2, 3, 4, 5, 6`,
    )
    .execute(db);

  await sql
    .raw(
      `create table cell_month_counts (
         level smallint not null,
         month date not null,
         cy integer not null,
         cx integer not null,
         n integer not null check (n >= 0),
         ${columns.map((c) => `${c} integer not null default 0 check (${c} >= 0)`).join(',\n         ')},
         primary key (level, month, cy, cx)
       )`,
    )
    .execute(db);
  await keptFromLinks(db, 'cell_month_counts', applyCounts, countSide);
  await sql
    .raw(
      `insert into cell_month_counts (level, month, cx, cy, n, ${columns.join(', ')})
       select level, month, cx, cy, sum(dn)::int, ${COUNTS.map((c) => `sum(case when ${c.when} then dn else 0 end)::int`).join(', ')}
         from (${countSide('event_links', 1)}) d group by 1, 2, 3, 4`,
    )
    .execute(db);
  // Their statistics now, not when autovacuum gets to them (never, where it is off). Without them, at a million
  // events, the planner read a whole level of the grid for a box (month and row as filters, not as index bounds):
  // the filter panel of the front-line box with a year, 910 ms p95 against 40 ms.
  await sql`analyze facet_cell_months`.execute(db);
  await sql`analyze cell_month_counts`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['facet_cell_months', 'cell_month_counts']) {
    for (const op of Object.keys(TRANSITIONS)) {
      await sql`drop trigger if exists ${sql.raw(`${table}_${op}`)} on event_links`.execute(db);
      await sql`drop function if exists ${sql.raw(`${table}_on_${op}`)}()`.execute(db);
    }
    await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  }
}
