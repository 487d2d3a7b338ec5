import {
  GEO_PRECISION_LABELS,
  type DatePrecision,
  type GeoPrecision,
} from '@claimline/shared/vocabulary';

/**
 * Calendar dates are `YYYY-MM-DD` strings end to end: formatted from their
 * parts, never through a local-time Date that could shift them by a day.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: string): { year: string; month: string; day: number } {
  const [year = '', month = '01', day = '01'] = date.split('-');
  return { year, month: MONTHS[Number(month) - 1] ?? month, day: Number(day) };
}

/** "16 Dec 2024"; "week of 16 Dec 2024"; "Dec 2024"; "2024". */
export function formatDate(date: string, precision: DatePrecision = 'day'): string {
  const { year, month, day } = parts(date);
  switch (precision) {
    case 'year':
      return year;
    case 'month':
      return `${month} ${year}`;
    case 'week':
      return `week of ${day} ${month} ${year}`;
    default:
      return `${day} ${month} ${year}`;
  }
}

/** For dense tables: the date to its precision, without words ("17 Dec 2024", "Dec 2024", "2024"). */
export function formatDateCompact(date: string, precision: DatePrecision = 'day'): string {
  return precision === 'week' ? formatDate(date, 'day') : formatDate(date, precision);
}

export function formatDateRange(start: string, end: string | null, precision: DatePrecision): string {
  if (!end || end === start) return formatDate(start, precision);
  return `${formatDate(start, precision)} – ${formatDate(end, precision)}`;
}

export const DATE_PRECISION_HINT: Record<DatePrecision, string> = {
  day: 'known to the day',
  week: 'known to the week',
  month: 'known to the month',
  year: 'known to the year',
};

export function formatPlace(place: { placeName: string | null; admin2?: string | null; admin1: string | null; country: string | null }): string {
  const names = [place.placeName, place.admin2, place.admin1].filter((n): n is string => !!n);
  // "Korenevo, Korenevsky District, Kursk Oblast" without repeating a name the place already carries.
  const unique = names.filter((n, i) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i);
  if (unique.length === 0) return place.country ?? 'Place unknown';
  return unique.join(', ');
}

export function geoPrecisionLabel(precision: GeoPrecision | null): string {
  return precision ? GEO_PRECISION_LABELS[precision] : 'no coordinates';
}

let numberFormat: Intl.NumberFormat | undefined;
/**
 * `11,508`, as Intl.NumberFormat('en-GB') writes it. Whole numbers (every
 * count) are grouped here: the first Intl formatter of a page costs tens of
 * milliseconds, at start-up, before anything is drawn.
 */
export function formatNumber(n: number): string {
  if (Number.isSafeInteger(n)) {
    const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
    return n < 0 || Object.is(n, -0) ? `-${grouped}` : grouped;
  }
  numberFormat ??= new Intl.NumberFormat('en-GB');
  return numberFormat.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
