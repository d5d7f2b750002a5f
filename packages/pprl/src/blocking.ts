/**
 * Blocking on the encoded side: records sharing a blocking key under a rule form a block, and only
 * pairs inside a block are compared. Rules are unioned; a pair an earlier rule already found is
 * skipped by later ones, so each pair is compared once. Reported like `@waypoint/linkage`'s
 * blocking report.
 */
import type { StoreData } from './store.ts';

export type Mode = 'dedupe' | 'link';

/** Blocks of one rule: record indexes sorted by key, and where each block starts. */
export interface RuleBlocks {
  order: Int32Array;
  /** Start of each block in `order`, then its end: block b is order[starts[b]] … order[starts[b + 1]). */
  starts: Int32Array;
}

export interface BlockingIndex {
  mode: Mode;
  rules: RuleBlocks[];
  /** Blocks larger than this are skipped (and counted), so one bad key cannot make a run quadratic. */
  maxBlock: number;
}

/** Group the records of each rule by key (records without a key under the rule are left out). */
export function buildBlocks(d: StoreData, mode: Mode, maxBlock = 5000): BlockingIndex {
  if (d.n >= 2 ** 21)
    throw new RangeError('blocking packs record numbers in 21 bits: at most 2,097,151 records');
  const rules = d.keys.map((keys) => {
    let count = 0;
    for (let i = 0; i < d.n; i++) if (keys[i] !== 0) count++;
    const packed = new Float64Array(count);
    let k = 0;
    for (let i = 0; i < d.n; i++) if (keys[i] !== 0) packed[k++] = keys[i]! * 2097152 + i;
    packed.sort();
    const order = new Int32Array(count);
    const starts: number[] = [];
    let last = -1;
    for (let j = 0; j < count; j++) {
      const v = packed[j]!;
      const key = Math.floor(v / 2097152);
      order[j] = v - key * 2097152;
      if (key !== last) {
        starts.push(j);
        last = key;
      }
    }
    starts.push(count);
    return { order, starts: Int32Array.from(starts) };
  });
  return { mode, rules, maxBlock };
}

/** How many comparisons one blocking rule makes. */
export interface BlockingRuleCount {
  rule: string;
  blocks: number;
  largestBlock: number;
  /** Blocks skipped as larger than the limit, and the records in them. */
  skippedBlocks: number;
  /** Pairs this rule's blocks hold (before removing those earlier rules found). */
  comparisons: number;
  /** Of those, pairs no earlier rule found: what the rule adds. */
  newComparisons: number;
}

export interface BlockingReport {
  rules: BlockingRuleCount[];
  /** Comparisons the run makes: every pair once. */
  total: number;
}

/** True when pair (a, b) is compared under rule r: across sources in link mode, and not already found by an earlier rule. */
export function isNewPair(d: StoreData, mode: Mode, r: number, a: number, b: number): boolean {
  if (mode === 'link' && d.source[a] === d.source[b]) return false;
  for (let q = 0; q < r; q++) {
    const keys = d.keys[q]!;
    const ka = keys[a]!;
    if (ka !== 0 && ka === keys[b]) return false;
  }
  return true;
}

/** Count, before scoring, the comparisons each rule generates and adds. */
export function countComparisons(d: StoreData, index: BlockingIndex): BlockingReport {
  const rules = index.rules.map((rb, r) => {
    let comparisons = 0;
    let newComparisons = 0;
    let largestBlock = 0;
    let skippedBlocks = 0;
    const blocks = rb.starts.length - 1;
    for (let b = 0; b < blocks; b++) {
      const s = rb.starts[b]!;
      const e = rb.starts[b + 1]!;
      const size = e - s;
      largestBlock = Math.max(largestBlock, size);
      if (size > index.maxBlock) {
        skippedBlocks++;
        continue;
      }
      for (let x = s; x < e; x++) {
        const a = rb.order[x]!;
        for (let y = x + 1; y < e; y++) {
          const c = rb.order[y]!;
          if (index.mode === 'link' && d.source[a] === d.source[c]) continue;
          comparisons++;
          if (isNewPair(d, index.mode, r, a, c)) newComparisons++;
        }
      }
    }
    return { rule: d.rules[r]!, blocks, largestBlock, skippedBlocks, comparisons, newComparisons };
  });
  return { rules, total: rules.reduce((s, r) => s + r.newComparisons, 0) };
}

/** A share of the blocks for one thread: rule r, blocks [from, to). */
export interface BlockTask {
  rule: number;
  from: number;
  to: number;
}

/** Split the blocks into `parts` tasks of about equal pair counts. */
export function planTasks(index: BlockingIndex, parts: number): BlockTask[][] {
  let total = 0;
  const cost = (rb: RuleBlocks, b: number): number => {
    const size = rb.starts[b + 1]! - rb.starts[b]!;
    return size > index.maxBlock ? 0 : (size * (size - 1)) / 2;
  };
  index.rules.forEach((rb) => {
    for (let b = 0; b + 1 < rb.starts.length; b++) total += cost(rb, b);
  });
  const per = total / parts;
  const out: BlockTask[][] = Array.from({ length: parts }, () => []);
  let part = 0;
  let acc = 0;
  index.rules.forEach((rb, r) => {
    let from = 0;
    const blocks = rb.starts.length - 1;
    for (let b = 0; b < blocks; b++) {
      acc += cost(rb, b);
      if (acc >= per * (part + 1) && part < parts - 1) {
        out[part]!.push({ rule: r, from, to: b + 1 });
        from = b + 1;
        part++;
      }
    }
    if (from < blocks) out[part]!.push({ rule: r, from, to: blocks });
  });
  return out;
}
