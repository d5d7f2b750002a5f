import { describe, expect, it } from 'vitest';
import { runEm } from '../src/training/em.ts';
import { uWithoutMatches } from '../src/training/sample.ts';

/**
 * A small known case: three comparisons with levels [null, agree, disagree], known m, u and λ.
 * The counts are the exact expected counts of every pattern, so EM (u fixed) must recover m and λ.
 */
describe('EM on a small known case', () => {
  const m = [
    [1, 0.9, 0.1],
    [1, 0.8, 0.2],
    [1, 0.7, 0.3],
  ];
  const u = [
    [1, 0.1, 0.9],
    [1, 0.2, 0.8],
    [1, 0.05, 0.95],
  ];
  const lambda = 0.3;
  const patterns: number[] = [];
  const counts: number[] = [];
  for (const a of [1, 2]) {
    for (const b of [1, 2]) {
      for (const c of [1, 2]) {
        patterns.push(a, b, c);
        const pm = m[0]![a]! * m[1]![b]! * m[2]![c]!;
        const pu = u[0]![a]! * u[1]![b]! * u[2]![c]!;
        counts.push(100_000 * (lambda * pm + (1 - lambda) * pu));
      }
    }
  }
  const scored = [
    [false, true, true],
    [false, true, true],
    [false, true, true],
  ];
  const input = {
    patterns: Uint8Array.from(patterns),
    counts: Float64Array.from(counts),
    comparisons: 3,
    active: [true, true, true],
    scored,
    m: [
      [1, 0.6, 0.4],
      [1, 0.6, 0.4],
      [1, 0.6, 0.4],
    ],
    u,
    lambda: 0.1,
  };

  it('recovers m and λ and reports convergence', () => {
    const r = runEm(input, { maxIterations: 1000, tolerance: 1e-9 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(1);
    expect(r.lambda).toBeCloseTo(lambda, 4);
    for (let c = 0; c < 3; c++) {
      expect(r.m[c]![1]).toBeCloseTo(m[c]![1]!, 4);
      expect(r.m[c]![2]).toBeCloseTo(m[c]![2]!, 4);
    }
  });

  it('says honestly when it stopped before converging', () => {
    const r = runEm(input, { maxIterations: 2, tolerance: 1e-12 });
    expect(r.iterations).toBe(2);
    expect(r.converged).toBe(false);
    expect(r.finalChange).toBeGreaterThan(1e-12);
  });

  it('leaves an inactive comparison untouched', () => {
    const r = runEm({ ...input, active: [true, true, false] }, { maxIterations: 200 });
    expect(r.m[2]).toEqual([1, 0.6, 0.4]);
  });
});

describe('u without the matches among random pairs', () => {
  it('solves share = λ·m + (1 − λ)·u for u, keeping half a count and summing to 1', () => {
    const scored = [[false, true, true, true]];
    const lambda = 0.01;
    // The true u, mixed with matches at rate λ, is what random sampling sees.
    const trueU = [1, 0.001, 0.1, 0.899];
    const m = [[1, 0.9, 0.08, 0.02]];
    const share = [trueU.map((x, l) => (l === 0 ? 1 : lambda * m[0]![l]! + (1 - lambda) * x))];
    const u = uWithoutMatches(share, m, lambda, [1_000_000], scored)[0]!;
    for (let l = 1; l < 4; l++) expect(u[l]).toBeCloseTo(trueU[l]!, 6);
    // A level seen only among matches keeps half a count of the pairs with values, not zero.
    const onlyMatches = [[1, lambda * 0.9, 0.5, 0.5 - lambda * 0.9]];
    const u2 = uWithoutMatches(onlyMatches, m, lambda, [1000], scored)[0]!;
    expect(u2[1]).toBeGreaterThan(0);
    expect(u2[1]).toBeLessThan(0.001);
    expect(u2[1]! + u2[2]! + u2[3]!).toBeCloseTo(1, 9);
    expect(u2[0]).toBe(1);
  });
});
