import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import type { StreamingApi } from 'hono/utils/stream';
import type { Compilable, Kysely } from 'kysely';
import { type EventFilters, exportQuerySchema, mapQuerySchema } from '@claimline/shared/filters';
import { ACLED_COLUMNS, CLAIM_COLUMNS, NATIVE_COLUMNS } from '@claimline/shared/interchange';
import { problemSchema } from '@claimline/shared/problem';
import type { Database } from '../db/schema.js';
import { acledRow } from '../interchange/acled.js';
import { type InterchangeEvent, rowToInterchangeEvent } from '../interchange/event.js';
import { GEOJSON_HEAD, feature, geojsonTail } from '../interchange/geojson.js';
import { claimRows, nativeRow } from '../interchange/native.js';
import { csvHeader, csvRecord, exportFileName } from '../lib/csv.js';
import { forEachBatch } from '../lib/cursor.js';
import type { AppEnv } from '../lib/env.js';
import { createRouter } from '../lib/router.js';
import { type InterchangeRow, type NativeExportRow, countUnlocated, exportQuery, nativeExportQuery } from '../repositories/export.js';

/**
 * Downloads of exactly what the filters select, in the list's order,
 * streamed from a database cursor a batch at a time (memory stays at a
 * batch or two whatever the size). CSV is RFC 4180 (CRLF, UTF-8,
 * formula-safe); the layouts are in @claimline/shared/interchange and
 * docs/INTERCHANGE.md. The native layout is rendered by the database as far
 * as it can be (nativeExportQuery), so a million events stream at close to
 * the speed PostgreSQL produces them.
 */

const BATCH = 500;

const problem = { content: { 'application/problem+json': { schema: problemSchema } } };

const exportCsv = createRoute({
  method: 'get',
  path: '/export.csv',
  tags: ['export'],
  summary: 'Exactly the filtered events as CSV (RFC 4180, UTF-8), streamed from a database cursor',
  description:
    '`columns=native`: one row per event, every field, claims summarised and as JSON (imports back unchanged). ' +
    '`columns=claims`: one row per claimed quantity (or per claim without one), for pivot tables. ' +
    "`columns=acled`: ACLED's 31 columns in ACLED's order; fatalities is the best killed figure of the most reliable claim that states one.",
  request: { query: exportQuerySchema },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    400: { description: 'A parameter is invalid', ...problem },
  },
});

const exportGeojson = createRoute({
  method: 'get',
  path: '/export.geojson',
  tags: ['export'],
  summary: 'The filtered events with coordinates as an RFC 7946 FeatureCollection, streamed',
  description: 'Events without coordinates are left out; `X-Claimline-Unlocated` and the `unlocated` member say how many.',
  request: { query: mapQuerySchema },
  responses: {
    200: {
      description: 'GeoJSON',
      headers: z.object({ 'X-Claimline-Unlocated': z.string().meta({ description: 'Matching events left out for want of coordinates' }) }),
      content: { 'application/geo+json': { schema: z.string() } },
    },
    400: { description: 'A parameter is invalid', ...problem },
  },
});

/** A CSV layout: its query, and how a batch of the query's rows becomes records (one or more a row). */
type Layout<R> = {
  what: string;
  columns: readonly string[];
  query(db: Kysely<Database>, filters: EventFilters): Compilable<R>;
  records(rows: R[]): Record<string, unknown>[];
};

/** Records from the events of exportQuery, each read whole (claims, sources, quantities as objects). */
const fromEvents = (rows: (e: InterchangeEvent) => Record<string, unknown>[]) => (batch: InterchangeRow[]) =>
  batch.flatMap((row) => rows(rowToInterchangeEvent(row)));

const LAYOUTS = {
  // The database renders the native row's summaries and JSON (see nativeExportQuery): no claim becomes an object here.
  native: { what: 'events', columns: NATIVE_COLUMNS, query: nativeExportQuery, records: (batch) => batch.map(nativeRow) } satisfies Layout<NativeExportRow>,
  claims: { what: 'claims', columns: CLAIM_COLUMNS, query: exportQuery, records: fromEvents(claimRows) } satisfies Layout<InterchangeRow>,
  acled: { what: 'events-acled', columns: ACLED_COLUMNS, query: exportQuery, records: fromEvents((e) => [acledRow(e)]) } satisfies Layout<InterchangeRow>,
};

