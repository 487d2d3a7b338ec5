import { eventFilterShape, eventFiltersSchema, FILTER_KEYS, pickFilterParams } from '@claimline/shared/filters';
import { toQueryString } from './query-string';

export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * The filters as they go into query keys, API calls and the export link:
 * only valid parameters, each as a canonical string, in FILTER_KEYS order.
 */
export type FilterParams = Partial<Record<FilterKey, string>>;

/** Filters that hold a comma-separated list. */
export const LIST_FILTER_KEYS = ['kind', 'status', 'actor', 'source', 'tag', 'stance'] as const satisfies readonly FilterKey[];
export type ListFilterKey = (typeof LIST_FILTER_KEYS)[number];

function canonical(key: FilterKey, raw: string): string | undefined {
  if ((LIST_FILTER_KEYS as readonly string[]).includes(key)) {
    // Item by item, so `kind=strike,nonsense` keeps `strike` rather than losing the whole filter.
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '' && eventFilterShape[key].safeParse(item).success);
    const unique = [...new Set(items)].sort();
    return unique.length > 0 && eventFilterShape[key].safeParse(unique.join(',')).success ? unique.join(',') : undefined;
  }
  const parsed = eventFilterShape[key].safeParse(raw);
  if (!parsed.success || parsed.data === undefined) return undefined;
  const value: unknown = parsed.data;
  if (Array.isArray(value)) {
    // Sorted and de-duplicated: `kind=a,b` and `kind=b,a` are one query, one cache entry.
    const items = [...new Set(value.map(String))].sort();
    return items.length > 0 ? items.join(',') : undefined;
  }
  if (typeof value === 'boolean') return value ? 'true' : undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  // bbox parses to an object: the validated original is already canonical enough.
  return raw.trim();
}

/**
 * Reads the filters from a query string with the shared schema, one parameter
 * at a time, so a bad parameter (`kind=nonsense`, `from=2024-02-30`) is
 * dropped instead of throwing away the others or crashing the page.
 */
export function parseFilterParams(params: URLSearchParams): FilterParams {
  const picked = pickFilterParams(Object.fromEntries(params));
  const out: FilterParams = {};
  for (const key of FILTER_KEYS) {
    const raw = picked[key];
    if (raw === undefined) continue;
    const value = canonical(key, raw);
    if (value !== undefined) out[key] = value;
  }
  if (out.from && out.to && out.from > out.to) delete out.to;
  // Belt and braces: whatever survives must satisfy the whole schema too.
  return eventFiltersSchema.safeParse(out).success ? out : {};
}

let cachedFor: string | null = null;
let cachedQuery = '';

/** The canonical filter query of a URL query (memoised on the URL's query). */
export function filterQueryOf(params: URLSearchParams): string {
  const key = params.toString();
  if (key !== cachedFor) {
    cachedFor = key;
    cachedQuery = toQueryString(parseFilterParams(params));
  }
  return cachedQuery;
}

export function listValues(filters: FilterParams, key: ListFilterKey): string[] {
  const value = filters[key];
  return value ? value.split(',') : [];
}

export function hasFilters(filters: FilterParams): boolean {
  return Object.keys(filters).length > 0;
}
