import { type Kysely, sql } from 'kysely';

/**
 * The filter panel's source, actor and tag counts without reading a million
 * events: how many live events of each kind and status have a claim from a
 * source, involve an actor, or carry a tag.
 *
 * Two tables, both kept by statement-level triggers in the same transaction
 * as every write:
 * - event_links: one row per event with what the counts need: its kind,
 *   status, whether it is live, its tags, and the distinct sources of its
 *   claims and actors involved, as arrays. The events' trigger copies the
 *   event's own columns; the claims' and event_actors' triggers recompute
 *   the arrays of the events they touched. It goes with its event (on delete
 *   cascade), so even a hard delete takes its counts away.
 * - facet_counts: live events per (dimension, value, kind, status), the sum
 *   over event_links, changed by event_links' own triggers. Dimension 'all'
 *   (value '') counts every live event: the total and the kind and status
 *   counts when there is no date filter, in a few dozen rows.
 *
 * Date filters are not in the key (it would multiply the rows by the days):
 * with dates, the counts come from the events, through the span index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table event_links (
      event_id uuid primary key references events (id) on delete cascade,
      kind text not null,
      status text not null,
      live boolean not null,
      tags text[] not null default '{}',
      source_ids uuid[] not null default '{}',
      actor_ids uuid[] not null default '{}'
    )`.execute(db);
  await sql`
    create table facet_counts (
      dim text not null check (dim in ('all', 'source', 'actor', 'tag')),
      value text not null,
      kind text not null,
      status text not null,
      n integer not null check (n >= 0),
      primary key (dim, value, kind, status) include (n)
    )`.execute(db);

  // events → event_links: the event's own columns (new events have no claims or actors yet).
  await sql`
    create function event_links_on_event_insert() returns trigger language plpgsql as $$
    begin
      insert into event_links (event_id, kind, status, live, tags)
      select id, kind, status, deleted_at is null, tags from new_rows;
      return null;
    end $$`.execute(db);
  await sql`
    create function event_links_on_event_update() returns trigger language plpgsql as $$
    begin
      update event_links l
         set kind = n.kind, status = n.status, live = n.deleted_at is null, tags = n.tags
        from new_rows n
       where l.event_id = n.id
         and (l.kind, l.status, l.live, l.tags) is distinct from (n.kind, n.status, n.deleted_at is null, n.tags);
      return null;
    end $$`.execute(db);
  await sql`create trigger event_links_insert after insert on events referencing new table as new_rows
            for each statement execute function event_links_on_event_insert()`.execute(db);
  await sql`create trigger event_links_update after update on events referencing new table as new_rows
            for each statement execute function event_links_on_event_update()`.execute(db);

  // claims and event_actors → the arrays of the events they touched.
  const recompute = (fn: string, column: string, from: string, of: string, tables: string[]) => sql`
    create function ${sql.raw(fn)}() returns trigger language plpgsql as $$
    begin
      update event_links l set ${sql.raw(column)} = s.ids
        from (select a.event_id,
                     coalesce((select array_agg(distinct x.${sql.raw(of)} order by x.${sql.raw(of)}) from ${sql.raw(from)} x
                                where x.event_id = a.event_id), '{}') as ids
                from (${sql.raw(tables.map((t) => `select event_id from ${t}`).join(' union '))}) a) s
       where l.event_id = s.event_id and l.${sql.raw(column)} is distinct from s.ids;
      return null;
    end $$`;
  for (const [table, column, of] of [
    ['claims', 'source_ids', 'source_id'],
    ['event_actors', 'actor_ids', 'actor_id'],
  ] as const) {
    await recompute(`event_links_on_${table}_insert`, column, table, of, ['new_rows']).execute(db);
    await recompute(`event_links_on_${table}_update`, column, table, of, ['new_rows', 'old_rows']).execute(db);
    await recompute(`event_links_on_${table}_delete`, column, table, of, ['old_rows']).execute(db);
    await sql`create trigger ${sql.raw(`event_links_${table}_insert`)} after insert on ${sql.raw(table)} referencing new table as new_rows
              for each statement execute function ${sql.raw(`event_links_on_${table}_insert`)}()`.execute(db);
    await sql`create trigger ${sql.raw(`event_links_${table}_update`)} after update on ${sql.raw(table)} referencing old table as old_rows new table as new_rows
              for each statement execute function ${sql.raw(`event_links_on_${table}_update`)}()`.execute(db);
    await sql`create trigger ${sql.raw(`event_links_${table}_delete`)} after delete on ${sql.raw(table)} referencing old table as old_rows
              for each statement execute function ${sql.raw(`event_links_on_${table}_delete`)}()`.execute(db);
  }

  // event_links → facet_counts: -1 per value of an old live row, +1 per value of a new one, netted per statement.
  const side = (table: string, sign: 1 | -1) => `
    select 'all' as dim, '' as value, kind, status, ${sign} as dn from ${table} where live
    union all select 'source', unnest(source_ids)::text, kind, status, ${sign} from ${table} where live
    union all select 'actor', unnest(actor_ids)::text, kind, status, ${sign} from ${table} where live
    union all select 'tag', unnest(tags), kind, status, ${sign} from ${table} where live`;
  const apply = (fn: string, sides: string[]) => sql`
    create function ${sql.raw(fn)}() returns trigger language plpgsql as $$
    begin
      with delta as (
        select dim, value, kind, status, sum(dn)::int as n
          from (${sql.raw(sides.join(' union all '))}) d
         group by dim, value, kind, status
        having sum(dn) <> 0
      ), shrink as (
        -- Losses always hit existing rows; an emptied row stays at zero (readers skip it).
        update facet_counts c set n = c.n + d.n
          from delta d
         where d.n < 0 and c.dim = d.dim and c.value = d.value and c.kind = d.kind and c.status = d.status
        returning 1
      )
      insert into facet_counts as c (dim, value, kind, status, n)
      select dim, value, kind, status, n from delta where n > 0
      on conflict (dim, value, kind, status) do update set n = c.n + excluded.n;
      return null;
    end $$`;
  await apply('facet_counts_on_insert', [side('new_rows', 1)]).execute(db);
  await apply('facet_counts_on_update', [side('old_rows', -1), side('new_rows', 1)]).execute(db);
  await apply('facet_counts_on_delete', [side('old_rows', -1)]).execute(db);
  await sql`create trigger facet_counts_insert after insert on event_links referencing new table as new_rows
            for each statement execute function facet_counts_on_insert()`.execute(db);
  await sql`create trigger facet_counts_update after update on event_links referencing old table as old_rows new table as new_rows
            for each statement execute function facet_counts_on_update()`.execute(db);
  await sql`create trigger facet_counts_delete after delete on event_links referencing old table as old_rows
            for each statement execute function facet_counts_on_delete()`.execute(db);

  // Backfill: the links (their insert trigger fills facet_counts).
  await sql`
    insert into event_links (event_id, kind, status, live, tags, source_ids, actor_ids)
    select e.id, e.kind, e.status, e.deleted_at is null, e.tags,
           coalesce(s.ids, '{}'), coalesce(a.ids, '{}')
      from events e
      left join (select event_id, array_agg(distinct source_id order by source_id) as ids from claims group by 1) s on s.event_id = e.id
      left join (select event_id, array_agg(distinct actor_id order by actor_id) as ids from event_actors group by 1) a on a.event_id = e.id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, triggers] of [
    ['events', ['event_links_insert', 'event_links_update']],
    ['claims', ['event_links_claims_insert', 'event_links_claims_update', 'event_links_claims_delete']],
    ['event_actors', ['event_links_event_actors_insert', 'event_links_event_actors_update', 'event_links_event_actors_delete']],
  ] as const) {
    for (const t of triggers) await sql`drop trigger if exists ${sql.raw(t)} on ${sql.raw(table)}`.execute(db);
  }
  await sql`drop table if exists facet_counts`.execute(db);
  await sql`drop table if exists event_links`.execute(db);
  for (const fn of [
    'event_links_on_event_insert',
    'event_links_on_event_update',
    'event_links_on_claims_insert',
    'event_links_on_claims_update',
    'event_links_on_claims_delete',
    'event_links_on_event_actors_insert',
    'event_links_on_event_actors_update',
    'event_links_on_event_actors_delete',
    'facet_counts_on_insert',
    'facet_counts_on_update',
    'facet_counts_on_delete',
  ]) {
    await sql`drop function if exists ${sql.raw(fn)}()`.execute(db);
  }
}
