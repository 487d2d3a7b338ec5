import type { EventDetail } from '@claimline/shared/events';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../lib/api-client';
import { eventKeys } from '../lib/query-keys';

/** One event with its claims: the panel reads it, the editor starts from it and re-reads it on a conflict. */

export function getEvent(id: string, signal?: AbortSignal): Promise<EventDetail> {
  return apiGet<EventDetail>(`/api/events/${encodeURIComponent(id)}`, {}, { signal });
}

export const getEventQueryOptions = (id: string) =>
  queryOptions({
    queryKey: eventKeys.detail(id),
    queryFn: ({ signal }) => getEvent(id, signal),
  });

export function useEvent(id: string) {
  return useQuery(getEventQueryOptions(id));
}
