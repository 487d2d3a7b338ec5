import { CLAIM_COLUMNS, NATIVE_COLUMNS } from '@claimline/shared/interchange';
import { CsvField } from '../lib/csv.js';
import type { NativeExportRow } from '../repositories/export.js';
import { type InterchangeEvent, instant } from './event.js';

/**
 * The native layout, one row per event: readable summaries for people
 * (`actors`, `claims`, `quantities`, …) and the same at full fidelity for
 * machines (`actors_json`, `claims_json`, `attributes`); and the claims
 * layout. Import (native-import.ts) reads only
 * the fields and the JSON columns (the summaries are derived), keeps ids,
 * versions and instants, so that native export → import into an empty
 * database → native export gives the same bytes.
 *
 * The native row's summaries and JSON columns are rendered by the database
 * (nativeExportQuery in repositories/export.ts, which says how each reads):
 * a million events stream without turning every claim into objects and back.
 */

type Cell = string | number | boolean | null;
type NativeCell = Cell | CsvField;

export function nativeRow(r: NativeExportRow): Record<(typeof NATIVE_COLUMNS)[number], NativeCell> {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    start_date: r.start_date,
    end_date: r.end_date,
    date_precision: r.date_precision,
    place_name: r.place_name,
    admin1: r.admin1,
    admin2: r.admin2,
    country: r.country,
    lat: r.lat,
    lon: r.lon,
    geo_precision: r.geo_precision,
    status: r.status,
    derived_status: r.derived_status,
    status_override: r.status_override,
    status_reason: r.status_reason,
    tags: r.tags,
    actors: r.actors,
    claim_count: r.claim_count,
    sources: r.sources,
    claims: r.claims,
    quantities: r.quantities,
    external_source: r.external_source,
    external_id: r.external_id,
    version: r.version,
    created_at: instant(r.created_at),
    updated_at: instant(r.updated_at),
    attributes: JSON.stringify(r.attributes ?? {}),
    actors_json: new CsvField(r.actors_json_csv),
    claims_json: new CsvField(r.claims_json_csv),
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
