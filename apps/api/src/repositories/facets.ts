import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Facets, FacetCount } from '@claimline/shared/aggregates';
import type { EventFilters } from '@claimline/shared/filters';
import { EVENT_KINDS, EVENT_STATUSES, KIND_LABELS, STATUS_LABELS } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import { applyEventFilters, boxComplementCanAnswer, claimConditions, eventsOutsideBox, type FilterDimension, outsideBoxParts, type PlannedFilters } from './event-filters.js';
import { cellsCanAnswer, countPerFromCells, EVENT_CELL_LEVELS, inCells, inStrip, tileBox } from './event-cells.js';
import { fromKindStatusCounts, rollupCanAnswer } from './event-counts.js';
import { countEvents } from './events.js';
import { fromWords, wordsCanAnswer } from './event-words.js';
import { monthlyWindow, SEVERAL_DAYS } from './month-window.js';
import { cellMonthsCanAnswer, countsFromCellMonths, eventsInWindowRest, type FacetDim, LINK_ARRAY, valuesFromCellMonths, valuesOf } from './cell-months.js';

/** `rollups: false` counts the events themselves, whatever the filters: the reference the rollups are tested against. */
export type FacetOptions = { rollups?: boolean };

/** The most values a facet lists. */
const FACET_LIMIT = 200;

/**
 * Counts for the filter panel. Each dimension is counted under every filter
 * but its own, so ticking one kind still shows how many of each other kind
 * there are (the usual faceted-search behaviour).
 */
export async function getFacets(db: Kysely<Database>, f: PlannedFilters, opts: FacetOptions = {}): Promise<Facets> {
  const rollups = opts.rollups !== false;
  if (rollups && matchesCanAnswer(f)) return facetsOfMatches(db, f);
  // A dimension's counts from a rollup when one answers these filters: facet_counts without dates,
  // facet_months with them, facet_cells and the located links of a box; else (undefined) by counting the events.
  const fromRollups = (dim: 'actor' | 'source' | 'tag') =>
    !rollups
      ? undefined
      : facetRollupCanAnswer(f, dim)
        ? fromFacetCounts(db, f, dim)
        : facetMonthsCanAnswer(f, dim)
          ? fromFacetMonths(db, f, dim)
          : facetCellsCanAnswer(f, dim)
            ? fromFacetCells(db, f, dim)
            : facetCellMonthsCanAnswer(f, dim)
              ? fromFacetCellMonths(db, f, dim)
              : facetComplementCanAnswer(f, dim)
                ? fromRollupLessOutside(db, f, dim)
                : facetLinksCanAnswer(f, dim)
                  ? fromLocatedLinks(db, f, dim)
                  : undefined;
  // A box and a window alone: the total and the kinds and statuses in one reading of cell_month_counts.
  const boxWindow = rollups && cellMonthsCanAnswer(f) ? countsFromCellMonths(db, f) : undefined;
  // Kinds and statuses: event_counts without a box, event_cells with one, cell_month_counts with a box and a window,
  // the box's complement for a box holding most of the events; else by counting the events.
  const perKindOrStatus = async (dim: 'kind' | 'status') => {
    const others = { ...f, [dim]: undefined };
    if (boxWindow) return (await boxWindow)[dim];
    if (rollups && rollupCanAnswer(f)) {
      const column = dim === 'kind' ? 'event_counts.kind' : 'event_counts.status';
      return fromKindStatusCounts(db, f, dim).select([`${column} as value`, sql<number>`sum(n)::int`.as('count')]).groupBy(column).execute();
    }
    if (rollups && others.bbox !== undefined && cellsCanAnswer(others)) return countPerFromCells(db, others, dim);
    if (rollups && cellMonthsCanAnswer(others)) return (await countsFromCellMonths(db, others))[dim];
    if (rollups && boxComplementCanAnswer(others)) return kindOrStatusLessOutside(db, others, dim);
    return applyEventFilters(db.selectFrom('events'), f, dim)
      .select([`events.${dim} as value`, sql<number>`count(*)::int`.as('count')])
      .groupBy(`events.${dim}`)
      .execute();
  };
  const [total, kind, status, actor, source, tag] = await Promise.all([
    boxWindow ? boxWindow.then((c) => c.total) : countEvents(db, f, { rollups }),
    perKindOrStatus('kind'),
    perKindOrStatus('status'),
    fromRollups('actor') ??
      applyEventFilters(db.selectFrom('events'), f, 'actor')
      .innerJoin('event_actors', 'event_actors.event_id', 'events.id')
      .innerJoin('actors', 'actors.id', 'event_actors.actor_id')
      .select(['actors.id as value', 'actors.name as label', sql<number>`count(distinct events.id)::int`.as('count')])
      .groupBy(['actors.id', 'actors.name'])
      .orderBy(sql`3`, 'desc')
      .orderBy('actors.name')
      .limit(FACET_LIMIT)
      .execute(),
    fromRollups('source') ??
    // Only the claims that pass the other claim-level filters (reliability,
    // credibility, stance, parties) count for their source: the count must be
    // what the list shows once that source is ticked, where one claim has to
    // pass them all together.
    claimConditions(f, 'source')
      .reduce(
        (q, condition) => q.where(condition),
        applyEventFilters(db.selectFrom('events'), f, 'source')
          .innerJoin('claims', 'claims.event_id', 'events.id')
          .innerJoin('sources', 'sources.id', 'claims.source_id'),
      )
      .select(['sources.id as value', 'sources.name as label', sql<number>`count(distinct events.id)::int`.as('count')])
      .groupBy(['sources.id', 'sources.name'])
      .orderBy(sql`3`, 'desc')
      .orderBy('sources.name')
      .limit(FACET_LIMIT)
      .execute(),
    fromRollups('tag') ??
      applyEventFilters(db.selectFrom('events'), f, 'tag')
      .select([sql<string>`unnest(events.tags)`.as('value'), sql<number>`count(*)::int`.as('count')])
      .groupBy(sql`1`)
      .orderBy(sql`2`, 'desc')
      .orderBy(sql`1`)
      .limit(FACET_LIMIT)
      .execute(),
  ]);
  return facetsOf({ total, kind, status, actor, source, tag });
}

