import { ACLED_COLUMNS, type AcledColumn } from '@claimline/shared/interchange';
import type { DatePrecision, EventKind, GeoPrecision } from '@claimline/shared/vocabulary';
import { countryByAlpha3, countryByName, countryByNumeric } from './countries.js';
import type { ActorKind, Draft, SourceSpec } from './draft.js';
import { type ClaimView, type InterchangeEvent, fatalitiesOf, outletsOf } from './event.js';

/**
 * ACLED ↔ Claimline, both ways (docs/INTERCHANGE.md has the tables): the
 * mapping and the export here, the reader of ACLED files in acled-import.ts.
 *
 * Import: a row is an event with one claim, whose source is the ACLED
 * dataset, attributed to the outlets ACLED names, quoting ACLED's notes,
 * with ACLED's fatalities as a killed figure of "all sides". Cells with no
 * home in the model, and cells our model holds in another form (a latitude
 * written 50.4500, the precise event type behind our kind), are kept in the
 * event's attributes under `acled`.
 *
 * Export: every cell is derived from the model, except where a kept cell
 * still says what the model says (then the cell as it came in): an
 * unedited imported row comes back as it came in, and an edited one says
 * what Claimline now holds.
 */

export const ACLED_SOURCE: SourceSpec = {
  id: null,
  name: 'ACLED',
  kind: 'dataset',
  country: null,
  homepage: 'https://acleddata.com',
  reliability: 'F',
  partyToConflict: false,
  notes: 'Armed Conflict Location & Event Data. Created by the importer for rows of ACLED files; its reliability is for an editor to grade.',
};

/** The subject of ACLED's fatalities: it counts every side together. */
export const ALL_SIDES = 'all sides';
/** The quote of a row whose notes are empty (a claim must quote something). */
export const NO_NOTES = '(no notes in the ACLED row)';

export const TIME_PRECISION: Record<string, DatePrecision> = { '1': 'day', '2': 'week', '3': 'month' };
const TIME_CODE: Record<DatePrecision, number> = { day: 1, week: 2, month: 3, year: 3 };
export const GEO_PRECISION: Record<string, GeoPrecision> = { '1': 'near', '2': 'district', '3': 'region' };
const GEO_CODE: Record<GeoPrecision, number> = { exact: 1, near: 1, district: 2, region: 3, country: 3 };

const SUB_EVENT_KIND: Record<string, EventKind> = {
  'armed clash': 'engagement',
  'government regains territory': 'engagement',
  'non-state actor overtakes territory': 'engagement',
  'chemical weapon': 'strike',
  'air/drone strike': 'strike',
  'suicide bomb': 'strike',
  'shelling/artillery/missile attack': 'strike',
  'remote explosive/landmine/ied': 'strike',
  grenade: 'strike',
  'sexual violence': 'other',
  attack: 'other',
  'abduction/forced disappearance': 'other',
  'peaceful protest': 'other',
  'protest with intervention': 'other',
  'excessive force against protesters': 'other',
  'excessive force against protestors': 'other',
  'violent demonstration': 'other',
  'mob violence': 'other',
  agreement: 'other',
  arrests: 'other',
  'change to group/activity': 'movement',
  'disrupted weapons use': 'other',
  'headquarters or base established': 'deployment',
  'looting/property destruction': 'other',
  'non-violent transfer of territory': 'movement',
  other: 'other',
};
const EVENT_TYPE_KIND: Record<string, EventKind> = {
  battles: 'engagement',
  'explosions/remote violence': 'strike',
  'violence against civilians': 'other',
  protests: 'other',
  riots: 'other',
  'strategic developments': 'other',
};
/** Our kind as ACLED's disorder type, event type and sub-event type. */
const KIND_TO_ACLED: Record<EventKind, [string, string, string]> = {
  engagement: ['Political violence', 'Battles', 'Armed clash'],
  strike: ['Political violence', 'Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  deployment: ['Strategic developments', 'Strategic developments', 'Headquarters or base established'],
  movement: ['Strategic developments', 'Strategic developments', 'Change to group/activity'],
  casualty_report: ['Strategic developments', 'Strategic developments', 'Other'],
  statement: ['Strategic developments', 'Strategic developments', 'Other'],
  other: ['Strategic developments', 'Strategic developments', 'Other'],
};

/** The kind an ACLED sub-event type (or, failing that, event type) stands for; null when neither is ACLED's. */
export function kindFromAcled(eventType: string, subEventType: string): EventKind | null {
  return SUB_EVENT_KIND[subEventType.trim().toLowerCase()] ?? EVENT_TYPE_KIND[eventType.trim().toLowerCase()] ?? null;
}

export function actorKindFromInter(inter: string, name: string): ActorKind {
  const v = inter.trim().toLowerCase();
  if (/^(military|police) forces of /i.test(name)) return 'armed_force';
  if (v === '1' || v.startsWith('state forces')) return 'armed_force';
  if (/^[2-7]$/.test(v) || /rebel|militia|rioter|protester|civilian/.test(v)) return 'group';
  return 'other';
}

export const splitList = (raw: string) =>
  raw
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** ACLED's `tags` as our tags: `;`-separated, each at most 64 characters (longer ones stay only in the kept cell). */
export function tagsFromCell(raw: string): string[] {
  return [...new Set(splitList(raw))].filter((t) => t.length <= 64);
}

/** The country an ACLED row is in, from `iso` (numeric), else `iso3` (older files), else the name. */
export function countryOfRow(iso: string, iso3: string, name: string): string | null {
  const byIso = countryByNumeric(iso);
  if (byIso) return byIso.alpha3;
  const code = iso3.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(code)) return code;
  return countryByName(name)?.alpha3 ?? null;
}

