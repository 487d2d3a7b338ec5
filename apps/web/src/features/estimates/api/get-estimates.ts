import type { EstimatesResponse } from '@claimline/shared/estimates';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { FilterParams } from '../../../lib/event-filters';
import { estimateKeys, type EstimatesSelection } from './estimate-keys';

export function getEstimates(
  filters: FilterParams,
  selection: EstimatesSelection,
  signal?: AbortSignal,
): Promise<EstimatesResponse> {
  return apiGet<EstimatesResponse>(
    '/api/estimates',
    { ...filters, measure: selection.measures.join(','), subject: selection.subject },
    { signal },
  );
}

export const getEstimatesQueryOptions = (filters: FilterParams, selection: EstimatesSelection) =>
  queryOptions({
    queryKey: estimateKeys.list(filters, selection),
    queryFn: ({ signal }) => getEstimates(filters, selection, signal),
    placeholderData: keepPreviousData,
  });

export function useEstimates(filters: FilterParams, selection: EstimatesSelection) {
  return useQuery(getEstimatesQueryOptions(filters, selection));
}
