import type { Actor } from '@claimline/shared/sources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../lib/api-client';
import { actorKeys } from '../lib/query-keys';

/** Every actor (the filter panel's list, the editor's choice of actors). */

export function getActors(signal?: AbortSignal): Promise<{ items: Actor[] }> {
  return apiGet<{ items: Actor[] }>('/api/actors', {}, { signal });
}

export const getActorsQueryOptions = () =>
  queryOptions({
    queryKey: actorKeys.lists(),
    queryFn: ({ signal }) => getActors(signal),
    staleTime: 5 * 60_000,
  });

export function useActors() {
  return useQuery(getActorsQueryOptions());
}
