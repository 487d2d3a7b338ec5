import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Runs `fn` in the caller's transaction when there is one, else in a new one: writes compose without nesting. */
export function inTransaction<T>(db: Kysely<Database> | Transaction<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}
