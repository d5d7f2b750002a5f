import { type BlockingIndex, blockCount, blockPairs } from './blocking.ts';
import type { Kernel } from './kernel.ts';
import { PairList } from './pairs.ts';

/** A slice of the scoring work: blocks [from, to) of rule `rule`. */
export interface ScoreTask {
  rule: number;
  from: number;
  to: number;
  /** Comparisons the slice is expected to hold (before removing pairs of earlier rules). */
  pairs: number;
}

/** Split every rule's blocks into about `parts` slices of similar size. */
export function planTasks(index: BlockingIndex, parts: number): ScoreTask[] {
  const tasks: ScoreTask[] = [];
  let total = 0;
  const sizes = index.blocks.map((_, r) => {
    const s = new Float64Array(blockCount(index, r));
    for (let k = 0; k < s.length; k++) total += s[k] = blockPairs(index, r, k);
    return s;
  });
  const target = Math.max(1, total / Math.max(1, parts * 8));
  sizes.forEach((s, rule) => {
    let from = 0;
    let acc = 0;
    for (let k = 0; k < s.length; k++) {
      acc += s[k]!;
      if (acc >= target || k === s.length - 1) {
        tasks.push({ rule, from, to: k + 1, pairs: acc });
        from = k + 1;
        acc = 0;
      }
    }
  });
  return tasks;
}

/**
 * Score every pair of the tasks with the kernel and keep those at or above `minWeight` that no
 * cannot-link guard stops. Returns the kept pairs and how many comparisons were scored.
 */
export function scoreTasks(
  kernel: Kernel,
  index: BlockingIndex,
  tasks: readonly ScoreTask[],
  minWeight: number,
  onTask?: (comparisons: number) => void,
): { pairs: PairList; comparisons: number } {
  const pairs = new PairList();
  let comparisons = 0;
  for (const t of tasks) {
    const n = kernel.scoreBlocks(index, t.rule, t.from, t.to, minWeight, pairs);
    comparisons += n;
    onTask?.(n);
  }
  return { pairs, comparisons };
}