/** The answer from each dimension's counts: every kind and status listed, with their labels, counted or not. */
function facetsOf(c: {
  total: number;
  kind: { value: string; count: number }[];
  status: { value: string; count: number }[];
  actor: FacetRow[];
  source: FacetRow[];
  tag: { value: string; count: number }[];
}): Facets {
  const withAll = <T extends string>(vocab: readonly T[], labels: Record<T, string>, rows: { value: string; count: number }[]): FacetCount[] => {
    const counts = new Map(rows.map((r) => [r.value, r.count]));
    return vocab.map((v) => ({ value: v, label: labels[v], count: counts.get(v) ?? 0 }));
  };
  return {
    total: c.total,
    kind: withAll(EVENT_KINDS, KIND_LABELS, c.kind),
    status: withAll(EVENT_STATUSES, STATUS_LABELS, c.status),
    actor: c.actor,
    source: c.source,
    tag: c.tag.map((t) => ({ value: t.value, label: t.value, count: t.count })),
  };
}

/**
 * Under a text query no rollup holds the words: every dimension counts the
 * matching events. Counted one query per dimension, as the other filters
 * are, each query found the matches again, each a visit to the event's row:
 * the total, kinds, statuses, actors, sources and tags, six times
 * "Sudzha"'s 83,951 matches at a million events: 1.3-1.4 s of the
 * database's work, run side by side on the pool's connections. Here the
 * matches are found once, under every filter but the five counted ones,
 * with their links (event_links: kind, status, tags, the sources and
 * actors of the event's claims); each dimension is then counted from those
 * under the other four: one statement of 0.6-0.7 s there, half the work.
 * Without a date window the matches come from event_words' narrow rows
 * (event-words.ts) rather than the events'.
 * On PostgreSQL with idle cores the answer comes no sooner (the six ran on
 * two cores at once); on PGlite, whose one connection ran them one after
 * another, 191 -> 117 ms at 200,000 events (docs/BENCHMARKS.md, stop 18).
 *
 * Only without the claim-level filters but the source: a source ticked
 * keeps an event with a claim from it, which its link's sources say; the
 * trust filters need the claims themselves.
 */
