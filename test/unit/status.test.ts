import { describe, expect, it } from 'vitest';
import { type ClaimForStatus, deriveStatus, originKey } from '@claimline/shared/status';
import { fillFromPhrase } from '@claimline/shared/vague-quantities';
import type { Measure, Stance } from '@claimline/shared/vocabulary';
import { EXPECTED_STATUS, kursk } from '../api/kursk-model.js';

/** deriveStatus, case by case, then on the Kursk dataset as the file holds it. */

const claim = (origin: string, stance: Stance = 'asserts', extra: Partial<ClaimForStatus> = {}): ClaimForStatus => ({ origin, stance, ...extra });
const q = (measure: Measure, low: number | null, high: number | null, best: number | null = null, subject = 'DPRK forces') => ({ measure, subject, low, best, high });

type Case = [name: string, claims: ClaimForStatus[], status: string, more?: Partial<ReturnType<typeof deriveStatus>>];

const CASES: Case[] = [
  ['one asserting claim', [claim('AP')], 'single_source', { origins: 1, claims: 1, assertingOrigins: 1 }],
  ['two origins assert', [claim('AP'), claim('Pentagon')], 'corroborated', { assertingOrigins: 2 }],
  ['asserts and confirms count alike', [claim('AP'), claim('Pentagon', 'confirms')], 'corroborated'],
  [
    'three outlets quoting one official are one origin',
    [claim('anonymous official'), claim('anonymous official'), claim('anonymous official')],
    'single_source',
    { origins: 1, claims: 3, assertingOrigins: 1 },
  ],
  ['origin keys ignore case and spacing', [claim('U.S.  Department of Defense'), claim(' u.s. department OF defense ')], 'single_source', { origins: 1 }],
  ['a denial against an assertion', [claim('AP'), claim('Kremlin', 'denies')], 'contested', { denyingOrigins: 1, assertingOrigins: 1 }],
  ['an origin that asserts and denies is still contested', [claim('Kremlin'), claim('Kremlin', 'denies')], 'contested'],
  ['denials only', [claim('Kremlin', 'denies'), claim('MoD', 'denies')], 'denied', { denyingOrigins: 2, assertingOrigins: 0 }],
  [
    'estimates from different origins that do not overlap',
    [claim('AP', 'asserts', { quantities: [q('casualties', 200, 999)] }), claim('NSC', 'asserts', { quantities: [q('casualties', 24, 99)] })],
    'contested',
    { conflictingMeasures: ['casualties of DPRK forces'] },
  ],
  [
    'estimates that overlap',
    [claim('AP', 'asserts', { quantities: [q('killed', 40, 60)] }), claim('RFA', 'asserts', { quantities: [q('killed', 50, 50, 50)] })],
    'corroborated',
    { conflictingMeasures: [] },
  ],
  [
    'estimates that touch at one end overlap',
    [claim('AP', 'asserts', { quantities: [q('killed', 24, 99)] }), claim('RFA', 'asserts', { quantities: [q('killed', 99, 200)] })],
    'corroborated',
  ],
  [
    'the same origin giving two figures that do not overlap',
    [claim('AP', 'asserts', { quantities: [q('killed', 200, 999)] }), claim('AP', 'asserts', { quantities: [q('killed', 10, 20)] })],
    'single_source',
    { conflictingMeasures: [] },
  ],
  [
    'an open-ended "more than 50" overlaps "dozens"',
    [claim('A', 'asserts', { quantities: [q('killed', 51, null)] }), claim('B', 'asserts', { quantities: [q('killed', 24, 99)] })],
    'corroborated',
  ],
  [
    'an open-ended "more than 100" does not overlap "up to 50"',
    [claim('A', 'asserts', { quantities: [q('killed', 101, null)] }), claim('B', 'asserts', { quantities: [q('killed', 0, 50)] })],
    'contested',
  ],
  [
    'a best value alone is its own interval',
    [claim('A', 'asserts', { quantities: [q('killed', null, null, 50)] }), claim('B', 'asserts', { quantities: [q('killed', 60, 70)] })],
    'contested',
  ],
  [
    'figures without numbers never conflict',
    [claim('A', 'asserts', { quantities: [q('killed', null, null)] }), claim('B', 'asserts', { quantities: [q('killed', 60, 70)] })],
    'corroborated',
  ],
  [
    'killed and wounded are different measures',
    [claim('A', 'asserts', { quantities: [q('killed', 50, 50)] }), claim('B', 'asserts', { quantities: [q('wounded', 500, 900)] })],
    'corroborated',
  ],
  [
    'different subjects are different measures',
    [claim('A', 'asserts', { quantities: [q('killed', 50, 50)] }), claim('B', 'asserts', { quantities: [q('killed', 500, 900, null, 'Russian forces')] })],
    'corroborated',
  ],
  [
    'figures inside a denial or a refusal are not estimates',
    [claim('A', 'asserts', { quantities: [q('killed', 50, 50)] }), claim('B', 'declines_to_comment', { quantities: [q('killed', 500, 900)] })],
    'single_source',
  ],
  ['every claim retracted', [claim('AP', 'asserts', { retracted: true }), claim('RFA', 'asserts', { retracted: true })], 'retracted'],
  ['a retracted assertion no longer corroborates', [claim('AP'), claim('RFA', 'asserts', { retracted: true })], 'single_source', { origins: 1, claims: 2 }],
  ['a retracted denial no longer contests', [claim('AP'), claim('Kremlin', 'denies', { retracted: true })], 'single_source'],
  ['declines to comment only', [claim('Kremlin', 'declines_to_comment')], 'single_source', { assertingOrigins: 0 }],
  ['cannot confirm only', [claim('Pentagon', 'cannot_confirm'), claim('NSC', 'cannot_confirm')], 'single_source', { origins: 2 }],
  ['a refusal beside one assertion', [claim('AP'), claim('Kremlin', 'declines_to_comment')], 'single_source', { origins: 2, assertingOrigins: 1 }],
];

