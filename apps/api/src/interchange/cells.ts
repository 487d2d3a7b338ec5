import { isIsoDate } from '@claimline/shared/dates';

/** Reading single cells: dates, numbers and coordinates, with a reason when they cannot be read. */

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * A calendar date: YYYY-MM-DD (optionally followed by a midnight time, as
 * UCDP writes `2014-01-22 00:00:00.000`), or a day, a month's name and a
 * year ("16 December 2024", as ACLED's older files do). Numeric day/month
 * orders (31/12/2024, 12/31/2024) are refused: they cannot be told apart.
 */
export function readDate(raw: string, opts: { allowTime?: boolean } = {}): Read<string> {
  const s = raw.trim();
  if (s === '') return { ok: false, message: 'is empty: a date is required, written YYYY-MM-DD' };
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]00(?::?00)?)?)?$/.exec(s);
  if (iso) {
    if (!isIsoDate(iso[1]!)) return { ok: false, message: `${s} is not a calendar date` };
    if (iso[2] !== undefined && !opts.allowTime) return { ok: false, message: 'must be a date without a time, written YYYY-MM-DD' };
    return { ok: true, value: iso[1]! };
  }
  const named = /^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$/.exec(s);
  if (named) {
    const word = named[2]!.toLowerCase();
    const month = MONTHS.findIndex((m) => m === word || (word.length === 3 && m.startsWith(word)));
    if (month >= 0) {
      const date = `${named[3]}-${String(month + 1).padStart(2, '0')}-${named[1]!.padStart(2, '0')}`;
      if (isIsoDate(date)) return { ok: true, value: date };
      return { ok: false, message: `${s} is not a calendar date` };
    }
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(s)) {
    return { ok: false, message: `${s} is ambiguous (is it day/month or month/day?): write dates as YYYY-MM-DD, e.g. 2024-12-31` };
  }
  return { ok: false, message: `${s} is not a date: write dates as YYYY-MM-DD, e.g. 2024-12-31` };
}

/** A whole number ≥ 0 (fatalities, deaths), or null for an empty cell. */
export function readCount(raw: string): Read<number | null> {
  const s = raw.trim();
  if (s === '') return { ok: true, value: null };
  if (!/^\d+$/.test(s)) return { ok: false, message: `${s} is not a whole number of people` };
  const n = Number(s);
  if (n > 100_000_000) return { ok: false, message: `${s} is more than 100,000,000` };
  return { ok: true, value: n };
}

/** A decimal coordinate within ±limit, or null for an empty cell. A decimal comma is refused (it cannot be told from a delimiter). */
export function readCoordinate(raw: string, limit: 90 | 180): Read<number | null> {
  const s = raw.trim();
  if (s === '') return { ok: true, value: null };
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)$/.test(s)) {
    return { ok: false, message: /^[-+]?\d+,\d+$/.test(s) ? `${s} has a decimal comma: write ${s.replace(',', '.')}` : `${s} is not a decimal number of degrees` };
  }
  const n = Number(s);
  if (n < -limit || n > limit) {
    return { ok: false, message: `${s} is out of range: ${limit === 90 ? 'a latitude' : 'a longitude'} lies between -${limit} and ${limit}` };
  }
  return { ok: true, value: n };
}

/** Cuts a text to `max` characters with an ellipsis; reports whether it did. */
export function fit(text: string, max: number): { text: string; cut: boolean } {
  return text.length <= max ? { text, cut: false } : { text: `${text.slice(0, max - 1)}…`, cut: true };
}

/**
 * A row's latitude and longitude: each in range, both or neither. Problems
 * are reported on the row's own column names; bad cells read as null.
 */
export function readCoordinatePair(
  latCell: string,
  lonCell: string,
  columns: { lat: string; lon: string },
  problems: { error(column: string | null, message: string): void },
): { lat: number | null; lon: number | null } {
  const lat = readCoordinate(latCell, 90);
  const lon = readCoordinate(lonCell, 180);
  if (!lat.ok) problems.error(columns.lat, lat.message);
  if (!lon.ok) problems.error(columns.lon, lon.message);
  const latValue = lat.ok ? lat.value : null;
  const lonValue = lon.ok ? lon.value : null;
  if (lat.ok && lon.ok && (latValue === null) !== (lonValue === null)) {
    problems.error(latValue === null ? columns.lat : columns.lon, 'is empty while the other coordinate is given: give both or neither');
  }
  return { lat: latValue, lon: lonValue };
}
