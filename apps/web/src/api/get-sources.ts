import type { Source } from '@claimline/shared/sources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../lib/api-client';
import { sourceKeys } from '../lib/query-keys';

/** Every source (the filter panel's list, the editor's choice of source). */

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
