import { z } from 'zod';
import { isoDate } from './dates.js';
import {
  ACTOR_ROLES,
  CREDIBILITIES,
  DATE_PRECISIONS,
  EVENT_KINDS,
  EVENT_STATUSES,
  GEO_PRECISIONS,
  MEASURES,
  STANCES,
} from './vocabulary.js';
import { sourceSchema } from './sources.js';

/** Schemas of events, their claims and quantities: API responses and editor input alike. */

const id = z.uuid();
const text = (max: number) => z.string().trim().min(1).max(max);
const nullableText = (max: number) => z.string().trim().max(max).nullable();
const url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);
const count = z.number().int().min(0).max(100_000_000);
const credibility = z
  .number()
  .int()
  .refine((n) => (CREDIBILITIES as readonly number[]).includes(n), 'must be 1 to 6');

// ---- responses ----------------------------------------------------------

export const quantitySchema = z
  .object({
    id,
    measure: z.enum(MEASURES),
    subject: z.string(),
    low: z.number().int().nullable(),
    best: z.number().int().nullable(),
    high: z.number().int().nullable(),
    phrase: z.string().nullable().meta({ description: 'The words as published ("hundreds"), never lost' }),
  })
  .meta({ id: 'Quantity' });
export type Quantity = z.infer<typeof quantitySchema>;

export const claimSchema = z
  .object({
    id,
    source: sourceSchema,
    attributedTo: z.string().nullable().meta({ description: 'The voice inside the source' }),
    origin: z.string().meta({ description: 'Who the information really comes from; equal origins are one, not independent' }),
    stance: z.enum(STANCES),
    publishedAt: isoDate,
    publishedPrecision: z.enum(DATE_PRECISIONS),
    url: z.string().nullable(),
    archivedUrl: z.string().nullable(),
    quote: z.string(),
    credibility: credibility,
    retracted: z.boolean(),
    note: z.string().nullable(),
    quantities: z.array(quantitySchema),
  })
  .meta({ id: 'Claim' });
export type Claim = z.infer<typeof claimSchema>;

export const eventActorSchema = z
  .object({ id, name: z.string(), kind: z.string(), role: z.enum(ACTOR_ROLES) })
  .meta({ id: 'EventActor' });
export type EventActor = z.infer<typeof eventActorSchema>;

