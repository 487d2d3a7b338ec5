import { type Kysely, sql } from 'kysely';

/**
 * event_links rows carry their event's location, with a GiST index on it,
 * so that the filter panel's source, actor and tag counts for a box ("limit
 * to map view") read the box's links, one narrow row per event with its
 * sources, actors and tags as arrays, instead of joining every event in the
 * box to its claims (at a million events, 2 s for the front-line area and
 * 8 s for the whole region: each event's claims are looked up and the
 * events counted distinct per source).
 *
 * The three functions that write link rows from events copy the location
 * too: the events' insert and update triggers (their latest bodies are in
 * migrations 2024-12-31 and 2024-12-30T010000) and the import's
 * claimline_rollup_new_events (migration 2025-01-01), repeated here with the
 * location added; nothing else in them changes. Moving an event updates its
 * link, which facet_counts' and facet_months' triggers then see as a change
 * of nothing they count (their deltas net to zero).
 * test/support/rollups.ts compares the links' locations with the events'.
 */
const month = (d: string) => `date_trunc('month', (${d})::timestamp)::date`;
const monthOf = (r: string) =>
  `case when ${month(`${r}.start_date`)} = ${month(`coalesce(${r}.end_date, ${r}.start_date)`)} then ${month(`${r}.start_date`)} end`;
const cell = (axis: 'lon' | 'lat', level: string) => `floor(e.${axis} / (360::float8 / 2::float8 ^ (${level} + 2)))::int`;

const onEventInsert = (located: boolean) => `
  create or replace function event_links_on_event_insert() returns trigger language plpgsql as $$
  begin
    insert into event_links (event_id, kind, status, live, tags, month, source_ids, actor_ids${located ? ', lon, lat' : ''})
    select n.id, n.kind, n.status, n.deleted_at is null, n.tags, ${monthOf('n')},
           coalesce((select array_agg(distinct c.source_id order by c.source_id) from claims c where c.event_id = n.id), '{}'),
           coalesce((select array_agg(distinct a.actor_id order by a.actor_id) from event_actors a where a.event_id = n.id), '{}')
           ${located ? ', n.lon, n.lat' : ''}
      from new_rows n;
    return null;
  end $$`;

const onEventUpdate = (located: boolean) => `
  create or replace function event_links_on_event_update() returns trigger language plpgsql as $$
  begin
    update event_links l
       set kind = n.kind, status = n.status, live = n.deleted_at is null, tags = n.tags, month = ${monthOf('n')}${located ? ', lon = n.lon, lat = n.lat' : ''}
      from new_rows n
     where l.event_id = n.id
       and (l.kind, l.status, l.live, l.tags, l.month${located ? ', l.lon, l.lat' : ''})
           is distinct from (n.kind, n.status, n.deleted_at is null, n.tags, ${monthOf('n')}${located ? ', n.lon, n.lat' : ''});
    return null;
  end $$`;

const rollupNewEvents = (located: boolean) => `
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
    insert into event_links (event_id, kind, status, live, tags, month, source_ids, actor_ids${located ? ', lon, lat' : ''})
    select e.id, e.kind, e.status, e.live, e.tags, case when e.one_month then ${month('e.start_date')} end,
           coalesce(s.ids, '{}'), coalesce(a.ids, '{}')${located ? ', e.lon, e.lat' : ''}
      from e
      left join (select c.event_id, array_agg(distinct c.source_id order by c.source_id) as ids
                   from e join claims c on c.event_id = e.id group by c.event_id) s on s.event_id = e.id
      left join (select x.event_id, array_agg(distinct x.actor_id order by x.actor_id) as ids
                   from e join event_actors x on x.event_id = e.id group by x.event_id) a on a.event_id = e.id;
  end $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table event_links add column lon double precision, add column lat double precision`.execute(db);
  // The existing links' locations; neither facet table counts locations, so their update triggers need not see this.
  await sql`alter table event_links disable trigger facet_counts_update`.execute(db);
  await sql`alter table event_links disable trigger facet_months_update`.execute(db);
  await sql`update event_links l set lon = e.lon, lat = e.lat from events e where e.id = l.event_id and e.lat is not null`.execute(db);
  await sql`alter table event_links enable trigger facet_counts_update`.execute(db);
  await sql`alter table event_links enable trigger facet_months_update`.execute(db);
  await sql`create index event_links_location on event_links using gist (point(lon, lat)) where live and lat is not null`.execute(db);
  for (const fn of [onEventInsert, onEventUpdate, rollupNewEvents]) await sql.raw(fn(true)).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const fn of [onEventInsert, onEventUpdate, rollupNewEvents]) await sql.raw(fn(false)).execute(db);
  await sql`drop index if exists event_links_location`.execute(db);
  await sql`alter table event_links drop column lon, drop column lat`.execute(db);
}
