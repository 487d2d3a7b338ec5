import type { Kysely, Transaction } from 'kysely';
import { type EventDetail, eventDetailToInput } from '@claimline/shared/events';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { ApiError, notFound } from '../lib/problem.js';
import { getEventState } from '../repositories/events.js';
import { getRevision } from '../repositories/revisions.js';
import { type StoredEvent, type WriteContext, replaceEvent } from './events.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Writes version `version` of an event back as its newest version: a new
 * revision (action "restore", noted "Restored version N"), never a rewind of
 * history. The event must be live and still at `expectedVersion`.
 */
export async function restoreRevision(db: Db, id: string, version: number, expectedVersion: number, ctx: WriteContext): Promise<StoredEvent> {
  return inTransaction(db, async (trx) => {
    const state = await getEventState(trx, id);
    if (!state) throw notFound(`Event ${id}`);
    const revision = await getRevision(trx, id, version);
    if (!revision) throw notFound(`Version ${version} of event ${id}`);
    if (state.deleted) {
      throw new ApiError(409, 'Conflict', { detail: `event ${id} is deleted: restore it (POST /api/events/${id}/restore) before restoring a version` });
    }
    const input = eventDetailToInput(revision.snapshot as EventDetail);
    const note = ctx.note ? `Restored version ${version}: ${ctx.note}` : `Restored version ${version}`;
    return replaceEvent(trx, id, expectedVersion, input, { ...ctx, note }, 'restore');
  });
}
