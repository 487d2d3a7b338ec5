import type { ImportFormat } from '@claimline/shared/interchange';

/** The first records of a file, read in the browser for a preview only: the server reads the whole file. */
export type CsvPreview = { header: string[]; rows: string[][]; truncated: boolean; delimiterHint: string | null };

const PREVIEW_BYTES = 128 * 1024;

/**
 * RFC 4180 on the first bytes of the file: quoted fields, doubled quotes,
 * line breaks inside quotes, CRLF or LF, a UTF-8 BOM. Stops after `limit`
 * records; the last, possibly cut record is dropped unless the file ended.
 */
export function parseCsvHead(text: string, limit: number, complete: boolean): { records: string[][]; more: boolean } {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
      if (records.length > limit) return { records: records.slice(0, limit), more: true };
    } else field += c;
  }
  if (complete && (field !== '' || row.length > 0)) {
    row.push(field);
    records.push(row);
  }
  return { records: records.slice(0, limit), more: records.length > limit || !complete };
}

export async function previewFile(file: Blob, rows = 20): Promise<CsvPreview> {
  const complete = file.size <= PREVIEW_BYTES;
  const text = await file.slice(0, PREVIEW_BYTES).text();
  const { records, more } = parseCsvHead(text, rows + 1, complete);
  const [header = [], ...data] = records;
  // One column only, but semicolons or tabs in it: the file is probably not comma-separated.
  const first = header[0] ?? '';
  const delimiterHint = header.length === 1 && /[;\t|]/.test(first) ? (first.includes(';') ? 'semicolons' : first.includes('\t') ? 'tabs' : 'bars') : null;
  return { header, rows: data, truncated: more, delimiterHint };
}

/** The layout the header looks like, as the server recognises it (`format=auto`). */
export function guessFormat(header: string[]): ImportFormat | null {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  if (names.has('claims_json') && names.has('kind') && names.has('start_date')) return 'native';
  if (names.has('event_id_cnty') && names.has('event_date')) return 'acled';
  if (names.has('id') && names.has('best') && (names.has('relid') || names.has('where_prec')) && names.has('date_start')) return 'ucdp';
  return null;
}
