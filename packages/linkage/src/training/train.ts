import {
  type BlockingRule,
  blockCount,
  blockPairs,
  buildBlocking,
  forEachPair,
  type LinkMode,
} from '../blocking.ts';
import { guard } from '../guards.ts';
import type { LinkageModel } from '../model.ts';
import { Random } from '@waypoint/random';
import type { StoreData } from '../store.ts';
import { runEm } from './em.ts';
import type { EmSessionReport, TrainingReport } from './report.ts';
import { estimateU, totalPairs, uWithoutMatches } from './sample.ts';

/** Blocking rules whose pairs EM trains on; each leaves out the comparisons it conditions on. */
export const PERSON_TRAINING_RULES: readonly BlockingRule[] = [
  { name: 'dob', conditions: ['dob'], key: (d, i) => (d.dob[i] ? d.dob[i] : null) },
  {
    name: 'given_name + family_name',
    conditions: ['given_name', 'family_name'],
    key: (d, i) => (d.given[i]! >= 0 && d.family[i]! >= 0 ? d.given[i]! * 2 ** 26 + d.family[i]! : null),
  },
];

/** Pairs surely the same person: the prior is their share of all pairs, allowing for their recall. */
export const PERSON_DETERMINISTIC_RULES: readonly BlockingRule[] = [
  {
    name: 'valid nhs_number',
    conditions: [],
    key: (d, i) => (d.nhs[i]! >= 0 && d.nhsNumbers.valid[d.nhs[i]!] ? String(d.nhs[i]) : null),
  },
  {
    name: 'given_name + family_name + dob exact',
    conditions: [],
    key: (d, i) =>
      d.given[i]! >= 0 && d.family[i]! >= 0 && d.dob[i] ? `${d.given[i]}:${d.family[i]}:${d.dob[i]}` : null,
  },
];

export interface TrainOptions {
  mode?: LinkMode;
  /** Random pairs for u (default 100 per record, at least 200,000 and at most 1,000,000). */
  uSamplePairs?: number;
  /** Most blocked pairs EM uses per session, sampled at random (default 1,000,000). */
  emPairsPerSession?: number;
  /** Share of true matches the deterministic rules are assumed to find (default 0.8). */
  deterministicRecall?: number;
  maxIterations?: number;
  tolerance?: number;
  seed?: number;
  trainingRules?: readonly BlockingRule[];
  deterministicRules?: readonly BlockingRule[];
  /** Weight in pairs of the prior on m (see `EmOptions.priorPairs`; default 20). */
  priorPairs?: number;
  /** Fewer records than this and m is not trained: the shipped defaults are used (default 100). */
  minRecords?: number;
  /** Called with a phase name and a fraction done. */
  onProgress?: (phase: string, done: number) => void;
}

/**
 * Train a model on unlabelled records: u by random sampling, the prior from deterministic rules,
 * m by EM over blocked pairs (one session per training rule; m averaged over the sessions that
 * estimate it). Returns a new model; `model.json.training` reports convergence honestly.
 *
 * @example
 * const trained = trainModel(store.data, LinkageModel.untrained(), { mode: 'dedupe' });
 * trained.json.training?.converged;
 */
