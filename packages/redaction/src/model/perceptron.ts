/**
 * An averaged perceptron over string features (Collins 2002), for tagging candidate name tokens.
 * Training keeps running sums for the average; the shipped weights are the averages, quantised.
 */

/** Tags: outside, and begin/inside for people, places and organisations. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'] as const;
export type Tag = (typeof TAGS)[number];
const N = TAGS.length;

/** Tag ids an `I-` tag may follow: its own `B-` or `I-`. */
export const mayFollow = (prev: number, tag: number): boolean =>
  tag === 2 || tag === 4 || tag === 6 ? prev === tag || prev === tag - 1 : true;

/** Read-only weights: feature → one score per tag. */
export interface Weights {
  get(feature: string): ArrayLike<number> | undefined;
}

/** Adds the weights of `features` into `scores` (length 7, zeroed by the caller). */
export function scoreInto(w: Weights, features: readonly string[], scores: Float64Array): void {
  for (const f of features) {
    const v = w.get(f);
    if (!v) continue;
    for (let k = 0; k < N; k++) scores[k]! += v[k]!;
  }
}

/** A perceptron being trained. */
export class Trainer implements Weights {
  private readonly w = new Map<string, Float64Array>();
  private readonly total = new Map<string, Float64Array>();
  private readonly stamp = new Map<string, Float64Array>();
  private t = 0;

  get(f: string): Float64Array | undefined {
    return this.w.get(f);
  }

  /** Counts one training example; updates when `guess` differs from `truth`. */
  update(features: readonly string[], truth: number, guess: number): void {
    this.t++;
    if (truth === guess) return;
    for (const f of features) {
      this.bump(f, truth, 1);
      this.bump(f, guess, -1);
    }
  }

  private bump(f: string, tag: number, by: number): void {
    let w = this.w.get(f);
    if (!w) {
      w = new Float64Array(N);
      this.w.set(f, w);
      this.total.set(f, new Float64Array(N));
      this.stamp.set(f, new Float64Array(N));
    }
    const tot = this.total.get(f)!;
    const st = this.stamp.get(f)!;
    tot[tag]! += (this.t - st[tag]!) * w[tag]!;
    st[tag] = this.t;
    w[tag]! += by;
  }

  /** The averaged weights, rounded to `step`, features whose weights all round to zero dropped. */
  averaged(step = 0.01): Map<string, Int32Array> {
    const out = new Map<string, Int32Array>();
    for (const [f, w] of this.w) {
      const tot = this.total.get(f)!;
      const st = this.stamp.get(f)!;
      const q = new Int32Array(N);
      let any = false;
      for (let k = 0; k < N; k++) {
        const avg = (tot[k]! + (this.t - st[k]!) * w[k]!) / Math.max(1, this.t);
        q[k] = Math.round(avg / step);
        if (q[k] !== 0) any = true;
      }
      if (any) out.set(f, q);
    }
    return out;
  }
}

/**
 * Weights as text: a header line `scale <step>`, then `feature<TAB>w0 w1 … w6` (integers), sorted.
 * @example
 * encodeWeights(trainer.averaged(), 0.01);
 */
export function encodeWeights(w: Map<string, Int32Array>, step: number): string {
  const lines = [...w].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([f, v]) => `${f}\t${v.join(' ')}`);
  return `scale ${step}\n${lines.join('\n')}\n`;
}

/** Reads `encodeWeights` text into a lookup of scaled scores. */
export function decodeWeights(text: string): Map<string, Float32Array> {
  const lines = text.split('\n');
  const step = Number(/^scale (\S+)$/.exec(lines[0] ?? '')?.[1] ?? NaN);
  if (!Number.isFinite(step)) throw new Error('name model: bad weights header');
  const out = new Map<string, Float32Array>();
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    const tab = l.lastIndexOf('\t');
    if (tab < 0) continue;
    const v = new Float32Array(N);
    const parts = l.slice(tab + 1).split(' ');
    for (let k = 0; k < N; k++) v[k] = Number(parts[k]) * step;
    out.set(l.slice(0, tab), v);
  }
  return out;
}
