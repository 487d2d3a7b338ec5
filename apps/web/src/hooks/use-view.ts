import { useCallback } from 'react';
import { updateSearchParams, useSearchParam } from '../lib/search-params';

/**
 * The screen shown in the middle: the dashboard (map, timeline, list) or the
 * estimates. `view=estimates` in the URL; the filters and the open event stay
 * as they are when switching, so both screens show the same selection.
 */
export const VIEWS = ['dashboard', 'estimates'] as const;
export type View = (typeof VIEWS)[number];

export function parseView(value: string | null): View {
  return value === 'estimates' ? 'estimates' : 'dashboard';
}

export function useView(): [View, (view: View) => void] {
  const view = parseView(useSearchParam('view'));
  const setView = useCallback((next: View) => {
    updateSearchParams((params) => {
      if (next === 'dashboard') params.delete('view');
      else params.set('view', next);
    });
  }, []);
  return [view, setView];
}

/** The link to a view from the current URL: a real href, so it opens in a new tab too. */
export function viewHref(search: URLSearchParams, view: View): string {
  const params = new URLSearchParams(search);
  if (view === 'dashboard') params.delete('view');
  else params.set('view', view);
  const query = params.toString().replace(/%2C/gi, ',');
  return `${window.location.pathname}${query ? `?${query}` : ''}`;
}