export function trainModel(d: StoreData, base: LinkageModel, options: TrainOptions = {}): LinkageModel {
  const mode = options.mode ?? 'dedupe';
  const seed = options.seed ?? 1;
  const progress = options.onProgress ?? (() => undefined);
  const defs = base.defs;
  progress('estimating u', 0);
  const {
    u,
    pairs: uPairs,
    known,
  } = estimateU(
    d,
    base,
    mode,
    options.uSamplePairs ?? Math.min(1_000_000, Math.max(200_000, 100 * d.size)),
    seed,
  );
  progress('estimating prior', 0.2);
  const all = totalPairs(d, mode);
  const recall = options.deterministicRecall ?? 0.8;
  const detIndex = buildBlocking(d, options.deterministicRules ?? PERSON_DETERMINISTIC_RULES, mode);
  let deterministic = 0;
  detIndex.rules.forEach((_, r) => {
    forEachPair(d, detIndex, r, 0, blockCount(detIndex, r), () => deterministic++);
  });
  const prior = Math.min(0.5, Math.max(1e-12, Math.max(deterministic, 1) / (recall * Math.max(all, 1))));

  const scored = defs.map((def) => def.levels.map((l) => l.kind === 'level'));
  const sums = defs.map((def) => def.levels.map(() => 0));
  const estimates = defs.map(() => 0);
  const sessions: EmSessionReport[] = [];
  const rules = options.trainingRules ?? PERSON_TRAINING_RULES;
  rules.forEach((rule, s) => {
    progress(`EM on ${rule.name}`, 0.3 + (0.7 * s) / rules.length);
    const active = defs.map((def) => !rule.conditions.includes(def.name));
    const { patterns, counts, pairs } = collectPatterns(
      d,
      base,
      rule,
      mode,
      options.emPairsPerSession ?? 1_000_000,
      seed + s + 1,
    );
    const m0 = base.json.comparisons.map((p) => p.levels.map((l) => l.m));
    const r = runEm(
      { patterns, counts, comparisons: defs.length, active, scored, m: m0, u, lambda: 0.1 },
      { priorPairs: DEFAULT_PRIOR_PAIRS, ...options },
    );
    sessions.push({
      blockingRule: rule.name,
      estimated: defs.filter((_, c) => active[c]).map((x) => x.name),
      pairs,
      patterns: counts.length,
      iterations: r.iterations,
      converged: r.converged,
      finalChange: r.finalChange,
      matchProportion: r.lambda,
    });
    if (pairs === 0) return;
    defs.forEach((_, c) => {
      if (!active[c]) return;
      estimates[c]!++;
      r.m[c]!.forEach((x, l) => (sums[c]![l]! += x));
    });
  });
  let m = base.json.comparisons.map((p, c) =>
    p.levels.map((l, k) => (!scored[c]![k] ? 1 : estimates[c]! > 0 ? sums[c]![k]! / estimates[c]! : l.m)),
  );
  // Fall back to the shipped m where training cannot be trusted: too few records for any of it,
  // or per comparison, EM sessions that did not converge, or m not above u at the exact level.
  const fallbacks: string[] = [];
  const shipped = base.json.comparisons.map((p) => p.levels.map((l) => l.m));
  const minRecords = options.minRecords ?? 100;
  if (d.size < minRecords) {
    fallbacks.push(
      `only ${d.size} records (fewer than ${minRecords}): m not trained, the shipped default m used for every comparison`,
    );
    m = shipped.map((levels, c) => levels.map((x, k) => (scored[c]![k] ? x : 1)));
  } else {
    defs.forEach((def, c) => {
      const used = sessions.filter((x, s) => x.pairs > 0 && !rules[s]!.conditions.includes(def.name));
      const why = used.some((x) => !x.converged)
        ? 'EM did not converge'
        : !(m[c]![1]! > u[c]![1]!)
          ? `m (${m[c]![1]!.toPrecision(2)}) not above u (${u[c]![1]!.toPrecision(2)}) for exact agreement`
          : null;
      if (why === null) return;
      fallbacks.push(`${def.name}: ${why}; the shipped default m used for it`);
      m[c] = shipped[c]!.map((x, k) => (scored[c]![k] ? x : 1));
    });
  }
  const uFinal = uWithoutMatches(u, m, prior, known, scored);
  progress('done', 1);
  const report: TrainingReport = {
    records: d.size,
    uSamplePairs: uPairs,
    deterministicPairs: deterministic,
    deterministicRecall: recall,
    totalPairs: all,
    sessions,
    converged: sessions.every((x) => x.converged),
    fallbacks,
  };
  return base.with({
    priorMatchProbability: prior,
    training: report,
    comparisons: base.json.comparisons.map((p, c) => ({
      ...p,
      levels: p.levels.map((l, k) => ({
        label: l.label,
        m: m[c]![k]!,
        u: uFinal[c]![k]!,
      })),
    })),
  });
}

/** Default weight, in pairs, of the prior on m. */
export const DEFAULT_PRIOR_PAIRS = 20;

/** Most pairs EM takes from one block, so big blocks of common values do not drown the rest. */
const PAIRS_PER_BLOCK = 50;

/**
 * Comparison vectors of a random sample of one rule's blocked pairs, counted by pattern. Each block
 * gives at most about {@link PAIRS_PER_BLOCK} pairs: in a block of a common name or date most pairs
 * are different people, and left unchecked they swamp EM (it then "finds" the common value).
 */
function collectPatterns(
  d: StoreData,
  model: LinkageModel,
  rule: BlockingRule,
  mode: LinkMode,
  maxPairs: number,
  seed: number,
) {
  const index = buildBlocking(d, [rule], mode);
  const blocks = blockCount(index, 0);
  let available = 0;
  for (let b = 0; b < blocks; b++) available += Math.min(PAIRS_PER_BLOCK, blockPairs(index, 0, b));
  const overall = Math.min(1, maxPairs / Math.max(1, available));
  const rng = new Random(seed);
  const C = model.defs.length;
  const levels = new Uint8Array(C);
  const byKey = new Map<number, number>();
  let patterns = new Uint8Array(1024 * C);
  const counts: number[] = [];
  let pairs = 0;
  for (let blk = 0; blk < blocks; blk++) {
    const keep = overall * Math.min(1, PAIRS_PER_BLOCK / blockPairs(index, 0, blk));
    forEachPair(d, index, 0, blk, blk + 1, (i, j) => {
      if (keep < 1 && rng.next() >= keep) return;
      // Twins and other pairs a guard rules out are known non-matches: left out, they cannot pass
      // for matches and inflate m of the levels that tell them apart.
      if (guard(d, i, j) !== null) return;
      pairs++;
      model.levels(d, i, j, levels);
      let key = 0;
      for (let c = 0; c < C; c++) key = key * 16 + levels[c]!;
      let p = byKey.get(key);
      if (p === undefined) {
        p = counts.length;
        byKey.set(key, p);
        counts.push(0);
        if ((p + 1) * C > patterns.length) {
          const grown = new Uint8Array(patterns.length * 2);
          grown.set(patterns);
          patterns = grown;
        }
        patterns.set(levels, p * C);
      }
      counts[p]!++;
    });
  }
  return { patterns: patterns.slice(0, counts.length * C), counts: Float64Array.from(counts), pairs };
}
