import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/schema.js';
import type { Engine } from '../db/engine.js';
import type { Config } from '../config.js';

/** What every request can reach: set once per request by the app, never imported globally. */
export type AppDeps = { db: Kysely<Database>; engine: Engine; config: Config; logger: Logger };

export type AppEnv = {
  Variables: { requestId: string; logger: Logger; deps: AppDeps };
};
