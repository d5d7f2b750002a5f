import { familyNameLevel, givenNameLevel } from './comparisons.ts';
import type { StoreData } from './store.ts';

/** Why a pair may never be a match, whatever its weight. */
export type Guard = 'twin' | 'different_nhs_number';

/** Given-name levels from here on count as "different given names" for the twin guard. */
const TWIN_GIVEN_LEVEL = 7;
/** Family-name levels up to here (exact, swapped, shared part, one edit) count as the same family. */
const TWIN_FAMILY_LEVEL = 4;

/**
 * Cannot-link rules applied after scoring and in clustering:
 * - `twin`: same date of birth and family name (allowing one slip) but clearly different given names (not a nickname,
 *   typo or sound-alike), the signature of twins who share every other detail;
 * - `different_nhs_number`: two different NHS numbers that both pass the check digit (a keying
 *   slip almost always fails the modulus-11 check, so two valid numbers mean two people).
 *
 * @example
 * guard(store.data, 0, 1) // 'twin' for Ava and Ella Oyelaran, both born 2016-05-02
 */
export function guard(d: StoreData, i: number, j: number): Guard | null {
  const dob = d.dob[i]!;
  if (dob !== 0 && dob === d.dob[j] && d.family[i]! >= 0 && d.family[j]! >= 0 && familyNameLevel(d, i, j) <= TWIN_FAMILY_LEVEL) {
    if (givenNameLevel(d, i, j) >= TWIN_GIVEN_LEVEL) return 'twin';
  }
  const a = d.nhs[i]!;
  const b = d.nhs[j]!;
  if (a >= 0 && b >= 0 && a !== b && d.nhsNumbers.valid[a] === 1 && d.nhsNumbers.valid[b] === 1) return 'different_nhs_number';
  return null;
}
