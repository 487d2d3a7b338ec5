import type { EventDetail } from '@claimline/shared/events';
import { intervalForPhrase } from '@claimline/shared/vague-quantities';
import type {
  ActorRole,
  DatePrecision,
  EventKind,
  EventStatus,
  GeoPrecision,
  Measure,
  Stance,
} from '@claimline/shared/vocabulary';
import { comparableFromDetail, comparableFromInput, type ComparableClaim, type ComparableEvent, type ComparableQuantity } from '../../../lib/event-comparable';

/**
 * The editor's form state: what the inputs hold, as typed (numbers as text,
 * empty as ''), turned into the API's input only to validate and save. Rows
 * carry a `key` of their own so React keeps each claim's inputs through
 * reordering.
 */

export type QuantityDraft = {
  key: string;
  measure: Measure;
  subject: string;
  phrase: string;
  low: string;
  best: string;
  high: string;
};

export type ClaimDraft = {
  key: string;
  id: string | null;
  sourceId: string;
  attributedTo: string;
  origin: string;
  stance: Stance;
  publishedAt: string;
  publishedPrecision: DatePrecision;
  url: string;
  archivedUrl: string;
  quote: string;
  credibility: string;
  retracted: boolean;
  note: string;
  quantities: QuantityDraft[];
};

export type ActorDraft = { key: string; actorId: string; role: ActorRole };

export type EventDraft = {
  kind: EventKind;
  title: string;
  summary: string;
  startDate: string;
  endDate: string;
  datePrecision: DatePrecision;
  placeName: string;
  admin1: string;
  admin2: string;
  country: string;
  lat: string;
  lon: string;
  geoPrecision: GeoPrecision | '';
  tags: string;
  actors: ActorDraft[];
  statusOverride: EventStatus | '';
  statusReason: string;
  /** Not edited here; carried so an imported event keeps its provenance. */
  externalSource: string | null;
  externalId: string | null;
  claims: ClaimDraft[];
};

let counter = 0;
export const rowKey = (): string => `row-${++counter}`;

const str = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/**
 * A stored figure whose numbers are exactly what its phrase reads as is
 * shown as the phrase alone, its interval as a live hint: changing "dozens"
 * to "hundreds" then changes the numbers too, instead of leaving 24–99 behind
 * as if the editor had typed them.
 */
function quantityDraft(q: ComparableQuantity): QuantityDraft {
  const reading = q.phrase ? intervalForPhrase(q.phrase) : null;
  const fromPhrase = reading !== null && reading.low === q.low && reading.best === q.best && reading.high === q.high;
  return {
    key: rowKey(),
    measure: q.measure,
    subject: q.subject,
    phrase: q.phrase ?? '',
    low: fromPhrase ? '' : str(q.low),
    best: fromPhrase ? '' : str(q.best),
    high: fromPhrase ? '' : str(q.high),
  };
}

function claimDraft(c: ComparableClaim): ClaimDraft {
  return {
    key: rowKey(),
    id: c.id,
    sourceId: c.sourceId,
    attributedTo: c.attributedTo ?? '',
    origin: c.origin,
    stance: c.stance,
    publishedAt: c.publishedAt,
    publishedPrecision: c.publishedPrecision,
    url: c.url ?? '',
    archivedUrl: c.archivedUrl ?? '',
    quote: c.quote,
    credibility: String(c.credibility),
    retracted: c.retracted,
    note: c.note ?? '',
    quantities: c.quantities.map(quantityDraft),
  };
}

export function draftFromComparable(e: ComparableEvent): EventDraft {
  return {
    kind: e.kind,
    title: e.title,
    summary: e.summary ?? '',
    startDate: e.startDate,
    endDate: e.endDate ?? '',
    datePrecision: e.datePrecision,
    placeName: e.placeName ?? '',
    admin1: e.admin1 ?? '',
    admin2: e.admin2 ?? '',
    country: e.country ?? '',
    lat: str(e.lat),
    lon: str(e.lon),
    geoPrecision: e.geoPrecision ?? '',
    tags: e.tags.join(', '),
    actors: e.actors.map((a) => ({ key: rowKey(), actorId: a.actorId, role: a.role })),
    statusOverride: e.statusOverride ?? '',
    statusReason: e.statusReason ?? '',
    externalSource: e.externalSource,
    externalId: e.externalId,
    claims: e.claims.map(claimDraft),
  };
}

