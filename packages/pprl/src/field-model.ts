/**
 * Fellegi–Sunter on field-level filters, fitted without labels. Each candidate pair (blocked, with
 * a record-filter Dice at or above a floor) gets a comparison vector: for every field filter its
 * Dice in a few levels, and for the date of birth the date-of-birth component's digit half (equal,
 * nearly equal …). The u probabilities come from random pairs (almost all non-matches), the m
 * probabilities and the share of matches from EM over the candidates' vectors
 * (`@waypoint/linkage`'s `runEm`, the same EM the plaintext engine trains with); a pair's match
 * probability is its posterior under the fitted model.
 */
import { runEm } from '@waypoint/linkage';
import type { FieldComparator } from './field-comparator.ts';
import type { StoreData } from './store.ts';

export interface FieldModelReport {
  /** Comparison names: the field filters, then `dob` (the date-of-birth component). */
  comparisons: string[];
  m: number[][];
  u: number[][];
  /** The probability that two records drawn at random match, as estimated from the EM sessions. */
  lambda: number;
  iterations: number;
  converged: boolean;
  /** Candidate pairs, those the guards stop (left out of EM), and distinct comparison vectors among the rest. */
  candidates: number;
  guarded: number;
  patterns: number;
  /** Random pairs the u probabilities were counted on. */
  randomPairs: number;
}

/** A small deterministic generator for sampling random pairs (the same run gives the same model). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 0x1_0000_0000;
  };
}

export interface FittedModel {
  report: FieldModelReport;
  /** log2 weight of each comparison level (0 for the null level). */
  weights: number[][];
  /** log2 of the prior odds of a match among candidates. */
  priorWeight: number;
}

/**
 * Fit the model on candidate pairs (`left[k]`, `right[k]`, k < length).
 * @param sameSource in link mode, random pairs are drawn across the two sources only
 */
