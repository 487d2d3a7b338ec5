import type { FilterParams } from '../../../lib/event-filters';

/** Hierarchical keys: invalidating `all` refreshes lists and details alike. */
export const eventKeys = {
  all: ['events'] as const,
  lists: () => [...eventKeys.all, 'list'] as const,
  list: (filters: FilterParams) => [...eventKeys.lists(), filters] as const,
  details: () => [...eventKeys.all, 'detail'] as const,
  detail: (id: string) => [...eventKeys.details(), id] as const,
};
