import type { LatLngBounds } from 'leaflet';

/**
 * The part of the world the map asks the server about: the visible area,
 * padded a little and snapped outward to a grid, at a whole zoom.
 *
 * This is the map's own request only. The user's `bbox` filter ("Limit to map
 * view") is a filter like any other and stays in the URL; the viewport never
 * reaches the list, the timeline or the facets, so panning filters nothing.
 *
 * The grid is two of the server's cluster cells (360 / 2^zoom / 4 degrees
 * each, see apps/api/src/repositories/map.ts), so an edge of the requested
 * box is always an edge of a cell: the clusters along it hold their whole
 * cell, and small pans inside the padding ask nothing new.
 */

export type Box = { west: number; south: number; east: number; north: number };

/** The map's data request beyond the filters: a whole zoom and a box. */
export type MapRequestView = { zoom: number; bbox: Box };

/** Extra area around the visible one, as a share of its width and height on each side. */
const PAD = 0.15;
/** The server's zoom range (mapViewQuerySchema). */
const SERVER_MAX_ZOOM = 22;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function requestZoom(zoom: number): number {
  return clamp(Math.round(zoom), 0, SERVER_MAX_ZOOM);
}

export function boxOf(bounds: LatLngBounds): Box {
  return { west: bounds.getWest(), south: bounds.getSouth(), east: bounds.getEast(), north: bounds.getNorth() };
}

/** Degrees per grid step at a zoom: two server cells of ~64 px. */
export function gridStep(zoom: number): number {
  return 360 / 2 ** zoom / 2;
}

/** The visible box padded by PAD and snapped outward to the zoom's grid, within valid degrees. */
export function requestBox(visible: Box, zoom: number): Box {
  const step = gridStep(zoom);
  const padX = (visible.east - visible.west) * PAD;
  const padY = (visible.north - visible.south) * PAD;
  return {
    west: clamp(Math.floor((visible.west - padX) / step) * step, -180, 180),
    south: clamp(Math.floor((visible.south - padY) / step) * step, -90, 90),
    east: clamp(Math.ceil((visible.east + padX) / step) * step, -180, 180),
    north: clamp(Math.ceil((visible.north + padY) / step) * step, -90, 90),
  };
}

export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.west >= outer.west - 1e-9 &&
    inner.east <= outer.east + 1e-9 &&
    inner.south >= outer.south - 1e-9 &&
    inner.north <= outer.north + 1e-9
  );
}

/** The common part of two boxes, or null when they do not overlap. */
export function intersect(a: Box, b: Box): Box | null {
  const box = {
    west: Math.max(a.west, b.west),
    south: Math.max(a.south, b.south),
    east: Math.min(a.east, b.east),
    north: Math.min(a.north, b.north),
  };
  return box.west <= box.east && box.south <= box.north ? box : null;
}

/**
 * The next request view after a move: the previous one while it still covers
 * what is visible at the same zoom (so small pans reuse the cached answer),
 * else a new padded, snapped box.
 */
export function nextRequestView(previous: MapRequestView | null, visible: Box, mapZoom: number): MapRequestView {
  const zoom = requestZoom(mapZoom);
  if (previous && previous.zoom === zoom && contains(previous.bbox, visible)) return previous;
  return { zoom, bbox: requestBox(visible, zoom) };
}

/** `west,south,east,north` as the API reads it; short, and the same string for the same box. */
export function formatBox(box: Box): string {
  return [box.west, box.south, box.east, box.north].map((n) => String(Number(n.toFixed(6)))).join(',');
}

/** A validated `bbox` filter value (lib/event-filters.ts) as a box. */
export function parseBox(value: string): Box | null {
  const [west, south, east, north] = value.split(',').map(Number);
  if ([west, south, east, north].some((n) => n === undefined || !Number.isFinite(n))) return null;
  return { west: west!, south: south!, east: east!, north: north! };
}
