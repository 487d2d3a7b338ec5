import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Reads a query's rows batch by batch from a server-side cursor (DECLARE …
 * FETCH), inside one read-only repeatable-read transaction so the whole
 * stream sees one snapshot. The same code on PostgreSQL and PGlite; memory
 * stays at two batches (the one handled and the one fetched ahead) whatever
 * the size of the result. A batch's array is emptied once onBatch is done:
 * copy out what must outlive it.
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
      const fetch = () => trx.executeQuery<R>(CompiledQuery.raw(`fetch ${Math.floor(batchSize)} from claimline_export`)).then((r) => r.rows);
      // One batch ahead: the database reads the next batch while this one is handled (and written to a slow client).
      let next = fetch();
      try {
        for (;;) {
          const rows = await next;
          if (rows.length === 0) break;
          next = fetch();
          total += rows.length;
          await onBatch(rows);
          // Let go of the rows at once. The array can outlive a garbage collection or two in the old
          // generation (it is filled while the previous batch is written); while it sits there, dead,
          // whatever it holds is copied into the old generation too, and the heap grows by the export's
          // whole throughput until a full collection. Emptied, the next young collection frees the rows.
          rows.length = 0;
        }
      } catch (err) {
        // The fetch ahead settles before the transaction rolls back; its own failure is not the one to report.
        await next.catch(() => {});
        throw err;
      }
      await trx.executeQuery(CompiledQuery.raw('close claimline_export'));
    });
  return total;
}
