import { EVENT_KINDS, EVENT_STATUSES, KIND_LABELS, STATUS_LABELS } from '@claimline/shared/vocabulary';
import { KIND_COLORS } from '../../../lib/kind-colors';
import { markerSvg } from './marker-glyph';

const LEGEND_FILL = '#9aa3ad';

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
          <span className="legend-cluster" aria-hidden="true">3</span>
          Cluster
        </li>
        <li>
          <span className="legend-border" aria-hidden="true" />
          Russia–Ukraine border
        </li>
      </ul>
    </div>
  );
}
