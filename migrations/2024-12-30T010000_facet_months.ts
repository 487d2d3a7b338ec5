import { type Kysely, sql } from 'kysely';

/**
 * The filter panel's source, actor and tag counts by calendar month, for a
 * date window (a year brushed on the timeline) without counting every event
 * in it: facet_counts (migration 2024-12-29) per month, for the live events
 * whose span lies in one month. The window is split as for the map's monthly
 * rollup (apps/api/src/repositories/month-window.ts): whole months from
 * here, the edge days and the events spanning months from the events.
 *
 * event_links gains the event's month (null when its span crosses a month
 * end), copied by the events' triggers with its other columns, and
 * facet_months is kept from event_links by statement-level triggers, as
 * facet_counts is, in the same transaction as every write.
 */
const month = (d: string) => `date_trunc('month', (${d})::timestamp)::date`;
const monthOf = (r: string) =>
  `case when ${month(`${r}.start_date`)} = ${month(`coalesce(${r}.end_date, ${r}.start_date)`)} then ${month(`${r}.start_date`)} end`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table event_links add column month date`.execute(db);

  // The events' triggers copy the month with the rest.
  await sql.raw(`
    create or replace function event_links_on_event_insert() returns trigger language plpgsql as $$
    begin
      insert into event_links (event_id, kind, status, live, tags, month)
      select id, kind, status, deleted_at is null, tags, ${monthOf('new_rows')} from new_rows;
      return null;
    end $$`).execute(db);
  await sql.raw(`
    create or replace function event_links_on_event_update() returns trigger language plpgsql as $$
    begin
      update event_links l
         set kind = n.kind, status = n.status, live = n.deleted_at is null, tags = n.tags, month = ${monthOf('n')}
        from new_rows n
       where l.event_id = n.id
         and (l.kind, l.status, l.live, l.tags, l.month) is distinct from (n.kind, n.status, n.deleted_at is null, n.tags, ${monthOf('n')});
      return null;
    end $$`).execute(db);

  // The existing links' months; facet_counts does not count months, so its trigger need not see this.
  await sql`alter table event_links disable trigger facet_counts_update`.execute(db);
  await sql.raw(`update event_links l set month = ${monthOf('e')} from events e where e.id = l.event_id`).execute(db);
  await sql`alter table event_links enable trigger facet_counts_update`.execute(db);

  await sql`
    create table facet_months (
      month date not null,
      dim text not null check (dim in ('source', 'actor', 'tag')),
      value text not null,
      kind text not null,
      status text not null,
      n integer not null check (n >= 0),
      primary key (dim, month, value, kind, status) include (n)
    )`.execute(db);

  const side = (table: string, sign: 1 | -1) => `
    select month, 'source' as dim, unnest(source_ids)::text as value, kind, status, ${sign} as dn from ${table} where live and month is not null
    union all select month, 'actor', unnest(actor_ids)::text, kind, status, ${sign} from ${table} where live and month is not null
    union all select month, 'tag', unnest(tags), kind, status, ${sign} from ${table} where live and month is not null`;
  const apply = (fn: string, sides: string[]) => sql`
    create function ${sql.raw(fn)}() returns trigger language plpgsql as $$
    begin
      with delta as (
        select month, dim, value, kind, status, sum(dn)::int as n
          from (${sql.raw(sides.join(' union all '))}) d
         group by month, dim, value, kind, status
        having sum(dn) <> 0
      ), shrink as (
        -- Losses always hit existing rows; an emptied row stays at zero (readers skip it).
        update facet_months c set n = c.n + d.n
          from delta d
         where d.n < 0 and c.dim = d.dim and c.month = d.month and c.value = d.value and c.kind = d.kind and c.status = d.status
        returning 1
      )
      insert into facet_months as c (month, dim, value, kind, status, n)
      select month, dim, value, kind, status, n from delta where n > 0
      on conflict (dim, month, value, kind, status) do update set n = c.n + excluded.n;
      return null;
    end $$`;
  await apply('facet_months_on_insert', [side('new_rows', 1)]).execute(db);
  await apply('facet_months_on_update', [side('old_rows', -1), side('new_rows', 1)]).execute(db);
  await apply('facet_months_on_delete', [side('old_rows', -1)]).execute(db);
  await sql`create trigger facet_months_insert after insert on event_links referencing new table as new_rows
            for each statement execute function facet_months_on_insert()`.execute(db);
  await sql`create trigger facet_months_update after update on event_links referencing old table as old_rows new table as new_rows
            for each statement execute function facet_months_on_update()`.execute(db);
  await sql`create trigger facet_months_delete after delete on event_links referencing old table as old_rows
            for each statement execute function facet_months_on_delete()`.execute(db);

  await sql.raw(`
    insert into facet_months (month, dim, value, kind, status, n)
    select month, dim, value, kind, status, sum(dn)::int from (${side('event_links', 1)}) d
    group by month, dim, value, kind, status`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const op of ['insert', 'update', 'delete']) {
    await sql`drop trigger if exists ${sql.raw(`facet_months_${op}`)} on event_links`.execute(db);
    await sql`drop function if exists ${sql.raw(`facet_months_on_${op}`)}()`.execute(db);
  }
  await sql`drop table if exists facet_months`.execute(db);
  await sql`
    create or replace function event_links_on_event_insert() returns trigger language plpgsql as $$
    begin
      insert into event_links (event_id, kind, status, live, tags)
      select id, kind, status, deleted_at is null, tags from new_rows;
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function event_links_on_event_update() returns trigger language plpgsql as $$
    begin
      update event_links l
         set kind = n.kind, status = n.status, live = n.deleted_at is null, tags = n.tags
        from new_rows n
       where l.event_id = n.id
         and (l.kind, l.status, l.live, l.tags) is distinct from (n.kind, n.status, n.deleted_at is null, n.tags);
      return null;
    end $$`.execute(db);
  await sql`alter table event_links drop column month`.execute(db);
}
