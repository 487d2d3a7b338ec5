import { claimantKey, type Estimate } from '@claimline/shared/estimates';
import type { DatePrecision, Reliability, Stance } from '@claimline/shared/vocabulary';

/**
 * The estimates as the view draws them: one row per claimant (the source and
 * the voice inside it), each row holding its claims, each claim holding its
 * figures, one per measure. Figures are only ever placed side by side: never
 * summed, averaged or merged across measures.
 */

export type ClaimEstimates = {
  claimId: string;
  eventId: string;
  eventTitle: string;
  publishedAt: string;
  publishedPrecision: DatePrecision;
  stance: Stance;
  quote: string;
  reliability: Reliability;
  credibility: number;
  retracted: boolean;
  /** One per claimed quantity of the chosen measures, in the API's order. */
  figures: Estimate[];
};

export type ClaimantRow = {
  key: string;
  sourceName: string;
  attributedTo: string | null;
  reliability: Reliability;
  partyToConflict: boolean;
  claims: ClaimEstimates[];
};

export function groupByClaimant(items: Estimate[]): ClaimantRow[] {
  const rows = new Map<string, ClaimantRow>();
  const claims = new Map<string, ClaimEstimates>();
  for (const item of items) {
    const key = claimantKey(item);
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        sourceName: item.sourceName,
        attributedTo: item.attributedTo,
        reliability: item.reliability,
        partyToConflict: item.partyToConflict,
        claims: [],
      };
      rows.set(key, row);
    }
    let claim = claims.get(item.claimId);
    if (!claim) {
      claim = {
        claimId: item.claimId,
        eventId: item.eventId,
        eventTitle: item.eventTitle,
        publishedAt: item.publishedAt,
        publishedPrecision: item.publishedPrecision,
        stance: item.stance,
        quote: item.quote,
        reliability: item.reliability,
        credibility: item.credibility,
        retracted: item.retracted,
        figures: [],
      };
      claims.set(item.claimId, claim);
      row.claims.push(claim);
    }
    claim.figures.push(item);
  }
  for (const row of rows.values()) {
    row.claims.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.claimId.localeCompare(b.claimId));
  }
  // Chronological by each claimant's first word, the way the story unfolded.
  return [...rows.values()].sort(
    (a, b) =>
      (a.claims[0]?.publishedAt ?? '').localeCompare(b.claims[0]?.publishedAt ?? '') || a.key.localeCompare(b.key),
  );
}

/** A figure with at least one number: drawn on the value axis. Without: a marker in the row's "no number" lane. */
export function hasNumber(e: Pick<Estimate, 'low' | 'best' | 'high'>): boolean {
  return e.low !== null || e.best !== null || e.high !== null;
}

/** Claims that give figures (asserting, confirming or denying them) versus those that say none. */
export function isSilence(stance: Stance): boolean {
  return stance === 'declines_to_comment' || stance === 'cannot_confirm';
}

/** The interval a figure covers, open ends left open (null). */
export function interval(e: Pick<Estimate, 'low' | 'best' | 'high'>): { lo: number | null; hi: number | null } {
  return { lo: e.low ?? e.best, hi: e.high ?? e.best };
}

// ---- scales ----------------------------------------------------------------

export type LogDomain = { min: number; max: number };

/**
 * Whole decades around every number claimed: "dozens" (24–99), "hundreds"
 * (200–999) and "50" must all read on one axis, so it is logarithmic.
 */
export function valueDomain(items: Estimate[]): LogDomain {
  const values = items.flatMap((e) => [e.low, e.best, e.high]).filter((v): v is number => v !== null && v > 0);
  if (values.length === 0) return { min: 10, max: 1000 };
  let lo = Math.floor(Math.log10(Math.min(...values)));
  let hi = Math.ceil(Math.log10(Math.max(...values)));
  if (hi - lo < 2) {
    // At least two decades, so a lone figure sits inside the axis, not on its edge.
    lo = Math.min(lo, hi - 1);
    hi = lo + 2;
  }
  return { min: 10 ** lo, max: 10 ** hi };
}

