import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Engine } from './engine.js';

/**
 * VACUUM for the embedded database. PGlite runs PostgreSQL as a single
 * process, so no autovacuum worker ever starts (`show autovacuum` still says
 * on): without this, the rollups that every write updates (event_counts,
 * event_cells, event_cell_months, facet_counts, event_links) and the events
 * themselves would pile up dead rows, and index-only scans, which the map,
 * the timeline and the counts rely on, would read the table again.
 *
 * The rule is autovacuum's own, with its default settings: a table is due
 * when its dead rows exceed 50 + 20 % of its live ones, or the rows inserted
 * since its last vacuum exceed 1,000 + 20 % (PostgreSQL 13's insert rule,
 * which sets the visibility map after a bulk load such as an import).
 * PostgreSQL itself (DATABASE_URL) has its autovacuum, so this runs only on
 * PGlite.
 */

type DueTable = { relname: string; n_dead_tup: number; n_ins: number };

/** Vacuums and analyzes every table that is due; the names of the tables it vacuumed. */
export async function vacuumWhereDue(db: Kysely<any>): Promise<string[]> {
  // This process's counts of its own writes reach pg_stat_user_tables at most once a second, and at the end of
  // a statement: have the next end of statement publish them, so the check below sees every write so far.
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<DueTable>`
    select relname, n_dead_tup::int as n_dead_tup, n_ins_since_vacuum::int as n_ins
    from pg_stat_user_tables
    where schemaname = 'public'
      and (n_dead_tup > 50 + 0.2 * n_live_tup or n_ins_since_vacuum > 1000 + 0.2 * n_live_tup)
    order by relname`.execute(db);
  for (const r of rows) await sql`vacuum (analyze) ${sql.table(r.relname)}`.execute(db);
  return rows.map((r) => r.relname);
}

/** Checks every `intervalMs` on PGlite (not at all on PostgreSQL); returns the function that stops it. */
export function startMaintenance(db: Kysely<any>, engine: Engine, logger: Logger, intervalMs = 60_000): () => void {
  if (engine !== 'pglite') return () => {};
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    const started = performance.now();
    try {
      const tables = await vacuumWhereDue(db);
      if (tables.length > 0) logger.info({ tables, ms: Math.round(performance.now() - started) }, 'vacuumed the embedded database');
    } catch (err) {
      logger.warn({ err }, 'vacuum of the embedded database failed; will try again');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
