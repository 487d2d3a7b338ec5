import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';

/**
 * kysely-pglite-dialect, with its one connection handed to the next waiter on
 * a later turn of the event loop instead of at once.
 *
 * PGlite runs PostgreSQL on the server's own thread, and a query runs to its
 * end without giving the thread back. The dialect serialises callers on its
 * one connection and hands it over by resolving the next caller's promise:
 * a microtask, so while any caller waits, one query follows the next without
 * the event loop ever polling the sockets. Under 64 concurrent clients the
 * requests already read were served over and over while new ones sat unread:
 * every request was 4–6 ms of work, yet some waited 8 s and more before their
 * handler started (autocannon counted them as timeouts). Handing over with
 * setImmediate lets the event loop read what has arrived between queries, and
 * a newly read request queues behind those that were waiting: first come,
 * first served.
 */
export class FairPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    const inner = super.createDriver();
    return {
      init: () => inner.init(),
      acquireConnection: () => inner.acquireConnection(),
      beginTransaction: (connection: DatabaseConnection, settings: TransactionSettings) => inner.beginTransaction(connection, settings),
      commitTransaction: (connection: DatabaseConnection) => inner.commitTransaction(connection),
      rollbackTransaction: (connection: DatabaseConnection) => inner.rollbackTransaction(connection),
      // The caller goes on at once; the connection goes to the next waiter after the event loop's poll.
      releaseConnection: async (connection: DatabaseConnection) => {
        setImmediate(() => void inner.releaseConnection(connection));
      },
      destroy: () => inner.destroy(),
    };
  }
}