// ---- export ----------------------------------------------------------------

/** What an ACLED row is derived from: an event as exported, or a draft seen the same way. */
export type AcledView = Pick<
  InterchangeEvent,
  'id' | 'kind' | 'summary' | 'startDate' | 'datePrecision' | 'placeName' | 'admin1' | 'admin2' | 'country' | 'lat' | 'lon' | 'geoPrecision' | 'tags' | 'externalSource' | 'externalId'
> & {
  updatedAt: string | null;
  actors: { name: string; role: 'subject' | 'target' }[];
  claims: (ClaimView & { quote: string })[];
};

type Cell = string | number | null;
export type Kept = Record<string, string>;

const names = (e: AcledView, role: 'subject' | 'target') => e.actors.filter((a) => a.role === role).map((a) => a.name);
const sameSet = (a: string[], b: string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

/**
 * One ACLED column: its value from the model, and when a kept cell still
 * holds. `canon` says what the model makes of a cell (the kept cell stands
 * while canon(cell) equals the derived value); `holds` does the same for a
 * group of cells read together; a column with neither has no home in the
 * model, and its kept cell always stands.
 */
type ColumnSpec = {
  derive: (e: AcledView) => Cell;
  canon?: (raw: string) => string;
  group?: { columns: AcledColumn[]; holds: (kept: Kept, e: AcledView) => boolean };
  /** Never kept: the model holds the value exactly (ids, dates: exported as YYYY-MM-DD whatever came in). */
  derivedOnly?: boolean;
};

const typeGroup = {
  columns: ['disorder_type', 'event_type', 'sub_event_type'] as AcledColumn[],
  holds: (k: Kept, e: AcledView) => kindFromAcled(k.event_type ?? '', k.sub_event_type ?? '') === e.kind,
};
const sideGroup = (actor: AcledColumn, assoc: AcledColumn, role: 'subject' | 'target') => ({
  columns: [actor, assoc],
  holds: (k: Kept, e: AcledView) => sameSet([...new Set([...splitList(k[actor] ?? ''), ...splitList(k[assoc] ?? '')])], names(e, role)),
});
const countryGroup = {
  columns: ['iso', 'region', 'country'] as AcledColumn[],
  holds: (k: Kept, e: AcledView) => countryOfRow(k.iso ?? '', k.iso3 ?? '', k.country ?? '') === e.country,
};
const text = (pick: (e: AcledView) => string | null): ColumnSpec => ({ derive: pick, canon: (raw) => raw.trim() });

export const COLUMNS: Record<AcledColumn, ColumnSpec> = {
  event_id_cnty: {
    derive: (e) => (e.externalSource === 'acled' ? e.externalId : e.externalSource ? `${e.externalSource}:${e.externalId}` : e.id),
    derivedOnly: true,
  },
  event_date: { derive: (e) => e.startDate, derivedOnly: true },
  year: { derive: (e) => Number(e.startDate.slice(0, 4)), derivedOnly: true },
  time_precision: { derive: (e) => TIME_CODE[e.datePrecision], canon: (raw) => String(TIME_CODE[TIME_PRECISION[raw.trim()] ?? 'day']) },
  disorder_type: { derive: (e) => KIND_TO_ACLED[e.kind][0], group: typeGroup },
  event_type: { derive: (e) => KIND_TO_ACLED[e.kind][1], group: typeGroup },
  sub_event_type: { derive: (e) => KIND_TO_ACLED[e.kind][2], group: typeGroup },
  actor1: { derive: (e) => names(e, 'subject')[0] ?? '', group: sideGroup('actor1', 'assoc_actor_1', 'subject') },
  assoc_actor_1: { derive: (e) => names(e, 'subject').slice(1).join('; '), group: sideGroup('actor1', 'assoc_actor_1', 'subject') },
  inter1: { derive: () => '' },
  actor2: { derive: (e) => names(e, 'target')[0] ?? '', group: sideGroup('actor2', 'assoc_actor_2', 'target') },
  assoc_actor_2: { derive: (e) => names(e, 'target').slice(1).join('; '), group: sideGroup('actor2', 'assoc_actor_2', 'target') },
  inter2: { derive: () => '' },
  interaction: { derive: () => '' },
  civilian_targeting: { derive: () => '' },
  iso: { derive: (e) => countryByAlpha3(e.country)?.numeric ?? '', group: countryGroup },
  region: { derive: (e) => countryByAlpha3(e.country)?.region ?? '', group: countryGroup },
  country: { derive: (e) => countryByAlpha3(e.country)?.name ?? e.country ?? '', group: countryGroup },
  admin1: text((e) => e.admin1 ?? ''),
  admin2: text((e) => e.admin2 ?? ''),
  admin3: { derive: () => '' },
  location: text((e) => e.placeName ?? ''),
  latitude: { derive: (e) => e.lat, canon: (raw) => (raw.trim() === '' ? '' : String(Number(raw))) },
  longitude: { derive: (e) => e.lon, canon: (raw) => (raw.trim() === '' ? '' : String(Number(raw))) },
  geo_precision: {
    derive: (e) => (e.geoPrecision ? GEO_CODE[e.geoPrecision] : ''),
    canon: (raw) => (GEO_PRECISION[raw.trim()] ? String(GEO_CODE[GEO_PRECISION[raw.trim()]!]) : raw.trim()),
  },
  source: text((e) => outletsOf(e).join('; ')),
  source_scale: { derive: () => '' },
  notes: { derive: (e) => e.summary ?? e.claims[0]?.quote ?? '', canon: (raw) => raw.trim() || NO_NOTES },
  fatalities: {
    derive: (e) => fatalitiesOf(e),
    canon: (raw) => (/^\s*\d+\s*$/.test(raw) ? String(Number(raw)) : raw.trim()),
  },
  tags: { derive: (e) => e.tags.join('; '), canon: (raw) => tagsFromCell(raw).join('; ') },
  timestamp: { derive: (e) => (e.updatedAt ? Math.floor(Date.parse(e.updatedAt) / 1000) : '') },
};

export const asText = (c: Cell) => (c === null ? '' : String(c));

function keptOf(attributes: Record<string, unknown>): Kept {
  const acled = attributes.acled;
  return acled && typeof acled === 'object' ? (acled as Kept) : {};
}

/** An event as ACLED's 31 columns. */
export function acledRow(e: InterchangeEvent): Record<AcledColumn, Cell> {
  const kept = keptOf(e.attributes);
  const row = {} as Record<AcledColumn, Cell>;
  for (const column of ACLED_COLUMNS) {
    const spec = COLUMNS[column];
    const derived = spec.derive(e);
    const raw = kept[column];
    if (spec.derivedOnly || raw === undefined) row[column] = derived;
    else if (spec.group) row[column] = spec.group.holds(kept, e) ? raw : derived;
    else if (!spec.canon) row[column] = raw;
    else row[column] = spec.canon(raw) === asText(derived) ? raw : derived;
  }
  return row;
}

/** A draft as the export would see it once stored. */
export function draftView(d: Draft): AcledView {
  return {
    id: '',
    kind: d.fields.kind as EventKind,
    summary: d.fields.summary,
    startDate: d.fields.startDate,
    datePrecision: d.fields.datePrecision as DatePrecision,
    placeName: d.fields.placeName,
    admin1: d.fields.admin1,
    admin2: d.fields.admin2,
    country: d.fields.country,
    lat: d.fields.lat,
    lon: d.fields.lon,
    geoPrecision: d.fields.geoPrecision as GeoPrecision | null,
    tags: d.fields.tags,
    externalSource: d.fields.externalSource,
    externalId: d.fields.externalId,
    updatedAt: null,
    actors: d.actors.map((a) => ({ name: a.actor.name, role: a.role })),
    claims: d.claims.map((c) => ({
      source: c.source,
      attributedTo: c.attributedTo,
      quote: c.quote,
      stance: c.stance,
      retracted: c.retracted,
      credibility: c.credibility,
      quantities: c.quantities,
    })),
  };
}
