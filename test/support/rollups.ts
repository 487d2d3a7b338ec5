import { type Kysely, sql } from 'kysely';
import type { Database } from '../../apps/api/src/db/schema.js';
import { EVENT_KINDS, EVENT_STATUSES } from '@claimline/shared/vocabulary';

/**
 * Every rollup recomputed from the events, claims and event actors, against
 * the stored one: the rows that differ, per rollup (each list empty when
 * the rollups are exact). Rows emptied to zero count as absent, as the
 * readers treat them. Coordinate sums are compared to a millionth (they are
 * added up in another order).
 */
export type RollupDrift = Record<
  'eventCounts' | 'eventCells' | 'eventCellMonths' | 'eventLinks' | 'facetCounts' | 'facetMonths' | 'facetCells' | 'facetCellMonths' | 'cellMonthCounts' | 'facetDays' | 'figures' | 'eventWords',
  unknown[]
>;

const MONTH = (d: string) => sql.raw(`date_trunc('month', (${d})::timestamp)::date`);
const sumsDiffer = (a: string, b: string) => sql.raw(`abs(coalesce(${a}, 0) - coalesce(${b}, 0)) > 1e-6 * greatest(1, abs(coalesce(${b}, 0)))`);

/** The count columns of the rollups kept with a column per kind and per status (facet_cells, cell_month_counts, facet_days). */
const COUNT_COLUMNS = ['n', ...EVENT_KINDS.map((k) => `kind_${k}`), ...EVENT_STATUSES.map((st) => `status_${st}`)];
/** Those columns counted from rows with `kind` and `status`. */
const PER_KIND_AND_STATUS = sql.join([
  ...EVENT_KINDS.map((k) => sql`count(*) filter (where kind = ${k})::int as ${sql.ref(`kind_${k}`)}`),
  ...EVENT_STATUSES.map((st) => sql`count(*) filter (where status = ${st})::int as ${sql.ref(`status_${st}`)}`),
]);
/** Any of those columns differing between `truth` and the stored rollup's alias (absent rows count as zero). */
const countsDiffer = (stored: string) =>
  sql.join(
    COUNT_COLUMNS.map((c) => sql`coalesce(truth.${sql.ref(c)}, 0) <> coalesce(${sql.ref(`${stored}.${c}`)}, 0)`),
    sql` or `,
  );

