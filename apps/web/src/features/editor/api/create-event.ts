import type { EventCreate, StoredEvent } from '@claimline/shared/editing';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { storeWrittenEvent } from './stored-event';

/** POST /api/events: a whole event with its claims, and a note for its first revision. */
export async function createEvent(body: EventCreate): Promise<StoredEvent> {
  const { data } = await apiWrite<StoredEvent>('POST', '/api/events', { body });
  return data;
}

export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEvent,
    onSuccess: (event) => storeWrittenEvent(queryClient, event),
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
