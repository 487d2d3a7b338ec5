import type { StoredEvent } from '@claimline/shared/editing';
import type { EventDetail } from '@claimline/shared/events';
import type { QueryClient } from '@tanstack/react-query';
import { eventKeys, invalidateEventData } from '../../../lib/query-keys';

/**
 * After a write answered the event as stored: the panel shows it at once
 * (a live event; a deleted one is gone from it), then every view reads again.
 */
export function storeWrittenEvent(queryClient: QueryClient, event: StoredEvent): Promise<void> {
  const { deletedAt, ...detail } = event;
  if (deletedAt === null) queryClient.setQueryData<EventDetail>(eventKeys.detail(event.id), detail);
  else queryClient.removeQueries({ queryKey: eventKeys.detail(event.id), exact: true });
  return invalidateEventData(queryClient);
}
