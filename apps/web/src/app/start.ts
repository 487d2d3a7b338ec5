import { createQueryClient } from '../lib/react-query';
import { upgradeLegacySearchParams } from '../lib/search-params';
import { prefetchDashboard } from './dashboard-loading';

/**
 * What runs first, before React DOM and the components are even evaluated
 * (main.tsx imports this module first): the URL is brought up to date and
 * the dashboard's first data requests go out, so they travel while the rest
 * of the script is run and the first frame rendered.
 */

upgradeLegacySearchParams();

/**
 * A view's script that no longer exists: the server was updated while this
 * page was open, and its scripts carry the new build's names (the server
 * answers 404 for the old ones). Loading the page again brings the new
 * build, and the view with it: its state is in the URL. Once a minute at
 * most, so that a script missing for any other reason shows its error
 * instead of reloading for ever.
 */
const RELOADED_AT = 'claimline:reloaded-for-missing-script';
window.addEventListener('vite:preloadError', () => {
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  window.location.reload();
});

export const queryClient = createQueryClient();
prefetchDashboard(queryClient);
