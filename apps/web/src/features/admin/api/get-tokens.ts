import type { ApiToken } from '@claimline/shared/auth';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/query-keys';

export const tokenKeys = {
  all: queryRoots.tokens,
  lists: () => [...tokenKeys.all, 'list'] as const,
  list: (scope: 'mine' | 'all') => [...tokenKeys.lists(), scope] as const,
};

/** API tokens without their secrets, newest first, revoked ones included; `all` is everyone's (admins). */
export function getTokens(scope: 'mine' | 'all', signal?: AbortSignal): Promise<{ items: ApiToken[] }> {
  return apiGet<{ items: ApiToken[] }>('/api/tokens', scope === 'all' ? { all: 'true' } : {}, { signal });
}

export const getTokensQueryOptions = (scope: 'mine' | 'all') =>
  queryOptions({
    queryKey: tokenKeys.list(scope),
    queryFn: ({ signal }) => getTokens(scope, signal),
    staleTime: 0,
  });

export function useTokens(scope: 'mine' | 'all') {
  return useQuery(getTokensQueryOptions(scope));
}
