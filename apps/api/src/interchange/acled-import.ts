import { ACLED_COLUMNS, type AcledColumn } from '@claimline/shared/interchange';
import type { DatePrecision, GeoPrecision } from '@claimline/shared/vocabulary';
import {
  ACLED_SOURCE,
  ALL_SIDES,
  COLUMNS,
  GEO_PRECISION,
  type Kept,
  NO_NOTES,
  TIME_PRECISION,
  actorKindFromInter,
  asText,
  countryOfRow,
  draftView,
  kindFromAcled,
  splitList,
  tagsFromCell,
} from './acled.js';
import { fit, readCoordinatePair, readCount, readDate } from './cells.js';
import { ImportFileError } from './csv-input.js';
import type { ActorSpec, Draft, FormatReader } from './draft.js';
import { trimmedOrNull } from './draft.js';

/**
 * Reading ACLED files: the current layout and the older ones (event_id_no_cnty,
 * iso3, data_id; "14 February 2019" dates; ally_actor_*), columns found by
 * name whatever their case. The mapping itself is in acled.ts.
 */

/** Older and upper-case headers name the same columns. */
const ALIASES: Record<string, string> = { ally_actor_1: 'assoc_actor_1', ally_actor_2: 'assoc_actor_2' };
const REQUIRED = ['event_id_cnty', 'event_date', 'event_type'] as const;

export function looksLikeAcled(header: string[]): boolean {
  const names = new Set(header.map((h) => h.toLowerCase()));
  return names.has('event_id_cnty') && names.has('event_date');
}

