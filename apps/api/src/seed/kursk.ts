import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { actorInputSchema, sourceInputSchema } from '@claimline/shared/sources';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { insertActor } from '../repositories/actors.js';
import { insertSource } from '../repositories/sources.js';
import { createEvent } from '../services/events.js';

/**
 * The Kursk dataset (kursk-dprk.json beside this file): sources, actors and
 * events with stable ids, written through the same service the API writes
 * with, all in one transaction, and only into an empty database.
 */

type Dataset = { sources: unknown[]; actors: unknown[]; events: unknown[] };

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ any: boolean }>`select exists (select 1 from events) or exists (select 1 from sources) as any`.execute(db);
  return !rows[0]?.any;
}

export async function loadKurskDataset(db: Kysely<Database>): Promise<{ events: number; claims: number }> {
  // Imported, not read from beside this file: the built server is one bundle that carries it.
  const data = (await import('./kursk-dprk.json', { with: { type: 'json' } })).default as Dataset;
  return inTransaction(db, async (trx) => {
    for (const s of data.sources) await insertSource(trx, sourceInputSchema.parse(s));
    for (const a of data.actors) await insertActor(trx, actorInputSchema.parse(a));
    let claims = 0;
    for (const e of data.events) {
      const event = await createEvent(trx, e, { userId: null, note: 'Loaded from the Kursk dataset' });
      claims += event.claims.length;
    }
    return { events: data.events.length, claims };
  });
}

/** At start-up: seed an empty database unless told not to. */
export async function seedIfEmpty(db: Kysely<Database>, seed: 'kursk' | 'none', logger: Logger): Promise<void> {
  if (seed === 'none') return;
  if (!(await isEmpty(db))) return;
  const { events, claims } = await loadKurskDataset(db);
  logger.info({ events, claims }, 'loaded the Kursk dataset into the empty database');
}
