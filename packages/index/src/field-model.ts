/**
 * Fellegi–Sunter weights for the index's field comparison (src/field-compare.ts), fitted on the
 * index's own encodings without labels, as `@waypoint/pprl` fits its batch model:
 *
 * - **u** (how often two different children agree at each level): counted on random pairs of the
 *   index's encodings, which are almost all different children;
 * - **m** (how often two records of one child agree): EM (`@waypoint/linkage`'s `runEm`, u held
 *   fixed) over the candidate pairs of sampled look-ups, in two sessions as Splink and pprl train:
 *   the pairs whose dates of birth are equal (the date left out, it agrees by construction) and
 *   those whose postcode and address agree (the location left out);
 * - **the prior**: the probability that two encodings drawn at random are one child, from the
 *   matches the first session finds (divided by the share of matches whose dates agree) over all
 *   pairs, so that prior, m and u describe the same population of pairs and a pair's posterior is
 *   its match probability — what the index's threshold means.
 *
 * @example
 * const model = fitFieldModel({ schema, random, candidates, queries: 200, encodings: 100_000 });
 * matchProbability(model, compareFields(a, b, new Uint8Array(COMPARISONS.length)));
 */
import { runEm } from '@waypoint/linkage';
import { COMPARISONS, isGuarded, LEVELS } from './field-compare.ts';

export interface FieldModel {
  /**
   * The schema identifier of the encodings it was fitted on (pprl's `schemaId`): it scores only
   * encodings of that schema.
   */
  schema: string;
  /** log2(m/u) of each comparison level (0 for the null level). */
  weights: number[][];
  /** log2 of the prior odds that two encodings drawn at random are one child. */
  priorWeight: number;
  report: {
    comparisons: readonly string[];
    m: number[][];
    u: number[][];
    prior: number;
    randomPairs: number;
    candidatePairs: number;
    guarded: number;
    /** Pairs in each EM session (dates equal; postcode and address agree); a session under 20 is skipped. */
    sessions: number[];
    encodings: number;
    queries: number;
    /** `fitted` on the index's own encodings, or the `default` model (too few to fit). */
    source: 'fitted' | 'default';
  };
}

export interface FitInput {
  /** The schema identifier of the encodings compared. */
  schema: string;
  /** Comparison vectors of random pairs of the index's encodings. */
  random: Uint8Array[];
  /** Comparison vectors of sampled look-ups' candidate pairs (the query itself left out). */
  candidates: Uint8Array[];
  /** How many look-ups the candidates came from. */
  queries: number;
  /** Encodings held (of the version, with field filters). */
  encodings: number;
}

const C = COMPARISONS.length;
const DOB = COMPARISONS.indexOf('dob');
const LOC = COMPARISONS.indexOf('location');
const MIN_SESSION = 20;
/** EM's starting m, as pprl's: 0.85 at the best level, the rest spread over the others. */
const M0 = LEVELS.map((L) =>
  Array.from({ length: L }, (_, l) => (l === 0 ? 1 : l === 1 ? 0.85 : 0.15 / (L - 2))),
);
const SCORED = LEVELS.map((L) => Array.from({ length: L }, (_, l) => l !== 0));

function countU(random: Uint8Array[]): number[][] {
  const counts = LEVELS.map((L) => new Float64Array(L));
  for (const v of random) for (let c = 0; c < C; c++) counts[c]![v[c]!]!++;
  // Add-half smoothing: a level no random pair reached keeps a small, finite u.
  return counts.map((xs) => {
    const total = xs.reduce((s, x, l) => (l === 0 ? s : s + x), 0);
    return Array.from(xs, (x, l) => (l === 0 ? 1 : (x + 0.5) / (total + 0.5 * (xs.length - 1))));
  });
}

function emSession(vectors: Uint8Array[], leftOut: number, u: number[][], queries: number) {
  const index = new Map<number, number>();
  const patterns: number[] = [];
  const counts: number[] = [];
  for (const v of vectors) {
    let key = 0;
    for (let c = 0; c < C; c++) key = key * 8 + v[c]!;
    let p = index.get(key);
    if (p === undefined) {
      p = counts.length;
      index.set(key, p);
      for (let c = 0; c < C; c++) patterns.push(v[c]!);
      counts.push(0);
    }
    counts[p]!++;
  }
  return runEm(
    {
      patterns: Uint8Array.from(patterns),
      counts: Float64Array.from(counts),
      comparisons: C,
      active: COMPARISONS.map((_, c) => c !== leftOut),
      scored: SCORED,
      m: M0,
      u,
      lambda: Math.min(0.5, Math.max(1e-4, queries / vectors.length)),
    },
    { maxIterations: 200, tolerance: 1e-6, minM: 1e-5 },
  );
}

/** Fit the model (see the file's comment). With too few pairs for EM, m stays at EM's start. */
export function fitFieldModel(input: FitInput): FieldModel {
  const u = countU(input.random);
  const kept = input.candidates.filter((v) => !isGuarded(v));
  const sameDob = kept.filter((v) => v[DOB] === 1);
  const sameHome = kept.filter((v) => v[LOC] === 1);
  const runs = [
    { vectors: sameDob, leftOut: DOB },
    { vectors: sameHome, leftOut: LOC },
  ].map((s) => ({
    ...s,
    r: s.vectors.length >= MIN_SESSION ? emSession(s.vectors, s.leftOut, u, input.queries) : null,
  }));
  const m = M0.map((levels, c) => {
    const from = runs.filter((s) => s.r !== null && s.leftOut !== c).map((s) => s.r!.m[c]!);
    return from.length === 0
      ? [...levels]
      : levels.map((_, l) => from.reduce((t, x) => t + x[l]!, 0) / from.length);
  });
  const n = Math.max(2, input.encodings);
  // Matches per look-up: those found among equal dates of birth, over the share of matches whose
  // dates agree; without that session, one other record of the child per look-up.
  const perQuery =
    runs[0]!.r === null
      ? 1
      : (runs[0]!.r.lambda * sameDob.length) / Math.max(1, input.queries) / Math.max(m[DOB]![1]!, 1e-3);
  const prior = Math.min(0.5, Math.max(1e-12, perQuery / (n - 1)));
  return {
    schema: input.schema,
    weights: m.map((levels, c) =>
      levels.map((x, l) => (l === 0 ? 0 : Math.log2(Math.max(x, 1e-12) / u[c]![l]!))),
    ),
    priorWeight: Math.log2(prior / (1 - prior)),
    report: {
      comparisons: COMPARISONS,
      m,
      u,
      prior,
      randomPairs: input.random.length,
      candidatePairs: input.candidates.length,
      guarded: input.candidates.length - kept.length,
      sessions: [sameDob.length, sameHome.length],
      encodings: input.encodings,
      queries: input.queries,
      source: 'fitted',
    },
  };
}

/** A comparison vector's match probability under the model (0 when a guard stops it). */
export function matchProbability(model: FieldModel, vec: Uint8Array): number {
  if (isGuarded(vec)) return 0;
  let w = model.priorWeight;
  for (let c = 0; c < C; c++) w += model.weights[c]![vec[c]!]!;
  return 1 / (1 + 2 ** -w);
}