export function matchesCanAnswer(f: EventFilters): boolean {
  return f.q !== undefined && f.minReliability === undefined && f.minCredibility === undefined && !f.stance?.length && f.excludeParties !== true;
}

async function facetsOfMatches(db: Kysely<Database>, f: PlannedFilters): Promise<Facets> {
  const others = { ...f, kind: undefined, status: undefined, actor: undefined, source: undefined, tag: undefined };
  // The matches' ids from event_words' narrow rows where it answers (no date window), else from the events.
  const matches = wordsCanAnswer(others)
    ? fromWords(db, others).select('event_words.event_id as id')
    : applyEventFilters(db.selectFrom('events'), others).select('events.id');
  const conditions: Record<FilterDimension, RawBuilder<boolean> | undefined> = {
    kind: f.kind?.length ? sql<boolean>`m.kind in (${sql.join(f.kind)})` : undefined,
    status: f.status?.length ? sql<boolean>`m.status in (${sql.join(f.status)})` : undefined,
    tag: f.tag?.length ? sql<boolean>`m.tags && ${sql.val(f.tag)}::text[]` : undefined,
    actor: f.actor?.length ? sql<boolean>`m.actor_ids && ${sql.val(f.actor)}::uuid[]` : undefined,
    source: f.source?.length ? sql<boolean>`m.source_ids && ${sql.val(f.source)}::uuid[]` : undefined,
  };
  const under = (but?: FilterDimension) =>
    sql.join(
      [sql<boolean>`true`, ...Object.entries(conditions).flatMap(([dim, c]) => (dim === but || !c ? [] : [c]))],
      sql` and `,
    );
  const { rows } = await sql<{ dim: FilterDimension | 'total'; value: string; label: string; count: number }>`
    with m as materialized (
      select l.kind, l.status, l.tags, l.source_ids, l.actor_ids from (${matches}) x join event_links l on l.event_id = x.id
    ),
    -- The total, kinds and statuses in one reading: grouping() tells the sets apart (3: none, 1: kind, 2: status).
    ks as (
      select kind, status, grouping(kind, status) as g,
             count(*) filter (where ${under()})::int as n_all,
             count(*) filter (where ${under('kind')})::int as n_kind,
             count(*) filter (where ${under('status')})::int as n_status
        from m group by grouping sets ((kind), (status), ())
    ),
    c as (
      select 'total' as dim, '' as value, n_all as count from ks where g = 3
      union all select 'kind', kind, n_kind from ks where g = 1 and n_kind > 0
      union all select 'status', status, n_status from ks where g = 2 and n_status > 0
      union all select 'tag', v.value, count(*)::int from m cross join unnest(m.tags) as v(value) where ${under('tag')} group by 2
      -- Grouped by the uuids themselves, made text once per group.
      union all select 'actor', value::text, count from (
        select v.value, count(*)::int as count from m cross join unnest(m.actor_ids) as v(value) where ${under('actor')} group by 1) a
      union all select 'source', value::text, count from (
        select v.value, count(*)::int as count from m cross join unnest(m.source_ids) as v(value) where ${under('source')} group by 1) s
    ),
    labelled as (
      select c.dim, c.value, coalesce(a.name, s.name, c.value) as label, c.count
        from c
        left join actors a on c.dim = 'actor' and a.id::text = c.value
        left join sources s on c.dim = 'source' and s.id::text = c.value
    )
    select dim, value, label, count from (
      select l.*, row_number() over (partition by l.dim order by l.count desc, l.label) as rank from labelled l
    ) r
    where rank <= ${FACET_LIMIT} or dim in ('kind', 'status')
    order by dim, rank`.execute(db);
  const of = (dim: FilterDimension) => rows.filter((r) => r.dim === dim).map(({ value, label, count }) => ({ value, label, count }));
  return facetsOf({
    total: rows.find((r) => r.dim === 'total')?.count ?? 0,
    kind: of('kind'),
    status: of('status'),
    actor: of('actor'),
    source: of('source'),
    tag: of('tag'),
  });
}

