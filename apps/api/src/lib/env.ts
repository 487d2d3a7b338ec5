import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AuthUser } from '@claimline/shared/auth';
import type { Database } from '../db/schema.js';
import type { Engine } from '../db/engine.js';
import type { Config } from '../config.js';
import type { Credential } from './auth.js';

/** What every request can reach: set once per request by the app, never imported globally. */
export type AppDeps = { db: Kysely<Database>; engine: Engine; config: Config; logger: Logger };

export type AppEnv = {
  Variables: {
    requestId: string;
    logger: Logger;
    deps: AppDeps;
    /** Set by the authenticate middleware on /api/*: null when the request carries no live credential. */
    user: AuthUser | null;
    credential: Credential | null;
  };
};
