import type { MapCluster, MapPoint } from '@claimline/shared/aggregates';
import { GEO_PRECISION_LABELS, GEO_PRECISION_RADIUS_M, KIND_LABELS, STATUS_LABELS } from '@claimline/shared/vocabulary';
import { divIcon, latLngBounds, type LeafletEvent, type LeafletKeyboardEvent, type Marker as LeafletMarker } from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Circle, Marker, Popup, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import Supercluster from 'supercluster';
import { openEvent, useOpenEventId } from '../../../hooks/use-open-event';
import { formatDate } from '../../../lib/format';
import { KIND_COLORS } from '../../../lib/kind-colors';
import { clusterHtml, clusterSize, describeCluster, type KindCounts } from './cluster-glyph';
import { MAX_ZOOM } from './map-view';
import { MARKER_SIZE, markerSvg } from './marker-glyph';
import { fanOffsets, groupPlaces, MAX_FAN, type Place } from './place-groups';

type PlaceProps = { place: number; count: number; kinds: KindCounts };
type ClusterProps = { count: number; kinds: KindCounts };

const CLUSTER_RADIUS_PX = 40;
const CLUSTER_MAX_ZOOM = 12;
const AREA_NEUTRAL = '#4a5563';

function isActivation(e: LeafletKeyboardEvent): boolean {
  return e.originalEvent.key === 'Enter' || e.originalEvent.key === ' ';
}

/** Labels the marker element for assistive tech and tests once Leaflet has created it. */
function describe(e: LeafletEvent, label: string, attributes: Record<string, string>) {
  const element = (e.target as LeafletMarker).getElement();
  if (!element) return;
  element.setAttribute('aria-label', label);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
}

/**
 * Event markers, filled by kind and ringed by status (marker-glyph.ts). Dense places are clustered (supercluster);
 * an imprecise place is drawn as a translucent area of its precision's radius
 * with a small hollow marker, never as a confident pin.
 */
export function EventMarkers({ points }: { points: MapPoint[] }) {
  const map = useMap();
  const selectedId = useOpenEventId();
  const [frame, setFrame] = useState(() => ({ zoom: map.getZoom(), bounds: map.getBounds() }));
  useMapEvents({ moveend: () => setFrame({ zoom: map.getZoom(), bounds: map.getBounds() }) });

  const places = useMemo(() => groupPlaces(points), [points]);
  const index = useMemo(() => {
    const clusterer = new Supercluster<PlaceProps, ClusterProps>({
      radius: CLUSTER_RADIUS_PX,
      // Leaflet's tiles are 256 px (supercluster assumes 512): without this the radius is halved.
      extent: 256,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({ count: p.count, kinds: { ...p.kinds } }),
      reduce: (acc, p) => {
        acc.count += p.count;
        // A new object: supercluster copies cluster properties shallowly, so the lower zoom's `kinds` must not be touched.
        const kinds = { ...acc.kinds };
        for (const [kind, n] of Object.entries(p.kinds) as [keyof KindCounts, number][]) kinds[kind] = (kinds[kind] ?? 0) + n;
        acc.kinds = kinds;
      },
    });
    clusterer.load(
      places.map((p, i) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
        properties: { place: i, count: p.points.length, kinds: kindCounts(p.points) },
      })),
    );
    return clusterer;
  }, [places]);

  const items = useMemo(() => {
    const b = frame.bounds.pad(0.25);
    const bbox: [number, number, number, number] = [
      Math.max(-180, b.getWest()),
      Math.max(-85, b.getSouth()),
      Math.min(180, b.getEast()),
      Math.min(85, b.getNorth()),
    ];
    return index.getClusters(bbox, Math.round(frame.zoom));
  }, [index, frame]);

  return (
    <>
      {items.map((item) => {
        const [lon = 0, lat = 0] = item.geometry.coordinates;
        const props = item.properties;
        if ('cluster' in props && props.cluster) {
          const clusterId = props.cluster_id;
          return (
            <ClusterMarker
              key={`c${clusterId}`}
              lat={lat}
              lon={lon}
              count={props.count}
              kinds={props.kinds}
              onExpand={() => {
                const zoom = Math.min(index.getClusterExpansionZoom(clusterId), MAX_ZOOM);
                map.setView([lat, lon], Math.max(zoom, map.getZoom() + 1));
              }}
            />
          );
        }
        const place = places[(props as PlaceProps).place];
        return place ? <PlaceMarkers key={place.key} place={place} selectedId={selectedId} /> : null;
      })}
    </>
  );
}

