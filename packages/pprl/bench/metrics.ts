/** Precision, recall and F1 of predicted pairs against true identities (truth used to evaluate only). */
export interface Scores {
  truePairs: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scores(truePairs: number, predicted: number, correct: number): Scores {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = truePairs === 0 ? 0 : correct / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predicted, correct, precision, recall, f1 };
}

/** Number of true pairs among records with these identities. */
export function countTruePairs(truth: ReadonlyMap<string, string>): number {
  const sizes = new Map<string, number>();
  for (const t of truth.values()) sizes.set(t, (sizes.get(t) ?? 0) + 1);
  let n = 0;
  for (const s of sizes.values()) n += (s * (s - 1)) / 2;
  return n;
}

/** Score a pairs.csv (first two columns are ids) against `truth`. */
export function scorePairsCsv(truth: ReadonlyMap<string, string>, csv: string): Scores {
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
  const correct = rows.filter(([l, r]) => truth.get(l!) === truth.get(r!)).length;
  return scores(countTruePairs(truth), rows.length, correct);
}
