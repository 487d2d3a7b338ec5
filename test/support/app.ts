import pino from 'pino';
import { createApp } from '../../apps/api/src/app.js';
import { type Config, loadConfig } from '../../apps/api/src/config.js';
import type { Engine } from '../../apps/api/src/db/engine.js';
import { loadKurskDataset } from '../../apps/api/src/seed/kursk.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** An app on a database of its own, optionally with the Kursk dataset, called with app.request(). */
export type TestApp = {
  engine: Engine;
  database: TestDatabase;
  app: ReturnType<typeof createApp>;
  get: (path: string, init?: RequestInit) => Promise<Response>;
  json: <T = any>(path: string) => Promise<T>;
  close: () => Promise<void>;
};

export async function createTestApp(engine: Engine, opts: { seed?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  if (opts.seed !== false) await loadKurskDataset(database.db);
  const config = { ...loadConfig({ TILE_URL: '' }, process.cwd()), databaseUrl: undefined, ...opts.config };
  const logger = pino({ level: 'silent' });
  const app = createApp({ db: database.db, engine, config, logger, webDist: null });
  const get = async (path: string, init?: RequestInit) => app.request(path, init);
  return {
    engine,
    database,
    app,
    get,
    json: async (path) => {
      const res = await get(path);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    close: () => database.drop(),
  };
}
