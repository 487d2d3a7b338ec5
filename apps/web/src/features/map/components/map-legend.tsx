import { EVENT_KINDS, KIND_LABELS } from '@claimline/shared/vocabulary';
import { KIND_COLORS } from '../../../lib/kind-colors';

/** What the colours and shapes mean: a strip under the map, so it never covers events. */
export function MapLegend() {
  return (
    <ul className="map-legend" aria-label="Map legend">
      {EVENT_KINDS.map((kind) => (
        <li key={kind}>
          <span className="legend-dot" style={{ background: KIND_COLORS[kind] }} aria-hidden="true" />
          {KIND_LABELS[kind]}
        </li>
      ))}
      <li className="legend-sep">
        <span className="legend-dot legend-hollow" aria-hidden="true" />
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
  );
}
