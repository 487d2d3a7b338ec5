import { useCallback } from 'react';
import { currentSearchParams, updateSearchParams, useSearchParam } from '../lib/search-params';

/**
 * The screen shown: the dashboard (map, timeline, list), the estimates, or
 * one of the editors' pages (import, deleted events) and the admins' page.
 * `view=estimates` in the URL; the filters and the open event stay as they
 * are when switching, so every screen shows the same selection.
 */
export const VIEWS = ['dashboard', 'estimates', 'import', 'deleted', 'admin'] as const;
export type View = (typeof VIEWS)[number];

/** The screens with the filter panel and the event panel; the others are pages of their own. */
export const DATA_VIEWS: readonly View[] = ['dashboard', 'estimates'];

export function parseView(value: string | null): View {
  return (VIEWS as readonly string[]).includes(value ?? '') ? (value as View) : 'dashboard';
}

/** The view in the URL right now, outside React (module start-up). */
export function currentView(): View {
  return parseView(currentSearchParams().get('view'));
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
