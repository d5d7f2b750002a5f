/**
 * The comparison vector of the field-level model: for each field filter its Dice in a few levels,
 * postcode, address and town as one `location` comparison, and the date of birth from the
 * date-of-birth component; and the guards on that vector.
 */
import { popcount32 } from './kernel/reference.ts';
import type { StoreData } from './store.ts';

/** Lower Dice bounds of the levels of a field-filter comparison, best first (level 0: a side is missing). */
export const FIELD_DICE_LEVELS = [0.92, 0.84, 0.76, 0.68] as const;
/** The same for the date-of-birth digits (unbalanced, unflipped): 1 is equal. */
export const DOB_DICE_LEVELS = [1, 0.8, 0.6] as const;

/** Family-name levels up to here count as the same family (the guards). */
const SAME_FAMILY_LEVEL = 3;
/** Given-name levels from here on, with the same family and date of birth, are twins (the guards). */
const TWIN_GIVEN_LEVEL = 4;

/** Family-name levels from here on are another family (below Dice 0.76). */
const OTHER_FAMILY_LEVEL = 4;
/** Given-name levels from here on are not the same name (a slip is the second level). */
const NOT_SAME_GIVEN_LEVEL = 3;
/** The identifier level of a number one keying slip away (Dice ≥ 0.84 on the balanced filters). */
const IDENTIFIER_SLIP_LEVEL = 2;
/** Name levels up to here count as agreeing when given and family names are compared crosswise. */
const SWAPPED_AGREE_LEVEL = 2;
/** Name levels from here on are unrelated filters (Dice below 0.76). */
const UNRELATED_LEVEL = 4;
/** Date-of-birth levels from here on are more than a keying slip apart. */
const DOB_APART_LEVEL = 3;

/** Dice of two byte ranges of the same array, over 32-bit words when aligned. */
function diceAt(bytes: Uint8Array, words: Uint32Array | null, a: number, b: number, len: number): number {
  let both = 0;
  let ones = 0;
  if (words && (a & 3) === 0 && (b & 3) === 0 && (len & 3) === 0) {
    const wa = a >> 2;
    const wb = b >> 2;
    for (let k = 0; k < len >> 2; k++) {
      const x = words[wa + k]!;
      const y = words[wb + k]!;
      both += popcount32(x & y);
      ones += popcount32(x) + popcount32(y);
    }
  } else {
    for (let k = 0; k < len; k++) {
      const x = bytes[a + k]!;
      const y = bytes[b + k]!;
      both += popcount32(x & y);
      ones += popcount32(x) + popcount32(y);
    }
  }
  return ones === 0 ? 0 : (2 * both) / ones;
}

function level(score: number, bounds: readonly number[]): number {
  for (let k = 0; k < bounds.length; k++) if (score >= bounds[k]!) return k + 1;
  return bounds.length + 1;
}

/** Fields compared together as one "location" comparison: they agree and disagree together in a household. */
const LOCATION_FIELDS = ['postcode', 'address', 'town'] as const;
const WORST_FIELD_LEVEL = FIELD_DICE_LEVELS.length + 1;

/**
 * A comparison vector function over a store: levels per comparison, 0 when a side is missing.
 * Comparisons: each field filter but the location fields, then `location` (postcode, address and
 * town as one comparison: both postcode and address agree / one of them / the postcode's sector or
 * the town / none), then `dob` (the date-of-birth component) when there is no dob field filter.
 */
export class FieldComparator {
  readonly names: string[];
  /** Levels of each comparison, the null level 0 included. */
  readonly levels: number[];
  private readonly F: number;
  private readonly fieldWords: Uint32Array | null;
  private readonly plain: number[];
  private readonly location: { postcode: number; address: number; town: number } | null;
  private readonly hasDobComparison: boolean;
  private readonly given: number;
  private readonly family: number;
  private readonly dob: number;
  private readonly identifiers: number[];
  private readonly raw: Uint8Array;
  /** Indexes of the given- and family-name filters among the store's fields, or −1. */
  private readonly givenField: number;
  private readonly familyField: number;

