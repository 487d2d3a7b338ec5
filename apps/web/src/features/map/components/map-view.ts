import type { LatLngBounds, Map as LeafletMap } from 'leaflet';

/**
 * The map's position in the URL: `map=lat,lon,zoom`. (`view=` names the
 * screen: the dashboard, or `view=estimates`.)
 */
export const MAP_VIEW_PARAM = 'map';

/** The map's position: centre and zoom. */
export type MapView = { lat: number; lon: number; zoom: number };

export const DEFAULT_VIEW: MapView = { lat: 51.3, lon: 35.5, zoom: 7 };
export const MIN_ZOOM = 4;
export const MAX_ZOOM = 14;

export function parseView(value: string | null): MapView | null {
  if (!value) return null;
  const parts = value.split(',').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lat, lon, zoom] = parts as [number, number, number];
  if (Math.abs(lat) > 85 || Math.abs(lon) > 180) return null;
  return { lat, lon, zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(zoom))) };
}

export function formatView(map: LeafletMap): string {
  const c = map.getCenter();
  return `${c.lat.toFixed(4)},${c.lng.toFixed(4)},${map.getZoom()}`;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** `west,south,east,north` of what the map shows, clamped to valid degrees, as the `bbox` filter reads it. */
export function formatBBox(bounds: LatLngBounds): string {
  const west = clamp(bounds.getWest(), -180, 180);
  const east = clamp(bounds.getEast(), -180, 180);
  const south = clamp(bounds.getSouth(), -90, 90);
  const north = clamp(bounds.getNorth(), -90, 90);
  return [west, south, east, north].map((n) => n.toFixed(4)).join(',');
}

export function sameView(a: MapView, b: MapView): boolean {
  return a.zoom === b.zoom && Math.abs(a.lat - b.lat) < 1e-4 && Math.abs(a.lon - b.lon) < 1e-4;
}
