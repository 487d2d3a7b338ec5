import type { ActorRecord, PreparedEvent } from '../repositories/import.js';
import type { InterchangeSource } from './event.js';

/** The revision's snapshot: the event as GET /api/events/:id shows it, with deletedAt and the kept attributes. */
export function revisionSnapshot(p: PreparedEvent, sources: Map<string, InterchangeSource>, actorById: (id: string) => ActorRecord) {
  const e = p.input;
  const actors = e.actors
    .map((a) => {
      const actor = actorById(a.actorId);
      return { id: actor.id, name: actor.name, kind: actor.kind, role: a.role };
    })
    .sort((a, b) => (a.role === b.role ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.role < b.role ? -1 : 1));
  return {
    id: p.id,
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
    status: e.statusOverride ?? p.derivedStatus,
    derivedStatus: p.derivedStatus,
    tags: e.tags,
    claimCount: e.claims.length,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
    statusOverride: e.statusOverride,
    statusReason: e.statusReason,
    externalSource: e.externalSource,
    externalId: e.externalId,
    createdAt: p.createdAt.toISOString(),
    deletedAt: null,
    claims: p.input.claims.map((c, i) => ({
      id: c.id,
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
      source: sources.get(c.sourceId)!,
      quantities: c.quantities.map((q, j) => ({ id: p.quantityIds[i]![j]!, ...q })),
    })),
    actors,
    attributes: p.attributes,
  };
}