function kindCounts(points: MapPoint[]): KindCounts {
  const kinds: KindCounts = {};
  for (const p of points) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
  return kinds;
}

/**
 * A cluster: the count inside a ring of the kinds' shares (cluster-glyph.ts),
 * the same for the browser's clusters and the server's.
 */
function ClusterMarker({
  lat,
  lon,
  count,
  kinds,
  origin = 'client',
  onExpand,
}: {
  lat: number;
  lon: number;
  count: number;
  kinds: KindCounts;
  origin?: 'client' | 'server';
  onExpand: () => void;
}) {
  const size = clusterSize(count);
  // Keyed on the drawing, not on the `kinds` object: every answer brings new objects, and a new icon is a
  // new element for Leaflet. A new answer with the same cluster (the viewport's after the overview's, a pan
  // within the same cells) keeps the element as it is.
  const html = clusterHtml(count, kinds);
  const icon = useMemo(
    () =>
      divIcon({
        className: `claimline-cluster${count >= 1000 ? ' is-large' : ''}`,
        html,
        iconSize: [size, size],
      }),
    [count, html, size],
  );
  const description = describeCluster(count, kinds);
  const label = `${description}. Zoom in`;
  const attributes = { 'data-testid': 'map-cluster', 'data-count': String(count), 'data-origin': origin };
  const marker = useRef<LeafletMarker>(null);
  // A new icon is a new element (Leaflet's setIcon): label it again. Runs after react-leaflet's own update.
  useEffect(() => {
    const element = marker.current?.getElement();
    if (!element) return;
    element.setAttribute('aria-label', label);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  });
  return (
    <Marker
      ref={marker}
      position={[lat, lon]}
      icon={icon}
      eventHandlers={{
        add: (e) => describe(e, label, attributes),
        click: onExpand,
        keypress: (e) => isActivation(e) && onExpand(),
      }}
    >
      <Tooltip direction="top" offset={[0, -size / 2]}>
        {description} — click to zoom in
      </Tooltip>
    </Marker>
  );
}

/**
 * The server's clusters, sent instead of points when more than
 * MAP_POINT_THRESHOLD events are located: one per grid cell of ~64 px.
 * Clicking one zooms to its cell, where the server splits it further (or
 * sends the points, once few enough are in view).
 */
export function ServerClusters({ clusters }: { clusters: MapCluster[] }) {
  const map = useMap();
  return (
    <>
      {clusters.map((cluster) => {
        const [west, south, east, north] = cluster.bounds;
        return (
          <ClusterMarker
            key={cluster.bounds.join(',')}
            lat={cluster.lat}
            lon={cluster.lon}
            count={cluster.count}
            kinds={cluster.kinds as KindCounts}
            origin="server"
            onExpand={() => {
              const bounds = latLngBounds([south, west], [north, east]);
              const zoom = Math.min(MAX_ZOOM, Math.max(map.getBoundsZoom(bounds), map.getZoom() + 1));
              map.setView(bounds.getCenter(), zoom);
            }}
          />
        );
      })}
    </>
  );
}

