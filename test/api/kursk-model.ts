import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Kursk dataset read straight from its JSON file, and a second,
 * deliberately naive implementation of the list filters over it: the API
 * tests compare what the server answers with what this model computes, so a
 * filter that drifts from the contract in DESIGN.md shows up as a difference.
 * Nothing here imports the app's filter code.
 */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DATASET_PATH = path.join(REPO_ROOT, 'apps/api/src/seed/kursk-dprk.json');

export type DatasetQuantity = { measure: string; subject: string; low?: number | null; best?: number | null; high?: number | null; phrase: string | null };
export type DatasetClaim = {
  id: string;
  sourceId: string;
  attributedTo: string | null;
  origin: string;
  stance: string;
  publishedAt: string;
  credibility: number;
  quote: string;
  quantities: DatasetQuantity[];
};
export type DatasetEvent = {
  id: string;
  kind: string;
  title: string;
  summary: string | null;
  startDate: string;
  endDate: string | null;
  placeName: string | null;
  admin1: string | null;
  admin2: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: string | null;
  tags: string[];
  actors: { actorId: string; role: string }[];
  claims: DatasetClaim[];
};
export type DatasetSource = { id: string; name: string; reliability: string; partyToConflict: boolean };
export type DatasetActor = { id: string; name: string };
export type Dataset = { sources: DatasetSource[]; actors: DatasetActor[]; events: DatasetEvent[] };

export const kursk: Dataset = JSON.parse(readFileSync(DATASET_PATH, 'utf8'));

const byName = <T extends { name: string }>(list: T[], prefix: string): T => {
  const found = list.find((x) => x.name.startsWith(prefix));
  if (!found) throw new Error(`no "${prefix}" in the dataset`);
  return found;
};
export const sourceNamed = (prefix: string) => byName(kursk.sources, prefix);
export const actorNamed = (prefix: string) => byName(kursk.actors, prefix);
export const eventTitled = (fragment: string): DatasetEvent => {
  const found = kursk.events.filter((e) => e.title.includes(fragment));
  if (found.length !== 1) throw new Error(`"${fragment}" names ${found.length} events`);
  return found[0]!;
};

/**
 * Statuses worked out by hand from the claims (see status.test.ts for the
 * rules): the engagement has three independent asserting origins; the
 * casualty estimates "hundreds" (200–999) and "dozens" (24–99) come from
 * different origins and do not overlap; every other event has one origin.
 */
export const ENGAGEMENT_ID = '4dcab248-6648-5071-adda-8d04d1a42730';
export const CASUALTIES_ID = '9b1e9f99-0d00-57ca-8756-c81af955ddc8';
export const EXPECTED_STATUS: Record<string, string> = Object.fromEntries(
  kursk.events.map((e) => [e.id, e.id === ENGAGEMENT_ID ? 'corroborated' : e.id === CASUALTIES_ID ? 'contested' : 'single_source']),
);

/** The list's order: start_date desc, then id desc (uuids compare as their lowercase hex). */
export function listOrder<T extends { startDate: string; id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.startDate !== b.startDate ? (a.startDate < b.startDate ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** Filter parameters as they stand in a URL. */
export type Params = Record<string, string>;

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));
const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function claimPasses(c: DatasetClaim, p: Params): boolean {
  const source = kursk.sources.find((s) => s.id === c.sourceId)!;
  const sources = list(p.source);
  const stances = list(p.stance);
  if (sources?.length && !sources.includes(c.sourceId)) return false;
  // Reliability A is best: "B" keeps A and B.
  if (p.minReliability && 'ABCDEF'.indexOf(source.reliability) > 'ABCDEF'.indexOf(p.minReliability)) return false;
  // Credibility 1 is best: "2" keeps 1 and 2.
  if (p.minCredibility && c.credibility > Number(p.minCredibility)) return false;
  if (stances?.length && !stances.includes(c.stance)) return false;
  if ((p.excludeParties === 'true' || p.excludeParties === '1') && source.partyToConflict) return false;
  return true;
}

/** Does the event match the filters, as DESIGN.md states them? */
export function matches(e: DatasetEvent, p: Params): boolean {
  const end = e.endDate ?? e.startDate;
  if (p.from && end < p.from) return false;
  if (p.to && e.startDate > p.to) return false;
  const kinds = list(p.kind);
  if (kinds?.length && !kinds.includes(e.kind)) return false;
  const statuses = list(p.status);
  if (statuses?.length && !statuses.includes(EXPECTED_STATUS[e.id]!)) return false;
  const actors = list(p.actor);
  if (actors?.length && !e.actors.some((a) => actors.includes(a.actorId))) return false;
  const tags = list(p.tag);
  if (tags?.length && !e.tags.some((t) => tags.includes(t))) return false;
  if (p.q) {
    // Every word of the query among the words of title, summary, place and quotes (with their voices).
    const text = new Set(
      words([e.title, e.summary, e.placeName, e.admin2, e.admin1, ...e.claims.flatMap((c) => [c.quote, c.attributedTo])].filter(Boolean).join(' ')),
    );
    if (!words(p.q).every((w) => text.has(w))) return false;
  }
  if (p.bbox) {
    const [west, south, east, north] = p.bbox.split(',').map(Number) as [number, number, number, number];
    if (e.lat === null || e.lon === null) return false;
    if (e.lon < west || e.lon > east || e.lat < south || e.lat > north) return false;
  }
  const claimLevel = ['source', 'minReliability', 'minCredibility', 'stance', 'excludeParties'].some((k) => p[k] !== undefined);
  if (claimLevel && !e.claims.some((c) => claimPasses(c, p))) return false;
  return true;
}

/** The ids the list should answer for these filters, in the list's order. */
export function expectedIds(p: Params): string[] {
  return listOrder(kursk.events.filter((e) => matches(e, p))).map((e) => e.id);
}

export const query = (p: Params, extra: Params = {}) => new URLSearchParams({ ...p, ...extra }).toString();
