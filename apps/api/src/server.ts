import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/engine.js';
import { startMaintenance } from './db/maintenance.js';
import { migrateToLatest } from './db/migrate.js';
import { countUsers } from './repositories/users.js';
import { seedIfEmpty } from './seed/kursk.js';

/** The only place that reads the environment and opens a port. */

// V8 lets the old generation grow up to several times its live size before a full collection. The server's
// live heap is small (~30 MB) but a long export or a burst of requests promotes garbage at their own
// throughput, so resident memory climbed to 175–215 MB during a million-row export. Growing by 20 % keeps it
// at ~130 MB, with no measurable cost to the export's speed (docs/BENCHMARKS.md). Set here, not on the command
// line, so every way of starting the server has it; V8 reads the flag at each collection.
v8.setFlagsFromString('--heap-growing-percent=20');

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const config = loadConfig(process.env, repoRoot);
const logger = pino({ level: config.logLevel });

async function main() {
  const handle = await openDatabase(config);
  const where = handle.engine === 'pglite' ? `PGlite in ${path.relative(process.cwd(), config.dataDir) || '.'}` : 'PostgreSQL (DATABASE_URL)';
  const applied = await migrateToLatest(handle.db);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  await seedIfEmpty(handle.db, config.seed, logger);
  if ((await countUsers(handle.db)) === 0) {
    // There is no default account and no default password: the first admin is made by hand.
    const stopFirst = handle.engine === 'pglite' ? ' (stop this server first: the embedded database allows one process)' : '';
    logger.warn(`no users yet: nobody can sign in or edit. Create the first admin with \`npm run user -- add --email you@example.org --role admin\`${stopFirst}`);
  }

  const webDist = existsSync(path.join(config.webDist, 'index.html')) ? config.webDist : null;
  if (!webDist) logger.warn('apps/web/dist is missing: serving the API only (run `npm run build`)');
  const app = createApp({ db: handle.db, engine: handle.engine, config, logger, webDist });
  // PGlite has no autovacuum: vacuum where due, as autovacuum would (db/maintenance.ts).
  const stopMaintenance = startMaintenance(handle.db, handle.engine, logger);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
    logger.info(`Claimline is running on http://localhost:${info.port}/ (${where})`);
    console.log(`\n  Claimline: http://localhost:${info.port}/   API docs: http://localhost:${info.port}/api/docs\n`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stopMaintenance();
    server.close(() => {
      handle.close().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  logger.fatal({ err }, 'could not start');
  process.exit(1);
});
