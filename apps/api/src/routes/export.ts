import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import type { StreamingApi } from 'hono/utils/stream';
import { exportQuerySchema, mapQuerySchema } from '@claimline/shared/filters';
import { ACLED_COLUMNS, CLAIM_COLUMNS, NATIVE_COLUMNS } from '@claimline/shared/interchange';
import { problemSchema } from '@claimline/shared/problem';
import { acledRow } from '../interchange/acled.js';
import { type InterchangeEvent, rowToInterchangeEvent } from '../interchange/event.js';
import { GEOJSON_HEAD, feature, geojsonTail } from '../interchange/geojson.js';
import { claimRows, nativeRow } from '../interchange/native.js';
import { csvRows, exportFileName } from '../lib/csv.js';
import { forEachBatch } from '../lib/cursor.js';
import type { AppEnv } from '../lib/env.js';
import { createRouter } from '../lib/router.js';
import { countUnlocated, exportQuery } from '../repositories/export.js';

/**
 * Downloads of exactly what the filters select, in the list's order,
 * streamed from a database cursor a batch at a time (memory stays at one
 * batch whatever the size). CSV is RFC 4180 (CRLF, UTF-8, formula-safe);
 * the layouts are in @claimline/shared/interchange and docs/INTERCHANGE.md.
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

const LAYOUTS = {
  native: { what: 'events', columns: NATIVE_COLUMNS, rows: (e: InterchangeEvent) => [nativeRow(e)] },
  claims: { what: 'claims', columns: CLAIM_COLUMNS, rows: claimRows },
  acled: { what: 'events-acled', columns: ACLED_COLUMNS, rows: (e: InterchangeEvent) => [acledRow(e)] },
} as const;

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

export const exportRoutes = createRouter()
  .openapi(exportCsv, (c) => {
    const { columns, ...filters } = c.req.valid('query');
    const { db } = c.get('deps');
    const layout = LAYOUTS[columns];
    download(c, layout.what, 'csv', 'text/csv; charset=utf-8');
    return stream(
      c,
      async (out) => {
        await out.write(csvRows([], layout.columns, true));
        await forEachBatch(db, exportQuery(db, filters), BATCH, async (rows) => {
          unlessGone(out);
          const records = rows.flatMap((row) => layout.rows(rowToInterchangeEvent(row)) as Record<string, unknown>[]);
          if (records.length > 0) await out.write(csvRows(records, layout.columns, false));
        });
      },
      onStreamError(c, 'CSV'),
    );
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
        let first = true;
        let unlocated = 0;
        await out.write(GEOJSON_HEAD);
        await forEachBatch(db, exportQuery(db, filters), BATCH, async (rows) => {
          unlessGone(out);
          let chunk = '';
          for (const row of rows) {
            const f = feature(rowToInterchangeEvent(row));
            if (f === null) {
              unlocated++;
              continue;
            }
            chunk += (first ? '\n' : ',\n') + f;
            first = false;
          }
          if (chunk) await out.write(chunk);
        });
        await out.write(geojsonTail(unlocated));
      },
      onStreamError(c, 'GeoJSON'),
    ) as never;
  });
