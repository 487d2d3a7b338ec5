import type { EventDetail } from '@claimline/shared/events';
import type { Actor, Source } from '@claimline/shared/sources';
import { CREDIBILITY_LABELS, KIND_LABELS, STANCE_LABELS, STATUS_LABELS, type Credibility } from '@claimline/shared/vocabulary';
import type { ComparableClaim, ComparableEvent } from './event-comparable';
import { formatQuantity } from './format-quantity';

/**
 * What changed between two versions of an event, field by field, and claim
 * by claim (matched by id: added, removed, changed). The history compares
 * two revisions with it; the editor's conflict dialog compares the version
 * it started from with the current one and with the editor's own changes.
 * Both sides are first brought to one shape (event-comparable.ts), so
 * "dozens" typed and "dozens" stored as 24–99 are no change.
 */

export const EVENT_FIELDS = [
  'kind',
  'title',
  'summary',
  'startDate',
  'endDate',
  'datePrecision',
  'placeName',
  'admin1',
  'admin2',
  'country',
  'lat',
  'lon',
  'geoPrecision',
  'tags',
  'actors',
  'statusOverride',
  'statusReason',
  'externalSource',
  'externalId',
] as const satisfies readonly (keyof ComparableEvent)[];
export type EventField = (typeof EVENT_FIELDS)[number];

export const EVENT_FIELD_LABELS: Record<EventField | 'claims' | 'deleted', string> = {
  kind: 'Kind',
  title: 'Title',
  summary: 'Summary',
  startDate: 'Start date',
  endDate: 'End date',
  datePrecision: 'Date precision',
  placeName: 'Place',
  admin1: 'Region (admin 1)',
  admin2: 'District (admin 2)',
  country: 'Country',
  lat: 'Latitude',
  lon: 'Longitude',
  geoPrecision: 'Place precision',
  tags: 'Tags',
  actors: 'Actors',
  statusOverride: 'Status override',
  statusReason: 'Reason for the status',
  externalSource: 'External source',
  externalId: 'External id',
  claims: 'Claims',
  deleted: 'Deleted',
};

export const CLAIM_FIELDS = [
  'sourceId',
  'attributedTo',
  'origin',
  'stance',
  'publishedAt',
  'publishedPrecision',
  'url',
  'archivedUrl',
  'quote',
  'credibility',
  'retracted',
  'note',
  'quantities',
] as const satisfies readonly (keyof ComparableClaim)[];
export type ClaimField = (typeof CLAIM_FIELDS)[number];

export const CLAIM_FIELD_LABELS: Record<ClaimField, string> = {
  sourceId: 'Source',
  attributedTo: 'Attributed to',
  origin: 'Origin',
  stance: 'Stance',
  publishedAt: 'Published',
  publishedPrecision: 'Published, precision',
  url: 'URL',
  archivedUrl: 'Archived URL',
  quote: 'Quote',
  credibility: 'Credibility',
  retracted: 'Retracted',
  note: 'Note',
  quantities: 'Figures',
};

// ---- names -------------------------------------------------------------------

export type DiffNames = { source: (id: string) => string; actor: (id: string) => string };

/** Source and actor names from the events at hand (snapshots carry them) and from the vocabularies. */
export function namesFrom(events: EventDetail[], sources: Source[] = [], actors: Actor[] = []): DiffNames {
  const sourceNames = new Map<string, string>();
  const actorNames = new Map<string, string>();
  for (const s of sources) sourceNames.set(s.id, s.name);
  for (const a of actors) actorNames.set(a.id, a.name);
  for (const e of events) {
    for (const c of e.claims) if (!sourceNames.has(c.source.id)) sourceNames.set(c.source.id, c.source.name);
    for (const a of e.actors) if (!actorNames.has(a.id)) actorNames.set(a.id, a.name);
  }
  return {
    source: (id) => sourceNames.get(id) ?? (id ? `source ${id.slice(0, 8)}` : '(no source)'),
    actor: (id) => actorNames.get(id) ?? (id ? `actor ${id.slice(0, 8)}` : '(no actor)'),
  };
}

// ---- comparing ---------------------------------------------------------------

export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const NONE = '—';

function text(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? NONE : value;
}

