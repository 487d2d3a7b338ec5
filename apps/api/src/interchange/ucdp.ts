import type { DatePrecision, EventKind, GeoPrecision } from '@claimline/shared/vocabulary';
import { fit, readCoordinatePair, readCount, readDate } from './cells.js';
import { ImportFileError } from './csv-input.js';
import type { ActorKind, Draft, DraftQuantity, FormatReader, SourceSpec } from './draft.js';
import { trimmedOrNull } from './draft.js';

/**
 * UCDP GED → Claimline (docs/INTERCHANGE.md has the tables). A row is an
 * event with one claim, whose source is the UCDP GED dataset, attributed to
 * the outlets UCDP names (`source_office`), its origin the original source
 * (`source_original`), quoting the headlines (`source_headline`). The
 * deaths are killed figures: the total with UCDP's low, best and high, and
 * one per side, civilians and unknown. Every cell of the row (but the id,
 * which is the event's external id) is kept in the event's attributes
 * under `ucdp`, exactly as published.
 */

export const UCDP_SOURCE: SourceSpec = {
  id: null,
  name: 'UCDP GED',
  kind: 'dataset',
  country: null,
  homepage: 'https://ucdp.uu.se',
  reliability: 'F',
  partyToConflict: false,
  notes: 'Uppsala Conflict Data Program, Georeferenced Event Dataset (CC BY 4.0). Created by the importer for rows of UCDP files; its reliability is for an editor to grade.',
};

export const NO_HEADLINE = '(no headline in the UCDP row)';

const DATE_PRECISION: Record<string, DatePrecision> = { '1': 'day', '2': 'week', '3': 'week', '4': 'month', '5': 'year' };
const WHERE_PRECISION: Record<string, GeoPrecision> = {
  '1': 'exact',
  '2': 'near',
  '3': 'district',
  '4': 'region',
  '5': 'region',
  '6': 'country',
  '7': 'country',
};
const VIOLENCE_KIND: Record<string, EventKind> = { '1': 'engagement', '2': 'engagement', '3': 'other' };
const CREDIBILITY_BY_CLARITY: Record<string, number> = { '1': 2, '2': 3 };
const REQUIRED = ['id', 'date_start', 'best'] as const;

export function looksLikeUcdp(header: string[]): boolean {
  const names = new Set(header.map((h) => h.toLowerCase()));
  return names.has('id') && names.has('best') && (names.has('relid') || names.has('where_prec')) && names.has('date_start');
}

function actorKind(name: string): ActorKind {
  if (/^government of /i.test(name)) return 'state';
  return 'group';
}

const distinct = (items: string[]) => [...new Set(items.map((s) => s.trim()).filter(Boolean))];

