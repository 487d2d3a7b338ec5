import path from 'node:path';

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
};

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
  };
}
