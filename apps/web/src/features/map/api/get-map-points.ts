import { MAP_POINT_THRESHOLD, type MapResponse } from '@claimline/shared/aggregates';
import { keepPreviousData, queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { FilterParams } from '../../../lib/event-filters';
import { queryRoots } from '../../../lib/query-keys';
import { formatBox, intersect, parseBox, type MapRequestView } from './map-viewport';

/**
 * The map's data comes in two requests, both to GET /api/map:
 *
 * - The overview: the URL's filters only (plus a zoom). It counts the located
 *   and unlocated events of the whole filtered set, which is what the status
 *   line reports, and while those are at most MAP_POINT_THRESHOLD it carries
 *   every point: the browser clusters them and nothing else is asked.
 * - The view, only when the overview says the set is too large for points:
 *   the filters plus the map's zoom and viewport box (the `bbox` filter, when
 *   on, intersected with it). The server answers the clusters of that area,
 *   or its points once few enough are in view. It is keyed by the rounded
 *   viewport (see map-viewport.ts), so small pans reuse the cached answer.
 *
 * The viewport never goes into the URL's `bbox`: the list and the timeline
 * are not filtered by panning.
 */

/** The map request's parameters: filters plus the server-only `zoom`. */
export type MapParams = FilterParams & { zoom?: number };

export const mapKeys = {
  all: queryRoots.map,
  points: (filters: FilterParams) => [...mapKeys.all, 'points', filters] as const,
  view: (params: MapParams) => [...mapKeys.all, 'view', params] as const,
};

export function getMapPoints(params: MapParams, signal?: AbortSignal): Promise<MapResponse> {
  return apiGet<MapResponse>('/api/map', params, { signal });
}

/**
 * The overview. `zoom` only shapes the grid of the clusters drawn until the
 * view's answer comes; the counts and the points do not depend on it, so it
 * is not part of the key (zooming must not refetch the whole set).
 */
export const getMapPointsQueryOptions = (filters: FilterParams, zoom?: number) =>
  queryOptions({
    queryKey: mapKeys.points(filters),
    queryFn: ({ signal }) => getMapPoints(zoom === undefined ? filters : { ...filters, zoom }, signal),
    placeholderData: keepPreviousData,
  });

/** The request for a view: the filters with the viewport box (within the `bbox` filter, if any) and the zoom. */
export function mapViewParams(filters: FilterParams, view: MapRequestView): MapParams {
  const limit = filters.bbox ? parseBox(filters.bbox) : null;
  // A view wholly outside the filter's box has nothing of its own to show: ask for the box itself.
  const box = limit ? (intersect(limit, view.bbox) ?? limit) : view.bbox;
  return { ...filters, bbox: formatBox(box), zoom: view.zoom };
}

export const getMapViewQueryOptions = (params: MapParams | null) =>
  queryOptions({
    queryKey: mapKeys.view(params ?? {}),
    queryFn: params ? ({ signal }) => getMapPoints(params, signal) : skipToken,
    // The last view stays drawn (faded) while the next one loads: panning and zooming never blank the map.
    placeholderData: keepPreviousData,
  });

/** Whether an answer is clusters rather than points: the whole set is too large to send as points. */
export function isClustered(data: MapResponse | undefined): boolean {
  return !!data && (data.located > MAP_POINT_THRESHOLD || (data.points.length === 0 && data.clusters.length > 0));
}

/**
 * The map's data for the filters and the current request view (null until
 * the map exists): what to draw, the whole set's counts, and the query states.
 */
export function useMapData(filters: FilterParams, view: MapRequestView | null, initialZoom: number) {
  const overview = useQuery(getMapPointsQueryOptions(filters, view?.zoom ?? initialZoom));
  // Judged on the previous filters' answer too while the new one loads, so both requests go out together.
  const clustered = isClustered(overview.data);
  const params = clustered && view ? mapViewParams(filters, view) : null;
  const detail = useQuery(getMapViewQueryOptions(params));
  const drawn = clustered ? (detail.data ?? overview.data) : overview.data;
  return {
    /** Points or clusters to draw. */
    drawn,
    /** The whole filtered set's answer: its located and unlocated counts are the status line's. */
    overview,
    /** The viewport's answer, when the set is clustered. */
    detail,
    clustered,
    isFetching: overview.isFetching || (clustered && detail.isFetching),
    isStale: overview.isPlaceholderData || (clustered && params !== null && (detail.isPlaceholderData || !detail.data)),
  };
}