export function draftFromEvent(event: EventDetail): EventDraft {
  return draftFromComparable(comparableFromDetail(event));
}

export function emptyQuantity(): QuantityDraft {
  return { key: rowKey(), measure: 'killed', subject: 'DPRK forces', phrase: '', low: '', best: '', high: '' };
}

export function emptyClaim(publishedAt = ''): ClaimDraft {
  return {
    key: rowKey(),
    id: null,
    sourceId: '',
    attributedTo: '',
    origin: '',
    stance: 'asserts',
    publishedAt,
    publishedPrecision: 'day',
    url: '',
    archivedUrl: '',
    quote: '',
    credibility: '6',
    retracted: false,
    note: '',
    quantities: [],
  };
}

export function emptyDraft(today: string): EventDraft {
  return {
    kind: 'statement',
    title: '',
    summary: '',
    startDate: today,
    endDate: '',
    datePrecision: 'day',
    placeName: '',
    admin1: '',
    admin2: '',
    country: '',
    lat: '',
    lon: '',
    geoPrecision: '',
    tags: '',
    actors: [],
    statusOverride: '',
    statusReason: '',
    externalSource: null,
    externalId: null,
    claims: [emptyClaim(today)],
  };
}

// ---- draft → API input -----------------------------------------------------------

/**
 * '' → null; a number as typed; NaN for text that is no number (the schema
 * then names the field). Counts may be written "1,000"; coordinates never
 * lose a comma (51,2 is a decimal comma, not fifty-one thousand).
 */
function numberOrNull(value: string, { thousands = false } = {}): number | null {
  const trimmed = value.trim().replace(thousands ? /[\s\u00a0\u202f,]/g : /[\s\u00a0\u202f]/g, '');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The draft in the API's shape, phrases filled from the vague-quantity table
 * where no numbers were typed (exactly what the server would store), so it
 * can be validated with eventInputSchema and compared with stored versions.
 */
export function comparableFromDraft(draft: EventDraft): ComparableEvent {
  const tags = [...new Set(draft.tags.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
  return comparableFromInput({
    kind: draft.kind,
    title: draft.title.trim(),
    summary: textOrNull(draft.summary),
    startDate: draft.startDate.trim(),
    endDate: textOrNull(draft.endDate),
    datePrecision: draft.datePrecision,
    placeName: textOrNull(draft.placeName),
    admin1: textOrNull(draft.admin1),
    admin2: textOrNull(draft.admin2),
    country: textOrNull(draft.country)?.toUpperCase() ?? null,
    lat: numberOrNull(draft.lat),
    lon: numberOrNull(draft.lon),
    geoPrecision: draft.geoPrecision === '' ? null : draft.geoPrecision,
    tags,
    actors: draft.actors.map((a) => ({ actorId: a.actorId, role: a.role })),
    statusOverride: draft.statusOverride === '' ? null : draft.statusOverride,
    statusReason: textOrNull(draft.statusReason),
    externalSource: draft.externalSource,
    externalId: draft.externalId,
    claims: draft.claims.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      sourceId: c.sourceId,
      attributedTo: textOrNull(c.attributedTo),
      origin: c.origin.trim(),
      stance: c.stance,
      publishedAt: c.publishedAt.trim(),
      publishedPrecision: c.publishedPrecision,
      url: textOrNull(c.url),
      archivedUrl: textOrNull(c.archivedUrl),
      quote: c.quote.trim(),
      credibility: Number(c.credibility),
      retracted: c.retracted,
      note: textOrNull(c.note),
      quantities: c.quantities.map((q) => ({
        measure: q.measure,
        subject: q.subject.trim(),
        phrase: textOrNull(q.phrase),
        low: numberOrNull(q.low, { thousands: true }),
        best: numberOrNull(q.best, { thousands: true }),
        high: numberOrNull(q.high, { thousands: true }),
      })),
    })),
  });
}

export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
