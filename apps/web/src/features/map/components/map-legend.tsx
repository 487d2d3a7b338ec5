import { EVENT_KINDS, EVENT_STATUSES, KIND_LABELS, STATUS_LABELS } from '@claimline/shared/vocabulary';
import { KIND_COLORS } from '../../../lib/kind-colors';
import { clusterRingSvg } from './cluster-glyph';
import { markerSvg } from './marker-glyph';

const LEGEND_FILL = '#9aa3ad';
const LEGEND_CLUSTER_SIZE = 18;
/** A static ring from constants: the drawing the map's clusters use. */
const LEGEND_CLUSTER_RING = clusterRingSvg({ engagement: 3, strike: 2, movement: 1 }, LEGEND_CLUSTER_SIZE, 1.5);

const STATUS_HINTS: Record<(typeof EVENT_STATUSES)[number], string> = {
  single_source: 'thin ring',
  corroborated: 'thick ring',
  contested: 'dashed ring',
  denied: 'hollow, struck through',
  retracted: 'hollow, struck through, faded',
};

/** What the colours and shapes mean: a strip under the map, so it never covers events. */
export function MapLegend() {
  return (
    <div className="map-legend" role="group" aria-label="Map legend">
      <ul aria-label="Fill: kind of event">
        <li className="legend-heading" aria-hidden="true">
          Fill = kind
        </li>
        {EVENT_KINDS.map((kind) => (
          <li key={kind}>
            <span className="legend-dot" style={{ background: KIND_COLORS[kind] }} aria-hidden="true" />
            {KIND_LABELS[kind]}
          </li>
        ))}
      </ul>
      <ul aria-label="Ring: status of the event" data-testid="map-legend-status">
        <li className="legend-heading" aria-hidden="true">
          Ring = status
        </li>
        {EVENT_STATUSES.map((status) => (
          <li key={status} title={STATUS_HINTS[status]}>
            <span
              className="legend-glyph"
              aria-hidden="true"
              // A static SVG string built from constants: the same drawing the map uses.
              dangerouslySetInnerHTML={{ __html: markerSvg({ color: LEGEND_FILL, status, size: 16 }) }}
            />
            {STATUS_LABELS[status]}
          </li>
        ))}
      </ul>
      <ul aria-label="Other symbols">
        <li>
          <span
            className="legend-glyph"
            aria-hidden="true"
            dangerouslySetInnerHTML={{ __html: markerSvg({ color: LEGEND_FILL, status: 'single_source', imprecise: true, size: 16 }) }}
          />
          <span className="legend-area" aria-hidden="true" />
          Imprecise place: the shaded area is where it may lie
        </li>
        <li>
          <span className="legend-cluster" aria-hidden="true">
            <span dangerouslySetInnerHTML={{ __html: LEGEND_CLUSTER_RING }} />
            <span className="cluster-count">6</span>
          </span>
          Cluster: the count, ringed by its kinds
        </li>
        <li>
          <span className="legend-border" aria-hidden="true" />
          Russia–Ukraine border
        </li>
      </ul>
    </div>
  );
}
