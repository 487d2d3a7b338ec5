import { type Kysely, sql } from 'kysely';

/**
 * facet_days: the filter panel's source, actor and tag counts per day, for
 * the live events whose span is one day, with a column per kind and per
 * status (as facet_cells has since migration 2025-01-04), so that the days
 * at a date window's edges come from a rollup too. A window brushed on the
 * timeline by week (its default bucket) starts and ends inside months: the
 * whole months come from facet_months, and the days before and after them
 * were counted from their events, each joined to its claims. At a million
 * events, mid-March to mid-September: 232 ms of SQL for the sources, 255 ms
 * for the panel. Now only the edges' events spanning more than one day are
 * read (a tenth of them), through a span index of their own.
 *
 * At a million synthetic events about 46,000 rows: 40 sources and 2 tags a
 * day. Kinds and statuses are columns, not key parts: the rollup answers a
 * window with kinds or statuses ticked, not both (then the edges are read
 * as before).
 *
 * event_links gains the event's day (null unless its span is one day),
 * copied with its other columns by the three functions that write link rows
 * from events: the events' insert and update triggers and the import's
 * claimline_rollup_new_events, whose latest bodies (migration 2025-01-02)
 * are repeated here with the day added; nothing else in them changes.
 * facet_days is kept from event_links by statement triggers, as
 * facet_cells is. test/support/rollups.ts compares the links' days with the
 * events' and recomputes facet_days from the events.
 */

const month = (d: string) => `date_trunc('month', (${d})::timestamp)::date`;
const monthOf = (r: string) =>
  `case when ${month(`${r}.start_date`)} = ${month(`coalesce(${r}.end_date, ${r}.start_date)`)} then ${month(`${r}.start_date`)} end`;
/** The event's day when its span is that one day, else null. */
const dayOf = (r: string) => `case when coalesce(${r}.end_date, ${r}.start_date) = ${r}.start_date then ${r}.start_date end`;
const cell = (axis: 'lon' | 'lat', level: string) => `floor(e.${axis} / (360::float8 / 2::float8 ^ (${level} + 2)))::int`;

const onEventInsert = (withDay: boolean) => `
  create or replace function event_links_on_event_insert() returns trigger language plpgsql as $$
  begin
    insert into event_links (event_id, kind, status, live, tags, month, source_ids, actor_ids, lon, lat${withDay ? ', day' : ''})
    select n.id, n.kind, n.status, n.deleted_at is null, n.tags, ${monthOf('n')},
           coalesce((select array_agg(distinct c.source_id order by c.source_id) from claims c where c.event_id = n.id), '{}'),
           coalesce((select array_agg(distinct a.actor_id order by a.actor_id) from event_actors a where a.event_id = n.id), '{}')
           , n.lon, n.lat${withDay ? `, ${dayOf('n')}` : ''}
      from new_rows n;
    return null;
  end $$`;

const onEventUpdate = (withDay: boolean) => `
  create or replace function event_links_on_event_update() returns trigger language plpgsql as $$
  begin
    update event_links l
       set kind = n.kind, status = n.status, live = n.deleted_at is null, tags = n.tags, month = ${monthOf('n')}, lon = n.lon, lat = n.lat${withDay ? `, day = ${dayOf('n')}` : ''}
      from new_rows n
     where l.event_id = n.id
       and (l.kind, l.status, l.live, l.tags, l.month, l.lon, l.lat${withDay ? ', l.day' : ''})
           is distinct from (n.kind, n.status, n.deleted_at is null, n.tags, ${monthOf('n')}, n.lon, n.lat${withDay ? `, ${dayOf('n')}` : ''});
    return null;
  end $$`;

