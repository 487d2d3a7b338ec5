import type { FacetCount, Facets } from '@claimline/shared/aggregates';
import { useMemo } from 'react';
import type { FilterParams } from '../../../lib/event-filters';
import { useFacetsMany } from '../api/get-facets';

export const FACET_GROUPS = ['kind', 'status', 'actor', 'source', 'tag'] as const;
export type FacetGroup = (typeof FACET_GROUPS)[number];

/**
 * Counts for the filter panel, disjunctive per group: the kinds are counted
 * with every filter except `kind`, so after ticking "Strike" the other kinds
 * still show how many events ticking them would add. One extra facets request
 * per group that is in use; none when no list filter is set.
 */
export function useFacetCounts(filters: FilterParams) {
  const sets = useMemo(() => {
    const active = FACET_GROUPS.filter((g) => filters[g] !== undefined);
    return [
      { group: null, filters },
      ...active.map((group) => {
        const without = { ...filters };
        delete without[group];
        return { group, filters: without };
      }),
    ];
  }, [filters]);

  const results = useFacetsMany(sets.map((s) => s.filters));
  const base = results[0]!;

  const groups = {} as Record<FacetGroup, FacetCount[] | undefined>;
  for (const group of FACET_GROUPS) {
    const index = sets.findIndex((s) => s.group === group);
    const facets: Facets | undefined = results[index >= 0 ? index : 0]?.data;
    groups[group] = facets?.[group];
  }

  const failed = results.find((r) => r.isError);
  return {
    groups,
    total: base.data?.total,
    isLoading: results.some((r) => r.isPending),
    isFetching: results.some((r) => r.isFetching),
    error: failed?.error ?? null,
    retry: () => results.forEach((r) => r.isError && r.refetch()),
  };
}
