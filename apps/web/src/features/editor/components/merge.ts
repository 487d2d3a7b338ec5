import { type ComparableClaim, type ComparableEvent } from '../../../lib/event-comparable';
import { CLAIM_FIELDS, EVENT_FIELDS, same, type EventField } from '../../../lib/event-diff';

/**
 * "Reapply my changes on top": a three-way merge of the editor's version
 * (`mine`) onto the current one (`theirs`), both descended from `base`, the
 * version the form was opened at. What only they changed stays theirs; what
 * I changed is mine; where both changed the same thing differently, mine
 * wins (the editor chose to reapply) and the field is reported as an overlap
 * so the dialog could say so first.
 *
 * - fields: mine where I changed them, else theirs;
 * - tags and actors: as sets (what I added is added, what I removed is removed);
 * - claims: matched by id, each field merged the same way; claims I added are
 *   appended, claims I removed are removed; claims they added stay.
 */

export type MergeResult = {
  merged: ComparableEvent;
  /** Keys both sides changed differently: event fields (`title`) and `claim:<id>`. */
  overlaps: Set<string>;
};

function mergeSet<T>(base: T[], mine: T[], theirs: T[], key: (item: T) => string): T[] {
  const baseKeys = new Set(base.map(key));
  const mineKeys = new Set(mine.map(key));
  const removedByMe = new Set([...baseKeys].filter((k) => !mineKeys.has(k)));
  const result = theirs.filter((item) => !removedByMe.has(key(item)));
  const present = new Set(result.map(key));
  for (const item of mine) {
    if (!baseKeys.has(key(item)) && !present.has(key(item))) {
      result.push(item);
      present.add(key(item));
    }
  }
  return result;
}

function mergeClaim(base: ComparableClaim, mine: ComparableClaim, theirs: ComparableClaim): { claim: ComparableClaim; overlap: boolean } {
  const claim: ComparableClaim = { ...theirs };
  let overlap = false;
  for (const field of CLAIM_FIELDS) {
    if (same(mine[field], base[field])) continue;
    if (!same(theirs[field], base[field]) && !same(theirs[field], mine[field])) overlap = true;
    (claim as Record<string, unknown>)[field] = mine[field];
  }
  return { claim, overlap };
}

export function mergeOnto(base: ComparableEvent, mine: ComparableEvent, theirs: ComparableEvent): MergeResult {
  const overlaps = new Set<string>();
  const merged: ComparableEvent = { ...theirs };
  delete merged.deleted;

  for (const field of EVENT_FIELDS) {
    if (field === 'tags' || field === 'actors') continue;
    if (same(mine[field], base[field])) continue;
    if (!same(theirs[field], base[field]) && !same(theirs[field], mine[field])) overlaps.add(field);
    (merged as Record<EventField, unknown>)[field] = mine[field];
  }
  merged.tags = mergeSet(base.tags, mine.tags, theirs.tags, (t) => t);
  merged.actors = mergeSet(base.actors, mine.actors, theirs.actors, (a) => `${a.actorId}:${a.role}`);

  const baseById = new Map(base.claims.filter((c) => c.id).map((c) => [c.id!, c]));
  const mineById = new Map(mine.claims.filter((c) => c.id).map((c) => [c.id!, c]));
  const theirIds = new Set(theirs.claims.map((c) => c.id));
  const claims: ComparableClaim[] = [];
  for (const their of theirs.claims) {
    const old = their.id ? baseById.get(their.id) : undefined;
    const my = their.id ? mineById.get(their.id) : undefined;
    if (!old) {
      claims.push(their); // theirs alone: they added it
    } else if (!my) {
      // I removed it: removed, even if they changed it meanwhile (reported).
      if (!same(their, old)) overlaps.add(`claim:${their.id}`);
    } else {
      const { claim, overlap } = mergeClaim(old, my, their);
      if (overlap) overlaps.add(`claim:${their.id}`);
      claims.push(claim);
    }
  }
  for (const my of mine.claims) {
    if (!my.id || !baseById.has(my.id)) {
      claims.push(my); // mine alone: I added it
    } else if (!theirIds.has(my.id) && !same(my, baseById.get(my.id))) {
      // They removed a claim I changed: my change is kept, so the claim comes back (reported).
      overlaps.add(`claim:${my.id}`);
      claims.push(my);
    }
  }
  merged.claims = claims;
  return { merged, overlaps };
}

/** The fields of `next` that differ from `stored`: the body of a PATCH (claims and actors whole). */
export function changedFields(stored: ComparableEvent, next: ComparableEvent): (EventField | 'claims')[] {
  const fields: (EventField | 'claims')[] = EVENT_FIELDS.filter((field) => !same(stored[field], next[field]));
  if (!same(stored.claims, next.claims)) fields.push('claims');
  return fields;
}