export function ucdpReader(header: string[]): FormatReader {
  const named = new Map<string, string>();
  for (const h of header) named.set(h.toLowerCase(), h);
  for (const column of REQUIRED) {
    if (!named.has(column)) {
      throw new ImportFileError(400, { row: 1, column, value: null, message: `the UCDP column "${column}" is missing from the header row` });
    }
  }
  const col = (name: string) => named.get(name) ?? name;
  const columnForField: Record<string, string> = {
    kind: 'type_of_violence',
    title: 'dyad_name',
    startDate: 'date_start',
    endDate: 'date_end',
    datePrecision: 'date_prec',
    placeName: 'where_coordinates',
    admin1: 'adm_1',
    admin2: 'adm_2',
    country: 'iso3',
    lat: 'latitude',
    lon: 'longitude',
    geoPrecision: 'where_prec',
    externalId: 'id',
    actors: 'side_a',
  };
  const columnForClaim: Record<string, string> = {
    attributedTo: 'source_office',
    origin: 'source_original',
    quote: 'source_headline',
    publishedAt: 'source_date',
    credibility: 'event_clarity',
    quantities: 'best',
  };

  return {
    format: 'ucdp',
    update: {
      kind: 'dataset',
      source: UCDP_SOURCE,
      owns: ['kind', 'startDate', 'endDate', 'datePrecision', 'placeName', 'admin1', 'admin2', 'country', 'lat', 'lon', 'geoPrecision', 'externalSource', 'externalId'],
    },
    isHeaderLike: (fields) => fields.some((f) => f.trim() !== '') && fields.every((f) => f.trim() === '' || f.trim().startsWith('#')),
    columnFor(path) {
      const [head, , field] = path;
      const name = head === 'claims' ? columnForClaim[String(field)] : columnForField[String(head)];
      return name ? col(name) : null;
    },
    toDraft(cells, p) {
      const get = (name: string) => cells[col(name)] ?? '';
      const has = (name: string) => named.has(name);

      const id = get('id').trim();
      if (!id) p.error(col('id'), 'is empty: every UCDP row needs its id');
      else if (id.length > 200) p.error(col('id'), 'is longer than 200 characters');

      const start = readDate(get('date_start'), { allowTime: true });
      if (!start.ok) p.error(col('date_start'), start.message);
      let endDate: string | null = null;
      if (has('date_end') && get('date_end').trim() !== '') {
        const end = readDate(get('date_end'), { allowTime: true });
        if (!end.ok) p.error(col('date_end'), end.message);
        else if (start.ok && end.value < start.value) p.error(col('date_end'), `is before date_start (${start.value})`);
        else if (start.ok && end.value !== start.value) endDate = end.value;
      }

      let datePrecision: DatePrecision = 'day';
      if (has('date_prec')) {
        const precision = DATE_PRECISION[get('date_prec').trim()];
        if (!precision) p.error(col('date_prec'), 'must be 1 to 5 (exact day … within a year)');
        else datePrecision = precision;
      }

      const { lat: latValue, lon: lonValue } = readCoordinatePair(get('latitude'), get('longitude'), { lat: col('latitude'), lon: col('longitude') }, p);
      let geoPrecision: GeoPrecision | null = null;
      if (latValue !== null) {
        geoPrecision = WHERE_PRECISION[get('where_prec').trim()] ?? null;
        if (!geoPrecision) p.error(col('where_prec'), 'must be 1 to 7 (exact location … country, sea or air) where there are coordinates');
      }

      const violence = get('type_of_violence').trim();
      let kind = VIOLENCE_KIND[violence];
      if (!kind) {
        kind = 'other';
        if (has('type_of_violence')) p.warn(col('type_of_violence'), 'is not 1, 2 or 3: imported as kind "other"');
      }

      const iso3 = get('iso3').trim().toUpperCase();
      const country = /^[A-Z]{3}$/.test(iso3) ? iso3 : null;

      // Deaths: the total as UCDP published it, kept whole, and an honest interval for the model.
      const counts: Record<'low' | 'best' | 'high', number | null> = { low: null, best: null, high: null };
      for (const name of ['low', 'best', 'high'] as const) {
        const read = readCount(get(name));
        if (!read.ok) p.error(col(name), read.message);
        else counts[name] = read.value;
      }
      const quantities: DraftQuantity[] = [];
      const { low, best, high } = counts;
      if (low !== null || best !== null || high !== null) {
        const given = [low, best, high].filter((n): n is number => n !== null);
        const lo = low === null ? null : Math.min(...given);
        const hi = high === null ? null : Math.max(...given);
        if (lo !== low || hi !== high) {
          p.warn(
            col(hi !== high ? 'high' : 'low'),
            `UCDP published low ${low ?? '–'}, best ${best ?? '–'}, high ${high ?? '–'}, out of order: stored as the interval ${lo ?? '–'}–${hi ?? '–'} (best ${best ?? '–'}); the published values are kept in the event's attributes`,
            `${low ?? ''}/${best ?? ''}/${high ?? ''}`,
          );
        }
        quantities.push({ id: null, measure: 'killed', subject: 'all sides', low: lo, best, high: hi, phrase: null });
      }
      const sideA = get('side_a').trim();
      const sideB = get('side_b').trim();
      for (const [column, subject] of [
        ['deaths_a', sideA || 'side A'],
        ['deaths_b', sideB || 'side B'],
        ['deaths_civilians', 'civilians'],
        ['deaths_unknown', 'unknown'],
      ] as const) {
        if (!has(column)) continue;
        const read = readCount(get(column));
        if (!read.ok) p.error(col(column), read.message);
        else if (read.value !== null) quantities.push({ id: null, measure: 'killed', subject: fit(subject, 120).text, low: null, best: read.value, high: null, phrase: null });
      }

      const actors: Draft['actors'] = [];
      for (const [column, name, role] of [
        ['side_a', sideA, 'subject'],
        ['side_b', sideB, 'target'],
      ] as const) {
        if (!name) continue;
        if (name.length > 200) p.error(col(column), 'names an actor longer than 200 characters');
        else actors.push({ actor: { id: null, name, kind: actorKind(name), country: null }, role });
      }

      const offices = distinct(get('source_office').split(';'));
      const attributed = offices.length > 0 ? fit(offices.join('; '), 300) : null;
      if (attributed?.cut) p.warn(col('source_office'), 'names more than 300 characters of outlets: the claim names the first 300, the cell is kept whole');
      const original = trimmedOrNull(get('source_original'));
      const origin = fit(original ?? attributed?.text ?? 'UCDP GED', 300);
      if (original && origin.cut) p.warn(col('source_original'), 'is longer than 300 characters: the claim’s origin is its first 300, the cell is kept whole');
      const headline = fit(get('source_headline').trim() || NO_HEADLINE, 10_000);
      const sourceDates = get('source_date')
        .split(';')
        .map((d) => readDate(d, { allowTime: true }))
        .filter((d): d is { ok: true; value: string } => d.ok)
        .map((d) => d.value)
        .sort();
      const published = sourceDates[0] ?? endDate ?? (start.ok ? start.value : '');

      // where_coordinates names the place the coordinates stand for; where_description says more, in words.
      const placeCell = get('where_coordinates').trim() || get('where_description').trim();
      const place = fit(placeCell, 200);
      if (place.cut) p.warn(col(get('where_coordinates').trim() ? 'where_coordinates' : 'where_description'), 'is longer than 200 characters: the place name is its first 200, the cell is kept whole');
      const where = get('where_description').trim() || place.text || trimmedOrNull(get('adm_1')) || trimmedOrNull(get('country')) || country;
      const dyad = get('dyad_name').trim() || [sideA, sideB].filter(Boolean).join(' – ') || 'UCDP event';

      if (!start.ok || !id) return null;

      const attributes: Record<string, string> = {};
      for (const [name, original] of named) if (name !== 'id') attributes[name] = cells[original] ?? '';

      return {
        row: p.row,
        id: null,
        version: null,
        createdAt: null,
        updatedAt: null,
        fields: {
          kind,
          title: fit(where ? `${dyad}: ${where}` : dyad, 300).text,
          summary: null,
          startDate: start.value,
          endDate,
          datePrecision,
          placeName: place.text || null,
          admin1: trimmedOrNull(get('adm_1')),
          admin2: trimmedOrNull(get('adm_2')),
          country,
          lat: latValue,
          lon: lonValue,
          geoPrecision,
          tags: [],
          statusOverride: null,
          statusReason: null,
          externalSource: 'ucdp',
          externalId: id,
        },
        actors,
        claims: [
          {
            id: null,
            source: UCDP_SOURCE,
            attributedTo: attributed?.text ?? null,
            origin: origin.text,
            stance: 'asserts',
            publishedAt: published,
            publishedPrecision: 'day',
            url: null,
            archivedUrl: null,
            quote: headline.text,
            credibility: CREDIBILITY_BY_CLARITY[get('event_clarity').trim()] ?? 6,
            retracted: false,
            note: null,
            quantities,
          },
        ],
        attributes: { ucdp: attributes },
        freshness: null,
      };
    },
  };
}
