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

// A field is quoted when it holds the delimiter, a quote or the record delimiter (CRLF); quotes inside are
// doubled. This is exactly what csv-stringify did here before (with `record_delimiter: '\r\n'` it quotes
// neither a lone LF nor a lone CR), so the files stay byte for byte what they were.
const NEEDS_QUOTES = /[",]|\r\n/;
const QUOTES = /"/g;

/** A text cell as it goes in the file: formula-safe, then quoted when it must be. */
export function csvText(value: string): string {
  const v = neutraliseFormula(value);
  return NEEDS_QUOTES.test(v) ? `"${v.replace(QUOTES, '""')}"` : v;
}

/** A cell already written as a CSV field (formula-safe, quoted as needed): csvCell writes it as it is. */
export class CsvField {
  constructor(readonly csv: string) {}
}

/**
 * One cell: text formula-safe and quoted when needed, numbers as JavaScript
 * writes them (never neutralised), booleans as true/false, instants as ISO
 * 8601, other objects as JSON (as text), null and undefined as nothing, and
 * a CsvField as it is.
 */
export function csvCell(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return csvText(value);
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return String(value);
    case 'object':
      if (value === null) return '';
      if (value instanceof CsvField) return value.csv;
      if (value instanceof Date) return value.toISOString();
      return csvText(JSON.stringify(value));
    default:
      return '';
  }
}

/** The header row, ended by CRLF. */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(csvText).join(',')}\r\n`;
}

/** One record in the columns' order, ended by CRLF. */
export function csvRecord(record: Record<string, unknown>, columns: readonly string[]): string {
  let line = csvCell(record[columns[0]!]);
  for (let i = 1; i < columns.length; i++) line += `,${csvCell(record[columns[i]!])}`;
  return `${line}\r\n`;
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
