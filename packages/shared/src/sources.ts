import { z } from 'zod';
import { RELIABILITIES, SOURCE_KINDS } from './vocabulary.js';

/** Sources (the outlet or body that published a claim) and actors. */

export const sourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(SOURCE_KINDS),
    country: z.string().nullable(),
    homepage: z.string().nullable(),
    reliability: z.enum(RELIABILITIES),
    partyToConflict: z.boolean(),
    notes: z.string().nullable(),
  })
  .meta({ id: 'Source' });
export type Source = z.infer<typeof sourceSchema>;

export const sourceInputSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(SOURCE_KINDS),
  country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 code').nullable().default(null),
  homepage: z.url({ protocol: /^https?$/ }).nullable().default(null),
  reliability: z.enum(RELIABILITIES).default('F'),
  partyToConflict: z.boolean().default(false),
  notes: z.string().trim().max(4000).nullable().default(null),
});
export type SourceInput = z.input<typeof sourceInputSchema>;

export const ACTOR_KINDS = ['state', 'armed_force', 'unit', 'government_body', 'person', 'group', 'other'] as const;

export const actorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(ACTOR_KINDS),
    country: z.string().nullable(),
  })
  .meta({ id: 'Actor' });
export type Actor = z.infer<typeof actorSchema>;

export const actorInputSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ACTOR_KINDS),
  country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 code').nullable().default(null),
});
export type ActorInput = z.input<typeof actorInputSchema>;