  constructor(private readonly d: StoreData) {
    const fields = d.fieldNames;
    this.F = fields.length;
    this.raw = new Uint8Array(this.F);
    this.plain = fields.flatMap((f, k) => ((LOCATION_FIELDS as readonly string[]).includes(f) ? [] : [k]));
    const at = (f: string): number => fields.indexOf(f as (typeof fields)[number]);
    this.location = LOCATION_FIELDS.some((f) => at(f) >= 0)
      ? { postcode: at('postcode'), address: at('address'), town: at('town') }
      : null;
    this.hasDobComparison = d.dobBytes > 0 && at('dob') < 0;
    this.names = [
      ...this.plain.map((k) => fields[k]!),
      ...(this.location ? ['location'] : []),
      ...(this.hasDobComparison ? ['dob'] : []),
    ];
    this.levels = [
      ...this.plain.map(() => WORST_FIELD_LEVEL + 1),
      ...(this.location ? [5] : []),
      ...(this.hasDobComparison ? [DOB_DICE_LEVELS.length + 2] : []),
    ];
    this.given = this.names.indexOf('given_name');
    this.family = this.names.indexOf('family_name');
    this.dob = this.names.indexOf('dob');
    this.givenField = at('given_name');
    this.familyField = at('family_name');
    this.identifiers = ['nhs_number', 'upn'].map((f) => this.names.indexOf(f)).filter((k) => k >= 0);
    this.fieldWords =
      d.fieldBytes % 4 === 0
        ? new Uint32Array(d.fieldData.buffer, d.fieldData.byteOffset, d.fieldData.length >> 2)
        : null;
  }

  /** True when the store carries field-level filters to compare. */
  static applies(d: StoreData): boolean {
    return d.fieldNames.length > 0;
  }

  /**
   * The field-level guards, on a comparison vector (the plaintext engine's sibling and twin guards
   * as far as the encodings allow): the same family name (allowing a slip) with given names
   * clearly different (the worst level); or given names merely alike (Amelia and Mia) and the same
   * date of birth; or given names not the same and dates of birth more than a slip apart; unless
   * an identifier agrees. Brothers, sisters and twins share a surname
   * and a home, which the model would otherwise count as evidence.
   */
  isGuarded(vec: Uint8Array): boolean {
    const given = this.given < 0 ? 0 : vec[this.given]!;
    const family = this.family < 0 ? 0 : vec[this.family]!;
    if (this.identifierAgrees(vec)) return false;
    // Another family name and another home: only the given name and the date of birth agree,
    // which strangers share as the data grow (synthetic 100k: most of the false matches).
    const location = this.location ? vec[this.names.indexOf('location')]! : 0;
    if (family >= OTHER_FAMILY_LEVEL && location === 4) return true;
    if (given === 0 || family === 0 || family > SAME_FAMILY_LEVEL) return false;
    if (given === WORST_FIELD_LEVEL) return true;
    const dob = this.dob < 0 ? 0 : vec[this.dob]!;
    if (dob === 1) return given >= TWIN_GIVEN_LEVEL;
    return dob >= DOB_APART_LEVEL && given >= NOT_SAME_GIVEN_LEVEL;
  }

  /**
   * True when an identifier's field filters agree, or are one keying slip apart (the second
   * level: one or two of ten positional digits differ, where two people's numbers differ in nine):
   * as in the plaintext engine, a mistyped number is still one child's, which twins' and
   * siblings' own numbers would not be. Two different numbers that both pass the check digit are
   * kept apart by their keyed blocking keys, not here.
   */
  identifierAgrees(vec: Uint8Array): boolean {
    for (const k of this.identifiers) if (vec[k] === 1 || vec[k] === IDENTIFIER_SLIP_LEVEL) return true;
    return false;
  }

  /**
   * True when the given names agree (the best two levels, swapped names included): the twin
   * guard's salted given-name half, which cannot see a swap, then has nothing to add.
   */
  givenAgrees(vec: Uint8Array): boolean {
    return this.given >= 0 && vec[this.given] !== 0 && vec[this.given]! <= SWAPPED_AGREE_LEVEL;
  }

