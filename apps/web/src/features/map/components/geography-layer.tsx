import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import { divIcon, type PathOptions } from 'leaflet';
import { useMemo, useState } from 'react';
import { GeoJSON, Marker, Pane, useMapEvents } from 'react-leaflet';
import regionGeography from '../geography/kursk-region.geo.json';
import { SETTLEMENTS } from '../geography/settlements';

/**
 * The bundled geography, drawn with no network: oblast outlines, the
 * Russia–Ukraine border and settlement names, so the map reads as the Kursk
 * region even when no tile server is configured or tiles fail to load.
 * Outlines sit in a pane under the event areas; names sit above the areas
 * and under the markers.
 */

type RegionProps = { code: string; name: string; country?: string };
const geography = regionGeography as unknown as FeatureCollection<Geometry, RegionProps>;
const oblasts: FeatureCollection<Geometry, RegionProps> = {
  type: 'FeatureCollection',
  features: geography.features.filter((f) => f.properties.code !== 'border'),
};
const border: FeatureCollection<Geometry, RegionProps> = {
  type: 'FeatureCollection',
  features: geography.features.filter((f) => f.properties.code === 'border'),
};

/** Settlement ranks shown from this zoom on: capitals always, villages only close in. */
const RANK_MIN_ZOOM: Record<1 | 2 | 3, number> = { 1: 0, 2: 8, 3: 9 };
const OBLAST_LABEL_MAX_ZOOM = 8;

/** Area-weighted centroid of a polygon's outer ring: where the oblast's name goes. */
function ringCentroid(ring: Position[]): [number, number] {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0 = 0, y0 = 0] = ring[j]!;
    const [x1 = 0, y1 = 0] = ring[i]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  area /= 2;
  return area === 0 ? [ring[0]?.[1] ?? 0, ring[0]?.[0] ?? 0] : [y / (6 * area), x / (6 * area)];
}

const oblastLabels = oblasts.features
  .filter((f): f is Feature<Polygon, RegionProps> => f.geometry.type === 'Polygon')
  .map((f) => ({
    code: f.properties.code,
    name: `${f.properties.name} Oblast`,
    position: ringCentroid(f.geometry.coordinates[0] ?? []),
  }));

const labelIcon = (className: string, name: string) =>
  divIcon({
    className,
    html: `<span class="label-dot"></span><span class="label-name">${name.replace(/[<>&]/g, '')}</span>`,
    iconSize: [0, 0],
  });

export function GeographyLayer({ withTiles }: { withTiles: boolean }) {
  const [zoom, setZoom] = useState<number | null>(null);
  const map = useMapEvents({ zoomend: () => setZoom(map.getZoom()) });
  const currentZoom = zoom ?? map.getZoom();

  const oblastStyle = (feature?: Feature<Geometry, RegionProps>): PathOptions => {
    const ukraine = feature?.properties.country === 'UKR';
    return {
      color: '#8a929c',
      weight: 1,
      // Without tiles the fill is the land; with tiles it only tints the two sides apart.
      fillColor: ukraine ? '#eef2f6' : '#f7f6f2',
      fillOpacity: withTiles ? 0.12 : 1,
    };
  };

  const settlementIcons = useMemo(
    () => SETTLEMENTS.map((s) => labelIcon(`settlement-label rank-${s.rank} country-${s.country}`, s.name)),
    [],
  );
  const oblastIcons = useMemo(() => oblastLabels.map((o) => labelIcon('oblast-label', o.name)), []);

  return (
    <>
      <Pane name="cl-geography" style={{ zIndex: 250 }}>
        <GeoJSON
          key={withTiles ? 'tiles' : 'plain'}
          data={oblasts}
          style={oblastStyle}
          interactive={false}
          attribution="Boundaries: Natural Earth"
        />
        <GeoJSON
          data={border}
          style={{ color: '#3b4350', weight: 3, opacity: 0.85, dashArray: '10 4 2 4', lineCap: 'butt' }}
          interactive={false}
        />
      </Pane>
      <Pane name="cl-labels" style={{ zIndex: 450, pointerEvents: 'none' }}>
        {currentZoom <= OBLAST_LABEL_MAX_ZOOM
          ? oblastLabels.map((o, i) => (
              <Marker
                key={o.code}
                position={o.position}
                icon={oblastIcons[i]!}
                pane="cl-labels"
                interactive={false}
                keyboard={false}
              />
            ))
          : null}
        {SETTLEMENTS.map((s, i) =>
          currentZoom >= RANK_MIN_ZOOM[s.rank] ? (
            <Marker
              key={`${s.name}:${s.lat}`}
              position={[s.lat, s.lon]}
              icon={settlementIcons[i]!}
              pane="cl-labels"
              interactive={false}
              keyboard={false}
            />
          ) : null,
        )}
      </Pane>
    </>
  );
}
