import {
  type BlockingIndex,
  type BlockingRule,
  buildBlocking,
  type LinkMode,
  PERSON_BLOCKING_RULES,
} from './blocking.ts';
import { type BlockingReport, countComparisons } from './blocking-report.ts';
import {
  type BlockingRecallEstimate,
  chooseBlockingRules,
  estimateBlockingRecall,
  type RuleChoice,
} from './adaptive-blocking.ts';
import { chooseThreshold, pairsAtLeast, SCORE_FLOOR_PROBABILITY, type ThresholdChoice } from './threshold.ts';
import { clusterPairs } from './cluster.ts';
import { type ComparisonName, comparisonsFor } from './comparisons.ts';
import { LinkageModel, weightFromProbability } from './model.ts';
import type { PairList } from './pairs.ts';
import { ScoringPool } from './parallel/score-parallel.ts';
import type { PersonField, PersonRecord } from './person.ts';
import { RecordStore } from './store.ts';
import { type TrainOptions, trainModel } from './training/train.ts';

/** Options for {@link linkRecords}. */
export interface LinkOptions {
  /** `dedupe` one source, `link` records of different sources only, or both. Default `dedupe`. */
  mode?: LinkMode;
  /** A trained model; without one the built-in person model is trained on the records. */
  model?: LinkageModel;
  /** Fields present in the data: comparisons on other fields are left out of a model trained here. */
  fields?: readonly PersonField[];
  /**
   * Match probability at or above which a pair is a match. Default: chosen from the estimated
   * precision–recall curve, for the best estimated F1 (or see `minPrecision`).
   */
  threshold?: number;
  /** Choose the lowest threshold whose estimated precision reaches this (when no `threshold`). */
  minPrecision?: number;
  /** Blocking rules to use as they are; default: chosen from the data (see `chooseBlockingRules`). */
  blockingRules?: readonly BlockingRule[];
  /** Comparison budget of the chosen blocking rules (default `defaultComparisonBudget`). */
  comparisonBudget?: number;
  training?: TrainOptions;
  /** One record per source per cluster (default: true in `link` mode). */
  oneToOne?: boolean;
  /** Worker threads for scoring (default: one per core). */
  workers?: number;
  /** Called with the comparisons each blocking rule generates, before any is scored. */
  onBlockingReport?: (report: BlockingReport, choices: readonly RuleChoice[]) => void;
  /** Progress: a phase name, and work done out of total in that phase (total 0 when unknown). */
  onProgress?: (phase: LinkPhase, done: number, total: number) => void;
}

export type LinkPhase = 'preparing' | 'blocking' | 'training' | 'scoring' | 'clustering';

export interface LinkStats {
  records: number;
  comparisons: number;
  pairsFound: number;
  clusters: number;
  /** Seconds spent in each phase, and in all. */
  seconds: Record<LinkPhase | 'total', number>;
  /** Comparisons per second of wall-clock scoring time, on `scoringThreads` threads. */
  comparisonsPerSecond: number;
  scoringThreads: number;
  /**
   * CPU seconds the scoring threads spent scoring (each thread's own CPU time from its first task
   * to its last), and comparisons per CPU second: the rate per core, whatever else the machine runs.
   */
  scoringCpuSeconds: number;
  comparisonsPerCpuSecond: number;
  /** CPU seconds of the whole process during the scoring phase, with starting workers and copying data to them. */
  scoringProcessCpuSeconds: number;
  /** Dates of birth given but not parseable (treated as missing). */
  unparseableDates: number;
}

export interface LinkResult {
  store: RecordStore;
  model: LinkageModel;
  threshold: number;
  /** How the threshold was chosen, with the estimated precision–recall curve. */
  thresholdChoice: ThresholdChoice;
  blocking: BlockingReport;
  /** Each candidate blocking rule: used or not, its comparisons, and why (empty when rules were given). */
  blockingChoices: RuleChoice[];
  /** Estimated share of matches the blocking lets through to scoring. */
  blockingRecall: BlockingRecallEstimate;
  /** Matched pairs (at or above the threshold, no guard), as typed arrays; see {@link PairList}. */
  pairs: PairList;
  /** Every pair scored at or above the scoring floor (no guard), from which the threshold was chosen. */
  scoredPairs: PairList;
  /** For every record (store order), the store index of its cluster's representative. */
  clusterOf: Int32Array;
  stats: LinkStats;
}

