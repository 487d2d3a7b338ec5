import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
export type RevisionAction = 'create' | 'update' | 'delete' | 'restore';

export async function insertRevision(
  db: Db,
  r: { eventId: string; version: number; action: RevisionAction; snapshot: unknown; note: string | null; userId: string | null },
): Promise<void> {
  await db
    .insertInto('revisions')
    .values({
      event_id: r.eventId,
      version: r.version,
      action: r.action,
      snapshot: JSON.stringify(r.snapshot),
      note: r.note,
      user_id: r.userId,
    })
    .execute();
}
