import { z } from 'zod';
import { ACTOR_KINDS } from '@claimline/shared/sources';
import { ACTOR_ROLES, DATE_PRECISIONS, RELIABILITIES, SOURCE_KINDS } from '@claimline/shared/vocabulary';
import { readCoordinate } from './cells.js';
import { ImportFileError } from './csv-input.js';
import type { Draft, FormatReader } from './draft.js';
import { trimmedOrNull } from './draft.js';

/**
 * Reading native files: the fields and the JSON columns of native.ts's
 * layout (the readable summaries are derived, never read), ids, versions and
 * instants kept. A hand-written row may leave out ids, version and instants.
 */

const nullableString = z.string().nullable();
const sourceJson = z.object({
  id: z.uuid().nullable().optional(),
  name: z.string(),
  kind: z.enum(SOURCE_KINDS),
  country: nullableString.optional().default(null),
  homepage: nullableString.optional().default(null),
  reliability: z.enum(RELIABILITIES).optional().default('F'),
  partyToConflict: z.boolean().optional().default(false),
  notes: nullableString.optional().default(null),
});
const quantityJson = z.object({
  id: z.uuid().nullable().optional(),
  measure: z.string(),
  subject: z.string(),
  low: z.number().nullable().optional().default(null),
  best: z.number().nullable().optional().default(null),
  high: z.number().nullable().optional().default(null),
  phrase: nullableString.optional().default(null),
});
const claimJsonSchema = z.object({
  id: z.uuid().nullable().optional(),
  source: sourceJson,
  attributedTo: nullableString.optional().default(null),
  origin: z.string(),
  stance: z.string(),
  publishedAt: z.string(),
  publishedPrecision: z.enum(DATE_PRECISIONS).optional().default('day'),
  url: nullableString.optional().default(null),
  archivedUrl: nullableString.optional().default(null),
  quote: z.string(),
  credibility: z.number().optional().default(6),
  retracted: z.boolean().optional().default(false),
  note: nullableString.optional().default(null),
  quantities: z.array(quantityJson).optional().default([]),
});
const actorJsonSchema = z.object({
  id: z.uuid().nullable().optional(),
  name: z.string(),
  kind: z.enum(ACTOR_KINDS),
  country: nullableString.optional().default(null),
  role: z.enum(ACTOR_ROLES),
});

const REQUIRED = ['kind', 'title', 'start_date', 'claims_json'] as const;
const FIELD_COLUMNS: Record<string, string> = {
  kind: 'kind',
  title: 'title',
  summary: 'summary',
  startDate: 'start_date',
  endDate: 'end_date',
  datePrecision: 'date_precision',
  placeName: 'place_name',
  admin1: 'admin1',
  admin2: 'admin2',
  country: 'country',
  lat: 'lat',
  lon: 'lon',
  geoPrecision: 'geo_precision',
  tags: 'tags',
  statusOverride: 'status_override',
  statusReason: 'status_reason',
  externalSource: 'external_source',
  externalId: 'external_id',
  actors: 'actors_json',
  claims: 'claims_json',
  id: 'id',
  version: 'version',
};

export function looksLikeNative(header: string[]): boolean {
  const names = new Set(header.map((h) => h.toLowerCase()));
  return names.has('claims_json') && names.has('kind') && names.has('start_date');
}