function PlaceMarkers({ place, selectedId }: { place: Place; selectedId: string | null }) {
  const kinds = new Set(place.points.map((p) => p.kind));
  const areaColor = kinds.size === 1 ? KIND_COLORS[place.points[0]!.kind] : AREA_NEUTRAL;

  const areas = place.areas.map((precision) => (
    <Circle
      key={precision}
      center={[place.lat, place.lon]}
      radius={GEO_PRECISION_RADIUS_M[precision]}
      interactive={false}
      pathOptions={{
        className: `claimline-area precision-${precision}`,
        color: areaColor,
        weight: 1,
        opacity: 0.7,
        dashArray: '4 4',
        fillColor: areaColor,
        fillOpacity: 0.08,
      }}
    />
  ));

  if (place.points.length > MAX_FAN) {
    return (
      <>
        {areas}
        <StackMarker place={place} />
      </>
    );
  }

  const offsets = fanOffsets(place.points.length, MARKER_SIZE);
  return (
    <>
      {areas}
      {place.points.length > 1 ? (
        <Marker
          position={[place.lat, place.lon]}
          icon={divIcon({ className: 'claimline-fan-centre', iconSize: [6, 6] })}
          interactive={false}
          keyboard={false}
        />
      ) : null}
      {place.points.map((point, i) => (
        <EventMarker key={point.id} point={point} offset={offsets[i] ?? [0, 0]} selected={point.id === selectedId} />
      ))}
    </>
  );
}

function EventMarker({ point, offset, selected }: { point: MapPoint; offset: [number, number]; selected: boolean }) {
  const imprecise = point.geoPrecision !== 'exact';
  const size = MARKER_SIZE;
  const icon = useMemo(
    () =>
      divIcon({
        className: `claimline-marker kind-${point.kind} status-${point.status}${imprecise ? ' is-imprecise' : ''}${selected ? ' is-selected' : ''}`,
        html: markerSvg({ color: KIND_COLORS[point.kind], status: point.status, imprecise }),
        iconSize: [size, size],
        iconAnchor: [size / 2 - offset[0], size / 2 - offset[1]],
      }),
    [point.kind, point.status, imprecise, selected, size, offset],
  );
  const where = imprecise ? ` (${GEO_PRECISION_LABELS[point.geoPrecision]})` : '';
  const label = `${KIND_LABELS[point.kind]}, ${STATUS_LABELS[point.status].toLowerCase()}: ${point.title}, ${formatDate(point.startDate)}${where}`;
  return (
    <Marker
      position={[point.lat, point.lon]}
      icon={icon}
      zIndexOffset={selected ? 1000 : 0}
      eventHandlers={{
        add: (e) =>
          describe(e, label, {
            'data-testid': 'map-marker',
            'data-event-id': point.id,
            'data-kind': point.kind,
            'data-status': point.status,
            'data-precision': point.geoPrecision,
          }),
        click: () => openEvent(point.id),
        keypress: (e) => isActivation(e) && openEvent(point.id),
      }}
    >
      <Tooltip direction="top" offset={[offset[0], offset[1] - size / 2]}>
        <strong>{point.title}</strong>
        <br />
        {KIND_LABELS[point.kind]} · {STATUS_LABELS[point.status]} · {formatDate(point.startDate)}
        {imprecise ? ` · ${GEO_PRECISION_LABELS[point.geoPrecision]}` : ''}
      </Tooltip>
    </Marker>
  );
}

/** Too many events at one point to fan out: one marker listing them. */
function StackMarker({ place }: { place: Place }) {
  const count = place.points.length;
  const icon = useMemo(
    () => divIcon({ className: 'claimline-cluster claimline-stack', html: `<span>${count}</span>`, iconSize: [34, 34] }),
    [count],
  );
  return (
    <Marker
      position={[place.lat, place.lon]}
      icon={icon}
      eventHandlers={{
        add: (e) => describe(e, `${count} events at this place: list them`, { 'data-testid': 'map-stack', 'data-count': String(count) }),
      }}
    >
      <Popup maxHeight={260}>
        <p className="stack-title">{count} events at this place</p>
        <ul className="stack-list">
          {place.points.map((point) => (
            <li key={point.id}>
              <button type="button" className={`link-button claimline-marker-link kind-${point.kind}`} onClick={() => openEvent(point.id)}>
                <span className="kind-swatch" style={{ background: KIND_COLORS[point.kind] }} aria-hidden="true" />
                {point.title}
              </button>
              <span className="muted">
                {' '}
                {formatDate(point.startDate)} · {STATUS_LABELS[point.status]}
              </span>
            </li>
          ))}
        </ul>
      </Popup>
    </Marker>
  );
}