const rollupNewEvents = (withDay: boolean) => `
  create or replace function claimline_rollup_new_events(ids uuid[]) returns void language plpgsql as $$
  begin
    with e as materialized (
      select e.id, e.kind, e.status, e.start_date, e.end_date, e.lat, e.lon, e.tags, e.deleted_at is null as live,
             ${month('e.start_date')} = ${month('coalesce(e.end_date, e.start_date)')} as one_month
        from unnest(ids) as n(id) join events e on e.id = n.id
    ), counts as (
      insert into event_counts as c (start_date, span_end, kind, status, n)
      select start_date, coalesce(end_date, start_date), kind, status, count(*)::int
        from e where live group by 1, 2, 3, 4
      on conflict (start_date, span_end, kind, status) do update set n = c.n + excluded.n
    ), cells as (
      insert into event_cells as c (level, cx, cy, kind, status, n, sum_lon, sum_lat)
      select level, cx, cy, kind, status, sum(dn)::int, sum(dlon), sum(dlat)
        from (select l.level, ${cell('lon', 'l.level')} as cx, ${cell('lat', 'l.level')} as cy, e.kind, e.status, 1 as dn, e.lon as dlon, e.lat as dlat
                from e cross join (values (8), (10), (12)) l(level)
               where e.live and e.lat is not null
              union all
              select -1, 0, 0, e.kind, e.status, 1, 0, 0 from e where e.live and e.lat is null) d
       group by level, cx, cy, kind, status
      on conflict (level, cx, cy, kind, status) do update
        set n = c.n + excluded.n, sum_lon = c.sum_lon + excluded.sum_lon, sum_lat = c.sum_lat + excluded.sum_lat
    ), months as (
      insert into event_cell_months as c (month, level, cx, cy, kind, status, n, sum_lon, sum_lat)
      select month, level, cx, cy, kind, status, sum(dn)::int, sum(dlon), sum(dlat)
        from (select ${month('e.start_date')} as month, 8 as level, ${cell('lon', '8')} as cx, ${cell('lat', '8')} as cy,
                     e.kind, e.status, 1 as dn, e.lon as dlon, e.lat as dlat
                from e where e.live and e.one_month and e.lat is not null
              union all
              select ${month('e.start_date')}, -1, 0, 0, e.kind, e.status, 1, 0, 0
                from e where e.live and e.one_month and e.lat is null) d
       group by month, level, cx, cy, kind, status
      on conflict (month, level, cx, cy, kind, status) do update
        set n = c.n + excluded.n, sum_lon = c.sum_lon + excluded.sum_lon, sum_lat = c.sum_lat + excluded.sum_lat
    )
    -- Their links, complete with sources and actors, each array in one pass over the new events' claims and actors;
    -- event_links' own triggers count them in facet_counts and facet_months.
    insert into event_links (event_id, kind, status, live, tags, month, source_ids, actor_ids, lon, lat${withDay ? ', day' : ''})
    select e.id, e.kind, e.status, e.live, e.tags, case when e.one_month then ${month('e.start_date')} end,
           coalesce(s.ids, '{}'), coalesce(a.ids, '{}'), e.lon, e.lat${withDay ? `, ${dayOf('e')}` : ''}
      from e
      left join (select c.event_id, array_agg(distinct c.source_id order by c.source_id) as ids
                   from e join claims c on c.event_id = e.id group by c.event_id) s on s.event_id = e.id
      left join (select x.event_id, array_agg(distinct x.actor_id order by x.actor_id) as ids
                   from e join event_actors x on x.event_id = e.id group by x.event_id) a on a.event_id = e.id;
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

/** Each live one-day link's values, signed, with its kind and status. */
const side = (table: string, sign: 1 | -1) => `
  select v.dim, t.day, v.value, t.kind, t.status, ${sign} as dn
    from ${table} t
    cross join lateral (select 'source' as dim, unnest(t.source_ids)::text as value
                        union all select 'actor', unnest(t.actor_ids)::text
                        union all select 'tag', unnest(t.tags)) v
   where t.live and t.day is not null`;

/** As migration 2025-01-04 applies its deltas: an update wherever any column shrinks (the row exists), else an upsert. */
const apply = (fn: string, sides: string[]) => `
  create function ${fn}() returns trigger language plpgsql as $$
  begin
    with delta as materialized (
      select dim, day, value, sum(dn)::int as n,
             ${sums}
        from (${sides.join(' union all ')}) d
       group by dim, day, value
    ), changed as materialized (
      select * from delta where n <> 0 or ${columns.map((c) => `${c} <> 0`).join(' or ')}
    ), shrink as (
      update facet_days c set n = c.n + d.n, ${columns.map((col) => `${col} = c.${col} + d.${col}`).join(', ')}
        from changed d
       where (d.n < 0 or ${columns.map((c) => `d.${c} < 0`).join(' or ')})
         and c.dim = d.dim and c.day = d.day and c.value = d.value
      returning 1
    )
    insert into facet_days as c (dim, day, value, n, ${columns.join(', ')})
    select dim, day, value, n, ${columns.join(', ')} from changed
     where not (n < 0 or ${columns.map((c) => `${c} < 0`).join(' or ')})
    on conflict (dim, day, value) do update
      set n = c.n + excluded.n, ${columns.map((col) => `${col} = c.${col} + excluded.${col}`).join(', ')};
    return null;
  end $$`;

const TRANSITIONS = {
  insert: 'referencing new table as new_rows',
  update: 'referencing old table as old_rows new table as new_rows',
  delete: 'referencing old table as old_rows',
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table event_links add column day date`.execute(db);
  // The existing links' days. No rollup counts days yet, so none of event_links' triggers need see this.
  await sql`alter table event_links disable trigger user`.execute(db);
  await sql.raw(`update event_links l set day = ${dayOf('e')} from events e where e.id = l.event_id and ${dayOf('e')} is not null`).execute(db);
  await sql`alter table event_links enable trigger user`.execute(db);
  for (const fn of [onEventInsert, onEventUpdate, rollupNewEvents]) await sql.raw(fn(true)).execute(db);

  await sql
    .raw(
      `create table facet_days (
         dim text not null check (dim in ('source', 'actor', 'tag')),
         day date not null,
         value text not null,
         n integer not null check (n >= 0),
         ${columns.map((c) => `${c} integer not null default 0 check (${c} >= 0)`).join(',\n         ')},
         primary key (dim, day, value) include (n, ${columns.join(', ')})
       )`,
    )
    .execute(db);
  await sql.raw(apply('facet_days_on_insert', [side('new_rows', 1)])).execute(db);
  await sql.raw(apply('facet_days_on_update', [side('old_rows', -1), side('new_rows', 1)])).execute(db);
  await sql.raw(apply('facet_days_on_delete', [side('old_rows', -1)])).execute(db);
  for (const [op, transition] of Object.entries(TRANSITIONS)) {
    await sql.raw(`create trigger facet_days_${op} after ${op} on event_links ${transition} for each statement execute function facet_days_on_${op}()`).execute(db);
  }
  await sql
    .raw(
      `insert into facet_days (dim, day, value, n, ${columns.join(', ')})
       select dim, day, value, sum(dn)::int, ${COUNTS.map((c) => `sum(case when ${c.when} then dn else 0 end)::int`).join(', ')}
         from (${side('event_links', 1)}) d group by 1, 2, 3`,
    )
    .execute(db);
  // The edges' events spanning days (a tenth of the synthetic events; ACLED's and UCDP's rows are mostly one day):
  // the reader's condition on them is this predicate word for word (SEVERAL_DAYS in month-window.ts), so that the
  // planner takes this index instead of reading every event of the edge days through events_span to keep a tenth.
  await sql`
    create index events_span_days on events using gist (daterange(start_date, coalesce(end_date, start_date), '[]'))
      include (id, kind, status, start_date, end_date, tags)
      where deleted_at is null and coalesce(end_date, start_date) > start_date`.execute(db);
  // Statistics now, as migration 2025-01-05 takes them for its rollups.
  await sql`analyze events`.execute(db);
  await sql`analyze event_links`.execute(db);
  await sql`analyze facet_days`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const op of Object.keys(TRANSITIONS)) {
    await sql.raw(`drop trigger if exists facet_days_${op} on event_links`).execute(db);
    await sql.raw(`drop function if exists facet_days_on_${op}()`).execute(db);
  }
  await sql`drop table if exists facet_days`.execute(db);
  await sql`drop index if exists events_span_days`.execute(db);
  for (const fn of [onEventInsert, onEventUpdate, rollupNewEvents]) await sql.raw(fn(false)).execute(db);
  await sql`alter table event_links drop column day`.execute(db);
}
