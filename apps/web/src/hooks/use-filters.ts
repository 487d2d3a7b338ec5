import { FILTER_KEYS } from '@claimline/shared/filters';
import { useCallback, useMemo } from 'react';
import {
  filterQueryOf,
  listValues,
  type FilterKey,
  type FilterParams,
  type ListFilterKey,
} from '../lib/event-filters';
import { currentSearchParams, updateSearchParams, useSearchSelector, type NavigateOptions } from '../lib/search-params';

const toFilters = (query: string): FilterParams => Object.fromEntries(new URLSearchParams(query)) as FilterParams;

/** The filters of the URL right now, outside React (at start-up): equal to what useFilters gives. */
export function currentFilters(): FilterParams {
  return toFilters(filterQueryOf(currentSearchParams()));
}

/**
 * The filters of the current URL, read by every view (list, map, timeline,
 * facets, export) so they always show the same set. The returned object keeps
 * its identity until a filter changes.
 */
export function useFilters(): FilterParams {
  const query = useSearchSelector(filterQueryOf);
  return useMemo(() => toFilters(query), [query]);
}

export function setFilters(changes: Partial<Record<FilterKey, string | null>>, options: NavigateOptions = {}): void {
  updateSearchParams((params) => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '') params.delete(key);
      else params.set(key, value);
    }
  }, options);
}

export function clearFilters(): void {
  updateSearchParams((params) => {
    for (const key of FILTER_KEYS) params.delete(key);
  });
}

export function useFilterActions() {
  const filters = useFilters();
  const toggle = useCallback(
    (key: ListFilterKey, value: string, on: boolean) => {
      const current = new Set(listValues(filters, key));
      if (on) current.add(value);
      else current.delete(value);
      setFilters({ [key]: current.size > 0 ? [...current].sort().join(',') : null });
    },
    [filters],
  );
  return { filters, toggle, setFilters, clearFilters };
}
