import type { ComparisonName } from './comparisons.ts';
import type { StoreData } from './store.ts';

/**
 * A blocking rule: only pairs whose keys are equal (and not missing) are compared. Several rules
 * are unioned; a pair found by an earlier rule is not compared again by a later one.
 */
export interface BlockingRule {
  name: string;
  /** The key of record i (a string, or a number ≥ 0), or null when the record cannot be blocked by this rule. */
  key(d: StoreData, i: number): string | number | null;
  /** Comparisons this rule makes agree, so training on its pairs cannot estimate them. */
  conditions: readonly ComparisonName[];
  /**
   * Makes the rule one-sided: only pairs with at least one record for which this is true are
   * compared. A block of a common key (every Oliver Smith) then costs its probes times its size
   * rather than its size squared. Used for records missing the value other rules need.
   */
  probe?(d: StoreData, i: number): boolean;
  /**
   * A built-in rule used by `chooseBlockingRules` only while it fits the comparison budget, as the
   * extra rules are: its cost depends on the data (a street address is specific in one file and
   * repeated in every town in another).
   */
  budgeted?: boolean;
}

const sound = (d: StoreData, name: number): number => (name < 0 ? -1 : d.names.dm1[name]!);
/**
 * Sorted Double Metaphone code ids of given and family name packed in one number (ids below 2^21),
 * or -1 when either is missing. Keys are numbers where they can be: interning a number is several
 * times faster than building and interning a string, which matters at a million records.
 */
function namesSound(d: StoreData, i: number): number {
  const g = sound(d, d.given[i]!);
  const f = sound(d, d.family[i]!);
  if (g < 0 || f < 0) return -1;
  return g < f ? g * 2 ** 21 + f : f * 2 ** 21 + g;
}
/** dob (yyyymmdd) and a small id packed in one number, or null when either is missing. */
const withDob = (d: StoreData, i: number, id: number): number | null =>
  d.dob[i] && id >= 0 ? d.dob[i] * 2 ** 21 + id : null;
const district = (d: StoreData, i: number): number => {
  const p = d.postcode[i]!;
  return p >= 0 ? d.postcodes.district[p]! : -1;
};

/** The built-in person model's blocking rules, in the order they are applied. */
export const PERSON_BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'nhs_number', conditions: ['nhs_number'], key: (d, i) => (d.nhs[i]! >= 0 ? d.nhs[i]! : null) },
  {
    name: 'dob + family_name sound',
    conditions: ['dob'],
    key: (d, i) => withDob(d, i, sound(d, d.family[i]!)),
  },
  {
    name: 'dob + given_name sound',
    conditions: ['dob'],
    key: (d, i) => withDob(d, i, sound(d, d.given[i]!)),
  },
  { name: 'postcode', conditions: ['home'], key: (d, i) => (d.postcode[i]! >= 0 ? d.postcode[i]! : null) },
  // The names' sounds, sorted so that a record with given and family names swapped lands in the
  // same block, together with a part of the date of birth or the postcode district: names alone
  // make blocks that grow with the square of the data (every Oliver Smith against every other).
  {
    name: 'names sound + birth year',
    conditions: [],
    key: (d, i) => {
      const k = namesSound(d, i);
      // Years 1800–2200 (parseDate's range) fit in 9 bits.
      return k >= 0 && d.dob[i] ? k * 512 + (Math.floor(d.dob[i] / 10000) - 1800) : null;
    },
  },
  {
    name: 'names sound + birth day and month',
    conditions: [],
    key: (d, i) => {
      const k = namesSound(d, i);
      const ymd = d.dob[i]!;
      return k >= 0 && ymd ? k * 512 + (Math.floor(ymd / 100) % 100) * 32 + (ymd % 100) : null;
    },
  },
  {
    name: 'names sound + postcode district',
    conditions: [],
    key: (d, i) => {
      const k = namesSound(d, i);
      const dist = district(d, i);
      return k >= 0 && dist >= 0 ? `${k}:${dist}` : null;
    },
  },
  // Street addresses repeat across towns where a file has no house names or flat numbers (1 High
  // Street is in every town): the rule is used only while it fits the comparison budget.
  {
    name: 'address',
    conditions: ['home'],
    key: (d, i) => (d.address[i]! >= 0 ? d.address[i]! : null),
    budgeted: true,
  },
  { name: 'phone', conditions: ['home'], key: (d, i) => (d.phone[i]! >= 0 ? d.phone[i]! : null) },
  {
    name: 'dob + given_name initial',
    conditions: ['dob'],
    key: (d, i) => withDob(d, i, d.given[i]! >= 0 ? d.names.values[d.given[i]!]!.charCodeAt(0) : -1),
  },
  { name: 'dob + postcode district', conditions: ['dob'], key: (d, i) => withDob(d, i, district(d, i)) },
  // Every rule above but the first four needs a date of birth: a record without one meets the
  // records with the same names' sound, whatever their date of birth (one-sided, see `probe`).
  {
    name: 'names sound, date of birth missing on one side',
    conditions: [],
    key: (d, i) => {
      const k = namesSound(d, i);
      return k >= 0 ? k : null;
    },
    probe: (d, i) => d.dob[i] === 0,
  },
];

