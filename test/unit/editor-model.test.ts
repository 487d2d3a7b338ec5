import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { EventInput } from '@claimline/shared/events';
import { comparableFromInput, type ComparableClaim, type ComparableEvent } from '../../apps/web/src/lib/event-comparable';
import { diffEvents, isEmptyDiff, namesFrom } from '../../apps/web/src/lib/event-diff';
import { comparableFromDraft, draftFromComparable } from '../../apps/web/src/features/editor/components/event-draft';
import { changedFields, mergeOnto } from '../../apps/web/src/features/editor/components/merge';
import { validateEvent } from '../../apps/web/src/features/editor/components/validation';

/**
 * The web editor's model without a browser (it runs with the browser
 * project, beside the tests of the screens it drives): the form's draft
 * round-trips every event of the dataset unchanged, the diff reads claims by
 * id, and "reapply my changes" merges three ways without losing either side.
 */

const dataset = JSON.parse(await readFile(new URL('../../apps/api/src/seed/kursk-dprk.json', import.meta.url), 'utf8')) as { events: EventInput[] };
const events = dataset.events.map(comparableFromInput);
const names = namesFrom([]);

const casualties = events.find((e) => e.kind === 'casualty_report')!;
const withClaims = (e: ComparableEvent, claims: ComparableClaim[]): ComparableEvent => ({ ...e, claims });

describe('the editor draft', () => {
  test('every event of the dataset comes back from the form exactly as it went in', () => {
    for (const event of events) {
      const back = comparableFromDraft(draftFromComparable(event));
      expect(back).toEqual(event);
      expect(changedFields(event, back)).toEqual([]);
      expect(validateEvent(back)).toEqual({});
    }
  });

  test('a phrase with no numbers is filled from the shared table, as the server would; typed numbers win', () => {
    const draft = draftFromComparable(casualties);
    draft.claims[0]!.quantities = [{ key: 'q', measure: 'killed', subject: 'DPRK forces', phrase: 'dozens', low: '', best: '', high: '' }];
    expect(comparableFromDraft(draft).claims[0]!.quantities[0]).toEqual({ measure: 'killed', subject: 'DPRK forces', low: 24, best: null, high: 99, phrase: 'dozens' });
    draft.claims[0]!.quantities[0]!.best = '1,500';
    expect(comparableFromDraft(draft).claims[0]!.quantities[0]).toEqual({ measure: 'killed', subject: 'DPRK forces', low: null, best: 1500, high: null, phrase: 'dozens' });
  });

  test('schema errors carry the API paths the fields are named by', () => {
    const draft = draftFromComparable(casualties);
    draft.title = ' ';
    draft.lat = '51,2';
    draft.claims[1]!.quote = '';
    draft.claims[1]!.quantities = [{ key: 'q', measure: 'killed', subject: 'DPRK forces', phrase: '', low: '90', best: '', high: '10' }];
    const errors = validateEvent(comparableFromDraft(draft));
    expect(errors.title).toBe('is required');
    expect(errors.lat).toBe('must be a number');
    expect(errors['claims.1.quote']).toBe('is required');
    expect(errors['claims.1.quantities.0.high']).toBe('high must not be below low');
  });
});

describe('the diff', () => {
  test('claims are matched by id: one added, one removed, one changed with its fields', () => {
    const [first, second, ...rest] = casualties.claims;
    const added: ComparableClaim = { ...first!, id: null, quote: 'A new quote.', quantities: [] };
    const after = withClaims({ ...casualties, title: 'New title' }, [{ ...first!, stance: 'confirms' }, ...rest, added]);
    const diff = diffEvents(casualties, after, names);
    expect(diff.fields.map((f) => f.key)).toEqual(['title']);
    expect(diff.claims.map((c) => c.type).sort()).toEqual(['added', 'changed', 'removed']);
    expect(diff.claims.find((c) => c.type === 'changed')!.changes).toEqual([expect.objectContaining({ key: 'stance', before: 'asserts', after: 'confirms' })]);
    expect(diff.claims.find((c) => c.type === 'removed')!.quote).toBe(second!.quote);
    expect(isEmptyDiff(diffEvents(casualties, casualties, names))).toBe(true);
  });
});

describe('reapplying my changes on top of theirs', () => {
  test('changes to different fields and different claims are all kept', () => {
    const [a, b, ...rest] = casualties.claims;
    const theirs = withClaims({ ...casualties, title: 'Their title', tags: [...casualties.tags, 'theirs'] }, [a!, { ...b!, note: 'their note' }, ...rest]);
    const newClaim: ComparableClaim = { ...a!, id: null, quote: 'Mine, new.' };
    const mine = withClaims({ ...casualties, summary: 'My summary', tags: [...casualties.tags.slice(1), 'mine'] }, [{ ...a!, credibility: 2 }, b!, ...rest, newClaim]);
    const { merged, overlaps } = mergeOnto(casualties, mine, theirs);
    expect(overlaps.size).toBe(0);
    expect(merged.title).toBe('Their title');
    expect(merged.summary).toBe('My summary');
    expect(merged.tags).toEqual([...casualties.tags.slice(1), 'theirs', 'mine']);
    expect(merged.claims[0]!.credibility).toBe(2);
    expect(merged.claims[1]!.note).toBe('their note');
    expect(merged.claims.at(-1)!.quote).toBe('Mine, new.');
    expect(merged.claims).toHaveLength(casualties.claims.length + 1);
  });

  test('where both changed the same thing, mine is applied and the overlap is reported', () => {
    const [a, b, ...rest] = casualties.claims;
    const theirs = withClaims({ ...casualties, title: 'Theirs' }, [{ ...a!, quote: 'their quote' }, ...rest]); // they also removed b
    const mine = withClaims({ ...casualties, title: 'Mine' }, [{ ...a!, quote: 'my quote' }, { ...b!, note: 'I changed b' }, ...rest]);
    const { merged, overlaps } = mergeOnto(casualties, mine, theirs);
    expect(merged.title).toBe('Mine');
    expect(merged.claims[0]!.quote).toBe('my quote');
    // They removed a claim I changed: my change is not lost, the claim comes back.
    expect(merged.claims.find((c) => c.id === b!.id)?.note).toBe('I changed b');
    expect([...overlaps].sort()).toEqual([`claim:${a!.id}`, `claim:${b!.id}`, 'title'].sort());
  });

  test('a claim I removed stays removed; one they added stays', () => {
    const [a, b, ...rest] = casualties.claims;
    const theirNew: ComparableClaim = { ...a!, id: '00000000-0000-4000-8000-000000000001', quote: 'Theirs, new.' };
    const theirs = withClaims(casualties, [a!, b!, ...rest, theirNew]);
    const mine = withClaims(casualties, [a!, ...rest]);
    const { merged } = mergeOnto(casualties, mine, theirs);
    expect(merged.claims.map((c) => c.id)).toEqual([a!.id, ...rest.map((c) => c.id), theirNew.id]);
  });
});
