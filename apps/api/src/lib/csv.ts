import { stringify } from 'csv-stringify/sync';

/**
 * CSV as RFC 4180 wants it (CRLF, quotes doubled, fields quoted when needed),
 * UTF-8, and safe to open in a spreadsheet: a text cell that starts with
 * = + - @, a tab or a carriage return is prefixed with an apostrophe so it is
 * never run as a formula. Numbers stay numbers (a longitude of -0.5 is not a
 * formula).
 */

// Apostrophes already in front count too, so that import can take exactly one off and get the value back.
const FORMULA_START = /^'*[=+\-@\t\r]/;
// A plain number ("-33.5", as a kept ACLED longitude) runs nothing in a spreadsheet: it stays as it is.
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function csvRows(rows: Record<string, unknown>[], columns: readonly string[], header: boolean): string {
  return stringify(rows, {
    header,
    columns: columns.map((key) => ({ key })),
    record_delimiter: '\r\n',
    cast: {
      string: neutraliseFormula,
      boolean: (v) => (v ? 'true' : 'false'),
      number: (v) => String(v),
      date: (v) => v.toISOString(),
      object: (v) => neutraliseFormula(JSON.stringify(v)),
    },
  });
}

/** A download name that says what is in the file: claimline-events-2026-11-25-kind-engagement.csv */
export function exportFileName(what: string, params: URLSearchParams, today: string, ext: string): string {
  const parts = [...params.entries()]
    .filter(([k]) => k !== 'columns')
    .map(([k, v]) => `${k}-${v}`)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 80);
  return `claimline-${what}-${today}${parts ? `-${parts}` : ''}.${ext}`;
}
