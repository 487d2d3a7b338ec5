import type { Source } from '@claimline/shared/sources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export const sourceKeys = {
  all: ['sources'] as const,
  lists: () => [...sourceKeys.all, 'list'] as const,
};

export function getSources(signal?: AbortSignal): Promise<{ items: Source[] }> {
  return apiGet<{ items: Source[] }>('/api/sources', {}, { signal });
}

export const getSourcesQueryOptions = () =>
  queryOptions({
    queryKey: sourceKeys.lists(),
    queryFn: ({ signal }) => getSources(signal),
    staleTime: 5 * 60_000,
  });

export function useSources() {
  return useQuery(getSourcesQueryOptions());
}
