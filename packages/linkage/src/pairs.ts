import { probabilityFromWeight } from './model.ts';
import type { StoreData } from './store.ts';

/** A scored pair as the API hands it out. */
export interface MatchPair {
  idL: string;
  idR: string;
  /** Store indices of the two records. */
  left: number;
  right: number;
  matchWeight: number;
  matchProbability: number;
}

/**
 * A growable list of scored pairs held in typed arrays (no object per pair while scoring).
 * @example for (const p of pairs.iterate(store.data)) console.log(p.idL, p.idR, p.matchProbability);
 */
export class PairList {
  left: Int32Array;
  right: Int32Array;
  weight: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.weight = new Float64Array(capacity);
  }

  push(i: number, j: number, w: number): void {
    if (this.length === this.left.length) this.grow();
    this.left[this.length] = i;
    this.right[this.length] = j;
    this.weight[this.length++] = w;
  }

  /** Append another list's pairs. */
  append(other: { left: Int32Array; right: Int32Array; weight: Float64Array; length: number }): void {
    for (let k = 0; k < other.length; k++) this.push(other.left[k]!, other.right[k]!, other.weight[k]!);
  }

  /** Pair k as a {@link MatchPair}. */
  get(d: StoreData, k: number): MatchPair {
    const left = this.left[k]!;
    const right = this.right[k]!;
    const w = this.weight[k]!;
    return {
      idL: d.ids[left]!,
      idR: d.ids[right]!,
      left,
      right,
      matchWeight: w,
      matchProbability: probabilityFromWeight(w),
    };
  }

  *iterate(d: StoreData): Generator<MatchPair> {
    for (let k = 0; k < this.length; k++) yield this.get(d, k);
  }

  /** Indices 0..length-1 sorted by weight, highest first. */
  byWeight(): Int32Array {
    const order = new Int32Array(this.length);
    for (let k = 0; k < this.length; k++) order[k] = k;
    const w = this.weight;
    return order.sort((a, b) => w[b]! - w[a]!);
  }

  private grow(): void {
    const n = this.left.length * 2;
    const l = new Int32Array(n);
    const r = new Int32Array(n);
    const w = new Float64Array(n);
    l.set(this.left);
    r.set(this.right);
    w.set(this.weight);
    this.left = l;
    this.right = r;
    this.weight = w;
  }
}
