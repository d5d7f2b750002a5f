/** Reading the 903's `dd/mm/yyyy` dates (one or two digit day and month, as the reference reads them). */
import { isoOrNull } from '../../dates.ts';

const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const seen = new Map<string, string | null>();

/**
 * The ISO date of a 903 date, or null when blank or not a real date.
 * @example ukToIso('05/04/2025') // '2025-04-05'
 */
export function ukToIso(s: string | null | undefined): string | null {
  if (!s) return null;
  let v = seen.get(s);
  if (v === undefined) {
    const m = UK.exec(s);
    v = m ? isoOrNull(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`) : null;
    if (seen.size < 200_000) seen.set(s, v);
  }
  return v;
}

/** True when the value is filled in but is not a valid 903 date. */
export function isBadDate(s: string | null | undefined): boolean {
  return !!s && ukToIso(s) === null;
}
