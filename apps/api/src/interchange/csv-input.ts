import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { ImportProblem } from '@claimline/shared/interchange';

/**
 * A CSV file in, one record at a time, without ever holding the file: bytes
 * are counted against the size limit, checked as UTF-8 with a fatal decoder
 * (a Latin-1 file is refused, never turned into "Ã©"), and parsed by
 * csv-parse (RFC 4180: quoted fields with commas, doubled quotes and line
 * breaks; CRLF or LF; a UTF-8 BOM dropped). Rows are numbered as a
 * spreadsheet shows them: the header is row 1, and a record that spans
 * several lines is one row.
 *
 * What makes the file unreadable as a whole (size, encoding, an unbalanced
 * quote, a wrong delimiter, no header) is thrown as an ImportFileError naming
 * the row and column; what is wrong with one row is left to the caller.
 */

export class ImportFileError extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly problem: ImportProblem,
  ) {
    super(problem.message);
    this.name = 'ImportFileError';
  }
}

export type CsvRecord = { row: number; fields: string[] };

/** A record longer than this is an unbalanced quote swallowing the file, not data. */
const MAX_RECORD_CHARS = 1_000_000;

const latin1 = new TextDecoder('latin1');
const cut = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Where the text seen so far ends, in rows and fields: a small quote-aware
 * scanner run beside csv-parse, so that an encoding error found in the bytes
 * can name the row and column it falls in.
 */
class Position {
  row = 1;
  field = 0;
  private inQuotes = false;
  private rowHasText = false;
  /** The header's text, kept until it ends (its names name the column of an error found in the bytes). */
  private headerText = '';
  header: string[] | null = null;

  feed(text: string): void {
    if (this.row === 1) this.headerText += text.slice(0, 100_000);
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34 /* " */) {
        this.inQuotes = !this.inQuotes; // a doubled quote toggles twice
        this.rowHasText = true;
      } else if (this.inQuotes) {
        continue;
      } else if (ch === 44 /* , */) {
        this.field++;
        this.rowHasText = true;
      } else if (ch === 10 /* \n */) {
        if (this.rowHasText && this.row === 1) this.header = headerNames(this.headerText);
        if (this.rowHasText) this.row++;
        this.field = 0;
        this.rowHasText = false;
      } else if (ch !== 13 /* \r */) {
        this.rowHasText = true;
      }
    }
  }
}

function headerNames(text: string): string[] | null {
  try {
    const [names] = parseSync(text, { bom: true, to: 1, relax_column_count: true, relax_quotes: true }) as string[][];
    return names ? names.map((n) => n.trim()) : null;
  } catch {
    return null;
  }
}

/** The offset of the first byte of `bytes` that cannot start or continue valid UTF-8 (it is known there is one). */
function firstInvalidByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The shortest prefix that fails to decode ends with the bad byte.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  let at = Math.min(lo, bytes.length - 1);
  // A lead byte waits for its continuation (Latin-1 "é" is 0xE9, a lead byte): the sequence fails on the next byte, but the culprit is the lead.
  let lead = at - 1;
  while (lead >= 0 && lead >= at - 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead >= 0 && lead >= at - 3 && bytes[lead]! >= 0xc0) at = lead;
  return at;
}

export type ReadCsvOptions = {
  maxBytes: number;
  /** Called after every chunk with the bytes read so far: the progress bar. */
  onBytes?: (bytes: number) => void;
};

