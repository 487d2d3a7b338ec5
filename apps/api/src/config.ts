import path from 'node:path';
import { MAX_ESTIMATES } from '@claimline/shared/estimates';

/** Configuration by environment, read once by server.ts (never by the app itself). */
export type Config = {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  /** null: no tile layer, bundled geography only. */
  tileUrl: string | null;
  tileAttribution: string | null;
  readAccess: 'public' | 'authenticated';
  seed: 'kursk' | 'none';
  webDist: string;
  logLevel: string;
  /** Largest CSV file the import accepts, in bytes (IMPORT_MAX_BYTES; default 100 MiB). */
  importMaxBytes: number;
  /**
   * A text query's total is counted exactly up to this many matching events; beyond it the list says
   * "more than" this many unless the request asks for exactTotal (TEXT_COUNT_LIMIT; default 1,000).
   */
  textCountLimit: number;
  /**
   * The most figures one answer of the estimates view holds when the request names no `limit`: past it the
   * latest by publication, flagged truncated (ESTIMATES_LIMIT; default 2,000, at most MAX_ESTIMATES, 10,000).
   */
  estimatesLimit: number;
  /** PostgreSQL workers per query on the API's connections (DATABASE_PARALLEL_WORKERS); unset, db/engine.ts's default (none). */
  parallelWorkers: number | undefined;
};

export const DEFAULT_IMPORT_MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_TEXT_COUNT_LIMIT = 1000;
/**
 * A chart of 2,000 figures is already dense, and at a million events the latest 2,000 of a common subject take
 * about 100 ms where 10,000 take 800 (docs/BENCHMARKS.md).
 */
export const DEFAULT_ESTIMATES_LIMIT = 2000;

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

export function loadConfig(env: NodeJS.ProcessEnv, repoRoot: string): Config {
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const tileUrl = env.TILE_URL === undefined ? OSM_TILES : env.TILE_URL.trim() || null;
  const readAccess = env.READ_ACCESS ?? 'public';
  if (readAccess !== 'public' && readAccess !== 'authenticated') {
    throw new Error(`READ_ACCESS must be "public" or "authenticated", not "${readAccess}"`);
  }
  const seed = env.CLAIMLINE_SEED ?? 'kursk';
  if (seed !== 'kursk' && seed !== 'none') throw new Error(`CLAIMLINE_SEED must be "kursk" or "none", not "${seed}"`);
  const importMaxBytes = env.IMPORT_MAX_BYTES ? Number(env.IMPORT_MAX_BYTES) : DEFAULT_IMPORT_MAX_BYTES;
  if (!Number.isSafeInteger(importMaxBytes) || importMaxBytes < 1) {
    throw new Error(`IMPORT_MAX_BYTES must be a positive whole number of bytes, not "${env.IMPORT_MAX_BYTES}"`);
  }
  const textCountLimit = env.TEXT_COUNT_LIMIT ? Number(env.TEXT_COUNT_LIMIT) : DEFAULT_TEXT_COUNT_LIMIT;
  if (!Number.isSafeInteger(textCountLimit) || textCountLimit < 1) {
    throw new Error(`TEXT_COUNT_LIMIT must be a positive whole number of events, not "${env.TEXT_COUNT_LIMIT}"`);
  }
  const estimatesLimit = env.ESTIMATES_LIMIT ? Number(env.ESTIMATES_LIMIT) : DEFAULT_ESTIMATES_LIMIT;
  if (!Number.isSafeInteger(estimatesLimit) || estimatesLimit < 1 || estimatesLimit > MAX_ESTIMATES) {
    throw new Error(`ESTIMATES_LIMIT must be a whole number of figures from 1 to ${MAX_ESTIMATES}, not "${env.ESTIMATES_LIMIT}"`);
  }
  const parallelWorkers = env.DATABASE_PARALLEL_WORKERS ? Number(env.DATABASE_PARALLEL_WORKERS) : undefined;
  if (parallelWorkers !== undefined && (!Number.isSafeInteger(parallelWorkers) || parallelWorkers < 0 || parallelWorkers > 1024)) {
    throw new Error(`DATABASE_PARALLEL_WORKERS must be a whole number from 0 to 1024, not "${env.DATABASE_PARALLEL_WORKERS}"`);
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(repoRoot, env.DATA_DIR ?? 'data'),
    tileUrl,
    tileAttribution: tileUrl === null ? null : tileUrl === OSM_TILES ? OSM_ATTRIBUTION : (env.TILE_ATTRIBUTION ?? null),
    readAccess,
    seed,
    webDist: path.resolve(repoRoot, 'apps/web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    importMaxBytes,
    textCountLimit,
    estimatesLimit,
    parallelWorkers,
  };
}
