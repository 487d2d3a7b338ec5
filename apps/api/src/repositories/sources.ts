import type { Kysely, Transaction } from 'kysely';
import type { Source, SourceInput } from '@claimline/shared/sources';
import type { sourceInputSchema } from '@claimline/shared/sources';
import type { z } from 'zod';
import type { Database, SourceRow } from '../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export function sourceRowToSource(r: SourceRow): Source {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Source['kind'],
    country: r.country,
    homepage: r.homepage,
    reliability: r.reliability as Source['reliability'],
    partyToConflict: r.party_to_conflict,
    notes: r.notes,
  };
}

export async function listSources(db: Db): Promise<Source[]> {
  const rows = await db.selectFrom('sources').selectAll().orderBy('name').execute();
  return rows.map(sourceRowToSource);
}

export async function findExistingSourceIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('sources').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertSource(db: Db, s: z.output<typeof sourceInputSchema>): Promise<Source> {
  const row = await db
    .insertInto('sources')
    .values({
      ...(s.id ? { id: s.id } : {}),
      name: s.name,
      kind: s.kind,
      country: s.country,
      homepage: s.homepage,
      reliability: s.reliability,
      party_to_conflict: s.partyToConflict,
      notes: s.notes,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return sourceRowToSource(row);
}
export type { SourceInput };

/** Changes the given fields; undefined when there is no such source. */
export async function updateSource(db: Db, id: string, s: Partial<Omit<z.output<typeof sourceInputSchema>, 'id'>>): Promise<Source | undefined> {
  const row = await db
    .updateTable('sources')
    .set({
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.kind !== undefined ? { kind: s.kind } : {}),
      ...(s.country !== undefined ? { country: s.country } : {}),
      ...(s.homepage !== undefined ? { homepage: s.homepage } : {}),
      ...(s.reliability !== undefined ? { reliability: s.reliability } : {}),
      ...(s.partyToConflict !== undefined ? { party_to_conflict: s.partyToConflict } : {}),
      ...(s.notes !== undefined ? { notes: s.notes } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? sourceRowToSource(row) : undefined;
}
