import { z } from 'zod';
import { eventDetailSchema, eventInputSchema, eventSummarySchema } from './events.js';
import { actorInputSchema, sourceInputSchema } from './sources.js';

/** Request and response shapes of the write endpoints: events (with optimistic concurrency), sources and actors. */

export const revisionNoteSchema = z.string().trim().max(2_000).meta({ description: 'Why: kept with the revision' });

/** An event as written: the detail plus when it was deleted (null while live). The ETag header carries `version`. */
export const storedEventSchema = eventDetailSchema.extend({ deletedAt: z.string().nullable() }).meta({ id: 'StoredEvent' });
export type StoredEvent = z.infer<typeof storedEventSchema>;

/** POST /api/events: a full event, plus an optional note for its first revision. */
export const eventCreateSchema = z.intersection(eventInputSchema, z.object({ note: revisionNoteSchema.optional() })).meta({ id: 'EventCreate' });
export type EventCreate = z.input<typeof eventCreateSchema>;

/** The optional body of DELETE, restore and revision restore. */
export const revisionNoteBodySchema = z.object({ note: revisionNoteSchema.optional() }).strict().meta({ id: 'RevisionNote' });

export const ifMatchHeaderSchema = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({ description: 'The ETag of the version you edited, e.g. "3". Required: 428 without it, 412 when the event has moved on.' }),
});

export const revisionParamSchema = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  version: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more'),
});

export const deletedEventSchema = eventSummarySchema.extend({ deletedAt: z.string() }).meta({ id: 'DeletedEvent' });
export type DeletedEvent = z.infer<typeof deletedEventSchema>;

export const deletedEventListQuerySchema = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1).max(500, 'must be at most 500').default(100),
});

export const deletedEventPageSchema = z
  .object({ items: z.array(deletedEventSchema), total: z.number().int() })
  .meta({ id: 'DeletedEventPage', description: 'Soft-deleted events, most recently deleted first' });
export type DeletedEventPage = z.infer<typeof deletedEventPageSchema>;

/**
 * PATCH of a source or an actor: any subset of the input fields, without
 * their defaults (a missing field stays as it is, it is not reset).
 */
const s = sourceInputSchema.shape;
export const sourcePatchSchema = z
  .object({
    name: s.name.optional(),
    kind: s.kind.optional(),
    country: s.country.unwrap().optional(),
    homepage: s.homepage.unwrap().optional(),
    reliability: s.reliability.unwrap().optional(),
    partyToConflict: s.partyToConflict.unwrap().optional(),
    notes: s.notes.unwrap().optional(),
  })
  .strict()
  .meta({ id: 'SourcePatch' });
export type SourcePatch = z.input<typeof sourcePatchSchema>;

const a = actorInputSchema.shape;
export const actorPatchSchema = z
  .object({ name: a.name.optional(), kind: a.kind.optional(), country: a.country.unwrap().optional() })
  .strict()
  .meta({ id: 'ActorPatch' });
export type ActorPatch = z.input<typeof actorPatchSchema>;
