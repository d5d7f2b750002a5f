import type { LinkMode } from '../blocking.ts';
import type { LinkageModel } from '../model.ts';
import { Random } from '../synthetic/random.ts';
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
 * half a count, so no weight is infinite.
 *
 * @example const { u, pairs } = estimateU(store.data, model, 'dedupe', 1_000_000, 7);
 */
export function estimateU(
  d: StoreData,
  model: LinkageModel,
  mode: LinkMode,
  maxPairs: number,
  seed: number,
): { u: number[][]; pairs: number } {
  const rng = new Random(seed);
  const pairs = Math.min(maxPairs, totalPairs(d, mode));
  const counts = model.defs.map((def) => new Float64Array(def.levels.length));
  const C = model.defs.length;
  let drawn = 0;
  let attempts = 0;
  while (drawn < pairs && attempts < pairs * 20) {
    attempts++;
    const i = rng.int(d.size);
    const j = rng.int(d.size);
    if (i === j || (mode === 'link' && d.source[i] === d.source[j])) continue;
    drawn++;
    for (let c = 0; c < C; c++) counts[c]![model.defs[c]!.level(d, i, j)]!++;
  }
  const u = model.defs.map((def, c) => {
    const scored = def.levels.map((l) => l.kind === 'level');
    const sum = counts[c]!.reduce((s, x, l) => (scored[l] ? s + Math.max(x, 0.5) : s), 0);
    return def.levels.map((_, l) => (scored[l] ? Math.max(counts[c]![l]!, 0.5) / sum : 1));
  });
  return { u, pairs: drawn };
}