/** How records are to be paired: within one source, across sources only, or both. */
export type LinkMode = 'dedupe' | 'link' | 'link_and_dedupe';

/** Keys of every record under every rule, and each rule's records sorted into blocks. */
export interface BlockingIndex {
  rules: readonly string[];
  /** keys[r][i]: integer key of record i under rule r, -1 when it has none. */
  keys: Int32Array[];
  /**
   * The same keys by record: keyRows[i * rules.length + r] = keys[r][i], so checking whether an
   * earlier rule already paired two records reads one stretch of memory per record.
   */
  keyRows: Int32Array;
  /**
   * order[r]: record indices grouped by key (in a one-sided rule, each block's probes first);
   * blocks[r]: per block, its start and end offsets into order[r] and the end of its probes (the
   * end itself for a two-sided rule), three numbers a block.
   */
  order: Int32Array[];
  blocks: Int32Array[];
  /** probe[r]: 1 for the probe records of a one-sided rule r, null for a two-sided rule. */
  probe: (Uint8Array | null)[];
  mode: LinkMode;
}

/**
 * Compute every rule's keys and blocks for a store.
 * @example const index = buildBlocking(store.data, PERSON_BLOCKING_RULES, 'dedupe');
 */
export function buildBlocking(d: StoreData, rules: readonly BlockingRule[], mode: LinkMode): BlockingIndex {
  const keys: Int32Array[] = [];
  const order: Int32Array[] = [];
  const blocks: Int32Array[] = [];
  const probes: (Uint8Array | null)[] = [];
  const raw = new Float64Array(d.size);
  for (const rule of rules) {
    // Keys become numbers (strings are interned to negative ids), then records are sorted by key:
    // much faster than a hash map of a million large numeric keys.
    const strings = new Map<string, number>();
    let count = 0;
    for (let i = 0; i < d.size; i++) {
      const key = rule.key(d, i);
      if (key === null) {
        raw[i] = NaN;
        continue;
      }
      count++;
      if (typeof key === 'number') raw[i] = key;
      else {
        let id = strings.get(key);
        if (id === undefined) strings.set(key, (id = strings.size));
        raw[i] = -1 - id;
      }
    }
    let probe: Uint8Array | null = null;
    if (rule.probe) {
      probe = new Uint8Array(d.size);
      for (let i = 0; i < d.size; i++) if (!Number.isNaN(raw[i]!) && rule.probe(d, i)) probe[i] = 1;
    }
    // Sort the distinct keys natively, rank every record's key by binary search, then place the
    // records by a counting sort on rank (probes of a one-sided rule first): no comparison callback.
    const sorted = new Float64Array(count);
    let n = 0;
    for (let i = 0; i < d.size; i++) if (!Number.isNaN(raw[i]!)) sorted[n++] = raw[i]!;
    sorted.sort();
    let distinct = 0;
    for (let x = 0; x < n; x++) if (x === 0 || sorted[x] !== sorted[x - 1]) sorted[distinct++] = sorted[x]!;
    const k = sharedInt32(d.size).fill(-1);
    const slots = probe ? 2 : 1;
    const next = new Int32Array(distinct * slots + 1);
    for (let i = 0; i < d.size; i++) {
      const key = raw[i]!;
      if (Number.isNaN(key)) continue;
      let lo = 0;
      let hi = distinct - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < key) lo = mid + 1;
        else hi = mid;
      }
      k[i] = lo;
      next[lo * slots + (probe && probe[i] === 0 ? 1 : 0) + 1]!++;
    }
    for (let x = 1; x < next.length; x++) next[x]! += next[x - 1]!;
    // next[g * slots] is now where group g starts; with probes, next[g * 2 + 1] where its others start.
    const starts: number[] = [];
    for (let g = 0; g < distinct; g++) {
      const from = next[g * slots]!;
      const to = next[(g + 1) * slots]!;
      const probesEnd = probe ? next[g * 2 + 1]! : to;
      // Only blocks of two or more records, and in a one-sided rule with a probe, make pairs.
      if (to - from > 1 && probesEnd > from) starts.push(from, to, probesEnd);
    }
    const o = sharedInt32(n);
    for (let i = 0; i < d.size; i++) {
      const g = k[i]!;
      if (g < 0) continue;
      o[next[g * slots + (probe && probe[i] === 0 ? 1 : 0)]!++] = i;
    }
    keys.push(k);
    order.push(o);
    blocks.push(Int32Array.from(starts));
    probes.push(probe);
  }
  const R = rules.length;
  const keyRows = sharedInt32(d.size * R);
  keys.forEach((k, r) => {
    for (let i = 0; i < d.size; i++) keyRows[i * R + r] = k[i]!;
  });
  return { rules: rules.map((r) => r.name), keys, keyRows, order, blocks, probe: probes, mode };
}