function download(c: Context<AppEnv>, what: string, ext: string, contentType: string) {
  const today = new Date().toISOString().slice(0, 10);
  const name = exportFileName(what, new URL(c.req.url).searchParams, today, ext);
  c.header('Content-Type', contentType);
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  c.header('Cache-Control', 'no-store');
}

/** Thrown between batches when the client has gone: the cursor and its transaction close at once. */
class ClientGone extends Error {}

function unlessGone(out: StreamingApi): void {
  if (out.aborted) throw new ClientGone('the client closed the download');
}

/** Headers are gone once streaming: log, and cut the stream so the client sees a broken download, not a short file. */
function onStreamError(c: Context<AppEnv>, what: string) {
  return async (err: Error, out: StreamingApi) => {
    if (err instanceof ClientGone) {
      c.get('deps').logger.info(`${what} export stopped: the client closed the download`);
      return;
    }
    c.get('deps').logger.error({ err }, `${what} export failed mid-stream`);
    out.abort();
  };
}

/**
 * Text out as UTF-8 in chunks of about CHUNK_BYTES: a record is encoded
 * straight into the current chunk, which is written when full. No batch-sized
 * string is built, flattened and encoded as a whole: for the native export
 * that cost about as much time as making the CSV, and left megabytes of
 * garbage a batch.
 */
const CHUNK_BYTES = 256 * 1024;

class Utf8Chunks {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(private readonly out: StreamingApi) {}

  async write(text: string): Promise<void> {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const room = text.length * 3;
    if (this.used + room > this.chunk.length) await this.flush();
    if (room > this.chunk.length) {
      await this.out.write(Buffer.from(text, 'utf8'));
      return;
    }
    this.used += this.chunk.write(text, this.used, 'utf8');
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    // The stream keeps the chunk until the socket has it: the next one is a new buffer.
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    await this.out.write(full);
  }
}

async function writeCsv<R>(out: StreamingApi, db: Kysely<Database>, filters: EventFilters, layout: Layout<R>): Promise<void> {
  const chunks = new Utf8Chunks(out);
  await chunks.write(csvHeader(layout.columns));
  await forEachBatch(db, layout.query(db, filters), BATCH, async (rows) => {
    unlessGone(out);
    for (const record of layout.records(rows)) await chunks.write(csvRecord(record, layout.columns));
  });
  await chunks.flush();
}

export const exportRoutes = createRouter()
  .openapi(exportCsv, (c) => {
    const { columns, ...filters } = c.req.valid('query');
    const { db } = c.get('deps');
    const layout: Layout<unknown> = LAYOUTS[columns];
    download(c, layout.what, 'csv', 'text/csv; charset=utf-8');
    return stream(c, (out) => writeCsv(out, db, filters, layout), onStreamError(c, 'CSV'));
  })
  .openapi(exportGeojson, async (c) => {
    const filters = c.req.valid('query');
    const { db } = c.get('deps');
    // Counted before the stream starts, since headers go first; the body's `unlocated` is counted from the streamed snapshot itself.
    c.header('X-Claimline-Unlocated', String(await countUnlocated(db, filters)));
    download(c, 'events', 'geojson', 'application/geo+json; charset=utf-8');
    // geo+json counts as JSON to the typed responses, which expect c.json(); this body is streamed instead.
    return stream(
      c,
      async (out) => {
        const chunks = new Utf8Chunks(out);
        let first = true;
        let unlocated = 0;
        await chunks.write(GEOJSON_HEAD);
        await forEachBatch(db, exportQuery(db, filters), BATCH, async (rows) => {
          unlessGone(out);
          for (const row of rows) {
            const f = feature(rowToInterchangeEvent(row));
            if (f === null) {
              unlocated++;
              continue;
            }
            await chunks.write((first ? '\n' : ',\n') + f);
            first = false;
          }
        });
        await chunks.write(geojsonTail(unlocated));
        await chunks.flush();
      },
      onStreamError(c, 'GeoJSON'),
    ) as never;
  });
