import type { DeletedEventPage } from '@claimline/shared/editing';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { eventKeys } from '../../../lib/query-keys';

/** The most recently deleted events first (editors only). */
export function getDeletedEvents(signal?: AbortSignal): Promise<DeletedEventPage> {
  return apiGet<DeletedEventPage>('/api/events/deleted', { limit: 500 }, { signal });
}

export const getDeletedEventsQueryOptions = () =>
  queryOptions({
    queryKey: eventKeys.deleted(),
    queryFn: ({ signal }) => getDeletedEvents(signal),
    staleTime: 0,
  });

export function useDeletedEvents() {
  return useQuery(getDeletedEventsQueryOptions());
}
