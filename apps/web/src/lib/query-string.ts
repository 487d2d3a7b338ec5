/**
 * Query strings the way Claimline writes them: keys in the order given, values
 * percent-encoded except the commas of list filters, so a shared URL reads
 * `kind=strike,engagement` rather than `kind=strike%2Cengagement`.
 */
export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value)).replace(/%2C/gi, ',')}`);
  }
  return parts.join('&');
}

/** `path?query`, or just `path` when there is nothing to add. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const query = toQueryString(params);
  return query ? `${path}?${query}` : path;
}
