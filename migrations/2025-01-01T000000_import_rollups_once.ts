import { type Kysely, sql } from 'kysely';

/**
 * An import's new events go into the rollups once, at the end of the
 * import, instead of once per batch.
 *
 * The statement-level triggers that keep event_counts, event_cells,
 * event_cell_months and event_links (and, through event_links, facet_counts
 * and facet_months) exact cost an import about a third of its database
 * time: each batch of a few thousand new events upserts a few thousand
 * rollup rows, and the next batch upserts most of them again. Now the
 * importer's statement that inserts a batch of new events
 * (repositories/import.ts) runs with the setting `claimline.rollups` at
 * `deferred` (set and reset around it, in its transaction), which the
 * insert triggers on events, claims and event_actors skip, and before it
 * commits the import calls claimline_rollup_new_events with every id it
 * inserted: one statement adds them all to every rollup. The rollups are
 * exact again in the same transaction, so no reader ever sees them behind.
 * Updates, deletes and every other writer keep the triggers as they were.
 *
 * The function adds what the insert triggers would have added; its
 * expressions are theirs (migrations 2024-12-26, 2024-12-27, 2024-12-30,
 * 2024-12-31): the grid levels 8, 10 and 12, level -1 for the events with
 * no coordinates, the months of events whose span lies in one month. A
 * migration that changes one of those triggers changes this function too;
 * test/api/import-rollups.test.ts compares every rollup after an import
 * with the rollup recomputed from the events.
 */
const GATE = `coalesce(current_setting('claimline.rollups', true), '') <> 'deferred'`;

const GATED = [
  { table: 'events', trigger: 'event_counts_insert', fn: 'event_counts_after_insert', transition: 'new_events' },
  { table: 'events', trigger: 'event_cells_insert', fn: 'event_cells_on_insert', transition: 'new_rows' },
  { table: 'events', trigger: 'event_cell_months_insert', fn: 'event_cell_months_on_insert', transition: 'new_rows' },
  { table: 'events', trigger: 'event_links_insert', fn: 'event_links_on_event_insert', transition: 'new_rows' },
  { table: 'claims', trigger: 'event_links_claims_insert', fn: 'event_links_on_claims_insert', transition: 'new_rows' },
  { table: 'event_actors', trigger: 'event_links_event_actors_insert', fn: 'event_links_on_event_actors_insert', transition: 'new_rows' },
];

const month = (d: string) => `date_trunc('month', (${d})::timestamp)::date`;
const cell = (axis: 'lon' | 'lat', level: string) => `floor(e.${axis} / (360::float8 / 2::float8 ^ (${level} + 2)))::int`;

async function recreate(db: Kysely<any>, gated: boolean): Promise<void> {
  for (const t of GATED) {
    await sql.raw(`drop trigger ${t.trigger} on ${t.table}`).execute(db);
    await sql
      .raw(
        `create trigger ${t.trigger} after insert on ${t.table} referencing new table as ${t.transition}
         for each statement ${gated ? `when (${GATE})` : ''} execute function ${t.fn}()`,
      )
      .execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await recreate(db, true);

  await sql
    .raw(
      `
    create function claimline_rollup_new_events(ids uuid[]) returns void language plpgsql as $$
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
      insert into event_links (event_id, kind, status, live, tags, month, source_ids, actor_ids)
      select e.id, e.kind, e.status, e.live, e.tags, case when e.one_month then ${month('e.start_date')} end,
             coalesce(s.ids, '{}'), coalesce(a.ids, '{}')
        from e
        left join (select c.event_id, array_agg(distinct c.source_id order by c.source_id) as ids
                     from e join claims c on c.event_id = e.id group by c.event_id) s on s.event_id = e.id
        left join (select x.event_id, array_agg(distinct x.actor_id order by x.actor_id) as ids
                     from e join event_actors x on x.event_id = e.id group by x.event_id) a on a.event_id = e.id;
    end $$`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists claimline_rollup_new_events(uuid[])`.execute(db);
  await recreate(db, false);
}
