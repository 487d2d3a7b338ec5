import type { MapResponse } from '@claimline/shared/aggregates';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { FilterParams } from '../../../lib/event-filters';

export const mapKeys = {
  all: ['map'] as const,
  points: (filters: FilterParams) => [...mapKeys.all, 'points', filters] as const,
};

export function getMapPoints(filters: FilterParams, signal?: AbortSignal): Promise<MapResponse> {
  return apiGet<MapResponse>('/api/map', filters, { signal });
}

export const getMapPointsQueryOptions = (filters: FilterParams) =>
  queryOptions({
    queryKey: mapKeys.points(filters),
    queryFn: ({ signal }) => getMapPoints(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useMapPoints(filters: FilterParams) {
  return useQuery(getMapPointsQueryOptions(filters));
}