  /** Index of a comparison by name, or −1. */
  indexOf(name: string): number {
    return this.names.indexOf(name);
  }

  /**
   * Given and family names swapped on one record (the plaintext engine's "swapped" level): when
   * neither agrees as written but each record's given name agrees with the other's family name,
   * the given name takes the worse of the two crosswise levels and the family name is neutral
   * (level 0), as the plaintext engine counts a swap once, under the given name. Only schemas with
   * `sharedNameKey` encode both names under one key; under two keys the crosswise Dice is that of
   * unrelated filters (about 0.5) and never reaches the agreeing levels.
   */
  private swapped(a: number, b: number, raw: Uint8Array): void {
    const g = this.givenField;
    const f = this.familyField;
    if (g < 0 || f < 0 || raw[g]! <= SWAPPED_AGREE_LEVEL || raw[f]! <= SWAPPED_AGREE_LEVEL) return;
    if (raw[g] === 0 || raw[f] === 0) return;
    const { d, F } = this;
    const at = (i: number, k: number): number => (i * F + k) * d.fieldBytes;
    const cross = (i: number, j: number): number =>
      level(diceAt(d.fieldData, this.fieldWords, at(i, g), at(j, f), d.fieldBytes), FIELD_DICE_LEVELS);
    const ab = cross(a, b);
    if (ab > SWAPPED_AGREE_LEVEL) return;
    const ba = cross(b, a);
    if (ba > SWAPPED_AGREE_LEVEL) return;
    raw[g] = Math.max(ab, ba);
    raw[f] = 0;
  }

  /** Write pair (a, b)'s levels into out[0 … names.length). */
  compare(a: number, b: number, out: Uint8Array): void {
    const { d, F, raw } = this;
    for (let f = 0; f < F; f++) {
      if (!d.hasField[a * F + f] || !d.hasField[b * F + f]) {
        raw[f] = 0;
        continue;
      }
      const s = diceAt(
        d.fieldData,
        this.fieldWords,
        (a * F + f) * d.fieldBytes,
        (b * F + f) * d.fieldBytes,
        d.fieldBytes,
      );
      raw[f] = level(s, FIELD_DICE_LEVELS);
    }
    this.swapped(a, b, raw);
    let c = 0;
    for (const k of this.plain) out[c++] = raw[k]!;
    let dobLevel = 0;
    if (this.hasDobComparison && d.hasDob[a] && d.hasDob[b]) {
      const half = d.dobBytes / 2;
      dobLevel = level(diceAt(d.dob, null, a * d.dobBytes, b * d.dobBytes, half), DOB_DICE_LEVELS);
    }
    // Names salted by year of birth say nothing when the dates differ: both unrelated, with dates
    // that are not equal, is read as unknown rather than as two other names. Unrelated means
    // either of the two lowest levels: filters of short names under two salts reach Dice 0.65–0.78
    // by chance (balanced, about 20 of 128 bits set), so the worst level alone left it to chance.
    if (
      this.given >= 0 &&
      this.family >= 0 &&
      dobLevel !== 1 &&
      out[this.given]! >= UNRELATED_LEVEL &&
      out[this.family]! >= UNRELATED_LEVEL
    ) {
      out[this.given] = 0;
      out[this.family] = 0;
    }
    if (this.location) {
      const { postcode, address, town } = this.location;
      const pc = postcode < 0 ? 0 : raw[postcode]!;
      const ad = address < 0 ? 0 : raw[address]!;
      const tw = town < 0 ? 0 : raw[town]!;
      const agrees = (l: number): boolean => l !== 0 && l <= 2;
      if (pc === 0 && ad === 0 && tw === 0) out[c++] = 0;
      else if (agrees(pc) && agrees(ad)) out[c++] = 1;
      else if (agrees(pc) || agrees(ad)) out[c++] = 2;
      else if (pc === 3 || agrees(tw)) out[c++] = 3;
      else out[c++] = 4;
    }
    if (this.hasDobComparison) out[c] = dobLevel;
  }
}
