import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type DatabaseConnection } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FairPGliteDialect } from '../../apps/api/src/db/pglite-dialect.js';

/**
 * PGlite's one connection goes to the next waiter on a later turn of the
 * event loop, so that requests that have arrived are read between queries
 * (db/pglite-dialect.ts), and waiters are served in the order they asked.
 */
describe('the embedded database connection is handed over fairly', () => {
  let client: PGlite;
  beforeAll(async () => {
    client = await PGlite.create();
  });
  afterAll(() => client?.close());

  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('not within the releasing turn: after the event loop has polled', async () => {
    const driver = new FairPGliteDialect(client).createDriver();
    const first = await driver.acquireConnection();
    let next: DatabaseConnection | undefined;
    const waiting = driver.acquireConnection().then((c) => (next = c));
    await driver.releaseConnection(first);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(next).toBeUndefined();
    await turn();
    await waiting;
    expect(next).toBe(first);
    await driver.releaseConnection(next!);
  });

  it('to the waiters in the order they asked, each able to query', async () => {
    const driver = new FairPGliteDialect(client).createDriver();
    const order: number[] = [];
    const holder = await driver.acquireConnection();
    const waiters = [1, 2, 3].map((n) =>
      driver.acquireConnection().then(async (c) => {
        order.push(n);
        const { rows } = await c.executeQuery<{ n: number }>(CompiledQuery.raw(`select ${n}::int as n`));
        expect(rows).toEqual([{ n }]);
        await driver.releaseConnection(c);
      }),
    );
    await driver.releaseConnection(holder);
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
  });
});
