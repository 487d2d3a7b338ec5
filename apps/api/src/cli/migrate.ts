import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/engine.js';
import { migrateToLatest } from '../db/migrate.js';

/** `npm run migrate`: brings the configured database (DATABASE_URL, else PGlite in DATA_DIR) to the latest schema. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const config = loadConfig(process.env, repoRoot);
try {
  const handle = await openDatabase(config);
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
  } finally {
    await handle.close();
  }
} catch (err) {
  console.error(`migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
