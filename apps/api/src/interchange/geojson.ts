import { GEO_PRECISION_RADIUS_M } from '@claimline/shared/vocabulary';
import type { InterchangeEvent } from './event.js';

/**
 * RFC 7946 features of located events. Coordinates are [longitude,
 * latitude] in WGS 84; an imprecise place says so in `geoPrecision` and
 * `precisionRadiusM` (the radius the map draws), so GIS users can buffer
 * it instead of reading a false pin.
 */

export const GEOJSON_HEAD = '{"type":"FeatureCollection","features":[';

export function geojsonTail(unlocated: number): string {
  // A foreign member (RFC 7946 §6.1): the events of the selection left out for want of coordinates.
  return `],"unlocated":${unlocated}}\n`;
}

/** The event as a Feature, or null when it has no coordinates. */
export function feature(e: InterchangeEvent): string | null {
  if (e.lat === null || e.lon === null) return null;
  return JSON.stringify({
    type: 'Feature',
    id: e.id,
    geometry: { type: 'Point', coordinates: [e.lon, e.lat] },
    properties: {
      id: e.id,
      kind: e.kind,
      title: e.title,
      summary: e.summary,
      startDate: e.startDate,
      endDate: e.endDate,
      datePrecision: e.datePrecision,
      placeName: e.placeName,
      admin1: e.admin1,
      admin2: e.admin2,
      country: e.country,
      geoPrecision: e.geoPrecision,
      precisionRadiusM: e.geoPrecision ? GEO_PRECISION_RADIUS_M[e.geoPrecision] : null,
      status: e.status,
      derivedStatus: e.derivedStatus,
      tags: e.tags,
      actors: e.actors.map((a) => ({ name: a.name, role: a.role })),
      sources: [...new Set(e.claims.map((c) => c.source.name))],
      claimCount: e.claims.length,
      externalSource: e.externalSource,
      externalId: e.externalId,
      version: e.version,
      updatedAt: e.updatedAt,
    },
  });
}
