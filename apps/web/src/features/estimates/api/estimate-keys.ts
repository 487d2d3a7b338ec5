import type { Measure } from '@claimline/shared/vocabulary';
import type { FilterParams } from '../../../lib/event-filters';
import { queryRoots } from '../../../lib/query-keys';

/** What the estimates view asks for: the filters every view shares, plus measures and subject. */
export type EstimatesSelection = { measures: Measure[]; subject: string };

/** Hierarchical keys: invalidating `all` refreshes the figures and the choice of series alike. */
export const estimateKeys = {
  all: queryRoots.estimates,
  lists: () => [...estimateKeys.all, 'list'] as const,
  list: (filters: FilterParams, selection: EstimatesSelection) => [...estimateKeys.lists(), selection, filters] as const,
  series: (filters: FilterParams) => [...estimateKeys.all, 'series', filters] as const,
};
