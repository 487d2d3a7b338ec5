import { useCallback, useSyncExternalStore } from 'react';
import { toQueryString } from './query-string';

/**
 * The URL is the store of every piece of view state (filters, the open event,
 * the screen, the timeline bucket, the map position), so a reload or a shared link restores
 * the same screen. No router: the dashboard is one page. Components subscribe
 * to the single value they need and re-render only when it changes, so the
 * map writing `map=` on every move does not re-render the list.
 */

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', notify);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

let cachedSearch: string | null = null;
let cachedParams = new URLSearchParams();

/** The current query, parsed once per change of `location.search`. */
export function currentSearchParams(): URLSearchParams {
  const search = window.location.search;
  if (search !== cachedSearch) {
    cachedSearch = search;
    cachedParams = new URLSearchParams(search);
  }
  return cachedParams;
}

export type NavigateOptions = {
  /** replaceState instead of pushState: for changes the back button should skip (map moves, typing). */
  replace?: boolean;
};

/**
 * Applies `update` to a copy of the current query and writes it to the
 * history. A change that leaves the query as it was writes nothing.
 */
export function updateSearchParams(update: (params: URLSearchParams) => void, options: NavigateOptions = {}): void {
  const next = new URLSearchParams(currentSearchParams());
  update(next);
  const query = toQueryString(Object.fromEntries(next));
  const current = window.location.search.replace(/^\?/, '');
  if (query === current) return;
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (options.replace) window.history.replaceState(window.history.state, '', url);
  else window.history.pushState(window.history.state, '', url);
  notify();
}

/** One query parameter, or null; re-renders only when that parameter changes. */
export function useSearchParam(name: string): string | null {
  return useSyncExternalStore(subscribe, () => currentSearchParams().get(name));
}

/** A derived string of the query (e.g. its filter part); re-renders only when the string changes. */
export function useSearchSelector(select: (params: URLSearchParams) => string): string {
  return useSyncExternalStore(subscribe, () => select(currentSearchParams()));
}

/** `[value, setValue]` for one query parameter; `null` or '' removes it. */
export function useSearchParamState(
  name: string,
  defaults: NavigateOptions = {},
): [string | null, (value: string | null, options?: NavigateOptions) => void] {
  const value = useSearchParam(name);
  const replaceByDefault = defaults.replace ?? false;
  const setValue = useCallback(
    (next: string | null, options: NavigateOptions = { replace: replaceByDefault }) => {
      updateSearchParams((params) => {
        if (next === null || next === '') params.delete(name);
        else params.set(name, next);
      }, options);
    },
    [name, replaceByDefault],
  );
  return [value, setValue];
}

/**
 * Links shared before the estimates screen held the map position in `view=`
 * (`view=51.3,35.5,7`); `view=` now names the screen. Such a link is rewritten
 * once, in place, so it still opens where it pointed.
 */
export function upgradeLegacySearchParams(): void {
  const params = currentSearchParams();
  const view = params.get('view');
  if (!view || !/^-?[\d.]+,-?[\d.]+,\d+$/.test(view)) return;
  updateSearchParams(
    (next) => {
      next.delete('view');
      if (!next.has('map')) next.set('map', view);
    },
    { replace: true },
  );
}
