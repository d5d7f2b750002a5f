/**
 * Choosing the threshold without labels. Each record's best score over its comparisons is high
 * when the record has a match among the others and lower when it has none, so the best scores
 * fall in two groups; the threshold is where Otsu's method splits them (the cut that maximises the
 * variance between the two groups). It is reported with the two groups' means and sizes, so a
 * reader can see whether the split is clear.
 */

export interface ThresholdReport {
  method: 'otsu-on-best-scores';
  threshold: number;
  /** Records whose best score is below / at or above the threshold, and their mean best scores. */
  below: { records: number; mean: number };
  above: { records: number; mean: number };
  /** Between-group variance as a share of the total (1 = two sharp spikes, near 0 = no split). */
  separation: number;
}

const BINS = 400;

/**
 * Otsu's threshold over the best scores in (0, 1] (records with no comparison are left out).
 * @example chooseThreshold(Float32Array.of(0.2, 0.25, 0.3, 0.9, 0.95)).threshold // between 0.3 and 0.9
 */
export function chooseThreshold(best: Float32Array): ThresholdReport {
  const hist = new Float64Array(BINS);
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const s of best) {
    if (!(s > 0)) continue;
    hist[Math.min(BINS - 1, Math.floor(s * BINS))]!++;
    n++;
    sum += s;
    sumSq += s * s;
  }
  if (n === 0)
    return {
      method: 'otsu-on-best-scores',
      threshold: 1,
      below: { records: 0, mean: 0 },
      above: { records: 0, mean: 0 },
      separation: 0,
    };
  let wB = 0;
  let sumB = 0;
  let bestVar = -1;
  let cut = BINS - 1;
  const mid = (b: number): number => (b + 0.5) / BINS;
  let sumAll = 0;
  for (let k = 0; k < BINS; k++) sumAll += hist[k]! * mid(k);
  for (let b = 0; b < BINS - 1; b++) {
    wB += hist[b]!;
    sumB += hist[b]! * mid(b);
    const wF = n - wB;
    if (wB === 0 || wF === 0) continue;
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > bestVar) {
      bestVar = between;
      cut = b;
    }
  }
  const threshold = (cut + 1) / BINS;
  let nb = 0;
  let sb = 0;
  for (const s of best) {
    if (s > 0 && s < threshold) {
      nb++;
      sb += s;
    }
  }
  const totalVar = sumSq / n - (sum / n) ** 2;
  return {
    method: 'otsu-on-best-scores',
    threshold,
    below: { records: nb, mean: nb ? sb / nb : 0 },
    above: { records: n - nb, mean: n - nb ? (sum - sb) / (n - nb) : 0 },
    separation: totalVar > 0 ? Math.min(1, bestVar / (n * n) / totalVar) : 0,
  };
}