export const eventSummarySchema = z
  .object({
    id,
    kind: z.enum(EVENT_KINDS),
    title: z.string(),
    summary: z.string().nullable(),
    startDate: isoDate,
    endDate: isoDate.nullable(),
    datePrecision: z.enum(DATE_PRECISIONS),
    placeName: z.string().nullable(),
    admin1: z.string().nullable(),
    admin2: z.string().nullable(),
    country: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    geoPrecision: z.enum(GEO_PRECISIONS).nullable(),
    status: z.enum(EVENT_STATUSES).meta({ description: 'The override where an editor set one, else the derived status' }),
    derivedStatus: z.enum(EVENT_STATUSES),
    tags: z.array(z.string()),
    claimCount: z.number().int(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EventSummary' });
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const eventDetailSchema = eventSummarySchema
  .extend({
    statusOverride: z.enum(EVENT_STATUSES).nullable(),
    statusReason: z.string().nullable(),
    externalSource: z.string().nullable(),
    externalId: z.string().nullable(),
    createdAt: z.string(),
    claims: z.array(claimSchema),
    actors: z.array(eventActorSchema),
  })
  .meta({ id: 'EventDetail' });
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const eventPageSchema = z
  .object({
    items: z.array(eventSummarySchema),
    nextCursor: z.string().nullable(),
    total: z.number().int().meta({
      description: 'All events matching the filters, across pages; when totalExact is false, a lower bound: more than this many match',
    }),
    totalExact: z.boolean().meta({
      description:
        'false when a text query (q) matches more events than the server counts one by one (TEXT_COUNT_LIMIT, 1,000 by default): ' +
        'the total then says "more than"; ask with exactTotal=true to count them all',
    }),
  })
  .meta({ id: 'EventPage' });
export type EventPage = z.infer<typeof eventPageSchema>;

// ---- input ---------------------------------------------------------------

export const quantityInputSchema = z
  .object({
    measure: z.enum(MEASURES),
    subject: text(120),
    low: count.nullable().default(null),
    best: count.nullable().default(null),
    high: count.nullable().default(null),
    phrase: nullableText(200).default(null),
  })
  .superRefine((q, ctx) => {
    const order: [keyof typeof q, keyof typeof q][] = [
      ['low', 'best'],
      ['best', 'high'],
      ['low', 'high'],
    ];
    for (const [a, b] of order) {
      const x = q[a];
      const y = q[b];
      if (typeof x === 'number' && typeof y === 'number' && x > y) {
        ctx.addIssue({ code: 'custom', path: [b], message: `${b} must not be below ${a}` });
        return;
      }
    }
  });
export type QuantityInput = z.input<typeof quantityInputSchema>;

export const claimInputSchema = z.object({
  id: id.optional(),
  sourceId: id,
  attributedTo: nullableText(300).default(null),
  origin: text(300).meta({ description: 'Claims with the same origin count as one independent origin' }),
  stance: z.enum(STANCES),
  publishedAt: isoDate,
  publishedPrecision: z.enum(DATE_PRECISIONS).default('day'),
  url: url.nullable().default(null),
  archivedUrl: url.nullable().default(null),
  quote: text(10_000),
  credibility: credibility.default(6),
  retracted: z.boolean().default(false),
  note: nullableText(4_000).default(null),
  quantities: z.array(quantityInputSchema).max(50).default([]),
});
export type ClaimInput = z.input<typeof claimInputSchema>;

const eventFieldsSchema = z.object({
    id: id.optional().meta({ description: 'Only for loading datasets with stable ids; otherwise generated' }),
    kind: z.enum(EVENT_KINDS),
    title: text(300),
    summary: nullableText(10_000).default(null),
    startDate: isoDate,
    endDate: isoDate.nullable().default(null),
    datePrecision: z.enum(DATE_PRECISIONS).default('day'),
    placeName: nullableText(200).default(null),
    admin1: nullableText(200).default(null),
    admin2: nullableText(200).default(null),
    country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 code').nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
    geoPrecision: z.enum(GEO_PRECISIONS).nullable().default(null),
    tags: z.array(text(64)).max(50).default([]),
    actors: z
      .array(z.object({ actorId: id, role: z.enum(ACTOR_ROLES) }))
      .max(100)
      .default([]),
    statusOverride: z.enum(EVENT_STATUSES).nullable().default(null),
    statusReason: nullableText(2_000).default(null),
    externalSource: nullableText(50).default(null),
    externalId: nullableText(200).default(null),
    claims: z.array(claimInputSchema).min(1, 'an event needs at least one claim').max(500),
  });

export const eventInputSchema = eventFieldsSchema
  .superRefine((e, ctx) => {
    if (e.endDate !== null && e.endDate < e.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    }
    if ((e.lat === null) !== (e.lon === null)) {
      ctx.addIssue({ code: 'custom', path: [e.lat === null ? 'lat' : 'lon'], message: 'lat and lon go together: give both or neither' });
    }
    if (e.lat !== null && e.geoPrecision === null) {
      ctx.addIssue({ code: 'custom', path: ['geoPrecision'], message: 'is required with coordinates' });
    }
    if (e.statusOverride !== null && !e.statusReason) {
      ctx.addIssue({ code: 'custom', path: ['statusReason'], message: 'an override needs a written reason' });
    }
    if ((e.externalSource === null) !== (e.externalId === null)) {
      ctx.addIssue({ code: 'custom', path: ['externalId'], message: 'externalSource and externalId go together' });
    }
  });
export type EventInput = z.input<typeof eventInputSchema>;

/**
 * PATCH: any subset of the fields; `claims` and `actors`, when given, replace
 * the event's lists whole. The result is merged with the stored event and
 * checked again with eventInputSchema, so the cross-field rules still hold.
 */
export const eventPatchSchema = z
  .object(withoutDefaults(eventFieldsSchema.omit({ id: true }).shape))
  .extend({ note: z.string().trim().max(2_000).optional().meta({ description: 'Why: kept with the revision' }) })
  .strict();

/**
 * Every field optional and without its default: in zod 4 `.partial()` keeps
 * `.default(null)`, so a PATCH of `{ title }` would come out with summary,
 * place, tags… reset to their defaults and overwrite the stored event.
 */
function withoutDefaults<S extends z.ZodRawShape>(shape: S) {
  type Bare<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
  return Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()]),
  ) as unknown as { [K in keyof S]: z.ZodOptional<Bare<S[K]>> };
}
export type EventPatch = z.input<typeof eventPatchSchema>;

/** The stored event as editor input: the base a PATCH is merged onto, and what restoring a revision writes. */
export function eventDetailToInput(
  e: Omit<EventDetail, 'id' | 'status' | 'derivedStatus' | 'claimCount' | 'version' | 'updatedAt' | 'createdAt'>,
): EventInput {
  return {
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    startDate: e.startDate,
    endDate: e.endDate,
    datePrecision: e.datePrecision,
    placeName: e.placeName,
    admin1: e.admin1,
    admin2: e.admin2,
    country: e.country,
    lat: e.lat,
    lon: e.lon,
    geoPrecision: e.geoPrecision,
    tags: e.tags,
    actors: e.actors.map((a) => ({ actorId: a.id, role: a.role })),
    statusOverride: e.statusOverride,
    statusReason: e.statusReason,
    externalSource: e.externalSource,
    externalId: e.externalId,
    claims: e.claims.map((c) => ({
      id: c.id,
      sourceId: c.source.id,
      attributedTo: c.attributedTo,
      origin: c.origin,
      stance: c.stance,
      publishedAt: c.publishedAt,
      publishedPrecision: c.publishedPrecision,
      url: c.url,
      archivedUrl: c.archivedUrl,
      quote: c.quote,
      credibility: c.credibility,
      retracted: c.retracted,
      note: c.note,
      quantities: c.quantities.map(({ measure, subject, low, best, high, phrase }) => ({ measure, subject, low, best, high, phrase })),
    })),
  };
}
export type ParsedEventInput = z.output<typeof eventInputSchema>;

export const eventIdParamSchema = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

export const REVISION_ACTIONS = ['create', 'update', 'delete', 'restore'] as const;

export const revisionSchema = z
  .object({
    id: z.number().int(),
    eventId: z.uuid(),
    version: z.number().int(),
    action: z.enum(REVISION_ACTIONS),
    snapshot: eventDetailSchema.extend({ deletedAt: z.string().nullable() }).meta({ description: 'The whole event, claims included, as it stood at this version' }),
    note: z.string().nullable(),
    userId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Revision' });
export type Revision = z.infer<typeof revisionSchema>;