/** An Int32Array on a SharedArrayBuffer, so worker threads read it without a copy. */
function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
}

/** True when records i and j may be compared under the mode (sources differ for link, …). */
export function modeAllows(d: StoreData, mode: LinkMode, i: number, j: number): boolean {
  return mode === 'dedupe' || mode === 'link_and_dedupe' || d.source[i] !== d.source[j];
}

/** True when rule q pairs records i and j. */
function pairedBy(index: BlockingIndex, q: number, i: number, j: number): boolean {
  const k = index.keys[q]!;
  const ki = k[i]!;
  if (ki < 0 || ki !== k[j]) return false;
  const p = index.probe[q];
  return !p || p[i] === 1 || p[j] === 1;
}

/** True when an earlier rule than r already pairs i and j. */
export function pairedEarlier(index: BlockingIndex, r: number, i: number, j: number): boolean {
  for (let q = 0; q < r; q++) if (pairedBy(index, q, i, j)) return true;
  return false;
}

/** Number of blocks of rule r. */
export const blockCount = (index: BlockingIndex, r: number): number => index.blocks[r]!.length / 3;

/** Records in block `blk` of rule r. */
export const blockSize = (index: BlockingIndex, r: number, blk: number): number =>
  index.blocks[r]![3 * blk + 1]! - index.blocks[r]![3 * blk]!;

/** Pairs block `blk` of rule r holds on its own (every pair with a probe, in a one-sided rule). */
export function blockPairs(index: BlockingIndex, r: number, blk: number): number {
  const b = index.blocks[r]!;
  const n = b[3 * blk + 1]! - b[3 * blk]!;
  const p = b[3 * blk + 2]! - b[3 * blk]!;
  return (p * (p - 1)) / 2 + p * (n - p);
}

/**
 * Call `visit(i, j)` (i < j) for every pair that rule r is first to produce, for the blocks
 * numbered [from, to) of that rule.
 */
export function forEachPair(
  d: StoreData,
  index: BlockingIndex,
  r: number,
  from: number,
  to: number,
  visit: (i: number, j: number) => void,
): void {
  const o = index.order[r]!;
  const b = index.blocks[r]!;
  const link = index.mode === 'link';
  const source = d.source;
  const rows = index.keyRows;
  const R = index.rules.length;
  const earlierProbe = index.probe.slice(0, r);
  const oneSided = earlierProbe.some((p) => p !== null);
  for (let blk = from; blk < to; blk++) {
    const start = b[3 * blk]!;
    const end = b[3 * blk + 1]!;
    // In a one-sided rule, the pairs with a probe: probes come first in the block.
    const firstEnd = b[3 * blk + 2]!;
    for (let x = start; x < firstEnd; x++) {
      const i = o[x]!;
      const si = source[i];
      const ri = i * R;
      pairs: for (let y = x + 1; y < end; y++) {
        const j = o[y]!;
        if (link && si === source[j]) continue;
        const rj = j * R;
        for (let q = 0; q < r; q++) {
          const ki = rows[ri + q]!;
          if (ki >= 0 && ki === rows[rj + q]) {
            const p = oneSided ? earlierProbe[q] : null;
            if (!p || p[i] === 1 || p[j] === 1) continue pairs;
          }
        }
        if (i < j) visit(i, j);
        else visit(j, i);
      }
    }
  }
}
