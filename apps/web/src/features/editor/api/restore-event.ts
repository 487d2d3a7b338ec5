import type { StoredEvent } from '@claimline/shared/editing';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { storeWrittenEvent } from './stored-event';

/** `version` is the version the event was deleted at (the deleted list carries it). */
export type RestoreEventVariables = { id: string; version: number; note?: string };

/** POST /api/events/:id/restore: a deleted event comes back, as a new revision. */
export async function restoreEvent({ id, version, note }: RestoreEventVariables): Promise<StoredEvent> {
  const { data } = await apiWrite<StoredEvent>('POST', `/api/events/${encodeURIComponent(id)}/restore`, {
    body: note ? { note } : {},
    ifMatch: version,
  });
  return data;
}

export function useRestoreEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: restoreEvent,
    onSuccess: (event) => storeWrittenEvent(queryClient, event),
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
