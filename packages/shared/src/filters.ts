import { z } from 'zod';
import { isoDate } from './dates.js';
import {
  CREDIBILITIES,
  EVENT_KINDS,
  EVENT_STATUSES,
  RELIABILITIES,
  STANCES,
  TIMELINE_BUCKETS,
  TIMELINE_STACKS,
} from './vocabulary.js';

/**
 * The list filters. The same query parameters are read by every endpoint
 * (list, timeline, map, facets, estimates, export) and by the web's URL, so a
 * view, its chart and its export cannot disagree.
 */

/** `a,b,c` → ['a','b','c'] with each item checked; empty items are ignored. */
function csvList<T extends z.ZodType<string, string>>(item: T) {
  const items = z.array(item).max(100, 'at most 100 values') as unknown as z.ZodType<z.output<T>[], string[]>;
  return z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v.length > 0))
    .pipe(items);
}

const uuid = z.uuid({ message: 'must be a UUID' });

/** PostgreSQL text cannot hold U+0000: a free-text parameter with one is refused here, not failed on in the database. */
export const noNulCharacter = [(s: string) => !s.includes('\u0000'), 'must not contain a NUL character'] as const;

export const BBOX_EXAMPLE = '33.5,50.8,37.5,52.5';

const bbox = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',');
    const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length !== 4 || nums.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: 'must be four numbers: west,south,east,north' });
      return z.NEVER;
    }
    const [west, south, east, north] = nums as [number, number, number, number];
    if (west < -180 || east > 180 || south < -90 || north > 90) {
      ctx.addIssue({ code: 'custom', message: 'longitudes must lie in -180..180 and latitudes in -90..90' });
      return z.NEVER;
    }
    if (west > east || south > north) {
      ctx.addIssue({ code: 'custom', message: 'west must not exceed east, nor south north' });
      return z.NEVER;
    }
    return { west, south, east, north };
  })
  .meta({ example: BBOX_EXAMPLE, description: 'west,south,east,north in degrees (WGS 84)' });
export type BBox = { west: number; south: number; east: number; north: number };

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const eventFilterShape = {
  from: isoDate.optional().meta({ description: 'Inclusive; an event counts when its span overlaps [from, to].' }),
  to: isoDate.optional(),
  kind: csvList(z.enum(EVENT_KINDS)).optional().meta({ description: 'Comma-separated kinds' }),
  status: csvList(z.enum(EVENT_STATUSES)).optional(),
  actor: csvList(uuid).optional().meta({ description: 'Comma-separated actor ids' }),
  source: csvList(uuid).optional().meta({ description: 'Comma-separated source ids: events with a claim from one of them' }),
  q: z.string().trim().min(1).max(200).refine(...noNulCharacter).optional().meta({ description: 'Full text over title, summary, place and quotes' }),
  bbox: bbox.optional(),
  tag: csvList(z.string().max(64).refine(...noNulCharacter)).optional(),
  minReliability: z.enum(RELIABILITIES).optional().meta({ description: 'Keep events with a claim from a source this reliable or better (A best)' }),
  minCredibility: z.coerce
    .number()
    .int()
    .refine((n) => (CREDIBILITIES as readonly number[]).includes(n), 'must be 1 to 6')
    .optional()
    .meta({ description: 'Keep events with a claim this credible or better (1 best)' }),
  stance: csvList(z.enum(STANCES)).optional(),
  excludeParties: flag.optional().meta({ description: 'Ignore claims from sources that are party to the conflict' }),
} as const;

export const eventFiltersSchema = z
  .object(eventFilterShape)
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });
export type EventFilters = z.output<typeof eventFiltersSchema>;
/** The filters as they stand in a URL. */
export type EventFilterParams = z.input<typeof eventFiltersSchema>;

export const MAX_PAGE_SIZE = 500;

/** Keyset position: the last row's (startDate, id) under `ORDER BY start_date DESC, id DESC`. */
export type Cursor = { startDate: string; id: string };

export function encodeCursor(c: Cursor): string {
  const json = JSON.stringify([c.startDate, c.id]);
  return btoa(json).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(token: string): Cursor | null {
  try {
    const b64 = token.replace(/-/g, '+').replace(/_/g, '/');
    const value: unknown = JSON.parse(atob(b64));
    const parsed = z.tuple([isoDate, uuid]).safeParse(value);
    return parsed.success ? { startDate: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

const cursor = z
  .string()
  .transform((s, ctx) => {
    const c = decodeCursor(s);
    if (!c) {
      ctx.addIssue({ code: 'custom', message: 'is not a cursor this API issued' });
      return z.NEVER;
    }
    return c;
  })
  .meta({ description: 'Opaque: the `nextCursor` of the previous page' });

export const eventListQuerySchema = z
  .object({
    ...eventFilterShape,
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1)
      .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
      .default(100),
    cursor: cursor.optional(),
    exactTotal: flag.optional().meta({
      description: 'Count every match of a text query (q), however many: slower at scale (see totalExact in the answer)',
    }),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });
export type EventListQuery = z.output<typeof eventListQuerySchema>;

export const timelineQuerySchema = z
  .object({
    ...eventFilterShape,
    bucket: z.enum(TIMELINE_BUCKETS).default('week'),
    stack: z.enum(TIMELINE_STACKS).default('kind').meta({ description: 'Count per kind (default) or per status' }),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });
export type TimelineQuery = z.output<typeof timelineQuerySchema>;

export const EXPORT_COLUMN_SETS = ['native', 'claims', 'acled'] as const;
export const exportQuerySchema = z
  .object({ ...eventFilterShape, columns: z.enum(EXPORT_COLUMN_SETS).default('native') })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });
export type ExportQuery = z.output<typeof exportQuerySchema>;

export const mapQuerySchema = z
  .object({ ...eventFilterShape })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });

/** The names of every filter parameter, in URL order. */
export const FILTER_KEYS = Object.keys(eventFilterShape) as (keyof typeof eventFilterShape)[];

/** Only the filter parameters of a query string, in a stable order: for URLs and query keys. */
export function pickFilterParams(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = params[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}