function parseJsonCell<T>(raw: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; message: string } {
  // PostgreSQL text and jsonb cannot hold U+0000, escaped or not.
  if (/\\u0000/i.test(raw)) return { ok: false, message: 'contains a NUL character (\\u0000), which no text can hold' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'is not valid JSON' };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: `${issue.path.join('.') || '(the value)'}: ${issue.message}` };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function nativeReader(header: string[]): FormatReader {
  const named = new Map<string, string>();
  for (const h of header) named.set(h.toLowerCase(), h);
  for (const column of REQUIRED) {
    if (!named.has(column)) {
      throw new ImportFileError(400, { row: 1, column, value: null, message: `the native column "${column}" is missing from the header row` });
    }
  }
  const col = (name: string) => named.get(name) ?? name;

  return {
    format: 'native',
    update: { kind: 'replace' },
    columnFor(path) {
      const name = FIELD_COLUMNS[String(path[0])];
      return name ? col(name) : null;
    },
    toDraft(cells, p) {
      const get = (name: string) => cells[col(name)] ?? '';
      let broken = false;
      const fail = (name: string, message: string) => {
        p.error(col(name), message);
        broken = true;
      };

      const id = trimmedOrNull(get('id'));
      if (id !== null && !UUID.test(id)) fail('id', 'must be a UUID, or empty for a new event');

      const numberCell = (name: string): number | null => {
        const raw = get(name).trim();
        if (raw === '') return null;
        const n = Number(raw);
        if (!Number.isFinite(n)) fail(name, `${raw} is not a number`);
        return n;
      };
      const lat = readCoordinate(get('lat'), 90);
      const lon = readCoordinate(get('lon'), 180);
      if (!lat.ok) fail('lat', lat.message);
      if (!lon.ok) fail('lon', lon.message);

      const version = numberCell('version');
      if (version !== null && (!Number.isInteger(version) || version < 1 || version > 2_147_483_647)) fail('version', 'must be a whole number from 1 to 2147483647');
      const instant = (name: string): string | null => {
        const raw = get(name).trim();
        if (raw === '') return null;
        const t = Date.parse(raw);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(t)) {
          fail(name, 'must be an ISO 8601 instant, e.g. 2024-12-20T10:00:00.000Z');
          return null;
        }
        return new Date(t).toISOString();
      };
      const createdAt = instant('created_at');
      const updatedAt = instant('updated_at');

      let attributes: Record<string, unknown> = {};
      const attributesCell = get('attributes').trim();
      if (attributesCell !== '') {
        const parsed = parseJsonCell(attributesCell, z.record(z.string(), z.unknown()));
        if (!parsed.ok) fail('attributes', `must be a JSON object: ${parsed.message}`);
        else attributes = parsed.value;
      }
      let actors: Draft['actors'] = [];
      const actorsCell = get('actors_json').trim();
      if (actorsCell !== '') {
        const parsed = parseJsonCell(actorsCell, z.array(actorJsonSchema));
        if (!parsed.ok) fail('actors_json', parsed.message);
        else actors = parsed.value.map((a) => ({ actor: { id: a.id ?? null, name: a.name, kind: a.kind, country: a.country }, role: a.role }));
      }
      let claims: Draft['claims'] = [];
      const claimsCell = get('claims_json').trim();
      if (claimsCell === '') fail('claims_json', 'is empty: an event needs at least one claim');
      else {
        const parsed = parseJsonCell(claimsCell, z.array(claimJsonSchema));
        if (!parsed.ok) fail('claims_json', parsed.message);
        else {
          claims = parsed.value.map((c) => ({
            ...c,
            id: c.id ?? null,
            source: { ...c.source, id: c.source.id ?? null },
            quantities: c.quantities.map((q) => ({ ...q, id: q.id ?? null })),
          }));
        }
      }
      if (broken) return null;

      const tags = get('tags')
        .split('; ')
        .map((t) => t.trim())
        .filter(Boolean);
      return {
        row: p.row,
        id,
        version,
        createdAt,
        updatedAt,
        fields: {
          kind: get('kind').trim(),
          title: get('title'),
          summary: trimmedOrNull(get('summary')),
          startDate: get('start_date').trim(),
          endDate: trimmedOrNull(get('end_date')),
          datePrecision: get('date_precision').trim() || 'day',
          placeName: trimmedOrNull(get('place_name')),
          admin1: trimmedOrNull(get('admin1')),
          admin2: trimmedOrNull(get('admin2')),
          country: trimmedOrNull(get('country')),
          lat: lat.ok ? lat.value : null,
          lon: lon.ok ? lon.value : null,
          geoPrecision: trimmedOrNull(get('geo_precision')),
          tags,
          statusOverride: trimmedOrNull(get('status_override')),
          statusReason: trimmedOrNull(get('status_reason')),
          externalSource: trimmedOrNull(get('external_source')),
          externalId: trimmedOrNull(get('external_id')),
        },
        actors,
        claims,
        attributes,
        freshness: null,
      };
    },
  };
}
