import type { QueryClient } from '@tanstack/react-query';
import type { FilterParams } from './event-filters';

/**
 * The roots of every query key, and the factories the features share. A
 * feature's own keys start from its root (`timelineKeys.all` is
 * `queryRoots.timeline`), so a write anywhere can refresh every view that
 * reads events without importing the views: hierarchical keys as in TkDodo's
 * "Effective React Query Keys".
 */
export const queryRoots = {
  events: ['events'],
  facets: ['facets'],
  timeline: ['timeline'],
  map: ['map'],
  estimates: ['estimates'],
  sources: ['sources'],
  actors: ['actors'],
  session: ['session'],
  users: ['users'],
  tokens: ['tokens'],
} as const;

/** Events: lists, details, each detail's revisions, and the deleted ones (editors). */
export const eventKeys = {
  all: queryRoots.events,
  lists: () => [...eventKeys.all, 'list'] as const,
  list: (filters: FilterParams) => [...eventKeys.lists(), filters] as const,
  /** The exact total of a text query, asked for on its own ("count all"). */
  exactTotal: (filters: FilterParams) => [...eventKeys.all, 'exact-total', filters] as const,
  details: () => [...eventKeys.all, 'detail'] as const,
  detail: (id: string) => [...eventKeys.details(), id] as const,
  revisions: (id: string) => [...eventKeys.detail(id), 'revisions'] as const,
  deleted: () => [...eventKeys.all, 'deleted'] as const,
};

export const sourceKeys = {
  all: queryRoots.sources,
  lists: () => [...sourceKeys.all, 'list'] as const,
};

export const actorKeys = {
  all: queryRoots.actors,
  lists: () => [...actorKeys.all, 'list'] as const,
};

/**
 * After any write of events (an edit, a delete, a restore, an import): every
 * view that counts or draws events reads again. Active queries refetch now,
 * the others when next shown.
 */
export function invalidateEventData(queryClient: QueryClient): Promise<void> {
  return Promise.all(
    [queryRoots.events, queryRoots.facets, queryRoots.timeline, queryRoots.map, queryRoots.estimates].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  ).then(() => undefined);
}
