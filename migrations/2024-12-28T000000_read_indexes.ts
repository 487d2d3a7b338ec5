import { type Kysely, sql } from 'kysely';

/**
 * Indexes for reading a million events.
 *
 * An index on each live event's span as a date range. A date filter keeps the
 * events whose span [start_date, end_date] overlaps [from, to]; neither end
 * alone narrows that down (every event that starts before `to` or ends after
 * `from` is a candidate), so the aggregates of a week in the middle of three
 * years used to read half the table. The range overlap (`&&`) is what a
 * GiST index answers directly. It covers the columns the map, the timeline,
 * the tag facet and the kind/status counts read, so they are index-only
 * scans. The event_counts rollup gets the same index for the same reason.
 *
 * The list keeps walking its (start_date, id) keyset index; the filters state
 * both forms (apps/api/src/repositories/event-filters.ts) and the planner
 * takes whichever suits the query.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index events_span on events using gist (daterange(start_date, coalesce(end_date, start_date), '[]'))
      include (id, kind, status, start_date, end_date, lat, lon, tags)
      where deleted_at is null`.execute(db);
  // The claims of a set of events, by source and the claim-level filters: the source facet and the trust
  // filters look up every matching event's claims, and this answers them without reading the claims.
  await sql`create index claims_event_source on claims (event_id, source_id) include (credibility, stance)`.execute(db);
  // The same span index for the event_counts rollup, whose rows are spans too.
  await sql`create index event_counts_span on event_counts using gist (daterange(start_date, span_end, '[]')) include (kind, status, n)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists event_counts_span`.execute(db);
  await sql`drop index if exists claims_event_source`.execute(db);
  await sql`drop index if exists events_span`.execute(db);
}
