/** SQLSTATE 23505 from either engine (pg and PGlite both put it on `code`). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
