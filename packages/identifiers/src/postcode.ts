/**
 * UK postcodes: outward code (area + district) and inward code (sector digit + unit).
 * `normalisePostcode('sw1a1aa')` → `'SW1A 1AA'`. Includes the special GIR 0AA.
 */
const FULL =
  /^(GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?) ?\d[ABD-HJLNP-UW-Z]{2})$/;

/** The postcode in canonical form (upper case, one space), or null when it is not a UK postcode. */
export function normalisePostcode(input: string): string | null {
  const s = input.toUpperCase().replace(/\s+/g, '');
  if (!FULL.test(s)) return null;
  return `${s.slice(0, -3)} ${s.slice(-3)}`;
}

/** True when the input is a UK postcode in any spacing or case. */
export function isValidPostcode(input: string): boolean {
  return normalisePostcode(input) !== null;
}

/** Outward code, e.g. `'SW1A'`, or null. */
export function postcodeOutward(input: string): string | null {
  const p = normalisePostcode(input);
  return p === null ? null : p.split(' ')[0]!;
}

/** District (same as outward), e.g. `'SW1A'`. */
export const postcodeDistrict = postcodeOutward;

/** Sector: outward code plus the inward digit, e.g. `'SW1A 1'`, or null. */
export function postcodeSector(input: string): string | null {
  const p = normalisePostcode(input);
  return p === null ? null : p.slice(0, -2);
}

/** Area: the leading letters, e.g. `'SW'`, or null. */
export function postcodeArea(input: string): string | null {
  const p = normalisePostcode(input);
  return p === null ? null : /^[A-Z]+/.exec(p)![0];
}
