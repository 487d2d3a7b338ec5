import type { EventStatus, Measure, Stance } from './vocabulary.js';

/**
 * How sure are we that an event happened? Derived from its claims, here and
 * only here: the API stores the result whenever claims change, the web shows
 * the same reasoning ("2 independent origins of 3 claims").
 *
 * Independence: claims with the same `origin` are one origin. Three outlets
 * quoting one anonymous official are one voice, not three.
 */

export type ClaimForStatus = {
  origin: string;
  stance: Stance;
  retracted?: boolean;
  quantities?: { measure: Measure; subject: string; low: number | null; best: number | null; high: number | null }[];
};

export type StatusReasoning = {
  status: EventStatus;
  /** Independent origins among the claims still standing. */
  origins: number;
  claims: number;
  assertingOrigins: number;
  denyingOrigins: number;
  /** Measures ("killed of DPRK forces") whose intervals from different origins do not overlap. */
  conflictingMeasures: string[];
  explanation: string;
};

const ASSERTING: readonly Stance[] = ['asserts', 'confirms'];

export function originKey(origin: string): string {
  return origin.trim().toLowerCase().replace(/\s+/g, ' ');
}

function interval(q: { low: number | null; best: number | null; high: number | null }): [number, number] | null {
  const lo = q.low ?? q.best;
  const hi = q.high ?? q.best;
  if (lo === null && hi === null) return null;
  return [lo ?? 0, hi ?? Number.POSITIVE_INFINITY];
}

function conflictingMeasures(claims: ClaimForStatus[]): string[] {
  const byMeasure = new Map<string, { origin: string; range: [number, number] }[]>();
  for (const c of claims) {
    if (!ASSERTING.includes(c.stance)) continue;
    for (const q of c.quantities ?? []) {
      const range = interval(q);
      if (!range) continue;
      const key = `${q.measure} of ${q.subject}`;
      const list = byMeasure.get(key) ?? [];
      list.push({ origin: originKey(c.origin), range });
      byMeasure.set(key, list);
    }
  }
  const out: string[] = [];
  for (const [key, list] of byMeasure) {
    const clash = list.some((a, i) =>
      list.slice(i + 1).some((b) => a.origin !== b.origin && (a.range[1] < b.range[0] || b.range[1] < a.range[0])),
    );
    if (clash) out.push(key);
  }
  return out.sort();
}

export function deriveStatus(all: ClaimForStatus[]): StatusReasoning {
  const standing = all.filter((c) => !c.retracted);
  const origins = new Set(standing.map((c) => originKey(c.origin)));
  const asserting = new Set(standing.filter((c) => ASSERTING.includes(c.stance)).map((c) => originKey(c.origin)));
  const denying = new Set(standing.filter((c) => c.stance === 'denies').map((c) => originKey(c.origin)));
  const conflicts = conflictingMeasures(standing);
  const base = {
    origins: origins.size,
    claims: all.length,
    assertingOrigins: asserting.size,
    denyingOrigins: denying.size,
    conflictingMeasures: conflicts,
  };
  const tally = `${plural(origins.size, 'independent origin')} of ${plural(all.length, 'claim')}`;

  if (all.length > 0 && standing.length === 0) {
    return { ...base, status: 'retracted', explanation: `every claim has been retracted (${plural(all.length, 'claim')})` };
  }
  if (denying.size > 0 && asserting.size === 0) {
    return { ...base, status: 'denied', explanation: `only denials: ${tally}` };
  }
  if (denying.size > 0) {
    return {
      ...base,
      status: 'contested',
      explanation: `${plural(denying.size, 'origin')} ${denying.size === 1 ? 'denies' : 'deny'} what ${plural(asserting.size, 'origin')} ${asserting.size === 1 ? 'asserts' : 'assert'}; ${tally}`,
    };
  }
  if (conflicts.length > 0) {
    return { ...base, status: 'contested', explanation: `estimates do not overlap (${conflicts.join('; ')}); ${tally}` };
  }
  if (asserting.size >= 2) {
    return { ...base, status: 'corroborated', explanation: `${asserting.size} independent origins assert it; ${tally}` };
  }
  // One asserting origin, or only declines/cannot-confirm on record (a refusal
  // to comment is itself the event of a `statement`): a single voice.
  return { ...base, status: 'single_source', explanation: tally };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
