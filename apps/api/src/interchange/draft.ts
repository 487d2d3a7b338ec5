import type { ImportFormat, ImportProblem } from '@claimline/shared/interchange';
import type { ACTOR_KINDS } from '@claimline/shared/sources';
import type { ActorRole, DatePrecision, Reliability, SourceKind } from '@claimline/shared/vocabulary';

/**
 * One row of a file in the model's terms, before sources and actors are
 * looked up: what each format's reader (native.ts, acled.ts, ucdp.ts)
 * makes of a row, and what the import service validates, compares and
 * writes.
 */

export type ActorKind = (typeof ACTOR_KINDS)[number];

export type SourceSpec = {
  /** Native files name sources by id; other formats by name only. */
  id: string | null;
  name: string;
  kind: SourceKind;
  country: string | null;
  homepage: string | null;
  reliability: Reliability;
  partyToConflict: boolean;
  notes: string | null;
};

export type ActorSpec = { id: string | null; name: string; kind: ActorKind; country: string | null };

export type DraftQuantity = {
  id: string | null;
  measure: string;
  subject: string;
  low: number | null;
  best: number | null;
  high: number | null;
  phrase: string | null;
};

export type DraftClaim = {
  id: string | null;
  source: SourceSpec;
  attributedTo: string | null;
  origin: string;
  stance: string;
  publishedAt: string;
  publishedPrecision: DatePrecision;
  url: string | null;
  archivedUrl: string | null;
  quote: string;
  credibility: number;
  retracted: boolean;
  note: string | null;
  quantities: DraftQuantity[];
};

/** The event's own fields, named as in the editor input (eventInputSchema). */
export type DraftFields = {
  kind: string;
  title: string;
  summary: string | null;
  startDate: string;
  endDate: string | null;
  datePrecision: string;
  placeName: string | null;
  admin1: string | null;
  admin2: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: string | null;
  tags: string[];
  statusOverride: string | null;
  statusReason: string | null;
  externalSource: string | null;
  externalId: string | null;
};

export type Draft = {
  row: number;
  /** The event's id: native files carry it; other formats find the event by external id. */
  id: string | null;
  /** Native files carry the version and instants, so that an export imported into an empty database exports the same. */
  version: number | null;
  createdAt: string | null;
  updatedAt: string | null;
  fields: DraftFields;
  actors: { actor: ActorSpec; role: ActorRole }[];
  claims: DraftClaim[];
  attributes: Record<string, unknown>;
  /** ACLED's `timestamp`: a row no newer than the stored one does not overwrite it. */
  freshness: number | null;
};

/** Collects a row's problems as the report wants them; values are the cells as given. */
export class RowProblems {
  readonly errors: ImportProblem[] = [];
  readonly warnings: ImportProblem[] = [];
  constructor(
    readonly row: number,
    private readonly cells: Record<string, string>,
  ) {}

  private entry(column: string | null, message: string, value?: string | null): ImportProblem {
    const v = value !== undefined ? value : column !== null ? (this.cells[column] ?? null) : null;
    return { row: this.row, column, value: v === null ? null : v.length > 200 ? `${v.slice(0, 200)}…` : v, message };
  }

  error(column: string | null, message: string, value?: string | null): void {
    this.errors.push(this.entry(column, message, value));
  }

  warn(column: string | null, message: string, value?: string | null): void {
    this.warnings.push(this.entry(column, message, value));
  }
}

/** What a format's reader tells the import service. */
export interface FormatReader {
  readonly format: ImportFormat;
  /** A row in the model's terms, or null when it is too broken to be one (its problems are in `problems`). */
  toDraft(cells: Record<string, string>, problems: RowProblems): Draft | null;
  /** The file's column a field of the editor input comes from (`lat` → `latitude`), for the schema's complaints. */
  columnFor(path: (string | number)[]): string | null;
  /**
   * How a row updates a stored event. `replace`: the row is the whole event
   * (native). Otherwise the dataset's own claims are replaced and claims
   * added in Claimline are kept, and only the fields listed are overwritten:
   * an editor's title, summary or status override survive a newer release.
   */
  readonly update: { kind: 'replace' } | { kind: 'dataset'; source: SourceSpec; owns: readonly (keyof DraftFields)[] };
  /** Whether `row` is a second header (UCDP's HXL hashtags) to skip. */
  isHeaderLike?(fields: string[]): boolean;
}

export const trimmedOrNull = (s: string | undefined): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

/**
 * Export neutralises a cell that starts with = + - @, a tab or a CR by an
 * apostrophe (lib/csv.ts); import takes one apostrophe off such a cell, so
 * an exported file imports as it was exported.
 */
export function unneutralise(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
