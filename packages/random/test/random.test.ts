import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashSeed, Random, Zipf } from '../src/index.ts';

describe('Random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('is mulberry32: the first draws for seed 1 are the reference values', () => {
    const r = new Random(1);
    // Reference values of mulberry32(1), as published with the algorithm.
    expect(r.next()).toBeCloseTo(0.6270739405881613, 15);
    expect(r.next()).toBeCloseTo(0.002735721180215478, 15);
  });

  it('keeps int, below and pick within their ranges', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, lo, span) => {
          const r = new Random(seed);
          const v = r.int(lo, lo + span);
          const i = r.below(span + 1);
          return v >= lo && v <= lo + span && Number.isInteger(v) && i >= 0 && i <= span;
        },
      ),
    );
  });

  it('refuses to pick from nothing', () => {
    expect(() => new Random(1).pick([])).toThrow(RangeError);
    expect(() => new Random(1).weighted([])).toThrow(RangeError);
  });

  it('derives named streams by FNV-1a', () => {
    expect(hashSeed('a')).toBe(0xe40c292c);
    expect(Random.of('x', 1).next()).toBe(new Random(hashSeed('x/1')).next());
  });

  it('weights picks and draws distinct items', () => {
    const r = new Random(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 2000; i++)
      counts[
        r.weighted([
          ['a', 9],
          ['b', 1],
        ] as const)
      ]++;
    expect(counts.a).toBeGreaterThan(1650);
    expect(new Set(r.some([1, 2, 3, 4, 5], 5)).size).toBe(5);
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('Zipf favours the first items', () => {
    const z = new Zipf(['first', 'second', 'third', 'fourth'], 1.2);
    const r = new Random(3);
    let first = 0;
    for (let i = 0; i < 1000; i++) if (z.pick(r) === 'first') first++;
    expect(first).toBeGreaterThan(400);
  });
});
