import { type Kysely, type Transaction, sql } from 'kysely';
import type { ParsedEventInput } from '@claimline/shared/events';
import type { EventStatus } from '@claimline/shared/vocabulary';
import type { Database } from '../db/schema.js';
import type { InterchangeSource } from '../interchange/event.js';
import { sourceRowToSource } from './sources.js';
import { claimRow, eventColumns as writeColumns } from './events.js';

/**
 * The import's SQL: lookups of sources, actors, claim and quantity ids by
 * the batch, and a batched write path that stores exactly what the write
 * service (services/events.ts → repositories/events.ts) stores for the same
 * input (the same columns, the same full-text document, the same derived
 * status) plus the event's attributes, a few statements per thousand
 * events instead of a dozen per event.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** An event ready to be written: ids assigned, references resolved, status derived. */
export type PreparedEvent = {
  id: string;
  input: Omit<ParsedEventInput, 'claims'> & { claims: (ParsedEventInput['claims'][number] & { id: string })[] };
  /** Per claim, per quantity. */
  quantityIds: string[][];
  attributes: Record<string, unknown>;
  derivedStatus: EventStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type RevisionInsert = { eventId: string; version: number; action: 'create' | 'update'; snapshot: unknown; note: string | null; userId: string | null };

/** The transaction's clock: every row of one import carries the same instant, as now() would. */
export async function transactionNow(trx: Transaction<Database>): Promise<Date> {
  const { rows } = await sql<{ now: Date | string }>`select now() as now`.execute(trx);
  const now = rows[0]!.now;
  return now instanceof Date ? now : new Date(now);
}

export async function findSources(db: Db, ids: string[], names: string[]): Promise<InterchangeSource[]> {
  if (ids.length === 0 && names.length === 0) return [];
  const rows = await db
    .selectFrom('sources')
    .selectAll()
    .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', ids)] : []), ...(names.length ? [eb('name', 'in', names)] : [])]))
    .execute();
  return rows.map(sourceRowToSource);
}

export type ActorRecord = { id: string; name: string; kind: string; country: string | null };

export async function findActors(db: Db, ids: string[], names: string[]): Promise<ActorRecord[]> {
  if (ids.length === 0 && names.length === 0) return [];
  return db
    .selectFrom('actors')
    .select(['id', 'name', 'kind', 'country'])
    .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', ids)] : []), ...(names.length ? [eb('name', 'in', names)] : [])]))
    .execute();
}

/** Which of these claim ids exist, and under which event. */
export async function findClaimOwners(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('claims').select(['id', 'event_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.event_id]));
}

/** Which of these quantity ids exist, and under which event. */
export async function findQuantityOwners(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('claim_quantities')
    .innerJoin('claims', 'claims.id', 'claim_quantities.claim_id')
    .select(['claim_quantities.id', 'claims.event_id'])
    .where('claim_quantities.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.event_id]));
}

/** PostgreSQL takes at most 65,535 parameters a statement; stay well under. */
const MAX_PARAMETERS = 30_000;

function chunks<T>(items: T[], parametersEach: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / parametersEach));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The event's columns as every write stores them, plus the kept columns of the file. */
function eventColumns(p: PreparedEvent) {
  return {
    ...writeColumns(p.input, p.derivedStatus),
    attributes: sql`${JSON.stringify(p.attributes)}::jsonb` as unknown as string,
  };
}

/** Inserts new events with their actors, claims and quantities. */
export async function insertEvents(trx: Transaction<Database>, events: PreparedEvent[]): Promise<void> {
  for (const chunk of chunks(events, 30)) {
    await trx
      .insertInto('events')
      .values(chunk.map((p) => ({ id: p.id, ...eventColumns(p), version: p.version, created_at: p.createdAt, updated_at: p.updatedAt })))
      .execute();
  }
  await insertChildren(trx, events);
}

/**
 * Replaces events that are still at the version the import read (the
 * check and the write are one UPDATE, as in the write service). Returns the
 * ids that had moved on: the caller fails the import.
 */
export async function updateEvents(trx: Transaction<Database>, events: (PreparedEvent & { expectedVersion: number })[]): Promise<string[]> {
  const stale: string[] = [];
  for (const p of events) {
    const row = await trx
      .updateTable('events')
      .set({ ...eventColumns(p), version: p.version, updated_at: p.updatedAt })
      .where('id', '=', p.id)
      .where('version', '=', p.expectedVersion)
      .where('deleted_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) stale.push(p.id);
  }
  if (stale.length > 0 || events.length === 0) return stale;
  const ids = events.map((p) => p.id);
  for (const chunk of chunks(ids, 1)) {
    await trx.deleteFrom('event_actors').where('event_id', 'in', chunk).execute();
    await trx.deleteFrom('claims').where('event_id', 'in', chunk).execute(); // quantities go with them (on delete cascade)
  }
  await insertChildren(trx, events);
  return stale;
}

async function insertChildren(trx: Transaction<Database>, events: PreparedEvent[]): Promise<void> {
  const actors = events.flatMap((p) => p.input.actors.map((a) => ({ event_id: p.id, actor_id: a.actorId, role: a.role })));
  for (const chunk of chunks(actors, 3)) await trx.insertInto('event_actors').values(chunk).execute();

  const claims = events.flatMap((p) =>
    p.input.claims.map((c, position) => claimRow(c, p.id, position)),
  );
  for (const chunk of chunks(claims, 15)) await trx.insertInto('claims').values(chunk).execute();

  const quantities = events.flatMap((p) =>
    p.input.claims.flatMap((c, ci) =>
      c.quantities.map((q, position) => ({
        id: p.quantityIds[ci]![position]!,
        claim_id: c.id,
        position,
        measure: q.measure,
        subject: q.subject,
        low: q.low,
        best: q.best,
        high: q.high,
        phrase: q.phrase,
      })),
    ),
  );
  for (const chunk of chunks(quantities, 9)) await trx.insertInto('claim_quantities').values(chunk).execute();
}

export async function insertRevisions(trx: Transaction<Database>, revisions: RevisionInsert[]): Promise<void> {
  for (const chunk of chunks(revisions, 6)) {
    await trx
      .insertInto('revisions')
      .values(
        chunk.map((r) => ({
          event_id: r.eventId,
          version: r.version,
          action: r.action,
          snapshot: JSON.stringify(r.snapshot),
          note: r.note,
          user_id: r.userId,
        })),
      )
      .execute();
  }
}
