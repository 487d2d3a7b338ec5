import { useEffect } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import { setFilters, useFilters } from '../../../hooks/use-filters';
import { updateSearchParams, useSearchParam } from '../../../lib/search-params';
import { formatBBox, formatView, MAP_VIEW_PARAM, parseView, sameView } from './map-view';

/**
 * Keeps the map and the URL in step. Every move writes `map=` (replaceState:
 * panning is not history). Only while the `bbox` filter is on ("limit to map
 * view") does a move also rewrite `bbox`; otherwise panning never filters.
 * Back/forward to another `map` moves the map there.
 */
export function MapViewSync() {
  const map = useMap();
  const filters = useFilters();
  const limited = filters.bbox !== undefined;
  const view = useSearchParam(MAP_VIEW_PARAM);

  useMapEvents({
    moveend: () => {
      updateSearchParams((params) => params.set(MAP_VIEW_PARAM, formatView(map)), { replace: true });
      if (limited) setFilters({ bbox: formatBBox(map.getBounds()) }, { replace: true });
    },
  });

  useEffect(() => {
    const target = parseView(view);
    if (!target) return;
    const c = map.getCenter();
    const current = { lat: c.lat, lon: c.lng, zoom: map.getZoom() };
    if (!sameView(target, current)) map.setView([target.lat, target.lon], target.zoom, { animate: false });
  }, [map, view]);

  return null;
}
