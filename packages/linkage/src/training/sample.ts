import type { LinkMode } from '../blocking.ts';
import type { LinkageModel } from '../model.ts';
import { Random } from '@waypoint/random';
import type { StoreData } from '../store.ts';

/** Number of pairs the mode compares without blocking. */
export function totalPairs(d: StoreData, mode: LinkMode): number {
  const n = d.size;
  if (mode !== 'link') return (n * (n - 1)) / 2;
  const bySource = new Map<number, number>();
  for (const s of d.source) bySource.set(s, (bySource.get(s) ?? 0) + 1);
  let same = 0;
  for (const c of bySource.values()) same += (c * (c - 1)) / 2;
  return (n * (n - 1)) / 2 - same;
}

/**
 * Estimate u for every comparison level from pairs drawn at random: almost all random pairs are
 * non-matches, so the share of each level among them is P(level | non-match). Unseen levels get
 * half a count, so no weight is infinite. Also returns, per comparison, how many drawn pairs had
 * values on both sides (`known`), for {@link uWithoutMatches}.
 *
 * @example const { u, pairs, known } = estimateU(store.data, model, 'dedupe', 1_000_000, 7);
 */
export function estimateU(
  d: StoreData,
  model: LinkageModel,
  mode: LinkMode,
  maxPairs: number,
  seed: number,
): { u: number[][]; pairs: number; known: number[] } {
  const rng = new Random(seed);
  const pairs = Math.min(maxPairs, totalPairs(d, mode));
  const counts = model.defs.map((def) => new Float64Array(def.levels.length));
  const C = model.defs.length;
  let drawn = 0;
  let attempts = 0;
  while (drawn < pairs && attempts < pairs * 20) {
    attempts++;
    const i = rng.below(d.size);
    const j = rng.below(d.size);
    if (i === j || (mode === 'link' && d.source[i] === d.source[j])) continue;
    drawn++;
    for (let c = 0; c < C; c++) counts[c]![model.defs[c]!.level(d, i, j)]!++;
  }
  const u = model.defs.map((def, c) => {
    const scored = def.levels.map((l) => l.kind === 'level');
    const sum = counts[c]!.reduce((s, x, l) => (scored[l] ? s + Math.max(x, 0.5) : s), 0);
    return def.levels.map((_, l) => (scored[l] ? Math.max(counts[c]![l]!, 0.5) / sum : 1));
  });
  const known = counts.map((levels, c) =>
    levels.reduce((s, x, l) => (model.defs[c]!.levels[l]!.kind === 'level' ? s + x : s), 0),
  );
  return { u, pairs: drawn, known };
}

/**
 * Take the true matches out of u estimated from random pairs. A random pair is a match with
 * probability λ, so the share of level l among random pairs is λ·m + (1 − λ)·u: for a level that
 * strangers almost never reach (the same NHS number, the same phone) most of what random sampling
 * sees are matches, and u taken as the raw share understates that level's weight. This solves for
 * u, keeping at least half a count of the `known` random pairs where the comparison had values.
 *
 * @example const u2 = uWithoutMatches(u, m, 1.7e-5, known, scored);
 */
export function uWithoutMatches(
  u: readonly (readonly number[])[],
  m: readonly (readonly number[])[],
  lambda: number,
  known: readonly number[],
  scored: readonly (readonly boolean[])[],
): number[][] {
  return u.map((levels, c) => {
    const floor = 0.5 / Math.max(1, known[c]!);
    const raw = levels.map((x, l) =>
      scored[c]![l] ? Math.max(floor, (x - lambda * m[c]![l]!) / (1 - lambda)) : 1,
    );
    const sum = raw.reduce((s, x, l) => (scored[c]![l] ? s + x : s), 0);
    return raw.map((x, l) => (scored[c]![l] ? x / sum : 1));
  });
}
