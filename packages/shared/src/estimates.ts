import { z } from 'zod';
import { isoDate } from './dates.js';
import { eventFilterShape, noNulCharacter } from './filters.js';
import { DATE_PRECISIONS, MEASURES, RELIABILITIES, STANCES } from './vocabulary.js';

/**
 * The estimates view: every claimed figure for a measure and subject, side by
 * side, with who claimed it, when, in what words, and how far to trust it.
 * Never summed, never averaged.
 */

export const DEFAULT_ESTIMATE_MEASURES = ['killed', 'wounded', 'casualties'] as const;
export const DEFAULT_ESTIMATE_SUBJECT = 'DPRK forces';

/**
 * The most figures one answer can hold (a request's `limit`; the server's
 * ESTIMATES_LIMIT is the default). Past its limit an answer keeps the latest
 * (by publication) and says it is `truncated`: a view that showed the
 * oldest ten thousand of three hundred thousand, silently, would misstate
 * who claims what now.
 */
export const MAX_ESTIMATES = 10_000;

const measureList = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
  .pipe(z.array(z.enum(MEASURES)).min(1, 'name at least one measure'));

export const estimatesQuerySchema = z
  .object({
    ...eventFilterShape,
    measure: measureList.optional().meta({ description: `Comma-separated measures; default ${DEFAULT_ESTIMATE_MEASURES.join(',')}` }),
    subject: z.string().trim().min(1).max(120).refine(...noNulCharacter).optional().meta({ description: `The side counted; default "${DEFAULT_ESTIMATE_SUBJECT}" (case-insensitive)` }),
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1)
      .max(MAX_ESTIMATES, `must be at most ${MAX_ESTIMATES}`)
      .optional()
      .meta({ description: `The most figures to answer, the latest by publication (at most ${MAX_ESTIMATES}; default the server's ESTIMATES_LIMIT, 2,000 unless set otherwise)` }),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });
export type EstimatesQuery = z.output<typeof estimatesQuerySchema>;

export const estimateSchema = z
  .object({
    quantityId: z.uuid(),
    claimId: z.uuid(),
    eventId: z.uuid(),
    eventTitle: z.string(),
    measure: z.enum(MEASURES),
    subject: z.string(),
    low: z.number().int().nullable(),
    best: z.number().int().nullable(),
    high: z.number().int().nullable(),
    phrase: z.string().nullable(),
    stance: z.enum(STANCES),
    publishedAt: isoDate,
    publishedPrecision: z.enum(DATE_PRECISIONS),
    sourceId: z.uuid(),
    sourceName: z.string(),
    reliability: z.enum(RELIABILITIES),
    partyToConflict: z.boolean(),
    attributedTo: z.string().nullable(),
    origin: z.string(),
    credibility: z.number().int(),
    retracted: z.boolean(),
    quote: z.string(),
  })
  .meta({ id: 'Estimate' });
export type Estimate = z.infer<typeof estimateSchema>;

export const estimatesResponseSchema = z
  .object({
    measures: z.array(z.enum(MEASURES)),
    subject: z.string(),
    items: z.array(estimateSchema).meta({ description: 'Oldest publication first: the latest `limit` figures when more match' }),
    truncated: z.boolean().meta({ description: 'More figures match than `items` holds: the older ones are left out' }),
  })
  .meta({ id: 'Estimates' });
export type EstimatesResponse = z.infer<typeof estimatesResponseSchema>;

export const estimateSeriesSchema = z
  .object({ items: z.array(z.object({ measure: z.enum(MEASURES), subject: z.string(), count: z.number().int() })) })
  .meta({ id: 'EstimateSeries' });
export type EstimateSeries = z.infer<typeof estimateSeriesSchema>;

/** The claimant of a row in the estimates view: the source and the voice inside it. */
export function claimantKey(e: Pick<Estimate, 'sourceName' | 'attributedTo'>): string {
  return e.attributedTo ? `${e.sourceName} — ${e.attributedTo}` : e.sourceName;
}