export async function rollupDrift(db: Kysely<Database>): Promise<RollupDrift> {
  const rows = async (q: ReturnType<typeof sql>) => (await q.execute(db)).rows;
  return {
    eventCounts: await rows(sql`
      with truth as (
        select start_date, coalesce(end_date, start_date) as span_end, kind, status, count(*)::int as n
          from events where deleted_at is null group by 1, 2, 3, 4
      )
      select * from truth full join event_counts c using (start_date, span_end, kind, status)
      where coalesce(truth.n, 0) <> coalesce(c.n, 0)`),
    eventCells: await rows(sql`
      with truth as (
        select l.level, floor(lon / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cx,
               floor(lat / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cy, kind, status,
               count(*)::int as n, sum(lon) as slon, sum(lat) as slat
          from events cross join (values (8), (10), (12)) l(level)
         where deleted_at is null and lat is not null
         group by 1, 2, 3, 4, 5
        union all
        select -1, 0, 0, kind, status, count(*)::int, 0, 0 from events where deleted_at is null and lat is null group by 4, 5
      )
      select * from truth full join event_cells c using (level, cx, cy, kind, status)
      where coalesce(truth.n, 0) <> coalesce(c.n, 0) or ${sumsDiffer('truth.slon', 'c.sum_lon')} or ${sumsDiffer('truth.slat', 'c.sum_lat')}`),
    eventCellMonths: await rows(sql`
      with truth as (
        select ${MONTH('start_date')} as month, case when lat is null then -1 else 8 end as level,
               coalesce(floor(lon / (360::float8 / 2::float8 ^ 10))::int, 0) as cx,
               coalesce(floor(lat / (360::float8 / 2::float8 ^ 10))::int, 0) as cy,
               kind, status, count(*)::int as n, coalesce(sum(lon), 0) as slon, coalesce(sum(lat), 0) as slat
          from events
         where deleted_at is null and ${MONTH('start_date')} = ${MONTH('coalesce(end_date, start_date)')}
         group by 1, 2, 3, 4, 5, 6
      )
      select * from truth full join event_cell_months c using (month, level, cx, cy, kind, status)
      where coalesce(truth.n, 0) <> coalesce(c.n, 0) or ${sumsDiffer('truth.slon', 'c.sum_lon')} or ${sumsDiffer('truth.slat', 'c.sum_lat')}`),
    eventLinks: await rows(sql`
      with truth as (
        select e.id as event_id, e.kind, e.status, e.deleted_at is null as live, e.tags,
               case when ${MONTH('e.start_date')} = ${MONTH('coalesce(e.end_date, e.start_date)')} then ${MONTH('e.start_date')} end as month,
               case when coalesce(e.end_date, e.start_date) = e.start_date then e.start_date end as day,
               coalesce((select array_agg(distinct c.source_id order by c.source_id) from claims c where c.event_id = e.id), '{}') as source_ids,
               coalesce((select array_agg(distinct a.actor_id order by a.actor_id) from event_actors a where a.event_id = e.id), '{}') as actor_ids,
               e.lon, e.lat
          from events e
      )
      select truth.event_id as truth_id, l.event_id as stored_id from truth full join event_links l using (event_id)
      where (truth.kind, truth.status, truth.live, truth.tags, truth.month, truth.day, truth.source_ids, truth.actor_ids, truth.lon, truth.lat)
            is distinct from (l.kind, l.status, l.live, l.tags, l.month, l.day, l.source_ids, l.actor_ids, l.lon, l.lat)`),
    facetCounts: await rows(sql`
      with truth as (
        select 'all' as dim, '' as value, e.kind, e.status, count(*)::int as n
          from events e where e.deleted_at is null group by 1, 2, 3, 4
        union all
        select 'source', c.source_id::text, e.kind, e.status, count(distinct e.id)::int
          from events e join claims c on c.event_id = e.id where e.deleted_at is null group by 1, 2, 3, 4
        union all
        select 'actor', a.actor_id::text, e.kind, e.status, count(distinct e.id)::int
          from events e join event_actors a on a.event_id = e.id where e.deleted_at is null group by 1, 2, 3, 4
        union all
        select 'tag', tag, e.kind, e.status, count(*)::int
          from events e cross join unnest(e.tags) as t(tag) where e.deleted_at is null group by 1, 2, 3, 4
      )
      select * from truth full join facet_counts f using (dim, value, kind, status)
      where coalesce(truth.n, 0) <> coalesce(f.n, 0)`),
    facetMonths: await rows(sql`
      with live as (
        select e.*, ${MONTH('e.start_date')} as month from events e
         where e.deleted_at is null and ${MONTH('e.start_date')} = ${MONTH('coalesce(e.end_date, e.start_date)')}
      ), truth as (
        select e.month, 'source' as dim, c.source_id::text as value, e.kind, e.status, count(distinct e.id)::int as n
          from live e join claims c on c.event_id = e.id group by 1, 2, 3, 4, 5
        union all
        select e.month, 'actor', a.actor_id::text, e.kind, e.status, count(distinct e.id)::int
          from live e join event_actors a on a.event_id = e.id group by 1, 2, 3, 4, 5
        union all
        select e.month, 'tag', tag, e.kind, e.status, count(*)::int
          from live e cross join unnest(e.tags) as t(tag) group by 1, 2, 3, 4, 5
      )
      select * from truth full join facet_months f using (month, dim, value, kind, status)
      where coalesce(truth.n, 0) <> coalesce(f.n, 0)`),
    facetCells: await rows(sql`
      with located as (
        select e.* from events e where e.deleted_at is null and e.lat is not null
      ), vals as (
        select distinct 'source' as dim, c.source_id::text as value, e.id, e.lon, e.lat, e.kind, e.status from located e join claims c on c.event_id = e.id
        union all
        select distinct 'actor', a.actor_id::text, e.id, e.lon, e.lat, e.kind, e.status from located e join event_actors a on a.event_id = e.id
        union all
        select 'tag', tag, e.id, e.lon, e.lat, e.kind, e.status from located e cross join unnest(e.tags) as t(tag)
      ), truth as (
        select dim, l.level::smallint as level, floor(lon / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cx,
               floor(lat / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cy, value, count(*)::int as n,
               ${PER_KIND_AND_STATUS}
          from vals cross join (values (8), (10), (12)) l(level)
         group by 1, 2, 3, 4, 5
      )
      select * from truth full join facet_cells f using (dim, level, cx, cy, value)
      where ${countsDiffer('f')}`),
    facetCellMonths: await rows(sql`
      with located as (
        select e.*, ${MONTH('e.start_date')} as month from events e
         where e.deleted_at is null and e.lat is not null and ${MONTH('e.start_date')} = ${MONTH('coalesce(e.end_date, e.start_date)')}
      ), vals as (
        select distinct 'source' as dim, c.source_id::text as value, e.id, e.lon, e.lat, e.month from located e join claims c on c.event_id = e.id
        union all
        select distinct 'actor', a.actor_id::text, e.id, e.lon, e.lat, e.month from located e join event_actors a on a.event_id = e.id
        union all
        select 'tag', tag, e.id, e.lon, e.lat, e.month from located e cross join unnest(e.tags) as t(tag)
      ), truth as (
        select dim, l.level::smallint as level, month, floor(lon / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cx,
               floor(lat / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cy, value, count(*)::int as n
          from vals cross join (values (10), (12)) l(level)
         group by 1, 2, 3, 4, 5, 6
      )
      select * from truth full join facet_cell_months f using (dim, level, month, cx, cy, value)
      where coalesce(truth.n, 0) <> coalesce(f.n, 0)`),
    cellMonthCounts: await rows(sql`
      with truth as (
        select l.level::smallint as level, ${MONTH('e.start_date')} as month,
               floor(lon / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cx, floor(lat / (360::float8 / 2::float8 ^ (l.level + 2)))::int as cy,
               count(*)::int as n,
               ${PER_KIND_AND_STATUS}
          from events e cross join (values (10), (12)) l(level)
         where e.deleted_at is null and e.lat is not null and ${MONTH('e.start_date')} = ${MONTH('coalesce(e.end_date, e.start_date)')}
         group by 1, 2, 3, 4
      )
      select * from truth full join cell_month_counts c using (level, month, cx, cy)
      where ${countsDiffer('c')}`),
    facetDays: await rows(sql`
      with live as (
        select e.* from events e where e.deleted_at is null and coalesce(e.end_date, e.start_date) = e.start_date
      ), vals as (
        select distinct 'source' as dim, c.source_id::text as value, e.id, e.start_date as day, e.kind, e.status from live e join claims c on c.event_id = e.id
        union all
        select distinct 'actor', a.actor_id::text, e.id, e.start_date, e.kind, e.status from live e join event_actors a on a.event_id = e.id
        union all
        select 'tag', tag, e.id, e.start_date, e.kind, e.status from live e cross join unnest(e.tags) as t(tag)
      ), truth as (
        select dim, day, value, count(*)::int as n,
               ${PER_KIND_AND_STATUS}
          from vals group by 1, 2, 3
      )
      select * from truth full join facet_days f using (dim, day, value)
      where ${countsDiffer('f')}`),
    figures: await rows(sql`
      with truth as (
        select q.id as quantity_id, q.claim_id, c.event_id, q.position, q.measure, q.subject, lower(q.subject) as subject_key,
               c.published_at, e.deleted_at is null as live, e.start_date, coalesce(e.end_date, e.start_date) as span_end,
               e.kind, e.status, e.lon, e.lat
          from claim_quantities q join claims c on c.id = q.claim_id join events e on e.id = c.event_id
      )
      select * from truth t full join figures f using (quantity_id)
      where (t.claim_id, t.event_id, t.position, t.measure, t.subject, t.subject_key, t.published_at, t.live, t.start_date, t.span_end,
             t.kind, t.status, t.lon, t.lat)
            is distinct from
            (f.claim_id, f.event_id, f.position, f.measure, f.subject, f.subject_key, f.published_at, f.live, f.start_date, f.span_end,
             f.kind, f.status, f.lon, f.lat)`),
    eventWords: await rows(sql`
      with truth as (
        select id as event_id, search, start_date, coalesce(end_date, start_date) as span_end, kind, status, lon, lat
          from events where deleted_at is null
      )
      select t.event_id as truth_id, w.event_id as stored_id from truth t full join event_words w using (event_id)
      where (t.event_id, t.search, t.start_date, t.span_end, t.kind, t.status, t.lon, t.lat)
            is distinct from (w.event_id, w.search, w.start_date, w.span_end, w.kind, w.status, w.lon, w.lat)`),
  };
}

export const NO_DRIFT: RollupDrift = { eventCounts: [], eventCells: [], eventCellMonths: [], eventLinks: [], facetCounts: [], facetMonths: [], facetCells: [], facetCellMonths: [], cellMonthCounts: [], facetDays: [], figures: [], eventWords: [] };