describe('deriveStatus', () => {
  it.each(CASES)('%s → %s', (_name, claims, status, more) => {
    const r = deriveStatus(claims);
    expect(r.status).toBe(status);
    if (more) expect(r).toMatchObject(more);
    expect(r.explanation.length).toBeGreaterThan(0);
  });

  it('explains itself in counts of origins and claims', () => {
    expect(deriveStatus([claim('AP'), claim('AP'), claim('NSC')]).explanation).toBe('2 independent origins assert it; 2 independent origins of 3 claims');
    expect(deriveStatus([claim('AP')]).explanation).toBe('1 independent origin of 1 claim');
  });

  it('originKey folds case and runs of whitespace, and nothing else', () => {
    expect(originKey('  Anonymous   Senior\tOfficial ')).toBe('anonymous senior official');
    expect(originKey('AP')).not.toBe(originKey('A.P.'));
  });
});

describe('deriveStatus on the Kursk dataset file', () => {
  // As the service does: phrases are read into intervals before the status is derived.
  const claimsOf = (e: (typeof kursk.events)[number]): ClaimForStatus[] =>
    e.claims.map((c) => ({
      origin: c.origin,
      stance: c.stance as Stance,
      quantities: c.quantities.map((x) => fillFromPhrase({ measure: x.measure as Measure, subject: x.subject, low: x.low ?? null, best: x.best ?? null, high: x.high ?? null, phrase: x.phrase })),
    }));

  it.each(kursk.events.map((e) => [e.title, e] as const))('%s', (_title, e) => {
    expect(deriveStatus(claimsOf(e)).status).toBe(EXPECTED_STATUS[e.id]);
  });

  it('the casualty event is contested by the words alone: "hundreds" against "dozens"', () => {
    const e = kursk.events.find((x) => x.kind === 'casualty_report')!;
    expect(deriveStatus(claimsOf(e)).conflictingMeasures).toEqual(['casualties of DPRK forces']);
    // Without the table's reading of the phrases there would be nothing to contest.
    const unread = e.claims.map((c) => ({ origin: c.origin, stance: c.stance as Stance, quantities: [] }));
    expect(deriveStatus(unread).status).toBe('corroborated');
  });
});
