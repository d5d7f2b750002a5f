/** A unique constraint refused the write (PostgreSQL and PGlite both answer 23505). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}
