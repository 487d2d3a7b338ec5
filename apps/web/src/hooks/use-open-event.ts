import { useCallback } from 'react';
import { updateSearchParams, useSearchParam } from '../lib/search-params';

/** The event open in the panel lives in the URL as `event=<id>`, so it can be shared. */
export function useOpenEventId(): string | null {
  return useSearchParam('event');
}

export function openEvent(id: string): void {
  updateSearchParams((params) => params.set('event', id));
}

export function closeEvent(): void {
  updateSearchParams((params) => params.delete('event'));
}

export function useOpenEvent(): [string | null, (id: string) => void, () => void] {
  const id = useOpenEventId();
  return [id, useCallback(openEvent, []), useCallback(closeEvent, [])];
}
