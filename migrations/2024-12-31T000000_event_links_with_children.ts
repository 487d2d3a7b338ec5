import { type Kysely, sql } from 'kysely';

/**
 * An event's event_links row (migration 2024-12-29) is written with the
 * sources of its claims and the actors it involves already in it, when the
 * claims and actors are there at the end of the statement that inserts the
 * event: the importer writes a batch of events, their claims, quantities,
 * actors and revisions in one statement (repositories/import.ts), and each
 * link row is then inserted once, complete, and counted once in
 * facet_counts and facet_months, instead of being inserted empty and
 * rewritten by the claims' and actors' triggers.
 *
 * Whatever the order the statement's triggers fire in, the row is right:
 * the claims' and actors' triggers recompute the arrays of the link rows
 * that exist, and this one reads what exists when it runs. An event inserted
 * on its own (the write service) finds nothing yet and starts empty, as
 * before; its claims' trigger fills it.
 *
 * The arrays are read per event, by the (event_id, …) indexes of claims and
 * event_actors, as the claims' and actors' triggers read them: a plan that
 * PL/pgSQL keeps for the session cannot turn into a scan of every claim.
 * The month is copied as in migration 2024-12-30T010000.
 */
const month = (d: string) => `date_trunc('month', (${d})::timestamp)::date`;
const monthOf = (r: string) =>
  `case when ${month(`${r}.start_date`)} = ${month(`coalesce(${r}.end_date, ${r}.start_date)`)} then ${month(`${r}.start_date`)} end`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create or replace function event_links_on_event_insert() returns trigger language plpgsql as $$
    begin
      insert into event_links (event_id, kind, status, live, tags, month, source_ids, actor_ids)
      select n.id, n.kind, n.status, n.deleted_at is null, n.tags, ${monthOf('n')},
             coalesce((select array_agg(distinct c.source_id order by c.source_id) from claims c where c.event_id = n.id), '{}'),
             coalesce((select array_agg(distinct a.actor_id order by a.actor_id) from event_actors a where a.event_id = n.id), '{}')
        from new_rows n;
      return null;
    end $$`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create or replace function event_links_on_event_insert() returns trigger language plpgsql as $$
    begin
      insert into event_links (event_id, kind, status, live, tags, month)
      select id, kind, status, deleted_at is null, tags, ${monthOf('new_rows')} from new_rows;
      return null;
    end $$`).execute(db);
}
