import type { FacetCount } from '@claimline/shared/aggregates';
import { useEvents } from '../../events/api/get-events';
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
  // The slowest answer, and not what the page is opened for: on a first load the counts are asked for once
  // the list's first page is in (or has failed), so that they do not compete with it, and with the map's,
  // for the database. Afterwards the list keeps its previous page while the next loads, and both go together.
  const listPending = useEvents(filters).isPending;
  const facets = useFacets(filters, { enabled: !listPending });
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
