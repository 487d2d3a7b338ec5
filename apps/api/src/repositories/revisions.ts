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

export type RevisionRow = {
  id: number;
  eventId: string;
  version: number;
  action: RevisionAction;
  snapshot: unknown;
  note: string | null;
  userId: string | null;
  createdAt: string;
};

/** Every revision of an event, newest first, with its snapshot. */
export async function listRevisions(db: Db, eventId: string): Promise<RevisionRow[]> {
  const rows = await db
    .selectFrom('revisions')
    .select(['id', 'event_id', 'version', 'action', 'snapshot', 'note', 'user_id', 'created_at'])
    .where('event_id', '=', eventId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    eventId: r.event_id,
    version: r.version,
    action: r.action as RevisionAction,
    snapshot: r.snapshot,
    note: r.note,
    userId: r.user_id,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** One version of an event, with its snapshot: what restoring that version writes back. */
export async function getRevision(db: Db, eventId: string, version: number): Promise<{ version: number; snapshot: unknown } | undefined> {
  return db
    .selectFrom('revisions')
    .select(['version', 'snapshot'])
    .where('event_id', '=', eventId)
    .where('version', '=', version)
    .executeTakeFirst();
}
