import type { Facets } from '@claimline/shared/aggregates';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { FilterParams } from '../../../lib/event-filters';
import { queryRoots } from '../../../lib/query-keys';

export const facetKeys = {
  all: queryRoots.facets,
  counts: (filters: FilterParams) => [...facetKeys.all, filters] as const,
};

export function getFacets(filters: FilterParams, signal?: AbortSignal): Promise<Facets> {
  return apiGet<Facets>('/api/facets', filters, { signal });
}

export const getFacetsQueryOptions = (filters: FilterParams) =>
  queryOptions({
    queryKey: facetKeys.counts(filters),
    queryFn: ({ signal }) => getFacets(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useFacets(filters: FilterParams, options: { enabled?: boolean } = {}) {
  return useQuery({ ...getFacetsQueryOptions(filters), enabled: options.enabled ?? true });
}

