/**
 * The field-level comparison of two encodings: the adapter that gives the index, pair by pair,
 * the comparison vector `@waypoint/pprl`'s field-level model builds over its batch store
 * (`FieldComparator` in pprl's src/field-model.ts, not exported: pprl's API compares field
 * filters only inside `linkEncodings`). The definitions follow pprl's README, Method 5 and 6:
 * each field filter's Dice in levels (≥ 0.92, 0.84, 0.76, 0.68, below; 0 when a side lacks it),
 * postcode, address and town as one `location` comparison, the date of birth from the
 * date-of-birth component's digit half (equal, ≥ 0.8, ≥ 0.6, below), names salted under dates
 * that differ read as unknown, and the sibling/twin guards on the vector. These are pprl's
 * definitions as of 4 Dec; its comparison of 7 Dec (src/field-comparator.ts: swapped names, an
 * identifier one slip away) is not followed yet — the fix is a pair comparator exported by pprl.
 */
import { dice, PPRL_FIELDS, type PprlField } from '@waypoint/pprl';
import type { FieldFilters } from './field-filters.ts';

/** Lower Dice bounds of a field filter's levels, best first (pprl's FIELD_DICE_LEVELS). */
export const FIELD_LEVELS = [0.92, 0.84, 0.76, 0.68] as const;
/** The same for the date-of-birth digits (pprl's DOB_DICE_LEVELS). */
export const DOB_LEVELS = [1, 0.8, 0.6] as const;
const WORST = FIELD_LEVELS.length + 1;
const LOCATION: readonly PprlField[] = ['postcode', 'address', 'town'];
const place = (f: PprlField): number => PPRL_FIELDS.indexOf(f);
const PLAIN = PPRL_FIELDS.filter((f) => !LOCATION.includes(f) && f !== 'dob').map(place);

/** Comparison names: each field filter but location and dob, then `location`, then `dob`. */
export const COMPARISONS: readonly string[] = [...PLAIN.map((k) => PPRL_FIELDS[k]!), 'location', 'dob'];
/** Levels of each comparison, the null level 0 included. */
export const LEVELS: readonly number[] = [...PLAIN.map(() => WORST + 1), 5, DOB_LEVELS.length + 2];
const at = (name: string): number => COMPARISONS.indexOf(name);
const GIVEN = at('given_name');
const FAMILY = at('family_name');
const LOC = at('location');
const DOB = at('dob');
const IDENTIFIERS = [at('nhs_number'), at('upn')];

/** What a side brings to the comparison. */
export interface FieldSide {
  fields: FieldFilters;
  dob: Uint8Array | null;
}

function level(score: number, bounds: readonly number[]): number {
  for (let k = 0; k < bounds.length; k++) if (score >= bounds[k]!) return k + 1;
  return bounds.length + 1;
}

function fieldLevel(a: FieldFilters, b: FieldFilters, k: number): number {
  const x = a[k];
  const y = b[k];
  return x == null || y == null || x.length !== y.length ? 0 : level(dice(x, y), FIELD_LEVELS);
}

/** The comparison vector of a pair, written into `out` (length COMPARISONS.length). */
export function compareFields(a: FieldSide, b: FieldSide, out: Uint8Array): Uint8Array {
  PLAIN.forEach((k, c) => {
    out[c] = fieldLevel(a.fields, b.fields, k);
  });
  let dobLevel = 0;
  if (a.dob !== null && b.dob !== null && a.dob.length === b.dob.length && a.dob.length > 0) {
    const half = a.dob.length / 2;
    dobLevel = level(dice(a.dob.subarray(0, half), b.dob.subarray(0, half)), DOB_LEVELS);
  }
  out[DOB] = dobLevel;
  // Names salted by year of birth say nothing when the dates differ: both unrelated under dates
  // that are not equal is unknown, not two other names.
  if (dobLevel !== 1 && out[GIVEN] === WORST && out[FAMILY] === WORST) out[GIVEN] = out[FAMILY] = 0;
  const [pc, ad, tw] = LOCATION.map((f) => fieldLevel(a.fields, b.fields, place(f))) as [
    number,
    number,
    number,
  ];
  const agrees = (l: number): boolean => l !== 0 && l <= 2;
  if (pc === 0 && ad === 0 && tw === 0) out[LOC] = 0;
  else if (agrees(pc) && agrees(ad)) out[LOC] = 1;
  else if (agrees(pc) || agrees(ad)) out[LOC] = 2;
  else if (pc === 3 || agrees(tw)) out[LOC] = 3;
  else out[LOC] = 4;
  return out;
}

/** True when an identifier's field filters agree (the best level): it overrides every guard. */
export function identifierAgrees(vec: Uint8Array): boolean {
  return IDENTIFIERS.some((c) => c >= 0 && vec[c] === 1);
}

/**
 * pprl's field-level guards: another family name and another home (only a given name and a date
 * of birth agree: strangers); or the same family (the best three levels) with given names at the
 * worst level; or given names merely alike under the same date of birth (twins); or given names
 * not the same under dates of birth more than a slip apart. An agreeing identifier lifts them.
 */
export function isGuarded(vec: Uint8Array): boolean {
  if (identifierAgrees(vec)) return false;
  const given = vec[GIVEN]!;
  const family = vec[FAMILY]!;
  if (family >= 4 && vec[LOC] === 4) return true;
  if (given === 0 || family === 0 || family > 3) return false;
  if (given === WORST) return true;
  const dob = vec[DOB]!;
  if (dob === 1) return given >= 4;
  return dob >= 3 && given >= 3;
}
