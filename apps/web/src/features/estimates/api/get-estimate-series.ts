import type { EstimateSeries } from '@claimline/shared/estimates';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { FilterParams } from '../../../lib/event-filters';
import { estimateKeys } from './estimate-keys';

/** The measures and subjects that have claimed figures under the filters: the choices of the view. */
export function getEstimateSeries(filters: FilterParams, signal?: AbortSignal): Promise<EstimateSeries> {
  return apiGet<EstimateSeries>('/api/estimates/series', filters, { signal });
}

export const getEstimateSeriesQueryOptions = (filters: FilterParams) =>
  queryOptions({
    queryKey: estimateKeys.series(filters),
    queryFn: ({ signal }) => getEstimateSeries(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useEstimateSeries(filters: FilterParams) {
  return useQuery(getEstimateSeriesQueryOptions(filters));
}
