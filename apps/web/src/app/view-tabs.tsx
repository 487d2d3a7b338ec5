import type { MouseEvent } from 'react';
import { useView, viewHref, type View } from '../hooks/use-view';
import { currentSearchParams, useSearchSelector } from '../lib/search-params';

const LABELS: Record<View, string> = { dashboard: 'Map & timeline', estimates: 'Estimates' };

/** The two screens as links (they are URLs), the current one marked for assistive tech. */
export function ViewTabs() {
  const [view, setView] = useView();
  // Re-render when the query changes, so each href carries the current filters.
  useSearchSelector((params) => params.toString());

  const go = (target: View) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return; // new tab, new window: let the browser
    e.preventDefault();
    setView(target);
  };

  return (
    <nav className="view-tabs" aria-label="Views">
      {(['dashboard', 'estimates'] as const).map((target) => (
        <a
          key={target}
          href={viewHref(currentSearchParams(), target)}
          className={target === view ? 'is-active' : undefined}
          aria-current={target === view ? 'page' : undefined}
          onClick={go(target)}
          data-testid={`view-${target}`}
        >
          {LABELS[target]}
        </a>
      ))}
    </nav>
  );
}
