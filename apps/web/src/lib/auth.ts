import { roleAtLeast, type AuthUser, type Login, type Session } from '@claimline/shared/auth';
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiGet, apiWrite, isApiError, setCsrfToken } from './api-client';
import { eventKeys, queryRoots } from './query-keys';

/**
 * The session, read from GET /api/auth/me through TanStack Query: the header
 * shows who is signed in, and editing controls appear only for editors and
 * admins. The cookie is HttpOnly (the page never sees it); the CSRF token
 * each answer carries is handed to the api-client, in memory only.
 */

export const sessionKeys = {
  all: queryRoots.session,
  current: () => [...sessionKeys.all, 'current'] as const,
};

/** The signed-in session, or null when nobody is (a 401 is an answer here, not an error). */
export async function getSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiGet<Session>('/api/auth/me', {}, { signal });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const getSessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.current(),
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 5 * 60_000,
  });

export type SessionState = {
  user: AuthUser | null;
  /** Editors and admins write events, sources, actors and imports. */
  canEdit: boolean;
  isAdmin: boolean;
  isPending: boolean;
};

export function useSession(): SessionState {
  const session = useQuery(getSessionQueryOptions());
  const user = session.data?.user ?? null;
  return {
    user,
    canEdit: user ? roleAtLeast(user.role, 'editor') : false,
    isAdmin: user ? roleAtLeast(user.role, 'admin') : false,
    isPending: session.isPending,
  };
}

/**
 * When the user changes: what only a signed-in user may see is dropped, and
 * everything else is read again (with READ_ACCESS=authenticated, reading
 * itself depends on who is signed in).
 */
function forgetPrivateData(queryClient: QueryClient): void {
  queryClient.removeQueries({ queryKey: queryRoots.users });
  queryClient.removeQueries({ queryKey: queryRoots.tokens });
  queryClient.removeQueries({ queryKey: eventKeys.deleted() });
  void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== queryRoots.session[0] });
}

export async function login(credentials: Login): Promise<Session> {
  const { data } = await apiWrite<Session>('POST', '/api/auth/login', { body: credentials });
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      forgetPrivateData(queryClient);
      queryClient.setQueryData(sessionKeys.current(), session);
    },
  });
}

export async function logout(): Promise<void> {
  await apiWrite<void>('POST', '/api/auth/logout');
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      setCsrfToken(null);
      forgetPrivateData(queryClient);
      queryClient.setQueryData(sessionKeys.current(), null);
    },
    // A stale CSRF token (signed in again in another tab): read the session again, so a second try works.
    onError: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

/**
 * A write refused as 401 (the session ended) or 403 for the CSRF token: the
 * session is read again, so the header shows the truth and a retry can work.
 */
export function refreshSessionAfter(queryClient: QueryClient, error: unknown): void {
  if (isApiError(error) && (error.status === 401 || error.status === 403)) {
    void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
  }
}