export function fitFieldModel(
  d: StoreData,
  cmp: FieldComparator,
  left: Int32Array,
  right: Int32Array,
  length: number,
  mode: 'link' | 'dedupe',
  randomPairs = 200_000,
): FittedModel {
  const C = cmp.names.length;
  const vec = new Uint8Array(C);
  // u: level frequencies among random pairs.
  const uCounts = cmp.levels.map((L) => new Float64Array(L));
  const rand = lcg(0x5eed + d.n);
  const bySource: number[][] = [[], []];
  if (mode === 'link') for (let i = 0; i < d.n; i++) bySource[d.source[i]! === 0 ? 0 : 1]!.push(i);
  let drawn = 0;
  for (let t = 0; t < randomPairs * 2 && drawn < randomPairs; t++) {
    let a: number;
    let b: number;
    if (mode === 'link') {
      const l = bySource[0]!;
      const r = bySource[1]!;
      if (l.length === 0 || r.length === 0) break;
      a = l[Math.floor(rand() * l.length)]!;
      b = r[Math.floor(rand() * r.length)]!;
    } else {
      if (d.n < 2) break;
      a = Math.floor(rand() * d.n);
      b = Math.floor(rand() * d.n);
      if (a === b) continue;
    }
    cmp.compare(a, b, vec);
    for (let c = 0; c < C; c++) uCounts[c]![vec[c]!]!++;
    drawn++;
  }
  const u = uCounts.map((counts) => {
    const scoredTotal = counts.reduce((s, x, l) => (l === 0 ? s : s + x), 0);
    // Add-one smoothing: a level no random pair reached keeps a small, finite u.
    return Array.from(counts, (x, l) =>
      l === 0 ? 1 : (x + 0.5) / (scoredTotal + 0.5 * (counts.length - 1)),
    );
  });
  // Two EM sessions, as Splink trains: on the candidates sharing the date-of-birth key (the date
  // left out, as they agree on it by construction) and on those sharing the postcode key (the
  // location left out). Each comparison's m comes from the sessions it was active in.
  const ruleOf = (name: string): Uint32Array | null => {
    const r = d.rules.indexOf(name);
    return r < 0 ? null : d.keys[r]!;
  };
  const dobKeys = ruleOf('d');
  const postcodeKeys = ruleOf('p');
  const dobC = cmp.indexOf('dob');
  const locationC = cmp.indexOf('location');
  type Session = { patterns: number[]; counts: number[]; index: Map<number, number>; active: boolean[] };
  const session = (leftOut: number): Session => ({
    patterns: [],
    counts: [],
    index: new Map(),
    active: cmp.names.map((_, c) => c !== leftOut),
  });
  const sessions: { keys: Uint32Array | null; s: Session }[] =
    dobKeys && dobC >= 0
      ? [
          { keys: dobKeys, s: session(dobC) },
          { keys: postcodeKeys, s: session(locationC) },
        ]
      : [{ keys: null, s: session(-1) }];
  const add = (s: Session): void => {
    let key = 0;
    for (let c = 0; c < C; c++) key = key * 8 + vec[c]!;
    let p = s.index.get(key);
    if (p === undefined) {
      p = s.counts.length;
      s.index.set(key, p);
      for (let c = 0; c < C; c++) s.patterns.push(vec[c]!);
      s.counts.push(0);
    }
    s.counts[p]!++;
  };
  let guarded = 0;
  for (let k = 0; k < length; k++) {
    const a = left[k]!;
    const b = right[k]!;
    cmp.compare(a, b, vec);
    if (cmp.isGuarded(vec)) {
      guarded++;
      continue;
    }
    for (const { keys, s } of sessions) if (keys === null || (keys[a] !== 0 && keys[a] === keys[b])) add(s);
  }
  const scored = cmp.levels.map((L) => Array.from({ length: L }, (_, l) => l !== 0));
  const m0 = cmp.levels.map((L) =>
    Array.from({ length: L }, (_, l) => (l === 0 ? 1 : l === 1 ? 0.85 : 0.15 / (L - 2))),
  );
  const sessionPairs = (s: Session): number => s.counts.reduce((x, y) => x + y, 0);
  const results = sessions.map(({ s }) =>
    runEm(
      {
        patterns: Uint8Array.from(s.patterns),
        counts: Float64Array.from(s.counts),
        comparisons: C,
        active: s.active,
        scored,
        m: m0,
        u,
        lambda: sessionPairs(s) > 0 ? Math.min(0.5, Math.max(1e-4, d.n / 2 / sessionPairs(s))) : 0.1,
      },
      { maxIterations: 200, tolerance: 1e-6, minM: 1e-5 },
    ),
  );
  const m = cmp.names.map((_, c) => {
    const from = results.filter((_, k) => sessions[k]!.s.active[c] && sessionPairs(sessions[k]!.s) > 0);
    if (from.length === 0) return m0[c]!;
    return m0[c]!.map((_, l) => from.reduce((t, r) => t + r.m[c]![l]!, 0) / from.length);
  });
  // The prior: the probability that two records drawn at random match (u was counted on random
  // pairs, so the prior is over all pairs, not over the candidates). The matches are estimated as
  // those found sharing a date of birth divided by the share of matches whose dates of birth agree
  // (the second session's m).
  let matches: number;
  if (sessions.length === 2) {
    const matchesSharingDob = results[0]!.lambda * sessionPairs(sessions[0]!.s);
    matches = matchesSharingDob / Math.max(m[dobC]![1]!, 1e-3);
  } else matches = results[0]!.lambda * (length - guarded);
  let allPairs: number;
  if (mode === 'link') {
    const l = bySource[0]!.length;
    allPairs = l * (d.n - l);
  } else allPairs = (d.n * (d.n - 1)) / 2;
  const lambda = Math.min(1 - 1e-9, Math.max(1e-12, matches / Math.max(1, allPairs)));
  const weights = m.map((levels, c) =>
    levels.map((x, l) => (l === 0 ? 0 : Math.log2(Math.max(x, 1e-12) / u[c]![l]!))),
  );
  return {
    weights,
    priorWeight: Math.log2(lambda / (1 - lambda)),
    report: {
      comparisons: cmp.names,
      m,
      u,
      lambda,
      iterations: Math.max(...results.map((r) => r.iterations)),
      converged: results.every((r) => r.converged),
      candidates: length,
      guarded,
      patterns: sessions.reduce((t, { s }) => t + s.counts.length, 0),
      randomPairs: drawn,
    },
  };
}

/** A pair's match weight (log2 odds) under a fitted model. */
export function matchWeight(
  model: FittedModel,
  cmp: FieldComparator,
  a: number,
  b: number,
  vec: Uint8Array,
): number {
  cmp.compare(a, b, vec);
  let w = model.priorWeight;
  for (let c = 0; c < vec.length; c++) w += model.weights[c]![vec[c]!]!;
  return w;
}

/** Match probability from a match weight. */
export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}
