import { dobLevel, familyNameLevel, givenNameLevel, nhsLevel } from './comparisons.ts';
import type { StoreData } from './store.ts';

/** Why a pair may never be a match, whatever its weight. */
export type Guard = 'twin' | 'sibling' | 'different_nhs_number';

/** An identifier held by more records than this is a placeholder (0000000000), not evidence of one person. */
export const PLACEHOLDER_COUNT = 20;
/** The NHS number level "one edit apart". */
const ONE_EDIT_NHS_LEVEL = 3;
/** Given-name levels from here on (JW ≥ 0.8 only, or different) count as different given names. */
const DIFFERENT_GIVEN_LEVEL = 7;
/** Family-name levels up to here (exact, swapped, shared part, one edit) count as the same family. */
const SAME_FAMILY_LEVEL = 4;
/** The date-of-birth level "within a year": apart, and no keying slip explains it. */
const WITHIN_A_YEAR_LEVEL = 4;
/** The date-of-birth level "different": more than a year apart and no keying slip explains it. */
const DIFFERENT_DOB_LEVEL = 5;
/** Given-name levels from here on (nickname, typo, similar, sounds alike, …) are not the same name. */
const NOT_SAME_GIVEN_LEVEL = 3;

/**
 * Cannot-link rules applied after scoring and in clustering:
 * - `twin`: same date of birth and family name (allowing one slip) but clearly different given
 *   names (not a nickname, typo or sound-alike), the signature of twins who share every other detail;
 * - `sibling`: the same with dates of birth that differ or are unknown; or given names that are
 *   not the same (a nickname, a slip, a sound-alike) and dates of birth more than a year apart; or
 *   a given name missing on one side and dates of birth apart (within a year or more) with no keying
 *   slip to explain it: brothers and sisters share a surname and a home, which the model would
 *   otherwise count twice over, and a child's date of birth is rarely wrong by more than a slip;
 * - `different_nhs_number`: two different NHS numbers that both pass the check digit (a keying
 *   slip almost always fails the modulus-11 check, so two valid numbers mean two people).
 *
 * The same NHS number (or other identifier mapped to it) on both records overrides `twin` and
 * `sibling`: twins and siblings have numbers of their own, so the shared number outweighs names
 * that look like two children's. This holds whether or not the number passes the modulus-11 check
 * (other identifiers have none), but not for a value so many records hold that it is a placeholder;
 * so does an identifier one keying slip away, unless both pass the check (then they are two).
 *
 * @example
 * guard(store.data, 0, 1) // 'twin' for Ava and Ella Oyelaran, both born 2016-05-02
 */
export function guard(d: StoreData, i: number, j: number): Guard | null {
  const a = d.nhs[i]!;
  const b = d.nhs[j]!;
  // One identifier is one person (twins and siblings have their own), whether or not it passes the
  // NHS check digit (other schemes have none), unless so many records hold it that it is a placeholder.
  if (a >= 0 && a === b && d.nhsNumbers.count[a]! <= PLACEHOLDER_COUNT) return null;
  if (a >= 0 && b >= 0) {
    // Two valid NHS numbers are two people.
    if (d.nhsNumbers.valid[a] === 1 && d.nhsNumbers.valid[b] === 1) return 'different_nhs_number';
    // One keying slip apart, not both valid (the check digit catches a slip in an NHS number): the
    // same identifier mistyped, which twins' and siblings' own numbers would not be.
    if (nhsLevel(d, i, j) === ONE_EDIT_NHS_LEVEL) return null;
  }
  if (d.family[i]! >= 0 && d.family[j]! >= 0 && familyNameLevel(d, i, j) <= SAME_FAMILY_LEVEL) {
    const given = givenNameLevel(d, i, j);
    const dob = dobLevel(d, i, j);
    if (given >= DIFFERENT_GIVEN_LEVEL) return dob === 1 ? 'twin' : 'sibling';
    if (
      (given >= NOT_SAME_GIVEN_LEVEL && dob === DIFFERENT_DOB_LEVEL) ||
      (given === 0 && dob >= WITHIN_A_YEAR_LEVEL)
    )
      return 'sibling';
  }
  return null;
}
