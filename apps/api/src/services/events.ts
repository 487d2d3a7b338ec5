import type { Kysely, Transaction } from 'kysely';
import {
  type EventDetail,
  type EventInput,
  type ParsedEventInput,
  eventDetailToInput,
  eventInputSchema,
  eventPatchSchema,
} from '@claimline/shared/events';
import { deriveStatus } from '@claimline/shared/status';
import { fillFromPhrase } from '@claimline/shared/vague-quantities';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { ApiError, type FieldError, notFound, validationError } from '../lib/problem.js';
import { findExistingActorIds } from '../repositories/actors.js';
import * as events from '../repositories/events.js';
import { type RevisionAction, insertRevision } from '../repositories/revisions.js';
import { findExistingSourceIds } from '../repositories/sources.js';

/**
 * Writing events: validation beyond the schema (referenced sources, actors
 * and claim ids), vague phrases filled into intervals, the derived status,
 * the version check and the revision, all in one transaction. The API, the
 * importer and the dataset loader all write through here.
 */

type Db = Kysely<Database> | Transaction<Database>;
export type WriteContext = { userId: string | null; note?: string | null };
export type StoredEvent = EventDetail & { deletedAt: string | null };

function parseInput(raw: unknown): ParsedEventInput {
  const parsed = eventInputSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'json');
  // A phrase ("dozens") fills low/high where the editor gave no numbers; the phrase is kept.
  return { ...parsed.data, claims: parsed.data.claims.map((c) => ({ ...c, quantities: c.quantities.map(fillFromPhrase) })) };
}

async function checkReferences(trx: Transaction<Database>, input: ParsedEventInput, eventId: string | null): Promise<void> {
  const problems: FieldError[] = [];
  const sources = await findExistingSourceIds(trx, [...new Set(input.claims.map((c) => c.sourceId))]);
  input.claims.forEach((c, i) => {
    if (!sources.has(c.sourceId)) problems.push({ path: `claims.${i}.sourceId`, message: `no source has id ${c.sourceId}` });
  });
  const actors = await findExistingActorIds(trx, [...new Set(input.actors.map((a) => a.actorId))]);
  input.actors.forEach((a, i) => {
    if (!actors.has(a.actorId)) problems.push({ path: `actors.${i}.actorId`, message: `no actor has id ${a.actorId}` });
  });
  const claimIds = input.claims.map((c) => c.id).filter((id): id is string => !!id);
  if (new Set(claimIds).size !== claimIds.length) problems.push({ path: 'claims', message: 'a claim id appears twice' });
  if (claimIds.length > 0) {
    const taken = await trx.selectFrom('claims').select(['id', 'event_id']).where('id', 'in', claimIds).execute();
    for (const t of taken) {
      if (t.event_id !== eventId) {
        const i = input.claims.findIndex((c) => c.id === t.id);
        problems.push({ path: `claims.${i}.id`, message: 'belongs to another event' });
      }
    }
  }
  if (input.externalSource && input.externalId) {
    const clash = await trx
      .selectFrom('events')
      .select('id')
      .where('external_source', '=', input.externalSource)
      .where('external_id', '=', input.externalId)
      .executeTakeFirst();
    if (clash && clash.id !== eventId) {
      throw new ApiError(409, 'Conflict', {
        detail: `${input.externalSource}:${input.externalId} is already event ${clash.id}`,
        errors: [{ path: 'externalId', message: 'already used by another event' }],
      });
    }
  }
  if (problems.length > 0) {
    throw new ApiError(400, 'Invalid request', { detail: `invalid body: ${problems.map((p) => p.path).join(', ')}`, errors: problems });
  }
}

async function writeRevision(trx: Transaction<Database>, id: string, action: RevisionAction, ctx: WriteContext): Promise<StoredEvent> {
  const detail = await events.getEventDetail(trx, id, { includeDeleted: true });
  if (!detail) throw new Error(`event ${id} vanished inside its own transaction`);
  await insertRevision(trx, { eventId: id, version: detail.version, action, snapshot: detail, note: ctx.note ?? null, userId: ctx.userId });
  return detail;
}

