import { type Kysely, sql } from 'kysely';
import type { Database } from '../../apps/api/src/db/schema.js';
import { SETTLEMENTS } from '../../apps/web/src/features/map/geography/settlements.js';

/**
 * A reproducible synthetic dataset for the benchmark, generated inside the
 * database (setseed + random(), one process, no parallel workers) so a
 * million events take a minute, not an hour, on either engine:
 * - places clustered around the region's real settlements (front-line towns
 *   weighted most), with a precision mix from exact to region;
 * - three years of dates, some spans, some week/month precision;
 * - skewed kinds (engagements and strikes dominate) and sources (a few
 *   outlets carry most claims);
 * - one to four claims per event, figures on most casualty-bearing claims.
 * Statuses are drawn with a realistic mix rather than derived (the derivation
 * is covered by unit tests; here only its cost on reads matters).
 */

export const BENCH_SOURCE_COUNT = 40;
const BATCH = 50_000;

export type GenerateOptions = {
  events: number;
  seed?: number;
  /** Events per batch (BATCH unless given): each batch draws from its own seed and is vacuumed after. */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
};

export async function generateDataset(db: Kysely<Database>, opts: GenerateOptions): Promise<void> {
  const seed = opts.seed ?? 0.42;
  await sql`set max_parallel_workers_per_gather = 0`.execute(db).catch(() => undefined);

  // Sources: reliability and party-to-conflict vary; the first few carry most claims (see the claims' source pick).
  await sql`
    insert into sources (id, name, kind, country, reliability, party_to_conflict, notes)
    select
      (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid,
      'Bench source ' || lpad(g::text, 2, '0'),
      (array['wire','newspaper','broadcaster','government','military','ngo','social_media','osint'])[1 + g % 8],
      (array['USA','UKR','RUS','GBR','FRA','DEU','KOR','PRK'])[1 + g % 8],
      (array['A','B','B','C','C','C','D','E','F'])[1 + g % 9],
      g % 5 = 0,
      'synthetic (benchmark)'
    from generate_series(1, ${BENCH_SOURCE_COUNT}) g, lateral (select md5('bench-source-' || g) as h) x
    on conflict do nothing`.execute(db);

  const towns = SETTLEMENTS.filter((s) => s.country === 'RUS' || s.rank <= 2);
  const names = towns.map((t) => t.name);
  const lats = towns.map((t) => t.lat);
  const lons = towns.map((t) => t.lon);

  const batch = opts.batch ?? BATCH;
  for (let from = 1; from <= opts.events; from += batch) {
    const to = Math.min(opts.events, from + batch - 1);
    // setseed per batch: the same batch always draws the same numbers, whatever ran before it.
    await sql`select setseed(${(seed + from / (opts.events + 1)) % 1})`.execute(db);
    await sql`
      insert into events (id, kind, title, summary, start_date, end_date, date_precision, place_name, admin1, country,
                          lat, lon, geo_precision, tags, derived_status, search, external_source, external_id)
      select id, kind, title, summary, start_date, end_date, date_precision, place_name, 'Kursk Oblast', 'RUS',
             lat, lon, geo_precision, tags, derived_status,
             claimline_search_document(title, summary, place_name, quote), 'bench', g::text
      from (
        select g, id, kind, start_date, date_precision, place_name, lat, lon, geo_precision, tags, derived_status,
               case when r_span < 0.1 then start_date + (1 + floor(r_span * 100))::int end as end_date,
               initcap(replace(kind, '_', ' ')) || ' near ' || place_name as title,
               'Synthetic ' || replace(kind, '_', ' ') || ' event ' || g || ' near ' || place_name || '.' as summary,
               'Witnesses reported ' || replace(kind, '_', ' ') || ' near ' || place_name || '.' as quote
        from (
          select g,
                 (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid as id,
                 case when r_kind < 0.35 then 'engagement' when r_kind < 0.60 then 'strike'
                      when r_kind < 0.72 then 'casualty_report' when r_kind < 0.82 then 'movement'
                      when r_kind < 0.90 then 'deployment' when r_kind < 0.98 then 'statement' else 'other' end as kind,
                 date '2023-01-01' + floor(r_date * 1095)::int as start_date,
                 case when r_prec < 0.80 then 'day' when r_prec < 0.92 then 'week' else 'month' end as date_precision,
                 (${sql.val(names)}::text[])[town] as place_name,
                 least(90, greatest(-90, (${sql.val(lats)}::float8[])[town] + spread * sqrt(-2 * ln(1 - r_a)) * cos(2 * pi() * r_b))) as lat,
                 least(180, greatest(-180, (${sql.val(lons)}::float8[])[town] + spread * 1.6 * sqrt(-2 * ln(1 - r_a)) * sin(2 * pi() * r_b))) as lon,
                 case when r_geo < 0.50 then 'exact' when r_geo < 0.75 then 'near' when r_geo < 0.90 then 'district' else 'region' end as geo_precision,
                 case when r_tag < 0.3 then array['front-line'] when r_tag < 0.4 then array['front-line', 'drones'] else '{}'::text[] end as tags,
                 case when r_status < 0.55 then 'single_source' when r_status < 0.85 then 'corroborated'
                      when r_status < 0.95 then 'contested' when r_status < 0.98 then 'denied' else 'retracted' end as derived_status,
                 r_span
          from (
            select g, md5('bench-event-' || g) as h,
                   random() as r_kind, random() as r_date, random() as r_prec, random() as r_a, random() as r_b,
                   random() as r_geo, random() as r_tag, random() as r_status, random() as r_span,
                   -- front-line towns (listed first) weighted most
                   1 + floor(power(random(), 2) * ${names.length})::int as town,
                   0.04 + random() * 0.12 as spread
            from generate_series(${from}::int, ${to}::int) g
          ) draws
        ) picked
      ) rows`.execute(db);

    // Claims: 1–4 per event (most have one or two), sources skewed toward the first few.
    await sql`
      insert into claims (id, event_id, position, source_id, attributed_to, origin, stance, published_at, published_precision,
                          quote, credibility)
      select (substr(pick.h, 1, 12) || '4' || substr(pick.h, 14, 3) || '8' || substr(pick.h, 18, 15))::uuid,
             e.id, n - 1,
             src.ids[pick.source],
             case when random() < 0.3 then 'an official' end,
             'origin ' || (1 + floor(random() * 200)::int),
             case when e.derived_status = 'denied' then 'denies' when e.derived_status = 'contested' and n = 2 then 'denies'
                  when random() < 0.9 then 'asserts' when random() < 0.5 then 'confirms' else 'declines_to_comment' end,
             e.start_date + floor(random() * 5)::int, 'day',
             'Witnesses reported ' || replace(e.kind, '_', ' ') || ' near ' || e.place_name || '.',
             1 + floor(random() * 6)::int
      from events e
      cross join (select array_agg(id order by name) as ids from sources where name like 'Bench source %') src
      cross join lateral generate_series(1, (array[1, 1, 1, 2, 2, 2, 3, 4])[1 + abs(hashtext(e.external_id)) % 8]) n
      -- correlated on n so it is drawn per claim, not once
      cross join lateral (select md5('bench-claim-' || e.external_id || '-' || n) as h,
                                 1 + floor(power(random(), 3) * ${BENCH_SOURCE_COUNT})::int + 0 * n as source) pick
      where e.external_source = 'bench' and e.external_id::int between ${from} and ${to}`.execute(db);

    await sql`
      insert into claim_quantities (claim_id, position, measure, subject, low, best, high, phrase)
      select c.id, 0, m.measure, case when random() < 0.7 then 'Russian forces' else 'Ukrainian forces' end,
             m.best - floor(m.best * 0.3)::int, m.best, m.best + floor(m.best * 0.5)::int, m.best::text
      from claims c
      join events e on e.id = c.event_id
      cross join lateral (
        -- correlated on the claim so it is drawn per claim, not once
        select (array['killed', 'wounded', 'casualties', 'captured'])[1 + floor(random() * 4)::int + 0 * c.position] as measure,
               floor(1 + power(random(), 3) * 300)::int + 0 * c.position as best
      ) m
      where e.external_source = 'bench' and e.external_id::int between ${from} and ${to}
        and e.kind in ('engagement', 'strike', 'casualty_report') and random() < 0.6`.execute(db);

    // Vacuumed and analyzed after every batch, as autovacuum (PostgreSQL's default) and a live server's maintenance
    // (apps/api/src/db/maintenance.ts) keep a database that grows. The batch's claims rewrite each new event's row of
    // event_links (its sources); without a vacuum before the next batch nothing reused the old rows' space, and at a
    // million events the table was 326 MB with 45 % of it empty (181 MB written once, as an import writes it), which
    // every read of the whole table paid for (docs/BENCHMARKS.md, stop 20). The generation took as long either way.
    // An ANALYZE also makes a session plan its trigger functions' statements again (PL/pgSQL keeps a
    // statement's plan for the session). Without it, on PGlite (one session), the second batch's events
    // insert had not finished after 170 s, through the events' link trigger (dropping that trigger, or
    // analyzing here, made it 16-32 s; dropping every trigger on the links did not).
    await sql`vacuum (analyze)`.execute(db);
    opts.onProgress?.(to, opts.events);
  }
}
