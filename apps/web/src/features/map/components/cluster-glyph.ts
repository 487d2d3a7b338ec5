import { EVENT_KINDS, KIND_LABELS, type EventKind } from '@claimline/shared/vocabulary';
import { formatNumber } from '../../../lib/format';
import { KIND_COLORS } from '../../../lib/kind-colors';

/**
 * A cluster, whether the browser made it (supercluster over points) or the
 * server did (grid cells past MAP_POINT_THRESHOLD): a white disc with the
 * count, ringed by the share of each kind in the kinds' colours, so a cluster
 * reads like the markers it stands for ("Fill = kind" in the legend).
 */

export type KindCounts = Partial<Record<EventKind, number>>;

/** Bigger clusters, bigger discs: the count must fit inside the ring. */
export function clusterSize(count: number): number {
  return count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 44 : 52;
}

const RING_WIDTH = 4.5;

/** The kinds' ring as SVG, drawn inside the cluster's border (`size` is the icon's outer size). */
export function clusterRingSvg(kinds: KindCounts, size: number, border = 2): string {
  const inner = size - 2 * border;
  const c = inner / 2;
  const r = c - RING_WIDTH / 2 - 0.5;
  const circumference = 2 * Math.PI * r;
  const total = EVENT_KINDS.reduce((sum, k) => sum + (kinds[k] ?? 0), 0);
  let start = 0;
  let arcs = '';
  for (const kind of EVENT_KINDS) {
    const n = kinds[kind] ?? 0;
    if (n <= 0 || total === 0) continue;
    const length = (n / total) * circumference;
    arcs +=
      `<circle cx="${c}" cy="${c}" r="${r.toFixed(2)}" fill="none" stroke="${KIND_COLORS[kind]}" stroke-width="${RING_WIDTH}"` +
      ` stroke-dasharray="${length.toFixed(2)} ${(circumference - length + 0.01).toFixed(2)}" stroke-dashoffset="${(-start).toFixed(2)}"` +
      ` transform="rotate(-90 ${c} ${c})"/>`;
    start += length;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="cluster-ring" width="${inner}" height="${inner}" viewBox="0 0 ${inner} ${inner}"` +
    ` aria-hidden="true" focusable="false">${arcs}</svg>`
  );
}

/** The cluster icon's HTML: the ring and the count. */
export function clusterHtml(count: number, kinds: KindCounts): string {
  const size = clusterSize(count);
  return `${clusterRingSvg(kinds, size)}<span class="cluster-count">${clusterLabel(count)}</span>`;
}

/**
 * The count as it fits in the glyph: exact up to 9,999, then in thousands
 * ("24.6k", "103k") and millions ("1.2M"), rounded down so a label never
 * claims more than there is. The exact figure is in the cluster's label for
 * screen readers and its tooltip (describeCluster).
 */
export function clusterLabel(count: number): string {
  const short = (n: number, unit: string) => `${n < 100 ? Math.floor(n * 10) / 10 : Math.floor(n)}${unit}`;
  if (count < 10_000) return formatNumber(count);
  if (count < 1_000_000) return short(count / 1000, 'k');
  return short(count / 1_000_000, 'M');
}

function kindPhrase(kind: EventKind, n: number): string {
  const label = KIND_LABELS[kind].toLowerCase();
  return `${formatNumber(n)} ${n === 1 || kind === 'other' ? label : `${label}s`}`;
}

/** "1,234 events: 800 engagements, 300 strikes, 134 other": the kinds largest first. */
export function describeCluster(count: number, kinds: KindCounts): string {
  const parts = EVENT_KINDS.filter((k) => (kinds[k] ?? 0) > 0)
    .sort((a, b) => (kinds[b] ?? 0) - (kinds[a] ?? 0))
    .map((k) => kindPhrase(k, kinds[k]!));
  const head = `${formatNumber(count)} ${count === 1 ? 'event' : 'events'}`;
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}