export function formatEventField(field: EventField | 'deleted', event: ComparableEvent, names: DiffNames): string {
  switch (field) {
    case 'kind':
      return KIND_LABELS[event.kind];
    case 'lat':
    case 'lon':
      return event[field] === null ? NONE : String(event[field]);
    case 'tags':
      return event.tags.length ? event.tags.join(', ') : NONE;
    case 'actors':
      return event.actors.length ? event.actors.map((a) => `${names.actor(a.actorId)} (${a.role})`).join('; ') : NONE;
    case 'statusOverride':
      return event.statusOverride ? STATUS_LABELS[event.statusOverride] : 'none (derived from the claims)';
    case 'deleted':
      return event.deleted ? 'yes' : 'no';
    default:
      return text(event[field]);
  }
}

export function formatClaimField(field: ClaimField, claim: ComparableClaim, names: DiffNames): string {
  switch (field) {
    case 'sourceId':
      return names.source(claim.sourceId);
    case 'stance':
      return STANCE_LABELS[claim.stance];
    case 'credibility':
      return `${claim.credibility} — ${CREDIBILITY_LABELS[claim.credibility as Credibility] ?? 'unknown'}`;
    case 'retracted':
      return claim.retracted ? 'yes' : 'no';
    case 'quantities':
      return claim.quantities.length ? claim.quantities.map(formatQuantity).join('; ') : NONE;
    default:
      return text(claim[field]);
  }
}

export type FieldChange = { key: string; label: string; before: string; after: string };

export type ClaimChange = {
  type: 'added' | 'removed' | 'changed';
  /** The claim id, or `new-<n>` for one not saved yet. */
  key: string;
  /** "Associated Press — an anonymous official". */
  heading: string;
  /** The quote and figures of the claim as it stands after (before, for a removed claim). */
  quote: string;
  quantities: string[];
  changes: FieldChange[];
};

export type EventDiff = { fields: FieldChange[]; claims: ClaimChange[]; reordered: boolean };

function claimHeading(claim: ComparableClaim, names: DiffNames): string {
  return claim.attributedTo ? `${names.source(claim.sourceId)} — ${claim.attributedTo}` : names.source(claim.sourceId);
}

export function claimKey(claim: ComparableClaim, index: number): string {
  return claim.id ?? `new-${index}`;
}

export function diffClaim(before: ComparableClaim, after: ComparableClaim, names: DiffNames): FieldChange[] {
  return CLAIM_FIELDS.filter((field) => !same(before[field], after[field])).map((field) => ({
    key: field,
    label: CLAIM_FIELD_LABELS[field],
    before: formatClaimField(field, before, names),
    after: formatClaimField(field, after, names),
  }));
}

export function diffEvents(before: ComparableEvent, after: ComparableEvent, names: DiffNames): EventDiff {
  const fields: FieldChange[] = [];
  const keys: (EventField | 'deleted')[] = [...EVENT_FIELDS];
  if (before.deleted !== undefined && after.deleted !== undefined) keys.push('deleted');
  for (const field of keys) {
    if (field === 'deleted' ? before.deleted === after.deleted : same(before[field], after[field])) continue;
    fields.push({
      key: field,
      label: EVENT_FIELD_LABELS[field],
      before: formatEventField(field, before, names),
      after: formatEventField(field, after, names),
    });
  }

  const beforeById = new Map(before.claims.filter((c) => c.id).map((c) => [c.id!, c]));
  const afterIds = new Set(after.claims.map((c) => c.id).filter(Boolean));
  const describe = (claim: ComparableClaim) => ({
    heading: claimHeading(claim, names),
    quote: claim.quote,
    quantities: claim.quantities.map(formatQuantity),
  });
  const claims: ClaimChange[] = [];
  after.claims.forEach((claim, index) => {
    const old = claim.id ? beforeById.get(claim.id) : undefined;
    if (!old) {
      claims.push({ type: 'added', key: claimKey(claim, index), ...describe(claim), changes: [] });
      return;
    }
    const changes = diffClaim(old, claim, names);
    if (changes.length > 0) claims.push({ type: 'changed', key: claimKey(claim, index), ...describe(claim), changes });
  });
  before.claims.forEach((claim, index) => {
    if (!claim.id || !afterIds.has(claim.id)) claims.push({ type: 'removed', key: claimKey(claim, index), ...describe(claim), changes: [] });
  });

  const common = (list: ComparableClaim[], other: Set<string | null>) => list.map((c) => c.id).filter((id) => id && other.has(id));
  const reordered = !same(common(before.claims, afterIds), common(after.claims, new Set(before.claims.map((c) => c.id))));
  return { fields, claims, reordered };
}

export function isEmptyDiff(diff: EventDiff): boolean {
  return diff.fields.length === 0 && diff.claims.length === 0 && !diff.reordered;
}