/**
 * The facet_counts rollup (its migration) answers a dimension's counts when
 * the other filters are only kinds and statuses: no dates, text, box, or
 * claim-level filters, and no actor, source or tag filter but its own.
 */
export function facetRollupCanAnswer(f: EventFilters, dim: 'actor' | 'source' | 'tag'): boolean {
  return rollupCanAnswer({ ...f, [dim]: undefined }) && f.from === undefined && f.to === undefined;
}

/**
 * The facet_months rollup (its migration) answers a dimension's counts for a
 * date window when the other filters are only kinds and statuses: the whole
 * months of the window from the rollup, the rest of it from the events
 * (month-window.ts).
 */
export function facetMonthsCanAnswer(f: EventFilters, dim: 'actor' | 'source' | 'tag'): boolean {
  return rollupCanAnswer({ ...f, [dim]: undefined }) && (f.from !== undefined || f.to !== undefined);
}

function fromFacetMonths(db: Kysely<Database>, f: EventFilters, dim: 'actor' | 'source' | 'tag'): Promise<FacetRow[]> {
  return labelled(db, dim, facetMonthsSql(f, dim));
}

/**
 * (value, count) from facet_months for the window's whole months and the
 * rest from the events (month-window.ts): only when facetMonthsCanAnswer.
 * The one-day events of the days at its edges come from facet_days (its
 * kind_<kind> or status_<status> columns for the ticked ones), and only the
 * edges' events spanning days from the events; with kinds and statuses both
 * ticked (facet_days counts each apart), all of the edges' events.
 */
function facetMonthsSql(f: EventFilters, dim: 'actor' | 'source' | 'tag'): RawBuilder<unknown> {
  const { months, rest, edges, spanning } = monthlyWindow(f.from, f.to);
  const kinds = f.kind?.length ? sql`and kind in (${sql.join(f.kind)})` : sql``;
  const statuses = f.status?.length ? sql`and status in (${sql.join(f.status)})` : sql``;
  const parts: RawBuilder<unknown>[] = [];
  if (months) {
    parts.push(sql`select value, sum(n)::int as count from facet_months where dim = ${dim} and n > 0 and ${months} ${kinds} ${statuses} group by value`);
  }
  if (f.kind?.length && f.status?.length) {
    parts.push(valuesOf(eventsInWindowRest(rest, f), dim));
  } else {
    const columns = f.kind?.length ? f.kind.map((k) => `kind_${k}`) : f.status?.length ? f.status.map((st) => `status_${st}`) : ['n'];
    const n = sql.join(columns.map((c) => sql.ref(c)), sql` + `);
    for (const { days } of edges) {
      const bounds = sql.join([sql`dim = ${dim}`, ...(days.from ? [sql`day >= ${days.from}::date`] : []), ...(days.to ? [sql`day <= ${days.to}::date`] : [])], sql` and `);
      parts.push(sql`select value, sum(${n})::int as count from facet_days where ${bounds} group by value`);
    }
    const events = [...edges.map((e) => sql<boolean>`${e.where} and ${SEVERAL_DAYS}`), ...(spanning ? [spanning] : [])];
    parts.push(valuesOf(eventsInWindowRest(events, f), dim));
  }
  return sql`select value, sum(count)::int as count from (${sql.join(parts, sql` union all `)}) u group by value having sum(count) > 0`;
}

/**
 * facet_cell_months (repositories/cell-months.ts) answers a dimension's
 * counts for a box with a date window when there are no other filters.
 */
export function facetCellMonthsCanAnswer(f: PlannedFilters, dim: FacetDim): boolean {
  return cellMonthsCanAnswer({ ...f, [dim]: undefined });
}

function fromFacetCellMonths(db: Kysely<Database>, f: EventFilters, dim: FacetDim): Promise<FacetRow[]> {
  return labelled(db, dim, valuesFromCellMonths({ ...f, [dim]: undefined }, dim));
}

/**
 * The links of the events in a box (event_links carries each event's
 * location, migration 2025-01-02) answer a dimension's counts when the other
 * filters are only kinds and statuses: one narrow row per event in the box,
 * its sources, actors and tags as arrays of distinct values, read through
 * the links' own location index, where the events' path joins every event
 * in the box to its claims or actors.
 */
