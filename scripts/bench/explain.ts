/**
 * `DATABASE_URL=… npm run explain -- '/api/map?zoom=7&from=2024-01-01' [more paths…]`
 *
 * Runs each request against the app in this process, on the PostgreSQL
 * database of DATABASE_URL (say, a bench database kept with `--keep`), and
 * prints every query it ran with its execution time; with PLANS=1, with the
 * whole EXPLAIN (ANALYZE, BUFFERS) plan. Reads only: EXPLAIN ANALYZE runs
 * the queries, and the app's reads write nothing.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../../apps/api/src/app.js';
import { loadConfig } from '../../apps/api/src/config.js';
import { postgresConnection } from '../../apps/api/src/db/engine.js';
import type { Database } from '../../apps/api/src/db/schema.js';
pg.types.setTypeParser(1082, (v) => v);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must name a PostgreSQL database');
const captured: { sql: string; parameters: readonly unknown[] }[] = [];
const config = loadConfig({ ...process.env, TILE_URL: '' }, process.cwd());
// Connected as the server connects (postgresConnection: its planner settings too).
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ ...postgresConnection(url, config.parallelWorkers), max: 4 }) }), log: (e) => { if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters }); } });
const app = createApp({ db, engine: 'postgres', config, logger: pino({ level: 'silent' }), webDist: null });
for (const p of process.argv.slice(2)) {
  captured.length = 0;
  let t = performance.now();
  await (await app.request(p)).arrayBuffer();
  t = performance.now() - t;
  console.log(`\n######## ${p}  (${t.toFixed(1)} ms in-process, ${captured.length} queries)`);
  const qs = [...captured];
  for (const q of qs) {
    const { rows } = await db.executeQuery<any>({ sql: `explain (analyze, buffers) ${q.sql}`, parameters: q.parameters, query: { kind: 'RawNode' } as never, queryId: { queryId: 'x' } as never });
    const plan = rows.map((r: any) => r['QUERY PLAN']).join('\n');
    const exec = /Execution Time: ([\d.]+)/.exec(plan)?.[1];
    console.log(`--- ${exec} ms: ${q.sql.replace(/\s+/g, ' ').slice(0, 300)}  ${JSON.stringify(q.parameters).slice(0, 200)}`);
    if (process.env.PLANS) console.log(plan);
  }
}
await db.destroy();
