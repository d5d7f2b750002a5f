import type { BlockingIndex } from './blocking.ts';
import { COMPARISON_NAMES, nameCode, namesSwapped, similarAddress } from './comparisons.ts';
import { PLACEHOLDER_COUNT } from './guards.ts';
import { isDayMonthTransposed, isOneDigitDifferent } from './dates.ts';
import type { LinkageModel } from './model.ts';
import { PairList } from './pairs.ts';
import type { AddressTable, NameTable, StoreData } from './store.ts';
import { withinOneEdit } from './text/similarity.ts';

/**
 * The scoring kernel: the hot loop of batch linkage, written for speed. Every record is packed
 * once into {@link RECORD_STRIDE} 32-bit integers in one typed array (one cache line a record, so
 * a pair costs two memory reads rather than two for every field), name term-frequency weights are
 * looked up per name id, string similarities are remembered per pair of values (see
 * `nameCode`), cheap comparisons come first and a pair stops as soon as even the best remaining
 * levels could not lift it to the threshold, and pairs are generated, deduplicated across
 * blocking rules, scored and guarded in one loop with no call per pair and no allocation.
 *
 * It computes exactly the levels of the comparison functions in `comparisons.ts` and the guards
 * of `guards.ts` (tests check this on random pairs), which stay the reference used for
 * explanations, training and the incremental index.
 */

/** Integers per packed record. */
export const RECORD_STRIDE = 16;
const GIVEN = 0;
const FAMILY = 1;
const DOB = 2;
const DOB_DAY = 3;
const SEX = 4;
const POSTCODE = 5;
const SECTOR = 6;
const DISTRICT = 7;
const ADDRESS = 8;
const TOWN = 9;
const NHS = 10;
const NHS_VALID = 11;
const PHONE = 12;
const EMAIL = 13;
const SOURCE = 14;
/** 1 when the record's identifier is held by few enough records to be evidence (see `PLACEHOLDER_COUNT`). */
const NHS_DISTINCT = 15;

/** What the kernel needs of a store: packed records and the tables of distinct values. */
export interface KernelData {
  /** RECORD_STRIDE integers per record (see `packRecords`), on a SharedArrayBuffer. */
  records: Int32Array;
  size: number;
  names: NameTable;
  addresses: AddressTable;
  nhsNumbers: string[];
}

function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
}

/**
 * Pack a store's records for the kernel. The records live on a SharedArrayBuffer, so worker
 * threads read them without a copy.
 * @example const k = kernelData(store.data);
 */
export function kernelData(d: StoreData): KernelData {
  const n = d.size;
  const r = sharedInt32(n * RECORD_STRIDE);
  const pc = d.postcodes;
  for (let i = 0; i < n; i++) {
    const b = i * RECORD_STRIDE;
    const p = d.postcode[i]!;
    const nhs = d.nhs[i]!;
    r[b + GIVEN] = d.given[i]!;
    r[b + FAMILY] = d.family[i]!;
    r[b + DOB] = d.dob[i]!;
    r[b + DOB_DAY] = d.dobDay[i]!;
    r[b + SEX] = d.sex[i]!;
    r[b + POSTCODE] = p;
    r[b + SECTOR] = p >= 0 ? pc.sector[p]! : -1;
    r[b + DISTRICT] = p >= 0 ? pc.district[p]! : -1;
    r[b + ADDRESS] = d.address[i]!;
    r[b + TOWN] = d.town[i]!;
    r[b + NHS] = nhs;
    r[b + NHS_VALID] = nhs >= 0 ? d.nhsNumbers.valid[nhs]! : 0;
    r[b + PHONE] = d.phone[i]!;
    r[b + EMAIL] = d.email[i]!;
    r[b + SOURCE] = d.source[i]!;
    r[b + NHS_DISTINCT] = nhs >= 0 && d.nhsNumbers.count[nhs]! <= PLACEHOLDER_COUNT ? 1 : 0;
  }
  return { records: r, size: n, names: d.names, addresses: d.addresses, nhsNumbers: d.nhsNumbers.values };
}

/** The model's weights laid out for the kernel: plain numbers, sendable to a worker. */
export interface KernelWeights {
  prior: number;
  /** Per comparison (in COMPARISON_NAMES order), the weight of each level; null when not in the model. */
  levels: (Float64Array | null)[];
  /** Exact-level weight of each name id as a given name and as a family name (term-frequency adjusted). */
  givenExact: Float64Array;
  familyExact: Float64Array;
}

