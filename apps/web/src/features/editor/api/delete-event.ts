import type { StoredEvent } from '@claimline/shared/editing';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { storeWrittenEvent } from './stored-event';

export type DeleteEventVariables = { id: string; version: number; note?: string };

/** DELETE /api/events/:id with If-Match: a soft delete, listed under Deleted events and restorable. */
export async function deleteEvent({ id, version, note }: DeleteEventVariables): Promise<StoredEvent> {
  const { data } = await apiWrite<StoredEvent>('DELETE', `/api/events/${encodeURIComponent(id)}`, {
    body: note ? { note } : {},
    ifMatch: version,
  });
  return data;
}

export function useDeleteEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteEvent,
    onSuccess: (event) => storeWrittenEvent(queryClient, event),
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
