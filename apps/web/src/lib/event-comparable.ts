import { eventDetailToInput, type EventDetail, type EventInput } from '@claimline/shared/events';
import { fillFromPhrase } from '@claimline/shared/vague-quantities';
import type {
  ActorRole,
  DatePrecision,
  EventKind,
  EventStatus,
  GeoPrecision,
  Measure,
  Stance,
} from '@claimline/shared/vocabulary';

/**
 * One shape for an event however it arrives — a stored version (the panel's
 * detail, a revision's snapshot) or the editor's form — so that versions can
 * be compared and merged field by field. It is the API's input with every
 * default made explicit and vague phrases filled from the shared table the
 * way the server fills them.
 */

export type ComparableQuantity = {
  measure: Measure;
  subject: string;
  low: number | null;
  best: number | null;
  high: number | null;
  phrase: string | null;
};

export type ComparableClaim = {
  /** null for a claim not saved yet. */
  id: string | null;
  sourceId: string;
  attributedTo: string | null;
  origin: string;
  stance: Stance;
  publishedAt: string;
  publishedPrecision: DatePrecision;
  url: string | null;
  archivedUrl: string | null;
  quote: string;
  credibility: number;
  retracted: boolean;
  note: string | null;
  quantities: ComparableQuantity[];
};

export type ComparableEvent = {
  kind: EventKind;
  title: string;
  summary: string | null;
  startDate: string;
  endDate: string | null;
  datePrecision: DatePrecision;
  placeName: string | null;
  admin1: string | null;
  admin2: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: GeoPrecision | null;
  tags: string[];
  actors: { actorId: string; role: ActorRole }[];
  statusOverride: EventStatus | null;
  statusReason: string | null;
  externalSource: string | null;
  externalId: string | null;
  claims: ComparableClaim[];
  /** Only revisions know it: whether this version is the event deleted. */
  deleted?: boolean;
};

function quantity(q: NonNullable<EventInput['claims'][number]['quantities']>[number]): ComparableQuantity {
  return fillFromPhrase({
    measure: q.measure,
    subject: q.subject.trim(),
    low: q.low ?? null,
    best: q.best ?? null,
    high: q.high ?? null,
    phrase: q.phrase?.trim() || null,
  });
}

export function comparableFromInput(input: EventInput): ComparableEvent {
  return {
    kind: input.kind,
    title: input.title,
    summary: input.summary ?? null,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    datePrecision: input.datePrecision ?? 'day',
    placeName: input.placeName ?? null,
    admin1: input.admin1 ?? null,
    admin2: input.admin2 ?? null,
    country: input.country ?? null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    geoPrecision: input.geoPrecision ?? null,
    tags: input.tags ?? [],
    actors: input.actors ?? [],
    statusOverride: input.statusOverride ?? null,
    statusReason: input.statusReason ?? null,
    externalSource: input.externalSource ?? null,
    externalId: input.externalId ?? null,
    claims: input.claims.map((c) => ({
      id: c.id ?? null,
      sourceId: c.sourceId,
      attributedTo: c.attributedTo ?? null,
      origin: c.origin,
      stance: c.stance,
      publishedAt: c.publishedAt,
      publishedPrecision: c.publishedPrecision ?? 'day',
      url: c.url ?? null,
      archivedUrl: c.archivedUrl ?? null,
      quote: c.quote,
      credibility: c.credibility ?? 6,
      retracted: c.retracted ?? false,
      note: c.note ?? null,
      quantities: (c.quantities ?? []).map(quantity),
    })),
  };
}

export function comparableFromDetail(detail: EventDetail & { deletedAt?: string | null }): ComparableEvent {
  const event = comparableFromInput(eventDetailToInput(detail));
  return detail.deletedAt === undefined ? event : { ...event, deleted: detail.deletedAt !== null };
}

/** Back to the API's input: what a PATCH sends. */
export function inputFromComparable(event: ComparableEvent): EventInput {
  const { deleted: _deleted, claims, ...fields } = event;
  return { ...fields, claims: claims.map(({ id, ...claim }) => (id ? { id, ...claim } : claim)) };
}
