import type { DatePrecision, EventKind, EventStatus, GeoPrecision, Measure, Reliability, SourceKind, Stance } from '@claimline/shared/vocabulary';
import type { InterchangeRow } from '../repositories/export.js';

/**
 * An event as every file layout sees it: all its fields, its actors, and its
 * claims with their sources and quantities. Exports map it to rows; the
 * importer builds one from each row of a file and compares it with the
 * stored one.
 */

export type InterchangeSource = {
  id: string;
  name: string;
  kind: SourceKind;
  country: string | null;
  homepage: string | null;
  reliability: Reliability;
  partyToConflict: boolean;
  notes: string | null;
};

export type InterchangeQuantity = {
  id: string;
  measure: Measure;
  subject: string;
  low: number | null;
  best: number | null;
  high: number | null;
  phrase: string | null;
};

export type InterchangeClaim = {
  id: string;
  /** Passes the claim-level filters of the export (always true on import). */
  selected: boolean;
  source: InterchangeSource;
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
  quantities: InterchangeQuantity[];
};

export type InterchangeActor = { id: string; name: string; kind: string; country: string | null; role: 'subject' | 'target' };

export type InterchangeEvent = {
  id: string;
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
  status: EventStatus;
  derivedStatus: EventStatus;
  statusOverride: EventStatus | null;
  statusReason: string | null;
  tags: string[];
  externalSource: string | null;
  externalId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  attributes: Record<string, unknown>;
  /** In the database's order: role, then name. */
  actors: InterchangeActor[];
  /** In position order. */
  claims: InterchangeClaim[];
};

/** An instant as ISO 8601 UTC with milliseconds, from a Date or the text of one. */
export const instant = (t: Date | string) => (t instanceof Date ? t : new Date(t)).toISOString();

export function rowToInterchangeEvent(r: InterchangeRow): InterchangeEvent {
  return {
    id: r.id,
    kind: r.kind as EventKind,
    title: r.title,
    summary: r.summary,
    startDate: r.start_date,
    endDate: r.end_date,
    datePrecision: r.date_precision as DatePrecision,
    placeName: r.place_name,
    admin1: r.admin1,
    admin2: r.admin2,
    country: r.country,
    lat: r.lat,
    lon: r.lon,
    geoPrecision: r.geo_precision as GeoPrecision | null,
    status: r.status as EventStatus,
    derivedStatus: r.derived_status as EventStatus,
    statusOverride: r.status_override as EventStatus | null,
    statusReason: r.status_reason,
    tags: r.tags,
    externalSource: r.external_source,
    externalId: r.external_id,
    version: r.version,
    createdAt: instant(r.created_at),
    updatedAt: instant(r.updated_at),
    deletedAt: r.deleted_at === null ? null : instant(r.deleted_at),
    attributes: r.attributes ?? {},
    actors: r.actors.map((a) => ({ id: a.id, name: a.name, kind: a.kind, country: a.country, role: a.role })),
    claims: r.claims.map((c) => ({
      id: c.id,
      selected: c.selected,
      source: c.source,
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
      quantities: c.quantities,
    })),
  };
}

const RELIABILITY_ORDER = ['A', 'B', 'C', 'D', 'E', 'F'];

/** What the fatalities rule and the outlets read of a claim: a stored claim, or a claim of a row being imported. */
export type ClaimView = {
  source: { name: string; kind: string; reliability: string };
  attributedTo: string | null;
  stance: string;
  retracted: boolean;
  credibility: number;
  quantities: { measure: string; best: number | null }[];
};

/**
 * ACLED's `fatalities` from our claims: the best killed figure of the most
 * reliable claim that states one. "Most reliable" is the source's
 * reliability (A first), then the claim's credibility (1 first), then the
 * claim's position. Only claims still standing that assert or confirm count;
 * of that claim, the first killed quantity with a best value. Null when no
 * claim states a killed figure (never a made-up 0).
 */
export function fatalitiesOf(e: { claims: ClaimView[] }): number | null {
  let chosen: { rank: number[]; best: number } | null = null;
  e.claims.forEach((c, position) => {
    if (c.retracted || (c.stance !== 'asserts' && c.stance !== 'confirms')) return;
    const killed = c.quantities.find((q) => q.measure === 'killed' && q.best !== null);
    if (!killed) return;
    const rank = [RELIABILITY_ORDER.indexOf(c.source.reliability), c.credibility, position];
    if (!chosen || compareRanks(rank, chosen.rank) < 0) chosen = { rank, best: killed.best! };
  });
  return (chosen as { best: number } | null)?.best ?? null;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * The outlets behind an event's claims, in claim order, each once: a
 * dataset's claim (ACLED, UCDP) names the outlets it relied on in
 * `attributedTo`; any other claim's outlet is its source.
 */
export function outletsOf(e: { claims: ClaimView[] }): string[] {
  const out: string[] = [];
  for (const c of e.claims) {
    const names = c.source.kind === 'dataset' ? (c.attributedTo ? [c.attributedTo] : []) : [c.source.name];
    for (const n of names) if (!out.includes(n)) out.push(n);
  }
  return out;
}

export const actorNames = (e: Pick<InterchangeEvent, 'actors'>, role: 'subject' | 'target') =>
  e.actors.filter((a) => a.role === role).map((a) => a.name);
