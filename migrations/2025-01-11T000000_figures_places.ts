import { type Kysely, sql } from 'kysely';

/**
 * The estimates view's series for a box ("limit to map view"), read from an
 * index of the live figures by place.
 *
 * The series (how many figures each measure and subject has under the
 * filters) for a box with no date window read every live figure of the
 * table and kept those in the box: at a million events 864,008 figures for
 * the front-line box's 144,639, 139 ms of SQL. Through `figures_places`,
 * a range of longitudes (242,919 entries for that box) with the latitudes
 * tested in the index and the measure, subject, kind and status beside
 * them: 33 ms (40 ms under EXPLAIN ANALYZE). A box holding most of the
 * figures is still read whole (the whole region: 268 ms before and after):
 * the planner compares the two from the columns' statistics, as the box is
 * written as ranges (repositories/estimates.ts, figuresUnder). The index
 * takes 74 MB there.
 *
 * Under a date window the series reads the window's figures instead
 * (migration 2025-01-10); the latest figures walk `figures_latest`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index figures_places on figures (lon, lat) include (measure, subject, kind, status) where live`.execute(db);
  await sql`analyze figures`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index figures_places`.execute(db);
}
