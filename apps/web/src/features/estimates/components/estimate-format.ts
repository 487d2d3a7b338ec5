import type { Estimate } from '@claimline/shared/estimates';
import {
  CREDIBILITY_LABELS,
  RELIABILITY_LABELS,
  STANCE_LABELS,
  type Credibility,
  type Reliability,
  type Stance,
} from '@claimline/shared/vocabulary';
import { formatDate, formatNumber } from '../../../lib/format';
import { hasNumber, type ClaimantRow, type ClaimEstimates } from './estimate-rows';

/** "200–999", "50", "at least 200", "up to 50", or "no number". */
export function figureRange(e: Pick<Estimate, 'low' | 'best' | 'high'>): string {
  const n = formatNumber;
  if (e.low !== null && e.high !== null) return e.low === e.high ? n(e.low) : `${n(e.low)}–${n(e.high)}`;
  if (e.low !== null) return `at least ${n(e.low)}`;
  if (e.high !== null) return `up to ${n(e.high)}`;
  if (e.best !== null) return n(e.best);
  return 'no number';
}

/** "killed 50", "casualties 200–999 (best 500)", "wounded: no number". */
export function figureText(e: Pick<Estimate, 'measure' | 'low' | 'best' | 'high'>): string {
  if (!hasNumber(e)) return `${e.measure}: no number`;
  const range = figureRange(e);
  const best = e.best !== null && range !== formatNumber(e.best) ? ` (best ${formatNumber(e.best)})` : '';
  return `${e.measure} ${range}${best}`;
}

/** The Admiralty grade of a claim: source reliability letter and information credibility digit, "B2". */
export function grade(claim: { reliability: Reliability; credibility: number }): string {
  return `${claim.reliability}${claim.credibility}`;
}

export function gradeTitle(claim: { reliability: Reliability; credibility: number }): string {
  const c = claim.credibility as Credibility;
  return `Source reliability ${claim.reliability}: ${RELIABILITY_LABELS[claim.reliability]}. Information credibility ${c}: ${CREDIBILITY_LABELS[c] ?? 'unknown'}.`;
}

export const SILENCE_SYMBOL: Partial<Record<Stance, string>> = {
  declines_to_comment: '∅',
  cannot_confirm: '?',
  denies: '✖',
};

/** What a claim said, in the chart's words: its phrases, or for a silence what kind of silence. */
export function stanceText(stance: Stance): string {
  if (stance === 'declines_to_comment') return 'declined to comment';
  return STANCE_LABELS[stance];
}

export function publishedText(claim: Pick<ClaimEstimates, 'publishedAt' | 'publishedPrecision'>): string {
  return `published ${formatDate(claim.publishedAt, claim.publishedPrecision)}`;
}

/** A sentence for screen readers: who, when, what, how trusted. */
export function claimDescription(row: ClaimantRow, claim: ClaimEstimates): string {
  const figures = claim.figures.filter(hasNumber).map(figureText);
  const numberless = claim.figures.filter((f) => !hasNumber(f)).map((f) => f.measure);
  const what =
    claim.stance === 'declines_to_comment' || claim.stance === 'cannot_confirm'
      ? stanceText(claim.stance)
      : [
          `${STANCE_LABELS[claim.stance]}`,
          figures.join(', '),
          numberless.length > 0 ? `${numberless.join(' and ')} without a number` : '',
        ]
          .filter(Boolean)
          .join(' ');
  const phrases = [...new Set(claim.figures.map((f) => f.phrase).filter((p): p is string => !!p))];
  const words = phrases.length > 0 ? `, in the words “${phrases.join('”, “')}”` : '';
  return `${row.key}, ${publishedText(claim)}: ${what}${words}. Grade ${grade(claim)}.${claim.retracted ? ' Retracted.' : ''} Opens the event “${claim.eventTitle}”.`;
}
