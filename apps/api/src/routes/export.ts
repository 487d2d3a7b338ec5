import { createRoute, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { exportQuerySchema } from '@claimline/shared/filters';
import { problemSchema } from '@claimline/shared/problem';
import { csvRows, exportFileName } from '../lib/csv.js';
import { forEachBatch } from '../lib/cursor.js';
import { createRouter } from '../lib/router.js';
import { NATIVE_COLUMNS, nativeExportQuery } from '../repositories/export.js';

const BATCH = 1000;

const exportCsv = createRoute({
  method: 'get',
  path: '/export.csv',
  tags: ['export'],
  summary: 'Exactly the filtered events as CSV (RFC 4180, UTF-8), streamed from a database cursor',
  request: { query: exportQuerySchema },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    400: { description: 'A parameter is invalid', content: { 'application/problem+json': { schema: problemSchema } } },
  },
});

export const exportRoutes = createRouter().openapi(exportCsv, (c) => {
  const { columns: _columns, ...filters } = c.req.valid('query');
  const { db, logger } = c.get('deps');
  const today = new Date().toISOString().slice(0, 10);
  const name = exportFileName('events', new URL(c.req.url).searchParams, today, 'csv');
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  c.header('Cache-Control', 'no-store');
  return stream(
    c,
    async (out) => {
      let header = true;
      await forEachBatch(db, nativeExportQuery(db, filters), BATCH, async (rows) => {
        await out.write(csvRows(rows, NATIVE_COLUMNS, header));
        header = false;
      });
      // An empty selection still gets its header row.
      if (header) await out.write(csvRows([], NATIVE_COLUMNS, true));
    },
    async (err, out) => {
      // Headers are gone by now: log, and cut the stream so the client sees a broken download, not a short file.
      logger.error({ err }, 'CSV export failed mid-stream');
      out.abort();
    },
  );
});
