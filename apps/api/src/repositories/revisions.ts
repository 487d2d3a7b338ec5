import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
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

export type RevisionInsert = { eventId: string; version: number; action: RevisionAction; snapshot: unknown; note: string | null; userId: string | null };

/** Rows per INSERT of insertRevisions: 6 parameters each, 12,000 a statement, far below PostgreSQL's 65,535. */
const REVISIONS_PER_STATEMENT = 2000;
const REVISION_COLUMNS = 6;
const valuesText = new Map<number, string>();

/**
 * Many revisions, a multi-row INSERT per 2,000: what insertRevision
 * writes, row for row. Each snapshot goes as its own parameter, so
 * PostgreSQL reads its JSON once, into the jsonb it stores. The statement's
 * text depends only on the number of rows and is built once per count.
 */
export async function insertRevisions(db: Db, revisions: RevisionInsert[]): Promise<void> {
  for (let at = 0; at < revisions.length; at += REVISIONS_PER_STATEMENT) {
    const chunk = revisions.slice(at, at + REVISIONS_PER_STATEMENT);
    let text = valuesText.get(chunk.length);
    if (!text) {
      const rows = chunk.map((_, i) => {
        const p = i * REVISION_COLUMNS;
        return `($${p + 1}::uuid, $${p + 2}::integer, $${p + 3}, $${p + 4}::jsonb, $${p + 5}, $${p + 6}::uuid)`;
      });
      text = `insert into revisions (event_id, version, action, snapshot, note, user_id) values ${rows.join(', ')}`;
      valuesText.set(chunk.length, text);
    }
    const parameters: unknown[] = [];
    for (const r of chunk) parameters.push(r.eventId, r.version, r.action, JSON.stringify(r.snapshot), r.note, r.userId);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
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
