import type { StoredEvent } from '@claimline/shared/editing';
import type { EventDetail } from '@claimline/shared/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite, isApiError } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { eventKeys, invalidateEventData } from '../../../lib/query-keys';

export type RestoreRevisionVariables = {
  id: string;
  /** The version to write back. */
  revision: number;
  /** The event's current version: If-Match, so a change made meanwhile is not undone unseen. */
  current: number;
  note?: string;
};

/** POST /api/events/:id/revisions/:version/restore: an earlier version written back as a new revision. */
export async function restoreRevision({ id, revision, current, note }: RestoreRevisionVariables): Promise<StoredEvent> {
  const { data } = await apiWrite<StoredEvent>('POST', `/api/events/${encodeURIComponent(id)}/revisions/${revision}/restore`, {
    body: note ? { note } : {},
    ifMatch: current,
  });
  return data;
}

export function useRestoreRevision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: restoreRevision,
    onSuccess: ({ deletedAt: _deleted, ...detail }) => {
      queryClient.setQueryData<EventDetail>(eventKeys.detail(detail.id), detail);
      return invalidateEventData(queryClient);
    },
    onError: (error, { id }) => {
      // Stale: read the event and its history again, so the editor sees what changed before trying again.
      if (isApiError(error) && error.status === 412) void queryClient.invalidateQueries({ queryKey: eventKeys.detail(id) });
      refreshSessionAfter(queryClient, error);
    },
  });
}
