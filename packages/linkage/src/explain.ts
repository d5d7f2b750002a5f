import { type Guard, guard } from './guards.ts';
import { type LinkageModel, probabilityFromWeight } from './model.ts';
import type { StoreData } from './store.ts';

/** One comparison's part in a pair's weight: a bar of a waterfall chart. */
export interface ExplanationTerm {
  comparison: string;
  level: number;
  label: string;
  valueL: string | null;
  valueR: string | null;
  m: number;
  u: number;
  /** log2(m/u) for the level, after the monotone adjustment. */
  levelWeight: number;
  /** Term-frequency adjustment added at the exact level (0 elsewhere). */
  tfAdjustment: number;
  /** What this comparison adds to the pair's weight: levelWeight + tfAdjustment. */
  weight: number;
}

/** Everything needed to show why a pair scored as it did. */
export interface PairExplanation {
  idL: string;
  idR: string;
  /** log2 of the prior odds that two random records match: the waterfall's first bar. */
  priorWeight: number;
  terms: ExplanationTerm[];
  matchWeight: number;
  matchProbability: number;
  /** A cannot-link rule that stops this pair matching whatever its weight, or null. */
  guard: Guard | null;
  /** Whether the pair counts as a match: probability at or above the threshold and no guard. */
  isMatch: boolean;
}

/**
 * Explain records i and j: each comparison's level, values, m, u and contribution to the weight.
 * The terms add up exactly to `matchWeight` (priorWeight + Σ weight).
 *
 * @example
 * const e = explainPair(model, store.data, 0, 1);
 * for (const t of e.terms) console.log(t.comparison, t.label, t.weight.toFixed(2));
 */
export function explainPair(
  model: LinkageModel,
  d: StoreData,
  i: number,
  j: number,
  threshold = model.json.threshold,
): PairExplanation {
  const terms: ExplanationTerm[] = model.defs.map((def, c) => {
    const level = def.level(d, i, j);
    const p = model.json.comparisons[c]!.levels[level]!;
    const levelWeight = def.levels[level]!.kind === 'level' ? model.weights[c]![level]! : 0;
    const weight = level === 1 ? model.exactWeight(c, d, i) : levelWeight;
    return {
      comparison: def.name,
      level,
      label: def.levels[level]!.label,
      valueL: def.show(d, i),
      valueR: def.show(d, j),
      m: p.m,
      u: p.u,
      levelWeight,
      tfAdjustment: weight - levelWeight,
      weight,
    };
  });
  const matchWeight = terms.reduce((s, t) => s + t.weight, model.priorWeight);
  const matchProbability = probabilityFromWeight(matchWeight);
  const g = guard(d, i, j);
  return {
    idL: d.ids[i]!,
    idR: d.ids[j]!,
    priorWeight: model.priorWeight,
    terms,
    matchWeight,
    matchProbability,
    guard: g,
    isMatch: g === null && matchProbability >= threshold,
  };
}