export function facetLinksCanAnswer(f: EventFilters, dim: 'actor' | 'source' | 'tag'): boolean {
  return f.bbox !== undefined && rollupCanAnswer({ ...f, bbox: undefined, [dim]: undefined }) && f.from === undefined && f.to === undefined;
}

/**
 * facet_cells (its migrations) answers a dimension's counts for a box when
 * the other filters are kinds or statuses, not both: the box tiled as the
 * map's cell rollup tiles it (tileBox), its whole cells from facet_cells
 * (their kind_<kind> or status_<status> columns for the ticked ones) and
 * the thin strips along its edges from the located links. With kinds and
 * statuses both ticked the box is counted from the links alone
 * (fromLocatedLinks): the rollup counts each apart, not together.
 */
export function facetCellsCanAnswer(f: EventFilters, dim: 'actor' | 'source' | 'tag'): boolean {
  return facetLinksCanAnswer(f, dim) && !(f.kind?.length && f.status?.length);
}

function fromFacetCells(db: Kysely<Database>, f: EventFilters, dim: 'actor' | 'source' | 'tag'): Promise<FacetRow[]> {
  const box = f.bbox!;
  const tiles = tileBox(box, EVENT_CELL_LEVELS[0]);
  // The events of a cell that pass the filters: all of them, or the ticked kinds' or statuses' columns added up.
  const columns = f.kind?.length ? f.kind.map((k) => `kind_${k}`) : f.status?.length ? f.status.map((s) => `status_${s}`) : ['n'];
  const n = sql.join(columns.map((c) => sql.ref(c)), sql` + `);
  const kinds = f.kind?.length ? sql`and l.kind in (${sql.join(f.kind)})` : sql``;
  const statuses = f.status?.length ? sql`and l.status in (${sql.join(f.status)})` : sql``;
  const parts = [
    ...tiles.cells.map((t) => sql`select value, sum(${n})::int as count from facet_cells where dim = ${dim} and ${inCells(t.level, t.rect, true)} group by value`),
    ...tiles.strips.map(
      (s) => sql`select v.value::text as value, count(*)::int as count
                   from event_links l cross join unnest(l.${sql.raw(LINK_ARRAY[dim])}) as v(value)
                  where l.live and ${inStrip(box, s)} ${kinds} ${statuses}
                  group by 1`,
    ),
  ];
  return labelled(db, dim, sql`select value, sum(count)::int as count from (${sql.join(parts, sql` union all `)}) u group by value having sum(count) > 0`);
}

function fromLocatedLinks(db: Kysely<Database>, f: EventFilters, dim: 'actor' | 'source' | 'tag'): Promise<FacetRow[]> {
  const { west, south, east, north } = f.bbox!;
  const kinds = f.kind?.length ? sql`and l.kind in (${sql.join(f.kind)})` : sql``;
  const statuses = f.status?.length ? sql`and l.status in (${sql.join(f.status)})` : sql``;
  return labelled(
    db,
    dim,
    // Grouped by the array's own values (uuids for sources and actors), made text once per group.
    sql`select value::text as value, count from (
          select v.value, count(*)::int as count
            from event_links l cross join unnest(l.${sql.raw(LINK_ARRAY[dim])}) as v(value)
           where l.live and l.lat is not null and point(l.lon, l.lat) <@ box(point(${west}, ${south}), point(${east}, ${north})) ${kinds} ${statuses}
           group by 1) g`,
  );
}

/**
 * A box holding most of the located events (boxShare), with dates (which
 * facet_cells does not hold) or with kinds and statuses both ticked (which
 * it holds only apart): the rollup's counts without the
 * box (facet_counts, or facet_months with dates) less those of the events
 * outside the box (eventsOutsideBox: the complement's four boxes and the
 * events with no place), through their links. "Limit to map view" with the
 * whole region in view holds every event; its complement is next to empty.
 */
export function facetComplementCanAnswer(f: PlannedFilters, dim: 'actor' | 'source' | 'tag'): boolean {
  return boxComplementCanAnswer({ ...f, [dim]: undefined }, FACET_COMPLEMENT_MIN_SHARE);
}

