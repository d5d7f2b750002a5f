import { type BlockingIndex, blockCount, blockPairs, forEachPair } from './blocking.ts';
import type { StoreData } from './store.ts';

/** How many comparisons one blocking rule generates. */
export interface BlockingRuleCount {
  rule: string;
  blocks: number;
  largestBlock: number;
  /** Pairs the rule's blocks hold on their own. */
  comparisons: number;
  /** Of those, pairs no earlier rule already generates: what it adds to the run. */
  newComparisons: number;
}

export interface BlockingReport {
  rules: BlockingRuleCount[];
  /** Comparisons the run will score: every pair once. */
  total: number;
}

/**
 * Count, before scoring, how many comparisons each blocking rule generates and adds.
 * @example countComparisons(store.data, buildBlocking(store.data, PERSON_BLOCKING_RULES, 'dedupe')).total
 */
export function countComparisons(d: StoreData, index: BlockingIndex): BlockingReport {
  const rules = index.rules.map((rule, r) => {
    const b = index.blocks[r]!;
    const o = index.order[r]!;
    let comparisons = 0;
    let largestBlock = 0;
    const oneSided = index.probe[r] !== null;
    for (let k = 0; k < b.length; k += 3) {
      const n = b[k + 1]! - b[k]!;
      largestBlock = Math.max(largestBlock, n);
      if (index.mode !== 'link') comparisons += blockPairs(index, r, k / 3);
      else if (oneSided) {
        const alone = { ...index, order: [o], blocks: [b], keys: [], probe: [index.probe[r]!] };
        forEachPair(d, alone, 0, k / 3, k / 3 + 1, () => comparisons++);
      } else {
        const bySource = new Map<number, number>();
        for (let x = b[k]!; x < b[k + 1]!; x++)
          bySource.set(d.source[o[x]!]!, (bySource.get(d.source[o[x]!]!) ?? 0) + 1);
        let same = 0;
        for (const c of bySource.values()) same += (c * (c - 1)) / 2;
        comparisons += (n * (n - 1)) / 2 - same;
      }
    }
    let newComparisons = 0;
    forEachPair(d, index, r, 0, blockCount(index, r), () => newComparisons++);
    return { rule, blocks: blockCount(index, r), largestBlock, comparisons, newComparisons };
  });
  return { rules, total: rules.reduce((s, r) => s + r.newComparisons, 0) };
}
