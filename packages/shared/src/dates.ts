import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written YYYY-MM-DD (no 2024-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // There is no year 0 in the calendar PostgreSQL writes (1 BC is followed by AD 1): it would refuse 0000-01-01.
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is this month's last day.
  return d <= utcDate(y, mo, 0).getUTCDate();
}

/** Midnight UTC of a date: never shifted by a time zone. Not Date.UTC, which reads years 0–99 as 1900–1999. */
function utcDate(year: number, monthIndex: number, day: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(year, monthIndex, day);
  return t;
}

/** A calendar date, `YYYY-MM-DD`, end to end: never a Date, never a time zone. */
export const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' })
  .meta({ format: 'date', example: '2024-12-16' });

/** Adds `days` to a YYYY-MM-DD date in UTC arithmetic. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return utcDate(y!, m! - 1, d! + days).toISOString().slice(0, 10);
}
