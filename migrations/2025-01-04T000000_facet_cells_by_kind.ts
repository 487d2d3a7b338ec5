import { type Kysely, sql } from 'kysely';

/**
 * facet_cells rows also count their events per kind and per status, one
 * column each (kind_strike, status_contested, …), so that the filter panel
 * of a box with kinds ticked, or statuses, adds up those columns of the
 * same rows instead of reading every located link in the box (at a million
 * events, the front-line area's 167,104 links: 220 ms for each of sources,
 * actors and tags, 311 ms p95 for the panel).
 *
 * Columns rather than kind and status in the key: with them in the key the
 * rollup would hold 1,127,020 rows instead of 421,136 at a million
 * synthetic events (kind alone; 1,817,643 with status too), and a box
 * without kinds would add up that many more. Columns answer a kind or a
 * status filter, not both at once: a box with both ticked is still counted
 * from its links.
 *
 * The kinds and statuses are the events' own check constraints' lists
 * (migration 2024-12-20): a new kind or status comes with a migration that
 * changes those, and it must add its column here too.
 *
 * The triggers' shape is migration 2025-01-03's, with each column added to
 * the delta, and a delta row applied as an update wherever any of its
 * columns is negative: a loss in any column means the row was counted
 * before, so it exists (rows are never deleted). The rest are upserted.
 */
const KINDS = ['deployment', 'engagement', 'strike', 'casualty_report', 'statement', 'movement', 'other'];
const STATUSES = ['single_source', 'corroborated', 'contested', 'denied', 'retracted'];
const COUNTS = [...KINDS.map((k) => ({ column: `kind_${k}`, when: `kind = '${k}'` })), ...STATUSES.map((s) => ({ column: `status_${s}`, when: `status = '${s}'` }))];

const LEVELS = '(values (8), (10), (12)) as g(level)';
const cell = (t: string, axis: 'lon' | 'lat') => `floor(${t}.${axis} / (360::float8 / 2::float8 ^ (g.level + 2)))::int`;

/** Each live located link's values and levels, signed; with its kind and status, or without them as migration 2025-01-03 had it. */
const side = (table: string, sign: 1 | -1, withKindAndStatus = true) => `
  select v.dim, g.level, ${cell('t', 'lon')} as cx, ${cell('t', 'lat')} as cy, v.value, ${sign} as dn${withKindAndStatus ? ', t.kind, t.status' : ''}
    from ${table} t
    cross join lateral (select 'source' as dim, unnest(t.source_ids)::text as value
                        union all select 'actor', unnest(t.actor_ids)::text
                        union all select 'tag', unnest(t.tags)) v
    cross join ${LEVELS}
   where t.live and t.lat is not null`;

const sums = COUNTS.map((c) => `sum(case when ${c.when} then dn else 0 end)::int as ${c.column}`).join(',\n             ');
const columns = COUNTS.map((c) => c.column);

const apply = (fn: string, sides: string[]) => `
  create or replace function ${fn}() returns trigger language plpgsql as $$
  begin
    with delta as materialized (
      select dim, level, cx, cy, value, sum(dn)::int as n,
             ${sums}
        from (${sides.join(' union all ')}) d
       group by dim, level, cx, cy, value
    ), changed as materialized (
      select * from delta where n <> 0 or ${columns.map((c) => `${c} <> 0`).join(' or ')}
    ), shrink as (
      -- A loss in any column hits an existing row; an emptied row stays at zero (readers skip it).
      update facet_cells c set n = c.n + d.n, ${columns.map((col) => `${col} = c.${col} + d.${col}`).join(', ')}
        from changed d
       where (d.n < 0 or ${columns.map((c) => `d.${c} < 0`).join(' or ')})
         and c.dim = d.dim and c.level = d.level and c.cy = d.cy and c.cx = d.cx and c.value = d.value
      returning 1
    )
    insert into facet_cells as c (dim, level, cx, cy, value, n, ${columns.join(', ')})
    select dim, level, cx, cy, value, n, ${columns.join(', ')} from changed
     where not (n < 0 or ${columns.map((c) => `${c} < 0`).join(' or ')})
    on conflict (dim, level, cy, cx, value) do update
      set n = c.n + excluded.n, ${columns.map((col) => `${col} = c.${col} + excluded.${col}`).join(', ')};
    return null;
  end $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`alter table facet_cells ${columns.map((c) => `add column ${c} integer not null default 0 check (${c} >= 0)`).join(', ')}`)
    .execute(db);
  await sql.raw(apply('facet_cells_on_insert', [side('new_rows', 1)])).execute(db);
  await sql.raw(apply('facet_cells_on_update', [side('old_rows', -1), side('new_rows', 1)])).execute(db);
  await sql.raw(apply('facet_cells_on_delete', [side('old_rows', -1)])).execute(db);

  // The counts again from the links as they are, with the new columns.
  await sql`truncate facet_cells`.execute(db);
  await sql
    .raw(
      `insert into facet_cells (dim, level, cx, cy, value, n, ${columns.join(', ')})
       select dim, level, cx, cy, value, sum(dn)::int, ${COUNTS.map((c) => `sum(case when ${c.when} then dn else 0 end)::int`).join(', ')}
         from (${side('event_links', 1)}) d group by 1, 2, 3, 4, 5`,
    )
    .execute(db);
}

// Migration 2025-01-03's functions, as they were.
const previousSide = (table: string, sign: 1 | -1) => side(table, sign, false);

const previousApply = (fn: string, sides: string[]) => `
  create or replace function ${fn}() returns trigger language plpgsql as $$
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

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(previousApply('facet_cells_on_insert', [previousSide('new_rows', 1)])).execute(db);
  await sql.raw(previousApply('facet_cells_on_update', [previousSide('old_rows', -1), previousSide('new_rows', 1)])).execute(db);
  await sql.raw(previousApply('facet_cells_on_delete', [previousSide('old_rows', -1)])).execute(db);
  await sql.raw(`alter table facet_cells ${columns.map((c) => `drop column ${c}`).join(', ')}`).execute(db);
}