/** 412 when the event moved on, 404 when it is not there (or, for `restore`, not deleted). */
async function staleOrMissing(trx: Transaction<Database>, id: string, expectedVersion: number, wantDeleted: boolean): Promise<never> {
  const state = await events.getEventState(trx, id);
  if (!state || (state.deleted !== wantDeleted && state.version === expectedVersion)) {
    throw notFound(wantDeleted ? `Deleted event ${id}` : `Event ${id}`);
  }
  throw new ApiError(412, 'Precondition Failed', {
    detail: `event ${id} is at version ${state.version}, not ${expectedVersion}: it changed since you read it`,
    headers: { ETag: `"${state.version}"` },
  });
}

export async function createEvent(db: Db, raw: EventInput | unknown, ctx: WriteContext): Promise<StoredEvent> {
  const input = parseInput(raw);
  return inTransaction(db, async (trx) => {
    if (input.id && (await events.getEventState(trx, input.id))) {
      throw new ApiError(409, 'Conflict', { detail: `an event with id ${input.id} exists`, errors: [{ path: 'id', message: 'already exists' }] });
    }
    await checkReferences(trx, input, null);
    const id = await events.insertEvent(trx, input, deriveStatus(input.claims).status);
    return writeRevision(trx, id, 'create', ctx);
  });
}

/** Replaces the event with `raw` (a full event) if it is still at `expectedVersion`. */
export async function replaceEvent(db: Db, id: string, expectedVersion: number, raw: unknown, ctx: WriteContext, action: RevisionAction = 'update'): Promise<StoredEvent> {
  const input = parseInput(raw);
  return inTransaction(db, async (trx) => {
    await checkReferences(trx, input, id);
    const version = await events.updateEvent(trx, id, expectedVersion, input, deriveStatus(input.claims).status);
    if (version === null) return staleOrMissing(trx, id, expectedVersion, false);
    return writeRevision(trx, id, action, ctx);
  });
}

/** PATCH: merges the given fields onto the stored event, then writes it as replaceEvent does. */
export async function patchEvent(db: Db, id: string, expectedVersion: number, rawPatch: unknown, ctx: WriteContext): Promise<StoredEvent> {
  const patch = eventPatchSchema.safeParse(rawPatch);
  if (!patch.success) throw validationError(patch.error, 'json');
  const { note, ...fields } = patch.data;
  return inTransaction(db, async (trx) => {
    const current = await events.getEventDetail(trx, id);
    // Deleted since the client read it is stale (412), like any other change; gone or deleted at that very version is 404.
    if (!current || current.version !== expectedVersion) return staleOrMissing(trx, id, expectedVersion, false);
    const merged = { ...eventDetailToInput(current), ...stripUndefined(fields) };
    return replaceEvent(trx, id, expectedVersion, merged, { ...ctx, note: note ?? ctx.note ?? null });
  });
}

export async function deleteEvent(db: Db, id: string, expectedVersion: number, ctx: WriteContext): Promise<StoredEvent> {
  return inTransaction(db, async (trx) => {
    const version = await events.setEventDeleted(trx, id, expectedVersion, true);
    if (version === null) return staleOrMissing(trx, id, expectedVersion, false);
    return writeRevision(trx, id, 'delete', ctx);
  });
}

export async function restoreEvent(db: Db, id: string, expectedVersion: number, ctx: WriteContext): Promise<StoredEvent> {
  return inTransaction(db, async (trx) => {
    const version = await events.setEventDeleted(trx, id, expectedVersion, false);
    if (version === null) return staleOrMissing(trx, id, expectedVersion, true);
    return writeRevision(trx, id, 'restore', ctx);
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
