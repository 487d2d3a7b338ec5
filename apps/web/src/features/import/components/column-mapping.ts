import type { ImportFormat } from '@claimline/shared/interchange';

/**
 * Where each column of a file goes in the model, as docs/INTERCHANGE.md
 * documents it: the import page shows it for the file's own header, so an
 * analyst sees before importing what becomes of every column. A column not
 * listed is kept with the event as it is (nothing in a file is dropped).
 */
const ACLED: Record<string, string> = {
  event_id_cnty: 'external id (acled:…); required',
  event_date: 'start date; required',
  year: 'checked against event_date',
  time_precision: 'date precision (1 day, 2 week, 3 month)',
  disorder_type: 'kind (the cell is kept)',
  event_type: 'kind (the cell is kept); required',
  sub_event_type: 'kind and title (the cell is kept)',
  actor1: 'actor, role subject',
  assoc_actor_1: 'actors, role subject',
  actor2: 'actor, role target',
  assoc_actor_2: 'actors, role target',
  inter1: "the actor's kind on creation; kept",
  inter2: "the actor's kind on creation; kept",
  iso: 'country (ISO alpha-3); kept',
  iso3: 'country, when iso is absent; kept',
  region: 'kept',
  country: 'country, when no code is given; kept',
  admin1: 'region (admin 1)',
  admin2: 'district (admin 2)',
  location: 'place, and the title',
  latitude: 'latitude',
  longitude: 'longitude',
  geo_precision: 'place precision (1 near, 2 district, 3 region)',
  source: "the claim's attributed-to and origin",
  notes: "the claim's quote",
  fatalities: 'figure: killed of all sides (best)',
  tags: 'tags',
  timestamp: 'kept; decides which release is newer',
};

const UCDP: Record<string, string> = {
  id: 'external id (ucdp:…); required',
  type_of_violence: 'kind',
  date_start: 'start date; required',
  date_end: 'end date',
  date_prec: 'date precision',
  where_coordinates: 'place',
  where_description: 'place (else) and the title',
  dyad_name: 'title',
  adm_1: 'region (admin 1)',
  adm_2: 'district (admin 2)',
  iso3: 'country',
  latitude: 'latitude',
  longitude: 'longitude',
  where_prec: 'place precision',
  side_a: 'actor, role subject',
  side_b: 'actor, role target',
  source_office: "the claim's attributed-to",
  source_original: "the claim's origin",
  source_headline: "the claim's quote",
  source_date: "the claim's publication date",
  event_clarity: "the claim's credibility",
  low: 'figure: killed of all sides (low)',
  best: 'figure: killed of all sides (best); required',
  high: 'figure: killed of all sides (high)',
  deaths_a: 'figure: killed of side A',
  deaths_b: 'figure: killed of side B',
  deaths_civilians: 'figure: killed of civilians',
  deaths_unknown: 'figure: killed, side unknown',
};

const NATIVE_DERIVED = ['status', 'derived_status', 'claim_count', 'sources', 'claims', 'quantities', 'actors'];
const NATIVE: Record<string, string> = {
  id: 'event id (a row without one is a new event)',
  claims_json: 'claims with their sources and figures; required',
  actors_json: 'actors with their roles',
  attributes: 'kept columns of an earlier import',
  version: 'checked: an older row than the stored event is refused',
  start_date: 'start date; required',
  kind: 'kind; required',
  title: 'title; required',
  ...Object.fromEntries(NATIVE_DERIVED.map((c) => [c, 'derived again, not read'])),
};

const TABLES: Record<ImportFormat, Record<string, string>> = { acled: ACLED, ucdp: UCDP, native: NATIVE };

export type ColumnMapping = { column: string; target: string; kept: boolean };

export function mapColumns(format: ImportFormat, header: string[]): ColumnMapping[] {
  const table = TABLES[format];
  return header.map((column) => {
    const key = column.trim().toLowerCase();
    const target = table[key] ?? (format === 'native' ? `${key.replace(/_/g, ' ')}` : null);
    return target ? { column, target, kept: false } : { column, target: 'no home in the model: kept with the event as written', kept: true };
  });
}

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  native: 'Claimline native CSV',
  acled: 'ACLED',
  ucdp: 'UCDP GED',
};