/**
 * Deduplicate or link person records end to end: prepare, block, train (unless given a model),
 * score every blocked pair, and cluster.
 *
 * @example
 * const result = await linkRecords(records, { mode: 'dedupe' });
 * for (const p of result.pairs.iterate(result.store.data)) console.log(p.idL, p.idR, p.matchProbability);
 * result.store.data.ids[result.clusterOf[0]]; // cluster id of the first record
 */
export async function linkRecords(
  records: Iterable<PersonRecord>,
  options: LinkOptions = {},
): Promise<LinkResult> {
  const mode = options.mode ?? 'dedupe';
  const progress = options.onProgress ?? (() => undefined);
  const seconds: LinkStats['seconds'] = {
    preparing: 0,
    blocking: 0,
    training: 0,
    scoring: 0,
    clustering: 0,
    total: 0,
  };
  const start = performance.now();
  let mark = start;
  const lap = (phase: LinkPhase): void => {
    const now = performance.now();
    seconds[phase] = (now - mark) / 1000;
    mark = now;
  };
  progress('preparing', 0, 0);
  const store = RecordStore.from(records);
  const d = store.data;
  lap('preparing');
  progress('blocking', 0, 0);
  let index: BlockingIndex;
  let blockingChoices: RuleChoice[] = [];
  if (options.blockingRules) index = buildBlocking(d, options.blockingRules, mode);
  else {
    const chosen = chooseBlockingRules(d, mode, {
      budget: options.comparisonBudget,
      base: PERSON_BLOCKING_RULES,
    });
    index = chosen.index;
    blockingChoices = chosen.choices;
  }
  const blocking = countComparisons(d, index);
  options.onBlockingReport?.(blocking, blockingChoices);
  // Scoring threads start now and boot while this thread trains the model.
  const pool = ScoringPool.start(d, index, { workers: options.workers });
  lap('blocking');
  let model = options.model;
  if (!model) {
    const names: ComparisonName[] | undefined = options.fields
      ? comparisonsFor(options.fields).map((c) => c.name)
      : undefined;
    progress('training', 0, 1);
    try {
      model = trainModel(d, LinkageModel.untrained(names, options.threshold), {
        mode,
        ...options.training,
        onProgress: (_phase, done) => {
          progress('training', done, 1);
        },
      });
    } catch (e) {
      pool.close();
      throw e;
    }
  }
  const blockingRecall = estimateBlockingRecall(d, index, model);
  lap('training');
  progress('scoring', 0, blocking.total);
  const cpu = process.cpuUsage();
  // Scored down to a floor, so the threshold can be chosen from the distribution afterwards.
  const floor = Math.min(SCORE_FLOOR_PROBABILITY, options.threshold ?? 1);
  const {
    pairs: scored,
    comparisons,
    threads,
    cpuSeconds: scoringCpuSeconds,
  } = await pool.score(model, weightFromProbability(floor), (n) => {
    progress('scoring', n, blocking.total);
  });
  const cpuUsed = process.cpuUsage(cpu);
  const scoringProcessCpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
  const thresholdChoice = chooseThreshold(scored, {
    blockingRecall: blockingRecall.recall,
    minPrecision: options.minPrecision,
    given: options.threshold,
  });
  const threshold = thresholdChoice.threshold;
  const pairs = pairsAtLeast(scored, threshold);
  lap('scoring');
  progress('clustering', 0, 0);
  const clusterOf = clusterPairs(d, pairs, { oneToOne: options.oneToOne ?? mode === 'link' });
  let clusters = 0;
  for (let i = 0; i < d.size; i++) if (clusterOf[i] === i) clusters++;
  lap('clustering');
  seconds.total = (performance.now() - start) / 1000;
  return {
    store,
    model,
    threshold,
    thresholdChoice,
    blocking,
    blockingChoices,
    blockingRecall,
    pairs,
    scoredPairs: scored,
    clusterOf,
    stats: {
      records: d.size,
      comparisons,
      pairsFound: pairs.length,
      clusters,
      seconds,
      comparisonsPerSecond: comparisons / Math.max(1e-9, seconds.scoring),
      scoringThreads: threads,
      scoringCpuSeconds,
      scoringProcessCpuSeconds,
      comparisonsPerCpuSecond: comparisons / Math.max(1e-9, scoringCpuSeconds),
      unparseableDates: store.badDates,
    },
  };
}
