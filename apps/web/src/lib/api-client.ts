import type { Problem } from '@claimline/shared/problem';
import { withQuery } from './query-string';

/**
 * Every failed call becomes an `ApiError` carrying the RFC 9457 problem the
 * API answered (or one made up here for network failures and non-problem
 * answers), so error states can always show `problem.detail`.
 */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Params = Record<string, string | number | undefined | null>;

async function toProblem(response: Response): Promise<Problem> {
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
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'The Claimline server could not be reached. Check the connection and try again.',
    });
  }
  if (!response.ok) throw new ApiError(await toProblem(response));
  return (await response.json()) as T;
}
