import { type Kysely, sql } from 'kysely';

/**
 * The estimates view under a date window, read from two indexes of the
 * `figures` table: its series, and its latest figures when the window holds
 * few; and `figures_series` dropped.
 *
 * The series (how many figures each measure and subject has under the
 * filters) read every live row of the table whatever the filters: at a
 * million events, 864,008 figures for a month's 24,507. `figures_series`
 * (migration 2025-01-08), meant to serve it, was never chosen, at any
 * filter: grouping by its leading columns still reads every entry. It cost
 * 83 MB and a write per figure.
 *
 * A window is now read in two parts (repositories/estimates.ts), each a
 * range of a covering index:
 * - `figures_starts`: the figures whose event starts in the window, by
 *   start date;
 * - `figures_spans`: those whose event spans several days, by the end of
 *   the span, for the few that start before the window and reach into it.
 * Both hold only live figures, as `figures_latest` does, and cover what the
 * view's latest figures are chosen by too: for a window in the past, walking
 * `figures_latest` back from the newest figure passed every newer one first
 * (303,194 of them for June 2024 at a million events).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index figures_series`.execute(db);
  await sql`
    create index figures_starts on figures (start_date)
      include (span_end, subject_key, measure, subject, kind, status, lon, lat, published_at, claim_id, position, quantity_id) where live`.execute(db);
  await sql`
    create index figures_spans on figures (span_end)
      include (start_date, subject_key, measure, subject, kind, status, lon, lat, published_at, claim_id, position, quantity_id)
      where live and span_end > start_date`.execute(db);
  await sql`analyze figures`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index figures_spans`.execute(db);
  await sql`drop index figures_starts`.execute(db);
  await sql`
    create index figures_series on figures (measure, subject) include (start_date, span_end, kind, status, lon, lat) where live`.execute(db);
}