/** Gridlines: every 1, 2 and 5 of each decade; labels on the decades (and on 2, 5 when few decades). */
export function valueTicks(domain: LogDomain): { value: number; major: boolean; labelled: boolean }[] {
  const decades = Math.round(Math.log10(domain.max / domain.min));
  const ticks: { value: number; major: boolean; labelled: boolean }[] = [];
  for (let p = Math.log10(domain.min); p <= Math.log10(domain.max) + 1e-9; p++) {
    const base = 10 ** Math.round(p);
    for (const m of [1, 2, 5]) {
      const value = base * m;
      if (value > domain.max * 1.0001) break;
      ticks.push({ value, major: m === 1, labelled: m === 1 || decades <= 1 });
    }
  }
  return ticks;
}

export function logPosition(value: number, domain: LogDomain): number {
  const v = Math.min(domain.max, Math.max(domain.min, value));
  return Math.log10(v / domain.min) / Math.log10(domain.max / domain.min);
}

/** Day number of a calendar date (UTC arithmetic: no time zone can shift it). */
export function dayNumber(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export type DateDomain = { first: number; last: number };

/** The publication dates with a margin, and at least three weeks wide so a lone date is not stretched. */
export function dateDomain(items: Pick<Estimate, 'publishedAt' | 'publishedPrecision'>[]): DateDomain {
  if (items.length === 0) {
    const today = dayNumber(new Date().toISOString().slice(0, 10));
    return { first: today - 21, last: today };
  }
  const days = items.map((e) => dayNumber(e.publishedAt));
  const ends = items.map((e) => dayNumber(e.publishedAt) + precisionDays(e.publishedPrecision) - 1);
  let first = Math.min(...days) - 2;
  let last = Math.max(...ends) + 1;
  if (last - first < 21) {
    const pad = (21 - (last - first)) / 2;
    first -= Math.floor(pad);
    last += Math.ceil(pad);
  }
  return { first, last };
}

/** How many days a publication date of this precision may stand for. */
export function precisionDays(precision: DatePrecision): number {
  return precision === 'week' ? 7 : precision === 'month' ? 30 : precision === 'year' ? 365 : 1;
}

/** Date ticks: Mondays for spans up to ~10 weeks, first of the month up to ~2 years, else 1 January. */
export function dateTicks(domain: DateDomain): string[] {
  const span = domain.last - domain.first;
  const ticks: string[] = [];
  if (span <= 75) {
    // 1970-01-01 was a Thursday: day 4 was a Monday.
    let day = domain.first + ((((4 - domain.first) % 7) + 7) % 7);
    const step = span > 40 ? 14 : 7;
    for (; day <= domain.last; day += step) ticks.push(dateOfDay(day));
    return ticks;
  }
  const start = dateOfDay(domain.first);
  let [y, m] = start.split('-').map(Number) as [number, number];
  const monthly = span <= 730;
  for (;;) {
    if (monthly) {
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    } else {
      y += 1;
      m = 1;
    }
    const date = `${y}-${String(m).padStart(2, '0')}-01`;
    if (dayNumber(date) > domain.last) break;
    ticks.push(date);
  }
  return ticks;
}

// ---- words -----------------------------------------------------------------

/** The published words, shortened for the chart at a natural break ("killed 50 … over the past three days" → "killed 50 …"). */
export function shortPhrase(phrase: string, max = 22): string {
  if (phrase.length <= max) return phrase;
  const ellipsis = phrase.indexOf(' … ');
  if (ellipsis > 0 && ellipsis <= max) return `${phrase.slice(0, ellipsis)} …`;
  const cut = phrase.lastIndexOf(' ', max - 1);
  return `${phrase.slice(0, cut > 8 ? cut : max - 1)}…`;
}
