import type { Revision } from '@claimline/shared/events';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { eventKeys } from '../../../lib/query-keys';

/** Every revision of an event, newest first, each with the whole event as it stood. */
export function getRevisions(id: string, signal?: AbortSignal): Promise<{ items: Revision[] }> {
  return apiGet<{ items: Revision[] }>(`/api/events/${encodeURIComponent(id)}/revisions`, {}, { signal });
}

export const getRevisionsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: eventKeys.revisions(id),
    queryFn: ({ signal }) => getRevisions(id, signal),
    staleTime: 0,
  });

export function useRevisions(id: string) {
  return useQuery(getRevisionsQueryOptions(id));
}
