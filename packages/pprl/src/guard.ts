/**
 * The twin guard. The date-of-birth component holds two small filters under keys of their own:
 * the date of birth's digits, and the given name's bigrams salted with the full date of birth
 * (so it can only be compared between records of one date of birth and is useless across them).
 * Two records with the same date of birth whose given names clearly differ (Dice < 0.5 between
 * the given-name halves) are twins or siblings born the same day, and are never linked, however
 * alike the rest of the encoding is.
 */
import { dice } from './kernel/reference.ts';
import type { StoreData } from './store.ts';

/** Dice below which two given names under the same date of birth count as clearly different. */
export const TWIN_GIVEN_NAME_DICE = 0.5;

/** True when the guard stops pair (a, b). */
export function twinGuard(d: StoreData, a: number, b: number): boolean {
  if (!d.hasDob[a] || !d.hasDob[b]) return false;
  const half = d.dobBytes / 2;
  const oa = a * d.dobBytes;
  const ob = b * d.dobBytes;
  for (let k = 0; k < half; k++) if (d.dob[oa + k] !== d.dob[ob + k]) return false;
  const ga = d.dob.subarray(oa + half, oa + d.dobBytes);
  const gb = d.dob.subarray(ob + half, ob + d.dobBytes);
  if (ga.every((x) => x === 0) || gb.every((x) => x === 0)) return false;
  return dice(ga, gb) < TWIN_GIVEN_NAME_DICE;
}
