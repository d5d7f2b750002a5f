/**
 * Batch linking of encodings: block, score with the kernel (on worker threads for big runs),
 * choose the threshold from the score distribution unless given, apply the twin guard, then
 * assign one to one (link) or cluster (dedupe).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type BlockingReport, buildBlocks, countComparisons, type Mode, planTasks } from './blocking.ts';
import type { Encoding } from './encode.ts';
import { instantiateKernel } from './kernel/wasm.ts';
import { threadCpuSeconds } from './parallel/cpu.ts';
import type { WorkerInput, WorkerMessage } from './parallel/score-worker.ts';
import { type ScoreOutput, scoreTasks } from './score.ts';
import { EncodingStore, type StoreData } from './store.ts';
import { chooseThreshold, type ThresholdReport } from './threshold.ts';
import { twinGuard } from './guard.ts';
import { FieldComparator } from './field-comparator.ts';
import { type FieldModelReport, fitFieldModel, matchWeight, probabilityOf } from './field-model.ts';

/** Record-filter Dice below which a blocked pair is not a candidate for the field-level model. */
export const CANDIDATE_FLOOR = 0.55;
/** Match probability at or above which the field-level model links a pair (the EM posterior's even odds). */
export const MODEL_THRESHOLD = 0.5;

export interface LinkOptions {
  /**
   * Keep pairs at or above this score: a Dice score for encodings without field-level filters
   * (chosen from the score distribution when left out), a match probability under the field-level
   * model for encodings with them (default {@link MODEL_THRESHOLD}).
   */
  threshold?: number;
  /** With field-level filters: the record-filter Dice a blocked pair needs to be scored by the model (default {@link CANDIDATE_FLOOR}). */
  candidateFloor?: number;
  /** Scoring threads, this one included (default: one per core). */
  workers?: number;
  /** Fewest comparisons for which worker threads are started (default 20 million). */
  minParallelComparisons?: number;
  /** Blocks larger than this are skipped and reported (default 5,000). */
  maxBlock?: number;
  /** Refuse pairs the twin guard stops (default true). */
  guard?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  onBlockingReport?: (report: BlockingReport) => void;
}

export interface LinkedPair {
  left: number;
  right: number;
  /** Dice, or the match probability under the field-level model. */
  score: number;
  /** What pairs are ranked by: the score, or the model's match weight (log2 odds), which does not saturate. */
  rank: number;
}

export interface LinkResult {
  store: EncodingStore;
  /** Pairs kept, strongest first (indexes into `store.ids`). In link mode one to one, left from the first set. */
  pairs: LinkedPair[];
  threshold: number;
  /** How the threshold was chosen, when it was not given and there is no field-level model. */
  thresholdReport: ThresholdReport | null;
  /** The field-level model fitted by EM, when the encodings carry field-level filters. */
  model: FieldModelReport | null;
  /** Dedupe: each record's cluster (the index of its first record). */
  clusterOf: Int32Array | null;
  report: BlockingReport;
  stats: {
    records: number;
    comparisons: number;
    threads: number;
    scoringSeconds: number;
    cpuSeconds: number;
    comparisonsPerSecond: number;
    comparisonsPerCpuSecond: number;
    guarded: number;
  };
}

type Done = WorkerMessage & { type: 'done' };

async function scoreParallel(
  d: StoreData,
  index: ReturnType<typeof buildBlocks>,
  threads: number,
  minScore: number,
  onProgress: (comparisons: number) => void,
): Promise<{ outputs: ScoreOutput[]; cpuSeconds: number; threads: number }> {
  const tasks = planTasks(index, threads);
  const progress = new Array<number>(threads).fill(0);
  const report = (t: number, n: number): void => {
    progress[t] = n;
    onProgress(progress.reduce((a, b) => a + b, 0));
  };
  const workers = tasks.slice(1).map(
    (t, k) =>
      new Promise<Done>((resolve, reject) => {
        const input: WorkerInput = { data: d, index, tasks: t, minScore, thread: k + 1 };
        const w = new Worker(new URL('./parallel/bootstrap.mjs', import.meta.url), { workerData: input });
        w.on('message', (m: WorkerMessage) => {
          if (m.type === 'progress') report(k + 1, m.comparisons);
          else resolve(m);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`scoring worker stopped with exit code ${code}`));
        });
      }),
  );
  const cpu = threadCpuSeconds();
  const here = scoreTasks(d, index, instantiateKernel(d.memory), tasks[0]!, minScore, 0, (n) => {
    report(0, n);
  });
  let cpuSeconds = threadCpuSeconds() - cpu;
  const outputs: ScoreOutput[] = [here];
  for (const m of await Promise.all(workers)) {
    cpuSeconds += m.cpuSeconds;
    outputs.push({
      pairs: { left: m.left, right: m.right, score: m.score, length: m.left.length },
      comparisons: m.comparisons,
      best: m.best,
    });
  }
  return { outputs, cpuSeconds, threads: tasks.length };
}

/**
 * Link two sets of encodings one to one, or deduplicate one set (`sets.length === 1`). All
 * encodings must be of one schema and key version.
 *
 * @example
 * const result = await linkEncodings([agencyA, agencyB], { threshold: 0.8 });
 * for (const p of result.pairs) console.log(result.store.ids[p.left], result.store.ids[p.right], p.score);
 */
