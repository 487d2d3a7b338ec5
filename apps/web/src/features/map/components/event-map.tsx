import 'leaflet/dist/leaflet.css';
import type { Map as LeafletMap } from 'leaflet';
import { useEffect, useId, useMemo, useState } from 'react';
import { MapContainer, TileLayer } from 'react-leaflet';
import { ErrorState } from '../../../components/ui/error-state';
import { Loading } from '../../../components/ui/loading';
import { setFilters, useFilters } from '../../../hooks/use-filters';
import { formatNumber } from '../../../lib/format';
import { afterNextFrame } from '../../../lib/next-frame';
import { currentSearchParams, updateSearchParams } from '../../../lib/search-params';
import { useConfig } from '../api/get-config';
import { useMapData } from '../api/get-map-points';
import { EventMarkers, ServerClusters } from './event-markers';
import { GeographyLayer } from './geography-layer';
import { MapLegend } from './map-legend';
import { DEFAULT_VIEW, formatBBox, MAP_VIEW_PARAM, MAX_ZOOM, MIN_ZOOM, parseView } from './map-view';
import { MapViewSync } from './map-view-sync';
import { useMapRequestView } from './use-map-request-view';
import './event-map.css';

/** The Kursk region with the filtered events; loaded lazily with Leaflet. */
export default function EventMap() {
  const filters = useFilters();
  const config = useConfig();
  const [map, setMap] = useState<LeafletMap | null>(null);
  const limitId = useId();
  // The URL's view only seeds the map; afterwards the map writes it (MapViewSync).
  const initialView = useMemo(() => parseView(currentSearchParams().get(MAP_VIEW_PARAM)) ?? DEFAULT_VIEW, []);
  // The map's own request: the filters plus its zoom and viewport, never written to the URL's bbox filter.
  const requestView = useMapRequestView(map);
  const data = useMapData(filters, requestView, initialView.zoom);
  const { overview } = data;
  const tileUrl = config.data?.tileUrl ?? null;
  // Tiles that never load (offline, blocked) must not leave a washed-out map: fall back to the bundled fill.
  const [tileHealth, setTileHealth] = useState<'unknown' | 'loading' | 'failing'>('unknown');
  const limited = filters.bbox !== undefined;

  // The outlines and place names are context: they follow the first events drawn by a frame instead of holding them up.
  const [geographyShown, setGeographyShown] = useState(false);
  useEffect(() => {
    if (!map || geographyShown) return;
    let live = true;
    void afterNextFrame().then(() => live && setGeographyShown(true));
    return () => {
      live = false;
    };
  }, [map, geographyShown]);

  useEffect(() => {
    const container = map?.getContainer();
    container?.setAttribute('role', 'region');
    container?.setAttribute('aria-label', 'Map of the filtered events. Arrow keys pan, plus and minus zoom.');
    // A neutral credit: the default prefix carries a national flag, out of place on a conflict map.
    map?.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  }, [map]);

  // The whole filtered set's counts, wherever the map is looking.
  const unlocated = overview.data?.unlocated ?? 0;
  const located = overview.data?.located ?? 0;
  const failed = overview.isError && !overview.data ? overview : data.detail.isError && !data.detail.data && data.clustered ? data.detail : null;

  return (
    <section className="card map-card" aria-labelledby="map-heading">
      <div className="card-heading">
        <h2 id="map-heading">Map</h2>
        <label className="check-inline" htmlFor={limitId}>
          <input
            id={limitId}
            type="checkbox"
            checked={limited}
            disabled={!map}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setFilters({ bbox: on && map ? formatBBox(map.getBounds()) : null });
            }}
          />
          Limit to map view
        </label>
        <span className="map-notes" aria-live="polite">
          {overview.data ? <span data-testid="map-located">{formatNumber(located)} on the map</span> : null}
          {unlocated > 0 ? (
            <span className="map-note-unlocated" data-testid="map-unlocated">
              {unlocated === 1 ? '1 event has no mappable place' : `${formatNumber(unlocated)} events have no mappable place`}
            </span>
          ) : null}
          {overview.data?.truncated || data.drawn?.truncated ? <span className="map-note-warning">Not every event is drawn: narrow the filters</span> : null}
        </span>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            map?.setView([DEFAULT_VIEW.lat, DEFAULT_VIEW.lon], DEFAULT_VIEW.zoom);
            if (!map) updateSearchParams((p) => p.delete(MAP_VIEW_PARAM), { replace: true });
          }}
        >
          Reset view
        </button>
      </div>
      <div className={`map-body${data.isStale ? ' is-stale' : ''}`} aria-busy={data.isFetching}>
        <MapContainer
          ref={setMap}
          center={[initialView.lat, initialView.lon]}
          zoom={initialView.zoom}
          minZoom={MIN_ZOOM}
          maxZoom={MAX_ZOOM}
          className="leaflet-map"
          worldCopyJump={false}
          attributionControl
        >
          {tileUrl ? (
            <TileLayer
              url={tileUrl}
              attribution={config.data?.tileAttribution ?? ''}
              maxZoom={MAX_ZOOM}
              className="claimline-tiles"
              eventHandlers={{
                tileload: () => setTileHealth('loading'),
                tileerror: () => setTileHealth((h) => (h === 'loading' ? h : 'failing')),
              }}
            />
          ) : null}
          {geographyShown ? <GeographyLayer withTiles={tileUrl !== null && tileHealth !== 'failing'} /> : null}
          {data.drawn && data.drawn.clusters.length > 0 ? (
            <ServerClusters clusters={data.drawn.clusters} />
          ) : (
            <EventMarkers points={data.drawn?.points ?? []} />
          )}
          <MapViewSync />
        </MapContainer>
        {overview.isPending ? (
          <div className="map-overlay">
            <Loading label="Loading events on the map…" />
          </div>
        ) : null}
        {failed ? (
          <div className="map-overlay">
            <ErrorState error={failed.error} onRetry={() => failed.refetch()} what="the map" compact />
          </div>
        ) : null}
        {overview.data && located === 0 ? (
          <div className="map-overlay map-overlay-note">
            {unlocated > 0 ? 'None of the matching events has a mappable place.' : 'No events match these filters.'}
          </div>
        ) : null}
      </div>
      <MapLegend />
    </section>
  );
}
