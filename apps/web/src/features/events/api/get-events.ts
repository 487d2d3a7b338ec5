import type { EventPage } from '@claimline/shared/events';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { FilterParams } from '../../../lib/event-filters';
import { eventKeys } from '../../../lib/query-keys';

export const EVENTS_PAGE_SIZE = 100;

export function getEvents(
  filters: FilterParams,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<EventPage> {
  return apiGet<EventPage>('/api/events', { ...filters, limit: EVENTS_PAGE_SIZE, cursor }, { signal });
}

export const getEventsQueryOptions = (filters: FilterParams) =>
  infiniteQueryOptions({
    queryKey: eventKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getEvents(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

export function useEvents(filters: FilterParams) {
  return useInfiniteQuery(getEventsQueryOptions(filters));
}