/** Lay out a model's weights for the kernel, with the term frequencies of `names`. */
export function kernelWeights(model: LinkageModel, names: NameTable): KernelWeights {
  const levels: (Float64Array | null)[] = COMPARISON_NAMES.map(() => null);
  const givenExact = new Float64Array(names.values.length);
  const familyExact = new Float64Array(names.values.length);
  model.defs.forEach((def, c) => {
    const kind = COMPARISON_NAMES.indexOf(def.name);
    levels[kind] = Float64Array.from(model.weights[c]!);
    const exact = kind === 0 ? givenExact : kind === 1 ? familyExact : null;
    if (exact) for (let n = 0; n < exact.length; n++) exact[n] = model.exactNameWeight(c, names, n);
  });
  return { prior: model.priorWeight, levels, givenExact, familyExact };
}

/** Levels past which the guards treat names and dates as different (see `guards.ts`). */
const DIFFERENT_GIVEN_LEVEL = 7;
const SAME_FAMILY_LEVEL = 4;
const WITHIN_A_YEAR_LEVEL = 4;
const DIFFERENT_DOB_LEVEL = 5;
const NOT_SAME_GIVEN_LEVEL = 3;

const EMPTY = new Float64Array(16);

/**
 * Scores pairs of packed records. One per thread: it keeps per-thread scratch state.
 *
 * @example
 * const k = new Kernel(kernelData(d), kernelWeights(model, d.names));
 * const w = k.scoreAtLeast(i, j, minWeight); // -Infinity when it cannot reach minWeight
 */
export class Kernel {
  private readonly r: Int32Array;
  private readonly names: NameTable;
  private readonly addresses: AddressTable;
  private readonly nhsNumbers: string[];
  private readonly prior: number;
  private readonly wGiven: Float64Array;
  private readonly wFamily: Float64Array;
  private readonly wDob: Float64Array;
  private readonly wSex: Float64Array;
  private readonly wHome: Float64Array;
  private readonly wNhs: Float64Array;
  private readonly hasGiven: boolean;
  private readonly hasFamily: boolean;
  private readonly hasDob: boolean;
  private readonly hasSex: boolean;
  private readonly hasHome: boolean;
  private readonly hasNhs: boolean;
  private readonly givenExact: Float64Array;
  private readonly familyExact: Float64Array;
  /** Best weight of a given or family name level below "swapped" (nickname, slip, …), and of any home level. */
  private readonly bestGivenRest: number;
  private readonly bestFamilyRest: number;
  private readonly bestHome: number;
  private readonly bestSwapped: number;

  constructor(data: KernelData, weights: KernelWeights) {
    this.r = data.records;
    this.names = data.names;
    this.addresses = data.addresses;
    this.nhsNumbers = data.nhsNumbers;
    this.prior = weights.prior;
    const [given, family, dob, sex, home, nhs] = weights.levels;
    this.hasGiven = !!given;
    this.hasFamily = !!family;
    this.hasDob = !!dob;
    this.hasSex = !!sex;
    this.hasHome = !!home;
    this.hasNhs = !!nhs;
    this.wGiven = given ?? EMPTY;
    this.wFamily = family ?? EMPTY;
    this.wDob = dob ?? EMPTY;
    this.wSex = sex ?? EMPTY;
    this.wHome = home ?? EMPTY;
    this.wNhs = nhs ?? EMPTY;
    this.givenExact = weights.givenExact;
    this.familyExact = weights.familyExact;
    const best = (w: Float64Array, from: number): number => Math.max(0, ...w.subarray(from));
    this.bestGivenRest = this.hasGiven ? best(this.wGiven, 3) : 0;
    this.bestFamilyRest = this.hasFamily ? best(this.wFamily, 3) : 0;
    this.bestSwapped = Math.max(this.wGiven[2]!, 0) + Math.max(this.wFamily[2]!, 0);
    this.bestHome = this.hasHome ? best(this.wHome, 1) : 0;
  }

  /** Date-of-birth level of packed records at offsets bi and bj (see `dobLevel`). */
  private dob(bi: number, bj: number): number {
    const r = this.r;
    const a = r[bi + DOB]!;
    const b = r[bj + DOB]!;
    if (a === 0 || b === 0) return 0;
    if (a === b) return 1;
    if (isDayMonthTransposed(a, b)) return 2;
    if (isOneDigitDifferent(a, b)) return 3;
    const days = r[bi + DOB_DAY]! - r[bj + DOB_DAY]!;
    return days <= 365 && days >= -365 ? 4 : 5;
  }

