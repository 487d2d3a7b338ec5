import type { MouseEvent } from 'react';
import { useView, viewHref, type View } from '../hooks/use-view';
import { useSession } from '../lib/auth';
import { currentSearchParams, useSearchSelector } from '../lib/search-params';

const LABELS: Record<View, string> = {
  dashboard: 'Map & timeline',
  estimates: 'Estimates',
  import: 'Import',
  deleted: 'Deleted',
  admin: 'Admin',
};

/** The screens as links (they are URLs), the current one marked for assistive tech; editors' and admins' pages by role. */
export function ViewTabs() {
  const [view, setView] = useView();
  const session = useSession();
  // Re-render when the query changes, so each href carries the current filters.
  useSearchSelector((params) => params.toString());

  const go = (target: View) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return; // new tab, new window: let the browser
    e.preventDefault();
    setView(target);
  };

  const targets: View[] = ['dashboard', 'estimates'];
  if (session.canEdit) targets.push('import', 'deleted');
  if (session.isAdmin) targets.push('admin');
  // A page opened from a link stays reachable as a tab, even before the session has loaded.
  if (!targets.includes(view)) targets.push(view);

  return (
    <nav className="view-tabs" aria-label="Views">
      {targets.map((target) => (
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
