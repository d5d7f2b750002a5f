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

export interface LinkOptions {
  /** Keep pairs at or above this Dice score; chosen from the score distribution when left out. */
  threshold?: number;
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
  score: number;
}

export interface LinkResult {
  store: EncodingStore;
  /** Pairs kept, strongest first (indexes into `store.ids`). In link mode one to one, left from the first set. */
  pairs: LinkedPair[];
  threshold: number;
  /** How the threshold was chosen, when it was not given. */
  thresholdReport: ThresholdReport | null;
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
  let threshold = options.threshold;
  if (threshold === undefined) {
    const outputs = await pass(2, 'scoring (threshold)');
    const best = new Float32Array(d.n);
    for (const o of outputs) for (let i = 0; i < d.n; i++) if (o.best[i]! > best[i]!) best[i] = o.best[i]!;
    thresholdReport = chooseThreshold(best);
    threshold = thresholdReport.threshold;
  }
  const outputs = await pass(threshold, 'scoring');
  const scoringSeconds = (performance.now() - started) / 1000;
  let pairs: LinkedPair[] = [];
  let guarded = 0;
  for (const o of outputs) {
    for (let k = 0; k < o.pairs.length; k++) {
      const a = o.pairs.left[k]!;
      const b = o.pairs.right[k]!;
      if (options.guard !== false && twinGuard(d, a, b)) {
        guarded++;
        continue;
      }
      const [l, r] = d.source[a]! <= d.source[b]! ? [a, b] : [b, a];
      pairs.push({ left: l, right: r, score: o.pairs.score[k]! });
    }
  }
  pairs.sort((x, y) => y.score - x.score || x.left - y.left || x.right - y.right);
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
