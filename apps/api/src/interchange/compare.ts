import { type ParsedEventInput, eventDetailToInput } from '@claimline/shared/events';
import type { Draft, FormatReader } from './draft.js';
import type { InterchangeEvent } from './event.js';

/**
 * Comparing a row of a file with the stored event: the stored event as
 * editor input, a dataset row merged over it, and a canonical text of the
 * content, so that "unchanged" means the import would store the same.
 */

/** What identifies the row's event: its id (native) and its external id; each may appear once in a file. */
export function eventKeys(d: Draft): { key: string; field: string }[] {
  const keys: { key: string; field: string }[] = [];
  if (d.id) keys.push({ key: `id:${d.id}`, field: 'id' });
  if (d.fields.externalSource && d.fields.externalId) keys.push({ key: `ext:${d.fields.externalSource}:${d.fields.externalId}`, field: 'externalId' });
  return keys;
}

export function acledTimestamp(e: InterchangeEvent): number | null {
  const acled = e.attributes.acled as Record<string, unknown> | undefined;
  const t = acled?.timestamp;
  return typeof t === 'string' && /^\d+$/.test(t) ? Number(t) : null;
}

/** The stored event as editor input (what a row is compared with): the same mapping the editor's PATCH merges onto. */
export function storedInput(e: InterchangeEvent): ParsedEventInput {
  // Every field is present in the mapping, so its input type is already the parsed shape.
  return { id: e.id, ...(eventDetailToInput(e) as ParsedEventInput) };
}

export const storedQuantityIdList = (e: InterchangeEvent) => e.claims.map((c) => c.quantities.map((q) => q.id));

export function storedQuantityIds(e: InterchangeEvent, claimId: string | undefined): (string | null)[] {
  return e.claims.find((c) => c.id === claimId)?.quantities.map((q) => q.id) ?? [];
}

/**
 * A newer release of a dataset row over the stored event: the fields the
 * format owns and the actors come from the row, the dataset's claims are
 * replaced where the first of them stood, claims added in Claimline and
 * fields the format does not own (title, summary, status override) stay.
 */
export function mergeDataset(
  stored: InterchangeEvent,
  row: ParsedEventInput,
  update: Extract<FormatReader['update'], { kind: 'dataset' }>,
  datasetSourceId: string | null,
): ParsedEventInput {
  const base = storedInput(stored);
  const merged: ParsedEventInput = { ...base, actors: row.actors };
  for (const field of update.owns) (merged as Record<string, unknown>)[field] = row[field];
  const isDataset = (c: { sourceId: string }) => c.sourceId === datasetSourceId;
  const at = base.claims.findIndex(isDataset);
  const others = base.claims.filter((c) => !isDataset(c));
  const rowClaims = row.claims.map((c) => ({ ...c, id: undefined }));
  merged.claims = at < 0 ? [...rowClaims, ...others] : [...others.slice(0, at), ...rowClaims, ...others.slice(at)];
  return merged;
}

/** A canonical text of an event's content; ids only where the file carries them (native). */
export function canonical(e: ParsedEventInput, attributes: Record<string, unknown>, withIds: boolean, quantityIds: (string | null)[][]): string {
  const actors = [...e.actors].sort((a, b) => (a.role + a.actorId < b.role + b.actorId ? -1 : a.role + a.actorId > b.role + b.actorId ? 1 : 0));
  return JSON.stringify([
    e.kind,
    e.title,
    e.summary,
    e.startDate,
    e.endDate,
    e.datePrecision,
    e.placeName,
    e.admin1,
    e.admin2,
    e.country,
    e.lat,
    e.lon,
    e.geoPrecision,
    e.tags,
    e.statusOverride,
    e.statusReason,
    e.externalSource,
    e.externalId,
    sortKeys(attributes),
    actors.map((a) => [a.role, a.actorId]),
    e.claims.map((c, i) => [
      withIds ? (c.id ?? null) : null,
      c.sourceId,
      c.attributedTo,
      c.origin,
      c.stance,
      c.publishedAt,
      c.publishedPrecision,
      c.url,
      c.archivedUrl,
      c.quote,
      c.credibility,
      c.retracted,
      c.note,
      c.quantities.map((q, j) => [withIds ? (quantityIds[i]?.[j] ?? null) : null, q.measure, q.subject, q.low, q.best, q.high, q.phrase]),
    ]),
  ]);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