  /** Given-name level beyond exact and swapped: the remembered similarity of two names. */
  private givenRest(a: number, b: number): number {
    return nameCode(this.names, a, b) & 15;
  }

  private familyRest(a: number, b: number): number {
    return nameCode(this.names, a, b) >> 4;
  }

  /** Home level (see `homeLevel`). */
  private home(bi: number, bj: number): number {
    const r = this.r;
    const pa = r[bi + POSTCODE]!;
    const pb = r[bj + POSTCODE]!;
    const aa = r[bi + ADDRESS]!;
    const ab = r[bj + ADDRESS]!;
    const hasP = pa >= 0 && pb >= 0;
    const hasA = aa >= 0 && ab >= 0;
    const samePostcode = hasP && pa === pb;
    const sameAddress = hasA && (aa === ab || similarAddress(this.addresses, aa, ab));
    if (samePostcode && sameAddress) return 1;
    if ((samePostcode && !hasA) || (sameAddress && !hasP)) return 2;
    let known = false;
    const ta = r[bi + PHONE]!;
    const tb = r[bj + PHONE]!;
    if (ta >= 0 && tb >= 0) {
      if (ta === tb) return 3;
      known = true;
    }
    const ea = r[bi + EMAIL]!;
    const eb = r[bj + EMAIL]!;
    if (ea >= 0 && eb >= 0) {
      if (ea === eb) return 3;
      known = true;
    }
    if (samePostcode || sameAddress) return 4;
    if (hasP) {
      const sa = r[bi + SECTOR]!;
      if (sa >= 0 && sa === r[bj + SECTOR]) return 5;
      const da = r[bi + DISTRICT]!;
      if (da >= 0 && da === r[bj + DISTRICT]) return 6;
    }
    const wa = r[bi + TOWN]!;
    const wb = r[bj + TOWN]!;
    const hasT = wa >= 0 && wb >= 0;
    if (hasT && wa === wb) return 7;
    return hasP || hasA || hasT || known ? 8 : 0;
  }

  /** NHS number level (see `nhsLevel`). */
  private nhs(bi: number, bj: number): number {
    const r = this.r;
    const a = r[bi + NHS]!;
    const b = r[bj + NHS]!;
    if (a < 0 || b < 0) return 0;
    if (a === b) return r[bi + NHS_VALID] === 1 ? 1 : 2;
    return withinOneEdit(this.nhsNumbers[a]!, this.nhsNumbers[b]!) ? 3 : 4;
  }

  /**
   * The match weight of records i and j if it can reach `minWeight`, else -Infinity. The same
   * number `LinkageModel.score` gives, when it is returned.
   */
  scoreAtLeast(i: number, j: number, minWeight: number): number {
    const r = this.r;
    const bi = i * RECORD_STRIDE;
    const bj = j * RECORD_STRIDE;
    let w = this.prior;
    if (this.hasDob) w += this.wDob[this.dob(bi, bj)]!;
    if (this.hasSex) {
      const a = r[bi + SEX]!;
      const b = r[bj + SEX]!;
      if (a >= 0 && b >= 0) w += this.wSex[a === b ? 1 : 2]!;
    }
    if (this.hasNhs) w += this.wNhs[this.nhs(bi, bj)]!;
    // Names, first by id alone: missing, exact (weighted by the name's frequency) or swapped are
    // settled here; any other level needs the names' similarity, bounded by its best weight.
    const gi = r[bi + GIVEN]!;
    const gj = r[bj + GIVEN]!;
    const fi = r[bi + FAMILY]!;
    const fj = r[bj + FAMILY]!;
    let givenOpen = false;
    let familyOpen = false;
    let bound = 0;
    if (this.hasGiven && gi >= 0 && gj >= 0) {
      if (gi === gj) w += this.givenExact[gi]!;
      else {
        givenOpen = true;
        bound += this.bestGivenRest;
      }
    }
    if (this.hasFamily && fi >= 0 && fj >= 0) {
      if (fi === fj) w += this.familyExact[fi]!;
      else {
        familyOpen = true;
        bound += this.bestFamilyRest;
      }
    }
    // Swapped names are rare and weigh a lot: one integer test finds the pairs that might be.
    const maybeSwapped = (givenOpen || familyOpen) && (gi === fj || fi === gj);
    if (maybeSwapped) bound = Math.max(bound, this.bestSwapped);
    if (w + bound + this.bestHome < minWeight) return -Infinity;
    if (this.hasHome) {
      w += this.wHome[this.home(bi, bj)]!;
      if (w + bound < minWeight) return -Infinity;
    }
    if (maybeSwapped && namesSwapped(this.names, gi, fi, gj, fj)) {
      if (givenOpen) w += this.wGiven[2]!;
      if (familyOpen) w += this.wFamily[2]!;
      return w;
    }
    if (familyOpen) {
      w += this.wFamily[this.familyRest(fi, fj)]!;
      if (givenOpen && w + this.bestGivenRest < minWeight) return -Infinity;
    }
    if (givenOpen) w += this.wGiven[this.givenRest(gi, gj)]!;
    return w;
  }

