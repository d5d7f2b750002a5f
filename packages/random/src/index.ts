/**
 * One seeded random source for every generator in the repository (the app's fictional LA, the
 * linkage and redaction corpora, the returns test data), so a seed number always gives the same
 * data and no generator calls `Math.random`.
 *
 * The generator is mulberry32 (32-bit state, period 2^32): fast, small and good enough for test
 * data; it is not for anything secret.
 *
 * @example
 * const rng = Random.of('demo', 990, 'family', 12); // an independent stream for one named part
 * rng.int(1, 6); // 1…6
 * rng.pick(['a', 'b']);
 */

/** FNV-1a over the parts joined with "/": turns "seed/la/family index" into a 32-bit seed. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('/')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private state: number;

  /** A source from a 32-bit seed. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A new, independent source for a named part (a family, a child, a note). */
  static of(...parts: (string | number)[]): Random {
    return new Random(hashSeed(...parts));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** An integer in [0, n): an index into a list of n. */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item, uniformly. @throws RangeError on an empty list */
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new RangeError('pick from an empty list');
    return xs[this.below(xs.length)]!;
  }

  /** Picks by weight: `[[value, weight], …]`. @throws RangeError on an empty table */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    if (table.length === 0) throw new RangeError('weighted pick from an empty table');
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  }

  /** Up to `n` distinct items, in the order drawn. */
  some<T>(xs: readonly T[], n: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(this.below(pool.length), 1)[0]!);
    return out;
  }

  /** A version-4-shaped UUID from this source (stable ids for generated records). */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = ((this.int(0, 15) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** Picks items with weight 1/(rank+1)^s: a few very common values and a long tail. */
export class Zipf<T> {
  private readonly cumulative: Float64Array;
  constructor(
    readonly items: readonly T[],
    s = 0.9,
  ) {
    if (items.length === 0) throw new RangeError('Zipf over an empty list');
    this.cumulative = new Float64Array(items.length);
    let total = 0;
    items.forEach((_, k) => (this.cumulative[k] = total += 1 / Math.pow(k + 1, s)));
  }
  pick(rng: Random): T {
    const x = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}
