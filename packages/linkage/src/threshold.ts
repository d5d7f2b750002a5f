import { probabilityFromWeight } from './model.ts';
import { PairList } from './pairs.ts';

/**
 * Pairs are scored down to this match probability so the threshold can be chosen afterwards from
 * the score distribution; pairs below it add almost nothing to the expected number of matches.
 */
export const SCORE_FLOOR_PROBABILITY = 0.05;
/**
 * The threshold is chosen among these match probabilities: never below 0.5, so a pair called a
 * match is at least as likely a match as not, whatever a flat estimated curve says.
 */
export const THRESHOLD_CANDIDATES: readonly number[] = [
  0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99, 0.995, 0.999,
];
/** Points of the curve the CLI prints. */
export const KEY_THRESHOLDS: readonly number[] = [0.5, 0.8, 0.9, 0.95, 0.99];

/** Estimated precision, recall and F1 if pairs at or above `threshold` are called matches. */
export interface CurvePoint {
  threshold: number;
  pairs: number;
  /** Expected true matches among those pairs: the sum of their match probabilities. */
  expectedMatches: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ThresholdChoice {
  threshold: number;
  /** Why: `best F1`, `min precision`, or `given` (by the caller or the model file). */
  reason: 'best estimated F1' | 'lowest threshold with the minimum precision' | 'given';
  /** The estimate at the chosen threshold. */
  estimate: CurvePoint;
  curve: CurvePoint[];
  /** Expected matches among all record pairs: scored mass divided by the blocking recall. */
  expectedTotalMatches: number;
  /** Match weights of the scored pairs in 1-bit bins (from inclusive, to exclusive): the report's histogram. */
  histogram: { from: number; to: number; pairs: number }[];
}

/**
 * Estimate precision and recall at each candidate threshold from the model's own match
 * probabilities, the Fellegi–Sunter way: a pair with probability p is a match with probability p,
 * so above threshold t the expected true matches are Σ p, precision is Σ p / pairs, and recall is
 * Σ p over all matches expected anywhere (those scored, divided by the estimated blocking recall,
 * since unblocked matches were never scored). Honest only as far as the model is calibrated: a
 * model that is too sure of itself overstates both.
 *
 * Chooses the threshold with the best estimated F1, or, given `minPrecision`, the lowest threshold
 * whose estimated precision reaches it (the best F1 if none does).
 *
 * @example const choice = chooseThreshold(pairs, { blockingRecall: 0.97 }); choice.threshold
 */
export function chooseThreshold(
  pairs: PairList,
  options: { blockingRecall?: number; minPrecision?: number; given?: number } = {},
): ThresholdChoice {
  const p = new Float64Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) p[k] = probabilityFromWeight(pairs.weight[k]!);
  p.sort();
  let scoredMass = 0;
  for (let k = 0; k < p.length; k++) scoredMass += p[k]!;
  const recallOfBlocking = Math.min(1, Math.max(0.05, options.blockingRecall ?? 1));
  const total = scoredMass / recallOfBlocking;
  const point = (threshold: number): CurvePoint => {
    // p is ascending: the pairs at or above threshold are the tail from the first index ≥ it.
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid]! < threshold) lo = mid + 1;
      else hi = mid;
    }
    let expected = 0;
    for (let k = lo; k < p.length; k++) expected += p[k]!;
    const n = p.length - lo;
    const precision = n === 0 ? 1 : expected / n;
    const recall = total === 0 ? 0 : expected / total;
    return {
      threshold,
      pairs: n,
      expectedMatches: expected,
      precision,
      recall,
      f1: n + total === 0 ? 0 : (2 * expected) / (n + total),
    };
  };
  const candidates = [
    ...new Set([...THRESHOLD_CANDIDATES, ...KEY_THRESHOLDS, ...(options.given ? [options.given] : [])]),
  ]
    .filter((t) => t >= SCORE_FLOOR_PROBABILITY || t === options.given)
    .sort((a, b) => a - b);
  const curve = candidates.map(point);
  let chosen: CurvePoint;
  let reason: ThresholdChoice['reason'];
  if (options.given !== undefined) {
    chosen = curve.find((c) => c.threshold === options.given)!;
    reason = 'given';
  } else {
    const best = curve.reduce((a, b) => (b.f1 > a.f1 + 1e-12 ? b : a));
    const enough =
      options.minPrecision === undefined
        ? undefined
        : curve.find((c) => c.precision >= options.minPrecision!);
    chosen = enough ?? best;
    reason = enough ? 'lowest threshold with the minimum precision' : 'best estimated F1';
  }
  const histogram: ThresholdChoice['histogram'] = [];
  let lowest = Infinity;
  let highest = -Infinity;
  for (let k = 0; k < pairs.length; k++) {
    lowest = Math.min(lowest, pairs.weight[k]!);
    highest = Math.max(highest, pairs.weight[k]!);
  }
  if (pairs.length > 0) {
    const first = Math.floor(lowest);
    for (let from = first; from <= Math.floor(highest); from++)
      histogram.push({ from, to: from + 1, pairs: 0 });
    for (let k = 0; k < pairs.length; k++) histogram[Math.floor(pairs.weight[k]!) - first]!.pairs++;
  }
  return {
    threshold: chosen.threshold,
    reason,
    estimate: chosen,
    curve,
    expectedTotalMatches: total,
    histogram,
  };
}

/** The pairs at or above a match probability, as a new list. */
export function pairsAtLeast(pairs: PairList, threshold: number): PairList {
  const out = new PairList(Math.max(16, pairs.length));
  const minWeight = Math.log2(threshold / (1 - threshold));
  for (let k = 0; k < pairs.length; k++)
    if (pairs.weight[k]! >= minWeight) out.push(pairs.left[k]!, pairs.right[k]!, pairs.weight[k]!);
  return out;
}
