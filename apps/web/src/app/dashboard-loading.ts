import type { QueryClient } from '@tanstack/react-query';
import { chunkView } from '../components/chunk-view';
import { getEventsQueryOptions } from '../features/events/api/get-events';
import { getConfigQueryOptions } from '../features/map/api/get-config';
import { getMapPointsQueryOptions } from '../features/map/api/get-map-points';
import { DEFAULT_VIEW, MAP_VIEW_PARAM, parseView as parseMapView } from '../features/map/components/map-view';
import { getTimelineQueryOptions, parseBucket, parseStack } from '../features/timeline/api/get-timeline';
import { currentFilters } from '../hooks/use-filters';
import { currentView } from '../hooks/use-view';
import { afterNextFrame } from '../lib/next-frame';
import { currentSearchParams } from '../lib/search-params';

/**
 * The order in which the dashboard loads. What the page is opened for comes
 * first, asked for as soon as the app's script starts (app/start.ts), before
 * React DOM is evaluated or anything rendered: the list's first page (which
 * also gives the header its total), the map's overview and config, and the
 * map's chunk. The first render waits a moment for them (beforeFirstRender),
 * and the components find the answers (or the requests in flight) in the
 * cache.
 *
 * Then the rest: the timeline's chart (the largest chunk, recharts) is loaded
 * and its data asked for once those are in and drawn (afterFirstData): its
 * parsing and first render would otherwise hold up the list's and the map's.
 * The filter counts, the slowest answer, once the list's is in
 * (useFacetCounts).
 */

/**
 * Leaflet and recharts are most of the dashboard's weight: they arrive in
 * chunks of their own, drawn the moment they arrive (chunkView: no Suspense
 * retry to wait for).
 */
export const EventMap = chunkView(() => import('../features/map/components/event-map'));
export const TimelineChart = chunkView(async () => {
  await afterFirstData();
  return import('../features/timeline/components/timeline-chart');
});

/**
 * The longest the first render waits for the first answers (see
 * beforeFirstRender), counted from when the app's script has run.
 */
const FIRST_RENDER_WAIT_MS = 250;

/** The longest the timeline waits for the first answers. */
const FIRST_DATA_WAIT_MS = 2_000;

let firstData: Promise<unknown> = Promise.resolve();

/** The map's zoom as it will open: the URL's, else the default view's. */
export function initialMapZoom(): number {
  return (parseMapView(currentSearchParams().get(MAP_VIEW_PARAM)) ?? DEFAULT_VIEW).zoom;
}

export function prefetchDashboard(queryClient: QueryClient): void {
  if (currentView() !== 'dashboard') return;
  const filters = currentFilters();
  // A failed request is the components' to show (and retry); prefetch* never reject.
  firstData = Promise.allSettled([
    queryClient.prefetchInfiniteQuery(getEventsQueryOptions(filters)),
    queryClient.prefetchQuery(getMapPointsQueryOptions(filters, initialMapZoom())),
    EventMap.preload(),
  ]);
  void queryClient.prefetchQuery(getConfigQueryOptions());
  void afterFirstData().then(() => {
    const params = currentSearchParams();
    return queryClient.prefetchQuery(
      getTimelineQueryOptions(currentFilters(), parseBucket(params.get('bucket')), parseStack(params.get('stack'))),
    );
  });
}

/**
 * When the app renders for the first time: once the list's and the map's
 * first answers and the map's chunk are in, so that the first render draws
 * the data, or after FIRST_RENDER_WAIT_MS, when the page is drawn empty and
 * fills as they arrive. On localhost the answers are in before a page drawn
 * at once would have reached the screen (the script's own run takes longer
 * than the requests), so that empty page was work done, laid out and
 * painted only to be replaced: a tenth of a second of a 2-core machine's
 * main thread before the data could show. Any other screen renders at once.
 */
export function beforeFirstRender(): Promise<void> {
  const cap = new Promise<void>((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS));
  return Promise.race([firstData.then(() => undefined), cap]);
}

/**
 * Resolves once the list's and the map's first answers and the map's chunk
 * have arrived (or failed) and the page has had a frame to draw them; after
 * FIRST_DATA_WAIT_MS at the latest. After a frame only when the page did not
 * open on the dashboard.
 */
export function afterFirstData(): Promise<void> {
  const cap = new Promise<void>((resolve) => setTimeout(resolve, FIRST_DATA_WAIT_MS));
  return Promise.race([firstData, cap]).then(() => afterNextFrame());
}
