/** Precision, recall and F1 of matched pairs against the true identities. */
export interface Scores {
  truePairs: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

function scores(truePairs: number, predicted: number, correct: number): Scores {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = truePairs === 0 ? 0 : correct / truePairs;
  return {
    truePairs,
    predicted,
    correct,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

const lines = (csv: string): string[][] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

/**
 * Score pairs.csv (every predicted pair) and clusters.csv (every pair inside a cluster) against
 * `truth` (record id → true identity).
 */
export function score(
  truth: ReadonlyMap<string, string>,
  pairsCsv: string,
  clustersCsv: string,
): { pairs: Scores; clusters: Scores } {
  const sizes = new Map<string, number>();
  for (const t of truth.values()) sizes.set(t, (sizes.get(t) ?? 0) + 1);
  let truePairs = 0;
  for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;
  const predicted = lines(pairsCsv);
  const correct = predicted.filter(([l, r]) => truth.get(l!) === truth.get(r!)).length;
  const byCluster = new Map<string, Map<string, number>>();
  for (const [id, cluster] of lines(clustersCsv)) {
    const m = byCluster.get(cluster!) ?? new Map<string, number>();
    const t = truth.get(id!)!;
    m.set(t, (m.get(t) ?? 0) + 1);
    byCluster.set(cluster!, m);
  }
  let inClusters = 0;
  let correctInClusters = 0;
  for (const m of byCluster.values()) {
    let n = 0;
    for (const c of m.values()) {
      n += c;
      correctInClusters += (c * (c - 1)) / 2;
    }
    inClusters += (n * (n - 1)) / 2;
  }
  return {
    pairs: scores(truePairs, predicted.length, correct),
    clusters: scores(truePairs, inClusters, correctInClusters),
  };
}
