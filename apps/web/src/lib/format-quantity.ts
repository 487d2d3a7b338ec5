import type { Measure } from '@claimline/shared/vocabulary';
import { formatNumber } from './format';

/** A claimed figure as the panel, the editor and the history show it. */
export type QuantityFigures = {
  measure: Measure;
  subject: string;
  low: number | null;
  best: number | null;
  high: number | null;
  phrase: string | null;
};

/** "24–99" from low and high; "at least 5", "up to 9", the best alone, or null when nothing is given. */
export function formatInterval(low: number | null, high: number | null): string | null {
  const n = (v: number) => formatNumber(v);
  if (low !== null && high !== null) return low === high ? n(low) : `${n(low)}–${n(high)}`;
  if (low !== null) return `at least ${n(low)}`;
  if (high !== null) return `up to ${n(high)}`;
  return null;
}

/** "killed of DPRK forces: 200–999 (best 500) — “hundreds”". Killed and wounded stay separate lines. */
export function formatQuantity(q: QuantityFigures): string {
  const n = (v: number) => formatNumber(v);
  const range = formatInterval(q.low, q.high) ?? (q.best !== null ? n(q.best) : 'no number given');
  const best = q.best !== null && !(q.low === q.best && q.high === q.best) && range !== n(q.best) ? ` (best ${n(q.best)})` : '';
  const phrase = q.phrase ? ` — “${q.phrase}”` : '';
  return `${q.measure} of ${q.subject}: ${range}${best}${phrase}`;
}
