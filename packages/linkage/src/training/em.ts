/**
 * Expectation–maximisation for the Fellegi–Sunter model on aggregated comparison vectors.
 * Each distinct vector ("pattern") is held once with its count, so an iteration costs
 * O(patterns × comparisons) however many pairs were blocked.
 */

export interface EmInput {
  /** Flattened patterns: pattern p's level for comparison c is patterns[p * comparisons + c]. */
  patterns: Uint8Array;
  counts: Float64Array;
  comparisons: number;
  /** active[c]: comparison c is estimated and used in the E-step. */
  active: readonly boolean[];
  /** scored[c][l]: level l of comparison c carries evidence (false for null and neutral levels). */
  scored: readonly (readonly boolean[])[];
  /** Starting m and fixed u, per comparison and level. */
  m: readonly (readonly number[])[];
  u: readonly (readonly number[])[];
  lambda: number;
}

export interface EmOptions {
  maxIterations?: number;
  /** Converged when no m changes by more than this in an iteration. */
  tolerance?: number;
  /** Smallest m allowed, so an unseen level keeps a finite weight. */
  minM?: number;
  /**
   * Weight, in pairs, of a Dirichlet prior on m centred on the starting m: each M-step adds
   * `priorPairs × m0` to the expected counts, so a level few pairs reach stays near its prior
   * rather than collapsing to zero or one. Default 0 (plain EM).
   */
  priorPairs?: number;
}

export interface EmResult {
  m: number[][];
  lambda: number;
  iterations: number;
  converged: boolean;
  finalChange: number;
}

/**
 * Run EM with u fixed (as Splink does by default after estimating u by random sampling).
 *
 * @example
 * const r = runEm({ patterns, counts, comparisons: 2, active: [true, true], scored, m, u, lambda: 0.1 });
 * r.converged; r.iterations; r.m;
 */
export function runEm(input: EmInput, options: EmOptions = {}): EmResult {
  const { patterns, counts, comparisons: C, active, scored, u } = input;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-5;
  const minM = options.minM ?? 1e-6;
  const priorPairs = options.priorPairs ?? 0;
  const m0 = input.m;
  const P = counts.length;
  let m = input.m.map((levels) => [...levels]);
  let lambda = input.lambda;
  const post = new Float64Array(P);
  let iterations = 0;
  let change = Infinity;
  while (iterations < maxIterations && change > tolerance) {
    iterations++;
    let matched = 0;
    let total = 0;
    for (let p = 0; p < P; p++) {
      let a = lambda;
      let b = 1 - lambda;
      for (let c = 0; c < C; c++) {
        if (!active[c]) continue;
        const l = patterns[p * C + c]!;
        if (!scored[c]![l]) continue;
        a *= m[c]![l]!;
        b *= u[c]![l]!;
      }
      const q = a + b > 0 ? a / (a + b) : 0;
      post[p] = q;
      matched += q * counts[p]!;
      total += counts[p]!;
    }
    const next = m.map((levels, c) => levels.map((_, l) => (scored[c]![l] ? priorPairs * m0[c]![l]! : 0)));
    for (let p = 0; p < P; p++) {
      const w = post[p]! * counts[p]!;
      for (let c = 0; c < C; c++) {
        const l = patterns[p * C + c]!;
        if (active[c] && scored[c]![l]) next[c]![l]! += w;
      }
    }
    change = 0;
    for (let c = 0; c < C; c++) {
      if (!active[c]) {
        next[c] = m[c]!;
        continue;
      }
      const sum = next[c]!.reduce((s, x, l) => (scored[c]![l] ? s + x : s), 0);
      next[c] = next[c]!.map((x, l) =>
        scored[c]![l] ? (sum > 0 ? Math.max(minM, x / sum) : m[c]![l]!) : m[c]![l]!,
      );
      for (let l = 0; l < next[c]!.length; l++) change = Math.max(change, Math.abs(next[c]![l]! - m[c]![l]!));
    }
    m = next;
    lambda = total > 0 ? Math.min(1 - 1e-9, Math.max(1e-9, matched / total)) : lambda;
  }
  return { m, lambda, iterations, converged: change <= tolerance, finalChange: change };
}
