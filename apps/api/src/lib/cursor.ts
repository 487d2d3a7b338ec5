import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Reads a query's rows batch by batch from a server-side cursor (DECLARE …
 * FETCH), inside one read-only repeatable-read transaction so the whole
 * stream sees one snapshot. The same code on PostgreSQL and PGlite; memory
 * stays at one batch whatever the size of the result.
 */
export async function forEachBatch<R>(
  db: Kysely<Database>,
  query: Compilable<R>,
  batchSize: number,
  onBatch: (rows: R[]) => Promise<void>,
): Promise<number> {
  const { sql, parameters } = query.compile();
  let total = 0;
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw('set transaction read only'));
      await trx.executeQuery(CompiledQuery.raw(`declare claimline_export no scroll cursor for ${sql}`, [...parameters]));
      for (;;) {
        const { rows } = await trx.executeQuery<R>(CompiledQuery.raw(`fetch ${Math.floor(batchSize)} from claimline_export`));
        if (rows.length === 0) break;
        total += rows.length;
        await onBatch(rows);
      }
      await trx.executeQuery(CompiledQuery.raw('close claimline_export'));
    });
  return total;
}