  /** True when a cannot-link guard stops the pair (see `guard`). */
  guarded(i: number, j: number): boolean {
    const r = this.r;
    const bi = i * RECORD_STRIDE;
    const bj = j * RECORD_STRIDE;
    const a = r[bi + NHS]!;
    const b = r[bj + NHS]!;
    if (a >= 0 && a === b && r[bi + NHS_DISTINCT] === 1) return false;
    if (a >= 0 && b >= 0 && a !== b) {
      if (r[bi + NHS_VALID] === 1 && r[bj + NHS_VALID] === 1) return true;
      if (withinOneEdit(this.nhsNumbers[a]!, this.nhsNumbers[b]!)) return false;
    }
    const fi = r[bi + FAMILY]!;
    const fj = r[bj + FAMILY]!;
    if (fi < 0 || fj < 0) return false;
    const gi = r[bi + GIVEN]!;
    const gj = r[bj + GIVEN]!;
    const swapped = namesSwapped(this.names, gi, fi, gj, fj);
    if (fi !== fj && !swapped && this.familyRest(fi, fj) > SAME_FAMILY_LEVEL) return false;
    const given = gi < 0 || gj < 0 ? 0 : gi === gj ? 1 : swapped ? 2 : this.givenRest(gi, gj);
    const dob = this.dob(bi, bj);
    if (given >= DIFFERENT_GIVEN_LEVEL) return true;
    return (
      (given >= NOT_SAME_GIVEN_LEVEL && dob === DIFFERENT_DOB_LEVEL) ||
      (given === 0 && dob >= WITHIN_A_YEAR_LEVEL)
    );
  }

  /**
   * Score every pair rule r is first to produce in its blocks [from, to), keeping those at or
   * above `minWeight` that no guard stops. Returns the number of comparisons made.
   */
  scoreBlocks(
    index: BlockingIndex,
    r: number,
    from: number,
    to: number,
    minWeight: number,
    out: PairList,
  ): number {
    const o = index.order[r]!;
    const b = index.blocks[r]!;
    const rec = this.r;
    const link = index.mode === 'link';
    const rows = index.keyRows;
    const R = index.rules.length;
    const earlierProbe = index.probe.slice(0, r);
    const oneSided = earlierProbe.some((p) => p !== null);
    let n = 0;
    for (let blk = from; blk < to; blk++) {
      const start = b[3 * blk]!;
      const end = b[3 * blk + 1]!;
      const firstEnd = b[3 * blk + 2]!;
      for (let x = start; x < firstEnd; x++) {
        const i = o[x]!;
        const si = rec[i * RECORD_STRIDE + SOURCE];
        const ri = i * R;
        pairs: for (let y = x + 1; y < end; y++) {
          const j = o[y]!;
          if (link && si === rec[j * RECORD_STRIDE + SOURCE]) continue;
          const rj = j * R;
          for (let q = 0; q < r; q++) {
            const ki = rows[ri + q]!;
            if (ki >= 0 && ki === rows[rj + q]) {
              const p = oneSided ? earlierProbe[q] : null;
              if (!p || p[i] === 1 || p[j] === 1) continue pairs;
            }
          }
          n++;
          const lo = i < j ? i : j;
          const hi = i < j ? j : i;
          const w = this.scoreAtLeast(lo, hi, minWeight);
          if (w >= minWeight && !this.guarded(lo, hi)) out.push(lo, hi, w);
        }
      }
    }
    return n;
  }
}
