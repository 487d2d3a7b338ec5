import type { FacetCount } from '@claimline/shared/aggregates';
import type { FilterParams } from '../../../lib/event-filters';
import { useFacets } from '../api/get-facets';

export const FACET_GROUPS = ['kind', 'status', 'actor', 'source', 'tag'] as const;
export type FacetGroup = (typeof FACET_GROUPS)[number];

/**
 * Counts for the filter panel from one facets request. The API already counts
 * each dimension under every filter but its own (disjunctive facets, see
 * apps/api/src/repositories/facets.ts): after ticking "Strike" the other kinds
 * still show how many events ticking them would add.
 */
export function useFacetCounts(filters: FilterParams) {
  const facets = useFacets(filters);
  const groups = {} as Record<FacetGroup, FacetCount[] | undefined>;
  for (const group of FACET_GROUPS) groups[group] = facets.data?.[group];
  return {
    groups,
    total: facets.data?.total,
    isLoading: facets.isPending,
    isFetching: facets.isFetching,
    error: facets.isError ? facets.error : null,
    retry: () => void facets.refetch(),
  };
}