/** Records of a CSV byte stream; the header is yielded first as row 1. */
export async function* readCsv(source: AsyncIterable<Uint8Array>, opts: ReadCsvOptions): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    delimiter: ',',
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  let header: string[] | null = null;
  let failure: unknown = null;
  let bytes = 0;
  const position = new Position();

  let delimiterChecked = false;
  const columnAt = (index: number | undefined) => {
    const names = header ?? position.header;
    return names && index !== undefined ? (names[index] ?? null) : null;
  };

  // Resolves when the parser wants more, or is gone (the consumer stopped: then reading stops too).
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.on('drain', done);
      parser.on('close', done);
    });

  const pump = async () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for await (const chunk of source) {
      if (parser.destroyed) return;
      bytes += chunk.byteLength;
      if (bytes > opts.maxBytes) {
        throw new ImportFileError(413, {
          row: position.row,
          column: null,
          value: null,
          message: `the file is larger than the import limit of ${opts.maxBytes.toLocaleString('en-US')} bytes; split it, or raise IMPORT_MAX_BYTES`,
        });
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        const at = firstInvalidByte(chunk);
        position.feed(new TextDecoder('utf-8').decode(chunk.subarray(0, at)));
        const byte = chunk[at]!;
        throw new ImportFileError(400, {
          row: position.row,
          column: columnAt(position.field) ?? (position.row === 1 ? `column ${position.field + 1}` : null),
          value: cut(latin1.decode(chunk.subarray(Math.max(0, at - 40), at + 20)).replace(/[\r\n]+/g, ' ')),
          message: `the file is not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} ("${latin1.decode(chunk.subarray(at, at + 1))}" in Latin-1) cannot be read; save the file as UTF-8 and import it again`,
        });
      }
      position.feed(text);
      // A file separated by ";" or tabs fails on its first quote; say what is wrong before the parser does.
      if (!delimiterChecked && position.header) {
        delimiterChecked = true;
        checkDelimiter(position.header);
      }
      if (text.length > 0 && !parser.write(text)) await drained();
      opts.onBytes?.(bytes);
    }
    if (parser.destroyed) return;
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new ImportFileError(400, {
        row: position.row,
        column: columnAt(position.field),
        value: null,
        message: 'the file is not UTF-8: it ends in the middle of a character; save the file as UTF-8 and import it again',
      });
    }
    if (rest) parser.write(rest);
    parser.end();
  };
  const pumping = pump().catch((err: unknown) => {
    failure = err;
    parser.destroy(err instanceof Error ? err : new Error(String(err)));
  });

  let row = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      row++;
      if (header === null) {
        header = checkHeader(fields);
        yield { row, fields: header };
      } else {
        yield { row, fields };
      }
    }
  } catch (err) {
    if (failure) throw failure;
    throw csvError(err, header ?? position.header);
  } finally {
    // Stop reading the body when the consumer stops early (or failed).
    if (!parser.destroyed) parser.destroy();
    await pumping;
  }
  if (failure) throw failure;
  if (header === null) {
    throw new ImportFileError(400, { row: 1, column: null, value: null, message: 'the file is empty: it needs a header row and at least one data row' });
  }
}

function checkHeader(fields: string[]): string[] {
  const names = fields.map((f) => f.trim());
  if (names.every((n) => n === '')) {
    throw new ImportFileError(400, { row: 1, column: null, value: null, message: 'the file is empty: its first row names no columns' });
  }
  checkDelimiter(names);
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') {
      throw new ImportFileError(400, { row: 1, column: `column ${i + 1}`, value: '', message: `column ${i + 1} has no name in the header row` });
    }
    const key = name.toLowerCase();
    if (seen.has(key)) {
      throw new ImportFileError(400, { row: 1, column: name, value: name, message: `the column "${name}" appears twice in the header row (columns ${seen.get(key)! + 1} and ${i + 1})` });
    }
    seen.set(key, i);
  });
  return names;
}

function checkDelimiter(names: string[]): void {
  if (names.length === 1) {
    const only = names[0]!;
    const found = [';', '\t', '|'].find((d) => only.includes(d));
    if (found) {
      const shown = found === '\t' ? 'tabs' : `"${found}"`;
      throw new ImportFileError(400, {
        row: 1,
        column: null,
        value: cut(only),
        message: `the header row is a single column: the file seems to be separated by ${shown}, not commas; export it again as comma-separated CSV`,
      });
    }
  }
}

type CsvParseError = Error & { code?: string; records?: number; index?: number; lines?: number };

function csvError(err: unknown, header: string[] | null): unknown {
  const e = err as CsvParseError;
  if (!e || typeof e.code !== 'string' || !/^(CSV_|INVALID_)/.test(e.code)) return err;
  const row = (e.records ?? 0) + 1;
  const column = header && e.index !== undefined ? (header[e.index] ?? null) : null;
  const where = `row ${row}${column ? `, column ${column}` : ''} (line ${e.lines ?? '?'})`;
  const messages: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: `a quoted field opened at ${where} is never closed: a quote is unbalanced`,
    CSV_INVALID_CLOSING_QUOTE: `a quote inside the field at ${where} is not doubled, or a quote is unbalanced: write "" for a quote within a quoted field`,
    INVALID_OPENING_QUOTE: `the field at ${where} has a quote in the middle of an unquoted value: quote the whole field and double the quote`,
    CSV_MAX_RECORD_SIZE: `the field at ${where} runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters: a quote is probably unbalanced`,
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: `the field at ${where} has text after its closing quote`,
  };
  return new ImportFileError(400, {
    row,
    column,
    value: null,
    message: messages[e.code] ?? `the file is not valid CSV at ${where}: ${e.message}`,
  });
}
