import type { MapPoint } from '@claimline/shared/aggregates';
import { GEO_PRECISIONS, type GeoPrecision } from '@claimline/shared/vocabulary';

/**
 * Events at the very same coordinates (a region's centroid, a town) form one
 * place: clustering works on places, and a place's events are fanned out
 * around it so each keeps its own marker and colour.
 */
export type Place = {
  key: string;
  lat: number;
  lon: number;
  points: MapPoint[];
  /** The imprecise levels present here, each drawn once as an area. */
  areas: GeoPrecision[];
};

export function groupPlaces(points: MapPoint[]): Place[] {
  const byKey = new Map<string, Place>();
  for (const point of points) {
    const key = `${point.lat.toFixed(5)},${point.lon.toFixed(5)}`;
    let place = byKey.get(key);
    if (!place) {
      place = { key, lat: point.lat, lon: point.lon, points: [], areas: [] };
      byKey.set(key, place);
    }
    place.points.push(point);
    if (point.geoPrecision !== 'exact' && !place.areas.includes(point.geoPrecision)) place.areas.push(point.geoPrecision);
  }
  for (const place of byKey.values()) {
    // Largest area first so smaller ones draw on top of it.
    place.areas.sort((a, b) => GEO_PRECISIONS.indexOf(b) - GEO_PRECISIONS.indexOf(a));
    place.points.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
  }
  return [...byKey.values()];
}

/**
 * Pixel offsets fanning `n` markers of `size` px around their shared point
 * (none for a single one): far enough apart that neighbours never overlap.
 */
export function fanOffsets(n: number, size = 24): [number, number][] {
  if (n <= 1) return [[0, 0]];
  const radius = Math.max(size / 2 + 2, (size + 3) / (2 * Math.sin(Math.PI / n)));
  return Array.from({ length: n }, (_, i) => {
    const angle = (2 * Math.PI * i) / n - Math.PI / 2;
    return [Math.round(radius * Math.cos(angle)), Math.round(radius * Math.sin(angle))];
  });
}

/** Beyond this many events at one point, a stack marker with a list replaces the fan. */
export const MAX_FAN = 12;