/**
 * An event outside the box costs this path about twice what an event inside
 * costs the events' own (its link is looked up by id): at a million events
 * and a year, a box holding 58 % of them took 2.2 s this way against 1.5 s,
 * one holding 85 % 0.9 s against 2.0 s. So only for a box holding nearly
 * everything (boxShare over-estimates a little).
 */
export const FACET_COMPLEMENT_MIN_SHARE = 0.9;

function fromRollupLessOutside(db: Kysely<Database>, f: PlannedFilters, dim: 'actor' | 'source' | 'tag'): Promise<FacetRow[]> {
  const others = { ...f, [dim]: undefined };
  const unboxed = { ...others, bbox: undefined };
  const all = unboxed.from !== undefined || unboxed.to !== undefined ? facetMonthsSql(unboxed, dim) : facetCountsSql(unboxed, dim);
  const outside = eventsOutsideBox(db, others);
  return labelled(
    db,
    dim,
    sql`select value, sum(count)::int as count from (
          ${all}
          union all
          select v.value::text, -count(*)::int from (${outside}) x join event_links l on l.event_id = x.id
           cross join unnest(l.${sql.raw(LINK_ARRAY[dim])}) as v(value) group by 1
        ) u group by value having sum(count) > 0`,
  );
}

/** Kinds or statuses the same way: the rollup's counts without the box less the events outside it. Only when boxComplementCanAnswer(f). */
async function kindOrStatusLessOutside(db: Kysely<Database>, f: PlannedFilters, dim: 'kind' | 'status'): Promise<{ value: string; count: number }[]> {
  const column = dim === 'kind' ? 'event_counts.kind' : 'event_counts.status';
  const [all, outside] = await Promise.all([
    fromKindStatusCounts(db, { ...f, bbox: undefined }, dim).select([`${column} as value`, sql<number>`sum(n)::int`.as('count')]).groupBy(column).execute(),
    outsideBoxParts(db, f)
      .map((q) => q.select([`events.${dim} as value`, sql<number>`count(*)::int`.as('count')]).groupBy(`events.${dim}`))
      .reduce((a, b) => a.unionAll(b))
      .execute(),
  ]);
  const less = new Map<string, number>();
  for (const r of outside) less.set(r.value, (less.get(r.value) ?? 0) + r.count);
  return all.map((r) => ({ value: r.value, count: r.count - (less.get(r.value) ?? 0) })).filter((r) => r.count > 0);
}

type FacetRow = { value: string; label: string; count: number };

/** Counts (value, count) labelled and ordered as the events' own counts are: by count, then by name. */
async function labelled(db: Kysely<Database>, dim: 'actor' | 'source' | 'tag', counts: RawBuilder<unknown>): Promise<FacetRow[]> {
  const { rows } =
    dim === 'tag'
      ? await sql<FacetRow>`select c.value, c.value as label, c.count from (${counts}) c order by c.count desc, c.value limit ${FACET_LIMIT}`.execute(db)
      : await sql<FacetRow>`
          select c.value, named.name as label, c.count from (${counts}) c join ${sql.table(dim === 'actor' ? 'actors' : 'sources')} named on named.id::text = c.value
          order by c.count desc, named.name limit ${FACET_LIMIT}`.execute(db);
  return rows;
}

function fromFacetCounts(db: Kysely<Database>, f: EventFilters, dim: 'actor' | 'source' | 'tag'): Promise<FacetRow[]> {
  return labelled(db, dim, facetCountsSql(f, dim));
}

/** (value, count) from facet_counts: only when facetRollupCanAnswer. */
function facetCountsSql(f: EventFilters, dim: 'actor' | 'source' | 'tag'): RawBuilder<unknown> {
  const kinds = f.kind?.length ? sql`and kind in (${sql.join(f.kind)})` : sql``;
  const statuses = f.status?.length ? sql`and status in (${sql.join(f.status)})` : sql``;
  return sql`select value, sum(n)::int as count from facet_counts where dim = ${dim} and n > 0 ${kinds} ${statuses} group by value having sum(n) > 0`;
}
