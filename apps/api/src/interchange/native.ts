import { CLAIM_COLUMNS, NATIVE_COLUMNS } from '@claimline/shared/interchange';
import { STANCE_LABELS } from '@claimline/shared/vocabulary';
import type { InterchangeEvent } from './event.js';

/**
 * The native layout, one row per event: readable summaries for people
 * (`actors`, `claims`, `quantities`, …) and the same at full fidelity for
 * machines (`actors_json`, `claims_json`, `attributes`); and the claims
 * layout. Import (native-import.ts) reads only
 * the fields and the JSON columns (the summaries are derived), keeps ids,
 * versions and instants, so that native export → import into an empty
 * database → native export gives the same bytes.
 */

type Cell = string | number | boolean | null;

function claimsSummary(e: InterchangeEvent): string {
  return e.claims
    .map(
      (c) =>
        `${c.source.name} [${c.source.reliability}${c.credibility}]` +
        (c.attributedTo ? ` — ${c.attributedTo}` : '') +
        ` — ${STANCE_LABELS[c.stance]} ${c.publishedAt}` +
        (c.retracted ? ' (retracted)' : '') +
        `: “${c.quote}”`,
    )
    .join(' | ');
}

function quantitiesSummary(e: InterchangeEvent): string {
  return e.claims
    .flatMap((c) =>
      c.quantities.map(
        (q) =>
          `${c.source.name}: ${q.measure} of ${q.subject} ${q.low ?? '?'}–${q.high ?? '?'}` +
          (q.best !== null ? ` (best ${q.best})` : '') +
          (q.phrase ? ` “${q.phrase}”` : ''),
      ),
    )
    .join(' | ');
}

/** The JSON of a claim in `claims_json`: every field, its source whole, its quantities with ids. */
function claimJson(c: InterchangeEvent['claims'][number]) {
  return {
    id: c.id,
    source: {
      id: c.source.id,
      name: c.source.name,
      kind: c.source.kind,
      country: c.source.country,
      homepage: c.source.homepage,
      reliability: c.source.reliability,
      partyToConflict: c.source.partyToConflict,
      notes: c.source.notes,
    },
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
    quantities: c.quantities.map((q) => ({ id: q.id, measure: q.measure, subject: q.subject, low: q.low, best: q.best, high: q.high, phrase: q.phrase })),
  };
}

export function nativeRow(e: InterchangeEvent): Record<(typeof NATIVE_COLUMNS)[number], Cell> {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    start_date: e.startDate,
    end_date: e.endDate,
    date_precision: e.datePrecision,
    place_name: e.placeName,
    admin1: e.admin1,
    admin2: e.admin2,
    country: e.country,
    lat: e.lat,
    lon: e.lon,
    geo_precision: e.geoPrecision,
    status: e.status,
    derived_status: e.derivedStatus,
    status_override: e.statusOverride,
    status_reason: e.statusReason,
    tags: e.tags.join('; '),
    actors: e.actors.map((a) => `${a.name} (${a.role})`).join('; '),
    claim_count: e.claims.length,
    sources: [...new Set(e.claims.map((c) => c.source.name))].join('; '),
    claims: claimsSummary(e),
    quantities: quantitiesSummary(e),
    external_source: e.externalSource,
    external_id: e.externalId,
    version: e.version,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    attributes: JSON.stringify(e.attributes),
    actors_json: JSON.stringify(e.actors.map((a) => ({ id: a.id, name: a.name, kind: a.kind, country: a.country, role: a.role }))),
    claims_json: JSON.stringify(e.claims.map(claimJson)),
  };
}

/**
 * The `claims` layout: one row per claimed quantity (a claim with none gets
 * one row with empty figures), only claims that pass the claim filters, so
 * that a pivot of measure × subject × source rebuilds the estimates view.
 */
export function claimRows(e: InterchangeEvent): Record<(typeof CLAIM_COLUMNS)[number], Cell>[] {
  const rows: Record<(typeof CLAIM_COLUMNS)[number], Cell>[] = [];
  e.claims.forEach((c, position) => {
    if (!c.selected) return;
    const base = {
      event_id: e.id,
      event_title: e.title,
      event_kind: e.kind,
      event_status: e.status,
      event_start_date: e.startDate,
      event_end_date: e.endDate,
      event_date_precision: e.datePrecision,
      event_place_name: e.placeName,
      event_admin1: e.admin1,
      event_admin2: e.admin2,
      event_country: e.country,
      event_lat: e.lat,
      event_lon: e.lon,
      event_geo_precision: e.geoPrecision,
      event_external_id: e.externalSource ? `${e.externalSource}:${e.externalId}` : null,
      claim_id: c.id,
      claim_position: position,
      source_id: c.source.id,
      source: c.source.name,
      source_kind: c.source.kind,
      reliability: c.source.reliability,
      party_to_conflict: c.source.partyToConflict,
      attributed_to: c.attributedTo,
      origin: c.origin,
      stance: c.stance,
      published_at: c.publishedAt,
      published_precision: c.publishedPrecision,
      credibility: c.credibility,
      retracted: c.retracted,
      url: c.url,
      archived_url: c.archivedUrl,
      quote: c.quote,
      note: c.note,
    };
    const none = { quantity_id: null, measure: null, subject: null, low: null, best: null, high: null, phrase: null };
    if (c.quantities.length === 0) rows.push({ ...base, ...none });
    for (const q of c.quantities) {
      rows.push({ ...base, quantity_id: q.id, measure: q.measure, subject: q.subject, low: q.low, best: q.best, high: q.high, phrase: q.phrase });
    }
  });
  return rows;
}
