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

export const queryClient = createQueryClient();
prefetchDashboard(queryClient);
