/**
 * The canonical form of an identifier, as PostgreSQL's `uuid` type stores it: lower-case, hyphens
 * 8-4-4-4-12, no braces. PostgreSQL accepts upper case, braces and hyphens in other places, so an
 * id is canonicalised once where it comes in (the input edge) and again wherever it is hashed or
 * compared, never used as sent.
 */

/** A canonical uuid: lower-case, hyphenated. */
export const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The canonical form of anything PostgreSQL would read as a uuid, or null if it would not.
 * @example canonicalUuid('{8F129290-1FA5-453B-B8B1-C45ED5E7534B}') // '8f129290-1fa5-453b-b8b1-c45ed5e7534b'
 */
export function canonicalUuid(value: string): string | null {
  // PostgreSQL's uuid input: optional braces around 32 hex digits, a hyphen allowed after any group of four.
  const m = /^\{?((?:[0-9a-fA-F]{4}-?){7}[0-9a-fA-F]{4})\}?$/.exec(value);
  if (m === null) return null;
  if (value.startsWith('{') !== value.endsWith('}')) return null;
  const hex = m[1]!.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True when `value` is already a canonical uuid. */
export const isCanonicalUuid = (value: string): boolean => CANONICAL_UUID.test(value);