/** A reader for an ACLED file with this header; throws when a required column is missing. */
export function acledReader(header: string[]): FormatReader {
  // canonical name → the header as written
  const named = new Map<string, string>();
  for (const h of header) named.set(ALIASES[h.toLowerCase()] ?? h.toLowerCase(), h);
  for (const column of REQUIRED) {
    if (!named.has(column)) {
      throw new ImportFileError(400, { row: 1, column, value: null, message: `the ACLED column "${column}" is missing from the header row` });
    }
  }
  const col = (name: string) => named.get(name) ?? name;
  const known = new Set<string>([...ACLED_COLUMNS, 'iso3']);

  const columnForField: Record<string, string> = {
    kind: 'event_type',
    title: 'sub_event_type',
    startDate: 'event_date',
    datePrecision: 'time_precision',
    placeName: 'location',
    admin1: 'admin1',
    admin2: 'admin2',
    country: 'country',
    lat: 'latitude',
    lon: 'longitude',
    geoPrecision: 'geo_precision',
    tags: 'tags',
    externalId: 'event_id_cnty',
    actors: 'actor1',
  };
  const columnForClaim: Record<string, string> = {
    attributedTo: 'source',
    origin: 'source',
    quote: 'notes',
    publishedAt: 'timestamp',
    quantities: 'fatalities',
  };

  return {
    format: 'acled',
    update: {
      kind: 'dataset',
      source: ACLED_SOURCE,
      owns: ['kind', 'startDate', 'endDate', 'datePrecision', 'placeName', 'admin1', 'admin2', 'country', 'lat', 'lon', 'geoPrecision', 'tags', 'externalSource', 'externalId'],
    },
    columnFor(path) {
      const [head, , field] = path;
      const name = head === 'claims' ? columnForClaim[String(field)] : columnForField[String(head)];
      return name ? col(name) : null;
    },
    toDraft(cells, p) {
      const get = (name: string) => cells[col(name)] ?? '';
      const has = (name: string) => named.has(name);

      const eventId = get('event_id_cnty').trim();
      if (!eventId) p.error(col('event_id_cnty'), 'is empty: every ACLED row needs its event id');
      else if (eventId.length > 200) p.error(col('event_id_cnty'), 'is longer than 200 characters');

      const date = readDate(get('event_date'));
      if (!date.ok) p.error(col('event_date'), date.message);
      if (date.ok && has('year') && get('year').trim() !== '' && get('year').trim() !== date.value.slice(0, 4)) {
        p.error(col('year'), `says ${get('year').trim()} but event_date is in ${date.value.slice(0, 4)}`);
      }

      let datePrecision: DatePrecision = 'day';
      if (has('time_precision')) {
        const precision = TIME_PRECISION[get('time_precision').trim()];
        if (!precision) p.error(col('time_precision'), 'must be 1 (day), 2 (week) or 3 (month)');
        else datePrecision = precision;
      }

      const eventType = get('event_type').trim();
      const subEventType = get('sub_event_type').trim();
      let kind = kindFromAcled(eventType, subEventType);
      if (!kind) {
        kind = 'other';
        p.warn(col(has('sub_event_type') ? 'sub_event_type' : 'event_type'), 'is not one of ACLED’s event types: imported as kind "other", the cell kept as given', subEventType || eventType);
      }

      const { lat: latValue, lon: lonValue } = readCoordinatePair(get('latitude'), get('longitude'), { lat: col('latitude'), lon: col('longitude') }, p);
      let geoPrecision: GeoPrecision | null = null;
      if (latValue !== null) {
        geoPrecision = GEO_PRECISION[get('geo_precision').trim()] ?? null;
        if (!geoPrecision) p.error(col('geo_precision'), 'must be 1 (town), 2 (near a town or part of a region) or 3 (region) where there are coordinates');
      }

      const country = countryOfRow(get('iso'), get('iso3'), get('country'));
      if (country === null && (get('country').trim() || get('iso').trim())) {
        p.warn(col(has('country') ? 'country' : 'iso'), 'is not in Claimline’s country table: the event has no country code; the cells are kept as given', get('country').trim() || get('iso').trim());
      }

      const fatalities = readCount(get('fatalities'));
      if (!fatalities.ok) p.error(col('fatalities'), fatalities.message);

      const timestamp = get('timestamp').trim();
      let freshness: number | null = null;
      if (timestamp !== '') {
        if (!/^\d{1,12}$/.test(timestamp)) p.error(col('timestamp'), 'must be a Unix time in whole seconds');
        else freshness = Number(timestamp);
      }
      const published = freshness !== null ? new Date(freshness * 1000).toISOString().slice(0, 10) : date.ok ? date.value : '';

      const tags = tagsFromCell(get('tags'));
      const longTags = splitList(get('tags')).filter((t) => t.length > 64);
      if (longTags.length > 0) p.warn(col('tags'), `a tag longer than 64 characters is kept only in the ACLED cell: ${longTags[0]!.slice(0, 40)}…`);

      const actors: Draft['actors'] = [];
      const addSide = (actorColumn: string, assocColumn: string, interColumn: string, role: 'subject' | 'target') => {
        const primary = splitList(get(actorColumn));
        const seen = new Set(actors.filter((a) => a.role === role).map((a) => a.actor.name));
        const names = [...primary, ...splitList(get(assocColumn))];
        names.forEach((name, i) => {
          if (seen.has(name)) return;
          seen.add(name);
          if (name.length > 200) {
            p.error(col(i < primary.length ? actorColumn : assocColumn), 'names an actor longer than 200 characters');
            return;
          }
          const kind = i < primary.length ? actorKindFromInter(get(interColumn), name) : actorKindFromInter('', name);
          const actor: ActorSpec = { id: null, name, kind, country: null };
          actors.push({ actor, role });
        });
      };
      addSide('actor1', 'assoc_actor_1', 'inter1', 'subject');
      addSide('actor2', 'assoc_actor_2', 'inter2', 'target');

      if (!date.ok || !eventId) return null;

      const outletsCell = trimmedOrNull(get('source'));
      const outletsFit = outletsCell === null ? null : fit(outletsCell, 300);
      if (outletsFit?.cut) p.warn(col('source'), 'is longer than 300 characters: the claim names the first 300, the cell is kept whole');
      const outlets = outletsFit?.text ?? null;
      const notes = fit(get('notes').trim() || NO_NOTES, 10_000);
      if (notes.cut) p.warn(col('notes'), 'is longer than 10,000 characters: the claim quotes the first 10,000, the cell is kept whole');
      const place = trimmedOrNull(get('location')) ?? trimmedOrNull(get('admin1')) ?? trimmedOrNull(get('country'));
      const title = fit(`${subEventType || eventType || 'Event'}${place ? ` in ${place}` : ''}`, 300).text;
      const draft: Draft = {
        row: p.row,
        id: null,
        version: null,
        createdAt: null,
        updatedAt: null,
        fields: {
          kind,
          title,
          summary: null,
          startDate: date.value,
          endDate: null,
          datePrecision,
          placeName: trimmedOrNull(get('location')),
          admin1: trimmedOrNull(get('admin1')),
          admin2: trimmedOrNull(get('admin2')),
          country,
          lat: latValue,
          lon: lonValue,
          geoPrecision,
          tags,
          statusOverride: null,
          statusReason: null,
          externalSource: 'acled',
          externalId: eventId,
        },
        actors,
        claims: [
          {
            id: null,
            source: ACLED_SOURCE,
            attributedTo: outlets,
            origin: outlets ?? 'ACLED',
            stance: 'asserts',
            publishedAt: published,
            publishedPrecision: 'day',
            url: null,
            archivedUrl: null,
            quote: notes.text,
            credibility: 6,
            retracted: false,
            note: null,
            quantities:
              fatalities.ok && fatalities.value !== null
                ? [{ id: null, measure: 'killed', subject: ALL_SIDES, low: null, best: fatalities.value, high: null, phrase: null }]
                : [],
          },
        ],
        attributes: {},
        freshness,
      };

      // Keep what the model does not hold as written: every cell whose derived value differs, the grouped cells whole, and columns ACLED has that we do not.
      const view = draftView(draft);
      const kept: Kept = {};
      for (const [name, original] of named) {
        const raw = cells[original] ?? '';
        const spec = COLUMNS[name as AcledColumn];
        if (!spec) {
          if (raw !== '') kept[known.has(name) ? name : original] = raw;
          continue;
        }
        if (spec.derivedOnly) continue;
        if (spec.group || raw !== asText(spec.derive(view))) kept[name] = raw;
      }
      // The country group is read from iso, iso3 and country together.
      if (has('iso3') && (kept.iso !== undefined || kept.country !== undefined || kept.region !== undefined)) kept.iso3 = get('iso3');
      draft.attributes = Object.keys(kept).length > 0 ? { acled: kept } : {};
      return draft;
    },
  };
}