export async function linkEncodings(
  sets: readonly (readonly Encoding[])[],
  options: LinkOptions = {},
): Promise<LinkResult> {
  const mode: Mode = sets.length >= 2 ? 'link' : 'dedupe';
  const all = sets.flat();
  const sources = sets.flatMap((s, k) => s.map(() => k));
  const maxThreads = Math.max(1, options.workers ?? availableParallelism());
  const progress = options.onProgress ?? (() => undefined);
  progress('packing', 0, 0);
  const store = new EncodingStore(all, sources, maxThreads);
  const d = store.data;
  progress('blocking', 0, 0);
  const index = buildBlocks(d, mode, Math.min(options.maxBlock ?? 5000, 65536));
  const report = countComparisons(d, index);
  options.onBlockingReport?.(report);
  const threads = report.total >= (options.minParallelComparisons ?? 20_000_000) ? maxThreads : 1;
  const started = performance.now();
  let cpuSeconds = 0;
  let comparisons = 0;
  const pass = async (minScore: number, label: string): Promise<ScoreOutput[]> => {
    const r = await scoreParallel(d, index, threads, minScore, (n) => {
      progress(label, n, report.total);
    });
    cpuSeconds += r.cpuSeconds;
    comparisons += r.outputs.reduce((s, o) => s + o.comparisons, 0);
    return r.outputs;
  };
  let thresholdReport: ThresholdReport | null = null;
  let model: FieldModelReport | null = null;
  let threshold = options.threshold;
  let pairs: LinkedPair[] = [];
  let guarded = 0;
  const keep = (a: number, b: number, score: number, rank: number, guard = options.guard !== false): void => {
    if (guard && twinGuard(d, a, b)) {
      guarded++;
      return;
    }
    const [l, r] = d.source[a]! <= d.source[b]! ? [a, b] : [b, a];
    pairs.push({ left: l, right: r, score, rank });
  };
  let scoringSeconds: number;
  if (FieldComparator.applies(d)) {
    const outputs = await pass(options.candidateFloor ?? CANDIDATE_FLOOR, 'scoring');
    const total = outputs.reduce((s, o) => s + o.pairs.length, 0);
    const left = new Int32Array(total);
    const right = new Int32Array(total);
    let k = 0;
    for (const o of outputs) {
      left.set(o.pairs.left.subarray(0, o.pairs.length), k);
      right.set(o.pairs.right.subarray(0, o.pairs.length), k);
      k += o.pairs.length;
    }
    progress('fitting the field-level model', 0, 0);
    const cmp = new FieldComparator(d);
    const fitted = fitFieldModel(d, cmp, left, right, total, mode);
    model = fitted.report;
    threshold ??= MODEL_THRESHOLD;
    const vec = new Uint8Array(cmp.names.length);
    const idKeys = d.identifierRules.map((r) => d.keys[r]!);
    for (let j = 0; j < total; j++) {
      const a = left[j]!;
      const b = right[j]!;
      let weight = matchWeight(fitted, cmp, a, b, vec);
      // An agreeing identifier outweighs the guards, as in the plaintext engine: twins and
      // siblings have numbers of their own.
      const identifierAgrees = cmp.identifierAgrees(vec);
      if (options.guard !== false && !identifierAgrees && cmp.isGuarded(vec)) {
        guarded++;
        continue;
      }
      for (const keys of idKeys) {
        const ka = keys[a]!;
        const kb = keys[b]!;
        if (ka !== 0 && kb !== 0) weight = ka === kb ? 64 : -64;
      }
      const p = probabilityOf(weight);
      // The twin guard's given-name half is salted by the full date and cannot see given and
      // family names swapped; the field-level given names, compared crosswise, can.
      const twinGuarded = options.guard !== false && !identifierAgrees && !cmp.givenAgrees(vec);
      if (p >= threshold) keep(a, b, p, weight, twinGuarded);
    }
    scoringSeconds = (performance.now() - started) / 1000;
  } else {
    if (threshold === undefined) {
      const outputs = await pass(2, 'scoring (threshold)');
      const best = new Float32Array(d.n);
      for (const o of outputs) for (let i = 0; i < d.n; i++) if (o.best[i]! > best[i]!) best[i] = o.best[i]!;
      thresholdReport = chooseThreshold(best);
      threshold = thresholdReport.threshold;
    }
    const outputs = await pass(threshold, 'scoring');
    scoringSeconds = (performance.now() - started) / 1000;
    for (const o of outputs)
      for (let k = 0; k < o.pairs.length; k++) {
        const score = o.pairs.score[k]!;
        keep(o.pairs.left[k]!, o.pairs.right[k]!, score, score);
      }
  }
  pairs.sort((x, y) => y.rank - x.rank || x.left - y.left || x.right - y.right);
  let clusterOf: Int32Array | null = null;
  if (mode === 'link') {
    const used = new Uint8Array(d.n);
    pairs = pairs.filter((p) => {
      if (used[p.left] || used[p.right]) return false;
      used[p.left] = 1;
      used[p.right] = 1;
      return true;
    });
  } else clusterOf = clusters(d.n, pairs);
  return {
    store,
    pairs,
    threshold,
    thresholdReport,
    model,
    clusterOf,
    report,
    stats: {
      records: d.n,
      comparisons,
      threads,
      scoringSeconds,
      cpuSeconds,
      comparisonsPerSecond: scoringSeconds > 0 ? comparisons / scoringSeconds : 0,
      comparisonsPerCpuSecond: cpuSeconds > 0 ? comparisons / cpuSeconds : 0,
      guarded,
    },
  };
}

/** Connected components of the pairs; each record's cluster is the smallest index in it. */
export function clusters(n: number, pairs: readonly LinkedPair[]): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const p of pairs) {
    const a = find(p.left);
    const b = find(p.right);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = find(i);
  return out;
}
