import type { Problem } from '@claimline/shared/problem';
import { withQuery } from './query-string';

/**
 * Every failed call becomes an `ApiError` carrying the RFC 9457 problem the
 * API answered (or one made up here for network failures and non-problem
 * answers), so error states can always show `problem.detail`.
 */
export class ApiError extends Error {
  readonly problem: Problem;
  /** The answer's headers, when there was an answer: `ETag` of a 412, `Retry-After` of a 429. */
  readonly headers: Headers | null;

  constructor(problem: Problem, headers: Headers | null = null) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.headers = headers;
  }

  get status(): number {
    return this.problem.status;
  }

  /** Seconds to wait, from `Retry-After` (seconds or an HTTP date); null when not given. */
  get retryAfterSeconds(): number | null {
    const value = this.headers?.get('retry-after');
    if (!value) return null;
    if (/^\d+$/.test(value.trim())) return Number(value.trim());
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Params = Record<string, string | number | undefined | null>;

const networkProblem: Problem = {
  type: 'about:blank',
  title: 'Network error',
  status: 0,
  detail: 'The Claimline server could not be reached. Check the connection and try again.',
};

export async function toProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (body && typeof body.title === 'string') {
        return { type: body.type ?? 'about:blank', ...body, title: body.title, status: body.status ?? response.status };
      }
    } catch {
      // fall through to a generic problem: the body was not the JSON it claimed to be
    }
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
  };
}

export async function apiGet<T>(path: string, params: Params = {}, init: { signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, params), {
      headers: { accept: 'application/json, application/problem+json' },
      credentials: 'same-origin',
      signal: init.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(networkProblem);
  }
  if (!response.ok) throw new ApiError(await toProblem(response), response.headers);
  return (await response.json()) as T;
}

/**
 * The session's CSRF token, kept in memory only (never in storage): it comes
 * with the login and with GET /api/auth/me, and every cookie-authenticated
 * write sends it back as `X-CSRF-Token`.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Headers every write carries; also for the import's XMLHttpRequest. */
export function writeHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

export type WriteMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type WriteOptions = {
  /** Sent as JSON; omitted for a body-less request. */
  body?: unknown;
  /** The version edited: sent as `If-Match: "<version>"`. */
  ifMatch?: number;
  params?: Params;
  signal?: AbortSignal;
};

/** The answer of a write: its body (undefined for 204) and its `ETag`, if any. */
export type WriteResult<T> = { data: T; etag: string | null };

/**
 * POST, PATCH, PUT or DELETE with JSON, the CSRF token and, for versioned
 * writes, If-Match. A failure is an ApiError carrying the problem and the
 * headers (a 412's ETag names the current version).
 */
export async function apiWrite<T>(method: WriteMethod, path: string, options: WriteOptions = {}): Promise<WriteResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...writeHeaders() };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.params ?? {}), {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(networkProblem);
  }
  if (!response.ok) throw new ApiError(await toProblem(response), response.headers);
  const etag = response.headers.get('etag');
  if (response.status === 204) return { data: undefined as T, etag };
  return { data: (await response.json()) as T, etag };
}

/** The version an ETag names (`"4"`, or weak `W/"4"`); null when it is no version of ours. */
export function versionOfEtag(etag: string | null | undefined): number | null {
  const m = etag ? /^(?:W\/)?"(\d+)"$/.exec(etag.trim()) : null;
  return m ? Number(m[1]) : null;
}
