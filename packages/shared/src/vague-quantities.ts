/**
 * Words into intervals, keeping the words. A published, versioned table: when
 * an interval changes, the version changes, so an analyst can tell which
 * reading of "dozens" a stored figure was filled from.
 *
 * The phrase is always kept as it was published; the interval only fills
 * low/high where the editor gave no numbers of their own.
 */

export const VAGUE_QUANTITY_TABLE_VERSION = '2024-12.1';

export type VagueInterval = { low: number; best: number | null; high: number | null; rule: string };

type Rule = { pattern: RegExp; rule: string; reasoning: string; interval: (m: RegExpMatchArray) => VagueInterval | null };

const num = (s: string) => Number(s.replace(/[,\s\u00a0\u202f]/g, ''));
const NUMBER = '(\\d{1,3}(?:[,\\s\\u00a0\\u202f]\\d{3})+|\\d+)';
const APPROX = '(?:approximately|about|around|roughly|some|nearly|almost|an estimated|estimated|~)';

/** Fixed words, each with the reasoning behind its interval (also in the README). */
export const VAGUE_WORDS: { phrase: string; low: number; high: number | null; reasoning: string }[] = [
  { phrase: 'a few', low: 2, high: 5, reasoning: 'more than one, fewer than would be called "several"' },
  { phrase: 'a handful', low: 2, high: 5, reasoning: 'as "a few"' },
  { phrase: 'several', low: 3, high: 9, reasoning: 'more than two, not yet "a dozen"' },
  { phrase: 'a dozen', low: 10, high: 14, reasoning: 'about twelve, as the word is used in reporting' },
  { phrase: 'dozens', low: 24, high: 99, reasoning: 'at least two dozen; a hundred or more would be "hundreds"' },
  { phrase: 'scores', low: 40, high: 199, reasoning: 'at least two score; below "hundreds"' },
  { phrase: 'a hundred', low: 90, high: 110, reasoning: 'approximately 100 (±10%)' },
  { phrase: 'several hundred', low: 300, high: 900, reasoning: '"several" (3–9) hundreds' },
  { phrase: 'hundreds', low: 200, high: 999, reasoning: 'at least two hundred; a thousand or more would be "thousands"' },
  { phrase: 'a thousand', low: 900, high: 1100, reasoning: 'approximately 1,000 (±10%)' },
  { phrase: 'several thousand', low: 3000, high: 9000, reasoning: '"several" (3–9) thousands' },
  { phrase: 'thousands', low: 2000, high: 9999, reasoning: 'at least two thousand; ten thousand or more would be "tens of thousands"' },
  { phrase: 'tens of thousands', low: 20000, high: 99999, reasoning: 'at least two tens of thousands' },
];

const RULES: Rule[] = [
  {
    // "approximately 10,000 to 12,000", "between 50 and 60", "50-60"
    pattern: new RegExp(`^(?:${APPROX}\\s+)?(?:between\\s+)?${NUMBER}\\s*(?:to|and|-|–|—)\\s*${NUMBER}$`),
    rule: 'N to M',
    reasoning: 'the range as stated; an "approximately" before a range is already in the range',
    interval: (m) => {
      const [a, b] = [num(m[1]!), num(m[2]!)];
      return a <= b ? { low: a, best: null, high: b, rule: 'N to M' } : null;
    },
  },
  {
    pattern: new RegExp(`^${APPROX}\\s+${NUMBER}$`),
    rule: 'approximately N',
    reasoning: 'N ± 10%, rounded outward; N is kept as the best value',
    interval: (m) => {
      const n = num(m[1]!);
      return { low: Math.floor(n * 0.9), best: n, high: Math.ceil(n * 1.1), rule: 'approximately N' };
    },
  },
  {
    pattern: new RegExp(`^(?:more than|over|at least|upwards of)\\s+${NUMBER}$`),
    rule: 'more than N',
    reasoning: 'N or more ("at least") or N+1 or more ("more than"); no upper bound is stated, so none is invented',
    interval: (m) => {
      const n = num(m[1]!);
      const inclusive = /^at least/.test(m[0]);
      return { low: inclusive ? n : n + 1, best: null, high: null, rule: 'more than N' };
    },
  },
  {
    pattern: new RegExp(`^(?:up to|as many as|at most|no more than)\\s+${NUMBER}$`),
    rule: 'up to N',
    reasoning: 'anything from none to N',
    interval: (m) => ({ low: 0, best: null, high: num(m[1]!), rule: 'up to N' }),
  },
  {
    pattern: new RegExp(`^${NUMBER}$`),
    rule: 'N',
    reasoning: 'an exact figure is its own interval',
    interval: (m) => {
      const n = num(m[1]!);
      return { low: n, best: n, high: n, rule: 'N' };
    },
  },
];

export const VAGUE_RULES = RULES.map(({ rule, reasoning }) => ({ rule, reasoning }));

function normalise(phrase: string): string {
  return phrase
    .toLowerCase()
    .trim()
    .replace(/^(?:in the|numbering in the|number in the)\s+/, '')
    .replace(/\s+/g, ' ');
}

/** The interval a phrase stands for under the current table, or null when the table has no reading of it. */
export function intervalForPhrase(phrase: string): VagueInterval | null {
  const p = normalise(phrase);
  const word = VAGUE_WORDS.find((w) => w.phrase === p);
  if (word) return { low: word.low, best: null, high: word.high, rule: word.phrase };
  for (const r of RULES) {
    const m = p.match(r.pattern);
    if (m) return r.interval(m);
  }
  return null;
}

/**
 * Fills low/high (and best for exact or approximate figures) from the phrase
 * where the editor gave no numbers; numbers the editor gave always win, and
 * the phrase is returned unchanged.
 */
export function fillFromPhrase<Q extends { low: number | null; best: number | null; high: number | null; phrase: string | null }>(
  q: Q,
): Q {
  if (!q.phrase || q.low !== null || q.best !== null || q.high !== null) return q;
  const i = intervalForPhrase(q.phrase);
  return i ? { ...q, low: i.low, best: i.best, high: i.high } : q;
}
