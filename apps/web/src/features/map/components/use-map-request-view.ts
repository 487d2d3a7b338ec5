import type { Map as LeafletMap } from 'leaflet';
import { useEffect, useState } from 'react';
import { boxOf, nextRequestView, type MapRequestView } from '../api/map-viewport';

/** Quiet time after the last move before the map asks for the new view. */
export const MOVE_DEBOUNCE_MS = 250;

/**
 * The zoom and box the map's data request is for (api/map-viewport.ts):
 * set when the map appears, then after each move once the map has been still
 * for MOVE_DEBOUNCE_MS. It changes only when the visible area leaves the last
 * requested box or the whole zoom changes, so small pans ask nothing.
 */
export function useMapRequestView(map: LeafletMap | null): MapRequestView | null {
  const [view, setView] = useState<MapRequestView | null>(null);
  useEffect(() => {
    if (!map) return;
    const update = () => setView((previous) => nextRequestView(previous, boxOf(map.getBounds()), map.getZoom()));
    update();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMoveEnd = () => {
      clearTimeout(timer);
      timer = setTimeout(update, MOVE_DEBOUNCE_MS);
    };
    map.on('moveend', onMoveEnd);
    return () => {
      clearTimeout(timer);
      map.off('moveend', onMoveEnd);
    };
  }, [map]);
  return view;
}
