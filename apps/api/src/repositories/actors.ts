import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Actor, actorInputSchema } from '@claimline/shared/sources';
import type { ActorRow, Database } from '../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export function actorRowToActor(r: ActorRow): Actor {
  return { id: r.id, name: r.name, kind: r.kind as Actor['kind'], country: r.country };
}

export async function listActors(db: Db): Promise<Actor[]> {
  const rows = await db.selectFrom('actors').selectAll().orderBy('name').execute();
  return rows.map(actorRowToActor);
}

export async function findExistingActorIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('actors').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertActor(db: Db, a: z.output<typeof actorInputSchema>): Promise<Actor> {
  const row = await db
    .insertInto('actors')
    .values({ ...(a.id ? { id: a.id } : {}), name: a.name, kind: a.kind, country: a.country })
    .returningAll()
    .executeTakeFirstOrThrow();
  return actorRowToActor(row);
}

/** Changes the given fields; undefined when there is no such actor. */
export async function updateActor(db: Db, id: string, a: Partial<Omit<z.output<typeof actorInputSchema>, 'id'>>): Promise<Actor | undefined> {
  const values = {
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.kind !== undefined ? { kind: a.kind } : {}),
    ...(a.country !== undefined ? { country: a.country } : {}),
  };
  const row =
    Object.keys(values).length === 0
      ? await db.selectFrom('actors').selectAll().where('id', '=', id).executeTakeFirst()
      : await db.updateTable('actors').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? actorRowToActor(row) : undefined;
}
