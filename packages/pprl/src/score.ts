/**
 * Scoring blocks with the kernel: for each record of a block, the other members it is compared
 * with go to the kernel in one call, which writes their AND popcounts; Dice follows from the
 * stored popcounts. One loop, no allocation per pair.
 */
import { type BlockingIndex, type BlockTask, isNewPair } from './blocking.ts';
import { CHUNK, type StoreData } from './store.ts';
import type { KernelExports } from './kernel/wasm.ts';

/** Pairs at or above a score, in growable typed arrays. */
export class PairBuffer implements PairArrays {
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  score = new Float32Array(1024);
  length = 0;

  push(a: number, b: number, s: number): void {
    if (this.length === this.left.length) {
      const grow = <T extends Int32Array | Float32Array>(x: T, make: (n: number) => T): T => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      this.left = grow(this.left, (n) => new Int32Array(n));
      this.right = grow(this.right, (n) => new Int32Array(n));
      this.score = grow(this.score, (n) => new Float32Array(n));
    }
    this.left[this.length] = a;
    this.right[this.length] = b;
    this.score[this.length++] = s;
  }
}

/** Kept pairs: `length` entries of left, right and score. */
export interface PairArrays {
  left: Int32Array;
  right: Int32Array;
  score: Float32Array;
  length: number;
}

export interface ScoreOutput {
  pairs: PairArrays;
  comparisons: number;
  /** Each record's best score over its comparisons (0 when it had none). */
  best: Float32Array;
}

/**
 * Score the blocks of `tasks` on one thread, keeping pairs scoring at least `minScore`. A pair
 * whose records both carry a keyed identifier key (a valid NHS number, a UPN) scores 1 when the
 * keys agree and 0 when they differ: two valid NHS numbers are one child or two.
 * `thread` chooses this thread's scratch area in the shared memory.
 */
export function scoreTasks(
  d: StoreData,
  index: BlockingIndex,
  kernel: KernelExports,
  tasks: readonly BlockTask[],
  minScore: number,
  thread: number,
  onProgress?: (comparisons: number) => void,
): ScoreOutput {
  const pairs = new PairBuffer();
  const best = new Float32Array(d.n);
  const idxPtr = d.scratch + thread * CHUNK * 8;
  const outPtr = idxPtr + CHUNK * 4;
  const idx = new Int32Array(d.memory.buffer, idxPtr, CHUNK);
  const out = new Int32Array(d.memory.buffer, outPtr, CHUNK);
  const { pop, stride } = d;
  const idKeys = d.identifierRules.map((r) => d.keys[r]!);
  let comparisons = 0;
  let sinceProgress = 0;
  for (const task of tasks) {
    const rb = index.rules[task.rule]!;
    for (let b = task.from; b < task.to; b++) {
      const s = rb.starts[b]!;
      const e = rb.starts[b + 1]!;
      if (e - s > index.maxBlock || e - s < 2) continue;
      for (let x = s; x < e - 1; x++) {
        const a = rb.order[x]!;
        let m = 0;
        for (let y = x + 1; y < e; y++) {
          const c = rb.order[y]!;
          if (isNewPair(d, index.mode, task.rule, a, c)) idx[m++] = c;
        }
        if (m === 0) continue;
        kernel.and_list(a * stride, 0, idxPtr, m, stride, outPtr);
        comparisons += m;
        const pa = pop[a]!;
        for (let k = 0; k < m; k++) {
          const c = idx[k]!;
          const ones = pa + pop[c]!;
          let score = ones === 0 ? 0 : (2 * out[k]!) / ones;
          for (const keys of idKeys) {
            const ka = keys[a]!;
            const kc = keys[c]!;
            if (ka !== 0 && kc !== 0) score = ka === kc ? 1 : 0;
          }
          if (score > best[a]!) best[a] = score;
          if (score > best[c]!) best[c] = score;
          if (score >= minScore) pairs.push(a, c, score);
        }
      }
      sinceProgress += e - s;
      if (onProgress && sinceProgress > 20000) {
        onProgress(comparisons);
        sinceProgress = 0;
      }
    }
  }
  return { pairs, comparisons, best };
}
