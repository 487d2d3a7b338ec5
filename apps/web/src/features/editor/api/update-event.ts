import type { StoredEvent } from '@claimline/shared/editing';
import type { EventPatch } from '@claimline/shared/events';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { storeWrittenEvent } from './stored-event';

export type UpdateEventVariables = {
  id: string;
  /** The version the editor started from: sent as If-Match, so a change made meanwhile answers 412 instead of being overwritten. */
  version: number;
  patch: EventPatch;
};

/** PATCH /api/events/:id with If-Match: only the fields that changed (claims and actors as whole lists). */
export async function updateEvent({ id, version, patch }: UpdateEventVariables): Promise<StoredEvent> {
  const { data } = await apiWrite<StoredEvent>('PATCH', `/api/events/${encodeURIComponent(id)}`, { body: patch, ifMatch: version });
  return data;
}

export function useUpdateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateEvent,
    onSuccess: (event) => storeWrittenEvent(queryClient, event),
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
