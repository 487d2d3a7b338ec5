import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { Problem } from '@claimline/shared/problem';
import type { AppEnv } from './env.js';

/**
 * One error path: route code throws ApiError (or a validation failure becomes
 * one), and app.onError answers RFC 9457 problem details with the request id.
 * A 500 never leaks the underlying message.
 */

export type FieldError = { path: string; message: string };

export class ApiError extends HTTPException {
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: ContentfulStatusCode,
    title: string,
    opts: { detail?: string; errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(status, { message: opts.detail ?? title, cause: opts.cause });
    this.title = title;
    this.detail = opts.detail;
    this.errors = opts.errors;
    this.headers = opts.headers;
  }
}

export const notFound = (what: string) => new ApiError(404, 'Not found', { detail: `${what} was not found` });

const TARGET_PREFIX: Record<string, string> = { query: '', param: '', json: '', header: 'header.', form: '', cookie: 'cookie.' };

export function validationError(error: ZodError, target: string): ApiError {
  const errors = error.issues.map((issue) => ({
    // A query parameter is named as it stands in the URL ("kind", not "kind.0"); a body field by its full path.
    path:
      (TARGET_PREFIX[target] ?? '') +
      (issue.path.length === 0 ? target : target === 'query' || target === 'param' ? String(issue.path[0]) : issue.path.join('.')),
    message: issue.message,
  }));
  const names = [...new Set(errors.map((e) => e.path))].join(', ');
  const where = target === 'json' ? 'body' : target === 'param' ? 'path' : target;
  return new ApiError(400, 'Invalid request', { detail: `invalid ${where}: ${names}`, errors });
}

const PROBLEM_TYPES: Record<number, string> = {
  400: 'urn:claimline:problem:invalid-request',
  404: 'urn:claimline:problem:not-found',
  409: 'urn:claimline:problem:conflict',
};

export function problemResponse(c: Context<AppEnv>, status: number, title: string, extra: Partial<Problem> = {}, headers?: Record<string, string>): Response {
  const body: Problem = {
    type: PROBLEM_TYPES[status] ?? 'about:blank',
    title,
    status,
    ...extra,
    instance: c.req.path,
    requestId: c.get('requestId'),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) {
    return problemResponse(c, err.status, err.title, { detail: err.detail, errors: err.errors }, err.headers);
  }
  if (err instanceof HTTPException) {
    // Hono's own (a malformed JSON body, for instance): its message is meant for clients.
    return problemResponse(c, err.status, err.message || 'Error', { detail: err.message });
  }
  c.get('logger').error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
  return problemResponse(c, 500, 'Internal Server Error', { detail: 'An unexpected error occurred; it has been logged.' });
}
