import type { Kysely, Transaction } from 'kysely';
import { type EventDetail, type EventInput, eventInputSchema } from '@claimline/shared/events';
import { deriveStatus } from '@claimline/shared/status';
import { fillFromPhrase } from '@claimline/shared/vague-quantities';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { ApiError, type FieldError, validationError } from '../lib/problem.js';
import { findExistingActorIds } from '../repositories/actors.js';
import { getEventDetail, insertEvent } from '../repositories/events.js';
import { insertRevision } from '../repositories/revisions.js';
import { findExistingSourceIds } from '../repositories/sources.js';

/**
 * Writing events: validation beyond the schema (referenced sources and actors
 * exist), vague phrases filled into intervals, the derived status, and the
 * revision, all in one transaction. The API and the dataset loader both write
 * through here.
 */

export type WriteContext = { userId: string | null; note?: string | null };

export async function createEvent(db: Kysely<Database> | Transaction<Database>, raw: EventInput | unknown, ctx: WriteContext): Promise<EventDetail> {
  const parsed = eventInputSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'json');
  const input = {
    ...parsed.data,
    claims: parsed.data.claims.map((c) => ({ ...c, quantities: c.quantities.map(fillFromPhrase) })),
  };

  return inTransaction(db, async (trx) => {
    const problems: FieldError[] = [];
    const sources = await findExistingSourceIds(trx, [...new Set(input.claims.map((c) => c.sourceId))]);
    input.claims.forEach((c, i) => {
      if (!sources.has(c.sourceId)) problems.push({ path: `claims.${i}.sourceId`, message: `no source has id ${c.sourceId}` });
    });
    const actors = await findExistingActorIds(trx, [...new Set(input.actors.map((a) => a.actorId))]);
    input.actors.forEach((a, i) => {
      if (!actors.has(a.actorId)) problems.push({ path: `actors.${i}.actorId`, message: `no actor has id ${a.actorId}` });
    });
    if (problems.length > 0) {
      throw new ApiError(400, 'Invalid request', { detail: `invalid body: ${problems.map((p) => p.path).join(', ')}`, errors: problems });
    }
    if (input.id) {
      const clash = await trx.selectFrom('events').select('id').where('id', '=', input.id).executeTakeFirst();
      if (clash) throw new ApiError(409, 'Conflict', { detail: `an event with id ${input.id} exists`, errors: [{ path: 'id', message: 'already exists' }] });
    }
    if (input.externalSource && input.externalId) {
      const clash = await trx
        .selectFrom('events')
        .select('id')
        .where('external_source', '=', input.externalSource)
        .where('external_id', '=', input.externalId)
        .executeTakeFirst();
      if (clash) {
        throw new ApiError(409, 'Conflict', {
          detail: `${input.externalSource}:${input.externalId} is already event ${clash.id}`,
          errors: [{ path: 'externalId', message: 'already imported' }],
        });
      }
    }

    const derived = deriveStatus(input.claims).status;
    const id = await insertEvent(trx, input, derived);
    const detail = await getEventDetail(trx, id);
    if (!detail) throw new Error(`event ${id} vanished inside its own transaction`);
    const { deletedAt: _deleted, ...snapshot } = detail;
    await insertRevision(trx, { eventId: id, version: detail.version, action: 'create', snapshot, note: ctx.note ?? null, userId: ctx.userId });
    return snapshot;
  });
}
