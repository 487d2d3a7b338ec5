import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { ImportReport } from '@claimline/shared/interchange';
import type { TestApp } from '../support/app.js';
import { editorHeaders } from '../support/auth.js';

/** What the import and export tests share: fixtures, the real UCDP samples, requests, and row counts. */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');
export const UCDP_22 = path.join(SHARED_DATA, 'ucdp-ged-hdx-ukraine-v22.1.csv');
export const UCDP_20 = path.join(SHARED_DATA, 'ucdp-ged-hdx-ukraine-v20.1-layout.csv');
export const ucdpPresent = existsSync(UCDP_22) && existsSync(UCDP_20);

export const ACLED_FIXTURE = path.join(FIXTURES, 'acled-codebook-sample.csv');
export const ACLED_OLDER = path.join(FIXTURES, 'acled-older-layout.csv');
export const fixture = (file: string) => readFileSync(file);

export async function postImport(t: TestApp, body: string | Uint8Array, query = '', extraHeaders: Record<string, string> = {}): Promise<Response> {
  return t.app.request(`/api/import${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: { ...(await editorHeaders(t)), 'content-type': 'text/csv; charset=utf-8', ...extraHeaders },
    body: body as BodyInit,
  });
}

/** Imports and expects a 200 report. */
export async function importOk(t: TestApp, body: string | Uint8Array, query = ''): Promise<ImportReport> {
  const res = await postImport(t, body, query);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST /api/import?${query} answered ${res.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text) as ImportReport;
}

export async function exportText(t: TestApp, pathAndQuery: string): Promise<string> {
  const res = await t.get(pathAndQuery);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

/** CSV text as records keyed by header name (the export's own cells, apostrophes and all). */
export function csvRecords(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true }) as Record<string, string>[];
}

/** What an import reads from a neutralised cell: one apostrophe off before = + - @, tab or CR. */
export const unneutralised = (v: string) => (/^'+[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

export type RowCounts = { events: number; claims: number; quantities: number; actors: number; sources: number; eventActors: number; revisions: number };

export async function rowCounts(t: TestApp): Promise<RowCounts> {
  const { rows } = await sql<RowCounts>`
    select (select count(*)::int from events) as events,
           (select count(*)::int from claims) as claims,
           (select count(*)::int from claim_quantities) as quantities,
           (select count(*)::int from actors) as actors,
           (select count(*)::int from sources) as sources,
           (select count(*)::int from event_actors) as "eventActors",
           (select count(*)::int from revisions) as revisions`.execute(t.database.db);
  return rows[0]!;
}
