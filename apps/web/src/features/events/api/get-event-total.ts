import type { EventPage } from '@claimline/shared/events';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiGet } from '../../../lib/api-client';
import type { FilterParams } from '../../../lib/event-filters';
import { eventKeys } from '../../../lib/query-keys';
import { useEvents } from './get-events';

/**
 * How many events match: the list's own total, which for a text query with
 * very many matches is a lower bound ("more than 1,000": the API does not
 * count a common word's matches one by one unless asked). `countAll` asks
 * (`exactTotal=true`, a single-row page); the answer is cached under the
 * filters, so the list's heading shows it too.
 */
export type EventTotal = {
  /** undefined while the list's first page is loading. */
  total: number | undefined;
  exact: boolean;
  counting: boolean;
  countAll: (() => void) | null;
  countError: Error | null;
};

export function useEventTotal(filters: FilterParams, opts: { canCount?: boolean } = {}): EventTotal {
  const events = useEvents(filters);
  const first = events.data?.pages[0];
  const [askedFor, setAskedFor] = useState<string | null>(null);
  const key = JSON.stringify(filters);
  // The rows loaded so far are a lower bound too; with every page loaded, they are the count.
  const current = events.data !== undefined && !events.isPlaceholderData;
  const allLoaded = current && !events.hasNextPage;
  const loadedRows = current ? events.data!.pages.reduce((n, p) => n + p.items.length, 0) : 0;
  const needsCount = first !== undefined && !first.totalExact && !allLoaded;
  const exact = useQuery({
    queryKey: eventKeys.exactTotal(filters),
    queryFn: ({ signal }) =>
      apiGet<EventPage>('/api/events', { ...filters, limit: 1, exactTotal: 'true' }, { signal }).then((p) => p.total),
    // Only the component that offers the button asks; the others read what it got.
    enabled: opts.canCount === true && askedFor === key && needsCount,
  });
  if (!needsCount) {
    const total = first !== undefined && !first.totalExact ? loadedRows : first?.total;
    return { total, exact: true, counting: false, countAll: null, countError: null };
  }
  if (exact.data !== undefined) return { total: exact.data, exact: true, counting: false, countAll: null, countError: null };
  return {
    total: Math.max(first.total, loadedRows),
    exact: false,
    counting: exact.isFetching,
    countAll: opts.canCount ? () => setAskedFor(key) : null,
    countError: exact.error,
  };
}
