import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type ImportProblem, type ImportReport, importQuerySchema, importReportSchema } from '@claimline/shared/interchange';
import type { Problem } from '@claimline/shared/problem';
import { currentUser, requireRole } from '../lib/auth.js';
import type { AppEnv } from '../lib/env.js';
import { problem, SIGNED_IN } from '../lib/openapi.js';
import { problemResponse } from '../lib/problem.js';
import { createRouter } from '../lib/router.js';
import { ImportConflict, ImportFileError, ImportRejected, importCsv } from '../services/import.js';

/**
 * POST /api/import: a CSV file as the body (native, ACLED or UCDP GED),
 * streamed into the import service. Answers the report; a dry run changes
 * nothing. Errors are problem+json with the report as an extension member
 * `report`, so a client shows every row problem the same way whatever the
 * status: 400 the file cannot be read, 413 it is too large, 422 rows are
 * wrong (nothing was imported), 409 an event changed while importing.
 */

const reportResponse = { description: 'The report', content: { 'application/json': { schema: importReportSchema } } };

const importRoute = createRoute({
  method: 'post',
  path: '/import',
  tags: ['import'],
  summary: 'Imports a native, ACLED or UCDP GED CSV file: all rows or none; a dry run checks every row and changes nothing',
  security: SIGNED_IN,
  middleware: [requireRole('editor')] as const,
  request: {
    query: importQuerySchema,
    body: { required: true, description: 'The CSV file itself, UTF-8', content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    200: reportResponse,
    400: problem('The file cannot be read (encoding, quotes, delimiter, header), or a parameter is invalid; `report.errors` names the row and column'),
    401: problem('Not signed in'),
    403: problem('Not an editor, or a cookie-authenticated write without X-CSRF-Token'),
    409: problem('An event changed while the file was being imported; nothing was imported'),
    413: problem('The file is larger than IMPORT_MAX_BYTES'),
    415: problem('The body is not a CSV file'),
    422: problem('Rows have errors (`report.errors` lists every one); nothing was imported'),
  },
});

const FORMAT_NAMES = { native: 'a native', acled: 'an ACLED', ucdp: 'a UCDP GED' } as const;

const NOT_CSV = /^(multipart\/form-data|application\/(json|x-www-form-urlencoded))/i;

/** A problem+json answer with the report; typed `never` because the route's typed responses only know c.json(). */
function failure(c: Context<AppEnv>, status: number, title: string, report: ImportReport): never {
  const [first] = report.errors;
  const more = report.errors.length > 1 ? `; ${report.errors.length - 1} more problem${report.errors.length > 2 ? 's' : ''}` : '';
  const extra = {
    detail: `${first ? where(first) : 'the file'}: ${first?.message ?? title}${more}. Nothing was imported.`,
    errors: report.errors.slice(0, 100).map((e) => ({ path: where(e), message: e.message })),
    report,
  };
  return problemResponse(c, status, title, extra as Partial<Problem>) as never;
}

const where = (e: ImportProblem) => `row ${e.row}${e.column ? `, column ${e.column}` : ''}`;

function emptyReport(dryRun: boolean, error: ImportProblem): ImportReport {
  return { format: 'native', dryRun, rows: 0, inserted: 0, updated: 0, unchanged: 0, errors: [error], warnings: [] };
}

export const importRoutes = createRouter().openapi(importRoute, async (c) => {
  const { format, dryRun } = c.req.valid('query');
  const { db, config, logger } = c.get('deps');
  const user = currentUser(c);

  const contentType = c.req.header('content-type') ?? '';
  if (NOT_CSV.test(contentType)) {
    return failure(c, 415, 'Unsupported Media Type', emptyReport(dryRun, { row: 1, column: null, value: contentType, message: 'send the CSV file itself as the body, with Content-Type: text/csv' }));
  }
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > config.importMaxBytes) {
    const message = `the file (${declared.toLocaleString('en-US')} bytes) is larger than the import limit of ${config.importMaxBytes.toLocaleString('en-US')} bytes; split it, or raise IMPORT_MAX_BYTES`;
    return failure(c, 413, 'Payload Too Large', emptyReport(dryRun, { row: 1, column: null, value: null, message }));
  }
  const body = (c.req.raw.body ?? (async function* () {})()) as AsyncIterable<Uint8Array>;

  try {
    const report = await importCsv(db, body, {
      format,
      dryRun,
      maxBytes: config.importMaxBytes,
      userId: user.id,
      note: (detected) => `Imported from ${FORMAT_NAMES[detected]} CSV file by ${user.email}`,
    });
    if (!dryRun) logger.info({ format: report.format, rows: report.rows, inserted: report.inserted, updated: report.updated }, 'import');
    return c.json(report, 200);
  } catch (err) {
    // The service's own failures become problem answers carrying the report; anything else is a bug for the one error path.
    if (err instanceof ImportRejected) return failure(c, 422, 'The file has errors', err.report);
    if (err instanceof ImportFileError) {
      return failure(c, err.status, err.status === 413 ? 'Payload Too Large' : 'The file cannot be read', emptyReport(dryRun, err.problem));
    }
    if (err instanceof ImportConflict) {
      const message = `${err.eventIds.length} event(s) changed while the file was being imported (${err.eventIds.slice(0, 3).join(', ')}); import it again`;
      return failure(c, 409, 'Conflict', emptyReport(dryRun, { row: 1, column: null, value: null, message }));
    }
    throw err;
  }
});
