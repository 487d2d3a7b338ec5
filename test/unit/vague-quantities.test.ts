import { describe, expect, it } from 'vitest';
import { fillFromPhrase, intervalForPhrase, VAGUE_QUANTITY_TABLE_VERSION, VAGUE_RULES, VAGUE_WORDS } from '@claimline/shared/vague-quantities';

/** Words into intervals, keeping the words: the published table and the patterns. */

describe('the table of vague words', () => {
  it.each(VAGUE_WORDS.map((w) => [w.phrase, w] as const))('"%s" reads as its row of the table', (phrase, w) => {
    expect(intervalForPhrase(phrase)).toEqual({ low: w.low, best: null, high: w.high, rule: w.phrase });
    // Case, surrounding space and "in the" do not change the reading.
    expect(intervalForPhrase(`  ${phrase.toUpperCase()} `)).toEqual(intervalForPhrase(phrase));
    expect(intervalForPhrase(`in the ${phrase}`)).toEqual(intervalForPhrase(phrase));
  });

  it('gives the intervals DESIGN.md publishes for "dozens" and "hundreds"', () => {
    expect(intervalForPhrase('dozens')).toMatchObject({ low: 24, high: 99 });
    expect(intervalForPhrase('hundreds')).toMatchObject({ low: 200, high: 999 });
  });

  it('is a sound table: unique phrases, low ≤ high, each with its reasoning, under a version', () => {
    expect(new Set(VAGUE_WORDS.map((w) => w.phrase)).size).toBe(VAGUE_WORDS.length);
    for (const w of VAGUE_WORDS) {
      expect(w.low, w.phrase).toBeGreaterThanOrEqual(0);
      if (w.high !== null) expect(w.low, w.phrase).toBeLessThanOrEqual(w.high);
      expect(w.reasoning.length, w.phrase).toBeGreaterThan(0);
    }
    for (const r of VAGUE_RULES) expect(r.reasoning.length).toBeGreaterThan(0);
    expect(VAGUE_QUANTITY_TABLE_VERSION).toMatch(/^\d{4}-\d{2}\.\d+$/);
  });

  it('"several hundred", "a hundred" and "hundreds" are three readings', () => {
    const readings = ['several hundred', 'a hundred', 'hundreds'].map((p) => intervalForPhrase(p));
    expect(new Set(readings.map((r) => `${r!.low}-${r!.high}`)).size).toBe(3);
  });
});

describe('the patterns', () => {
  it.each([
    ['approximately 10,000 to 12,000', { low: 10000, best: null, high: 12000, rule: 'N to M' }],
    ['between 50 and 60', { low: 50, best: null, high: 60, rule: 'N to M' }],
    ['50-60', { low: 50, best: null, high: 60, rule: 'N to M' }],
    ['50–60', { low: 50, best: null, high: 60, rule: 'N to M' }],
    ['10 000 to 12 000', { low: 10000, best: null, high: 12000, rule: 'N to M' }],
    ['10\u00a0000 to 12\u00a0000', { low: 10000, best: null, high: 12000, rule: 'N to M' }],
    ['approximately 500', { low: 450, best: 500, high: 550, rule: 'approximately N' }],
    ['about 1,000', { low: 900, best: 1000, high: 1100, rule: 'approximately N' }],
    ['around 15', { low: 13, best: 15, high: 17, rule: 'approximately N' }],
    ['more than 50', { low: 51, best: null, high: null, rule: 'more than N' }],
    ['over 50', { low: 51, best: null, high: null, rule: 'more than N' }],
    ['at least 50', { low: 50, best: null, high: null, rule: 'more than N' }],
    ['up to 100', { low: 0, best: null, high: 100, rule: 'up to N' }],
    ['as many as 3,000', { low: 0, best: null, high: 3000, rule: 'up to N' }],
    ['50', { low: 50, best: 50, high: 50, rule: 'N' }],
    ['12,000', { low: 12000, best: 12000, high: 12000, rule: 'N' }],
    ['in the hundreds', { low: 200, best: null, high: 999, rule: 'hundreds' }],
    ['numbering in the thousands', { low: 2000, best: null, high: 9999, rule: 'thousands' }],
  ])('"%s"', (phrase, expected) => {
    expect(intervalForPhrase(phrase)).toEqual(expected);
  });

  it.each(['a lot', 'killed 50 … over the past three days', 'suffered casualties, both killed and wounded', '', '60 to 50', '1,5', 'fifty', 'hundreds of thousands'])(
    'has no reading of "%s"',
    (phrase) => {
      expect(intervalForPhrase(phrase)).toBeNull();
    },
  );
});

describe('fillFromPhrase', () => {
  const base = { measure: 'killed', subject: 'DPRK forces' };

  it('fills the interval from the phrase when the editor gave no numbers, and keeps the phrase', () => {
    expect(fillFromPhrase({ ...base, low: null, best: null, high: null, phrase: 'dozens' })).toEqual({ ...base, low: 24, best: null, high: 99, phrase: 'dozens' });
    expect(fillFromPhrase({ ...base, low: null, best: null, high: null, phrase: 'approximately 500' })).toEqual({ ...base, low: 450, best: 500, high: 550, phrase: 'approximately 500' });
  });

  it.each([
    ['low', { low: 10, best: null, high: null }],
    ['best', { low: null, best: 10, high: null }],
    ['high', { low: null, best: null, high: 10 }],
    ['all three', { low: 1, best: 2, high: 3 }],
    ['a zero', { low: 0, best: null, high: null }],
  ])('never overrides numbers the editor gave (%s)', (_which, numbers) => {
    const given = { ...base, ...numbers, phrase: 'hundreds' };
    expect(fillFromPhrase(given)).toEqual(given);
  });

  it('leaves a quantity with no phrase, or a phrase it cannot read, as it is', () => {
    const none = { ...base, low: null, best: null, high: null, phrase: null };
    expect(fillFromPhrase(none)).toEqual(none);
    const unread = { ...base, low: null, best: null, high: null, phrase: 'a great many' };
    expect(fillFromPhrase(unread)).toEqual(unread);
  });

  it('does not change the quantity it was given', () => {
    const q = { ...base, low: null, best: null, high: null, phrase: 'hundreds' };
    fillFromPhrase(q);
    expect(q).toEqual({ ...base, low: null, best: null, high: null, phrase: 'hundreds' });
  });
});
