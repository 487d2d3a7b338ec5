import { z } from 'zod';

/**
 * Files in and out: the import's request and report, and the column lists of
 * the CSV layouts, for the API and the web's import and export pages alike.
 * The mapping between the layouts and the model is in docs/INTERCHANGE.md.
 */

export const IMPORT_FORMATS = ['native', 'acled', 'ucdp'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const importQuerySchema = z.object({
  format: z
    .enum(['auto', ...IMPORT_FORMATS])
    .default('auto')
    .meta({ description: '`auto` recognises the layout by its header row' }),
  dryRun: flag.default(false).meta({ description: 'Check every row and report, change nothing' }),
});
export type ImportQuery = z.output<typeof importQuerySchema>;

export const importProblemSchema = z
  .object({
    row: z.number().int().meta({ description: 'Record number in the file, the header being row 1 (a record may span several lines)' }),
    column: z.string().nullable().meta({ description: 'Header name of the column, null when the problem is the whole row or file' }),
    value: z.string().nullable().meta({ description: 'The cell as given (cut at 200 characters)' }),
    message: z.string(),
  })
  .meta({ id: 'ImportProblem' });
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const importWarningSchema = importProblemSchema
  .extend({ count: z.number().int().meta({ description: 'Rows with this same warning; `row` is the first of them' }) })
  .meta({ id: 'ImportWarning' });
export type ImportWarning = z.infer<typeof importWarningSchema>;

export const importReportSchema = z
  .object({
    format: z.enum(IMPORT_FORMATS),
    dryRun: z.boolean(),
    rows: z.number().int().meta({ description: 'Data rows read (the header and UCDP’s HXL hashtag row not counted)' }),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(importProblemSchema).meta({ description: 'Every problem found; a real run with any error imports nothing' }),
    warnings: z.array(importWarningSchema).meta({ description: 'Imported, but not exactly as written: what was done and why' }),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof importReportSchema>;

/** ACLED's 31 columns, in ACLED's order (the layout since March 2023). */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];

/** The `native` export: one row per event; readable summaries, then the same claims and actors at full fidelity as JSON. */
export const NATIVE_COLUMNS = [
  'id',
  'kind',
  'title',
  'summary',
  'start_date',
  'end_date',
  'date_precision',
  'place_name',
  'admin1',
  'admin2',
  'country',
  'lat',
  'lon',
  'geo_precision',
  'status',
  'derived_status',
  'status_override',
  'status_reason',
  'tags',
  'actors',
  'claim_count',
  'sources',
  'claims',
  'quantities',
  'external_source',
  'external_id',
  'version',
  'created_at',
  'updated_at',
  'attributes',
  'actors_json',
  'claims_json',
] as const;

/** The `claims` export: one row per claimed quantity, or per claim where it has none. */
export const CLAIM_COLUMNS = [
  'event_id',
  'event_title',
  'event_kind',
  'event_status',
  'event_start_date',
  'event_end_date',
  'event_date_precision',
  'event_place_name',
  'event_admin1',
  'event_admin2',
  'event_country',
  'event_lat',
  'event_lon',
  'event_geo_precision',
  'event_external_id',
  'claim_id',
  'claim_position',
  'source_id',
  'source',
  'source_kind',
  'reliability',
  'party_to_conflict',
  'attributed_to',
  'origin',
  'stance',
  'published_at',
  'published_precision',
  'credibility',
  'retracted',
  'url',
  'archived_url',
  'quantity_id',
  'measure',
  'subject',
  'low',
  'best',
  'high',
  'phrase',
  'quote',
  'note',
] as const;
