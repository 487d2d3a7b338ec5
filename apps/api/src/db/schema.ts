import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { EventKind, EventStatus } from '@claimline/shared/vocabulary';

/** The tables as the database holds them (snake_case); mapped to API shapes in repositories. */

/** timestamptz: a Date when read (both engines); defaults fill it on insert. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns come back as YYYY-MM-DD strings on both engines (see engine.ts). */
type DateString = string;

export interface SourcesTable {
  id: Generated<string>;
  name: string;
  kind: string;
  country: string | null;
  homepage: string | null;
  reliability: string;
  party_to_conflict: boolean;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActorsTable {
  id: Generated<string>;
  name: string;
  kind: string;
  country: string | null;
  created_at: Timestamp;
}

export interface EventsTable {
  id: Generated<string>;
  kind: string;
  title: string;
  summary: string | null;
  start_date: DateString;
  end_date: DateString | null;
  date_precision: string;
  place_name: string | null;
  admin1: string | null;
  admin2: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: string | null;
  tags: string[];
  derived_status: string;
  status_override: string | null;
  status_reason: string | null;
  status: ColumnType<string, never, never>;
  external_source: string | null;
  external_id: string | null;
  /** Columns of an imported file with no home in the model, by format (`{ acled: { inter1: '1', … } }`); `{}` otherwise. */
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  search: ColumnType<string, unknown, unknown>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface EventActorsTable {
  event_id: string;
  actor_id: string;
  role: string;
}

export interface ClaimsTable {
  id: Generated<string>;
  event_id: string;
  position: number;
  source_id: string;
  attributed_to: string | null;
  origin: string;
  stance: string;
  published_at: DateString;
  published_precision: string;
  url: string | null;
  archived_url: string | null;
  quote: string;
  credibility: number;
  retracted: boolean;
  note: string | null;
}

export interface ClaimQuantitiesTable {
  id: Generated<string>;
  claim_id: string;
  position: number;
  measure: string;
  subject: string;
  low: number | null;
  best: number | null;
  high: number | null;
  phrase: string | null;
}

export interface RevisionsTable {
  id: Generated<string>;
  event_id: string;
  version: number;
  action: string;
  snapshot: ColumnType<unknown, string, string>;
  note: string | null;
  user_id: string | null;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  role: string;
  password_hash: string;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

/** `id` is sha256 (hex) of the cookie's random token: the token itself is never stored. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  email: string;
  ip: string;
  attempted_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  sources: SourcesTable;
  actors: ActorsTable;
  events: EventsTable;
  event_actors: EventActorsTable;
  claims: ClaimsTable;
  claim_quantities: ClaimQuantitiesTable;
  revisions: RevisionsTable;
  event_counts: EventCountsTable;
  facet_counts: FacetCountsTable;
  facet_cells: FacetCellsTable;
  facet_cell_months: FacetCellMonthsTable;
  cell_month_counts: CellMonthCountsTable;
  facet_days: FacetDaysTable;
  figures: FiguresTable;
  event_words: EventWordsTable;
}

/**
 * One row per claimed figure with its claim's publication date and its event's filter columns, kept by
 * triggers (migration 2025-01-08): the estimates view's latest figures and series under dates, kinds,
 * statuses and a box.
 */
export interface FiguresTable {
  quantity_id: string;
  claim_id: string;
  event_id: string;
  position: number;
  measure: string;
  subject: string;
  subject_key: string;
  published_at: string;
  live: boolean;
  start_date: string;
  span_end: string;
  kind: string;
  status: string;
  lon: number | null;
  lat: number | null;
}

/**
 * Each live event's full-text document with its dates, kind, status and place, kept by triggers on events
 * (migration 2025-01-12): a text query's aggregates read the matches from these narrow rows.
 */
export interface EventWordsTable {
  event_id: string;
  search: string;
  start_date: string;
  span_end: string;
  kind: string;
  status: string;
  lon: number | null;
  lat: number | null;
}

/** Live events per facet value, kind and status; kept by triggers through event_links (migration 2024-12-29). */
export interface FacetCountsTable {
  dim: 'all' | 'source' | 'actor' | 'tag';
  value: string;
  kind: string;
  status: string;
  n: number;
}

/** Live one-day events per source, actor or tag and day, with a column per kind and per status (migration 2025-01-06). */
export type FacetDaysTable = {
  dim: 'source' | 'actor' | 'tag';
  day: string;
  value: string;
  n: number;
} & { [K in `kind_${EventKind}` | `status_${EventStatus}`]: number };

/** Live located one-month events per map cell (levels 10, 12) and month, with a column per kind and per status (migration 2025-01-05). */
export type CellMonthCountsTable = {
  level: number;
  month: string;
  cy: number;
  cx: number;
  n: number;
} & { [K in `kind_${EventKind}` | `status_${EventStatus}`]: number };

/** facet_cells by calendar month, for the events whose span lies in one month (levels 10, 12; migration 2025-01-05). */
export interface FacetCellMonthsTable {
  dim: 'source' | 'actor' | 'tag';
  level: number;
  month: string;
  cy: number;
  cx: number;
  value: string;
  n: number;
}

/**
 * Live located events per source, actor or tag and map cell (levels 8, 10, 12); kept by triggers on event_links
 * (migration 2025-01-03), with their counts per kind (kind_<kind>) and per status (status_<status>) (migration 2025-01-04).
 */
export type FacetCellsTable = {
  dim: 'source' | 'actor' | 'tag';
  level: number;
  cy: number;
  cx: number;
  value: string;
  n: number;
} & { [K in `kind_${EventKind}` | `status_${EventStatus}`]: number };

/** Live events per start date, end of span, kind and status; kept by a trigger (migration 2024-12-23). */
export interface EventCountsTable {
  start_date: DateString;
  span_end: DateString;
  kind: string;
  status: string;
  n: number;
}

export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;
export type SourceRow = Selectable<SourcesTable>;
export type ActorRow = Selectable<ActorsTable>;
export type UserRow = Selectable<UsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
