/**
 * The controlled vocabularies of Claimline. Defined once here; the database
 * constraints in migrations/ repeat them as CHECKs so that bad data cannot be
 * stored even by a bug in the API.
 */

export const EVENT_KINDS = [
  'deployment',
  'engagement',
  'strike',
  'casualty_report',
  'statement',
  'movement',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const DATE_PRECISIONS = ['day', 'week', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** From most to least precise. The map draws every level but `exact` as an area. */
export const GEO_PRECISIONS = ['exact', 'near', 'district', 'region', 'country'] as const;
export type GeoPrecision = (typeof GEO_PRECISIONS)[number];

export const STANCES = [
  'asserts',
  'confirms',
  'denies',
  'declines_to_comment',
  'cannot_confirm',
] as const;
export type Stance = (typeof STANCES)[number];

export const EVENT_STATUSES = [
  'single_source',
  'corroborated',
  'contested',
  'denied',
  'retracted',
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * What a quantity counts. `casualties` is "killed and wounded" as a source
 * reported them together ("casualties in the hundreds"); it is recorded as
 * said and never computed from, or split into, killed and wounded.
 */
export const MEASURES = ['killed', 'wounded', 'casualties', 'captured', 'missing', 'deployed'] as const;
export type Measure = (typeof MEASURES)[number];

/** Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITIES)[number];

/** Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export const CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITIES)[number];

export const SOURCE_KINDS = [
  'wire',
  'newspaper',
  'broadcaster',
  'government',
  'military',
  'ngo',
  'social_media',
  'osint',
  'dataset',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const ACTOR_ROLES = ['subject', 'target'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const TIMELINE_BUCKETS = ['day', 'week', 'month'] as const;
export type TimelineBucket = (typeof TIMELINE_BUCKETS)[number];

export const TIMELINE_STACKS = ['kind', 'status'] as const;
export type TimelineStack = (typeof TIMELINE_STACKS)[number];

export const KIND_LABELS: Record<EventKind, string> = {
  deployment: 'Deployment',
  engagement: 'Engagement',
  strike: 'Strike',
  casualty_report: 'Casualty report',
  statement: 'Statement',
  movement: 'Movement',
  other: 'Other',
};

export const STATUS_LABELS: Record<EventStatus, string> = {
  single_source: 'Single source',
  corroborated: 'Corroborated',
  contested: 'Contested',
  denied: 'Denied',
  retracted: 'Retracted',
};

export const STANCE_LABELS: Record<Stance, string> = {
  asserts: 'asserts',
  confirms: 'confirms',
  denies: 'denies',
  declines_to_comment: 'declines to comment',
  cannot_confirm: 'cannot confirm',
};

export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

export const CREDIBILITY_LABELS: Record<Credibility, string> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};

export const GEO_PRECISION_LABELS: Record<GeoPrecision, string> = {
  exact: 'exact location',
  near: 'near the named place',
  district: 'somewhere in the district',
  region: 'somewhere in the region',
  country: 'somewhere in the country',
};

/** Radius in metres the map uses to draw a place of this precision as an area. */
export const GEO_PRECISION_RADIUS_M: Record<GeoPrecision, number> = {
  exact: 0,
  near: 5_000,
  district: 20_000,
  region: 80_000,
  country: 400_000,
};
