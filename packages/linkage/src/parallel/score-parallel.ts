import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlockingIndex } from '../blocking.ts';
import { Kernel, type KernelData, kernelData, kernelWeights } from '../kernel.ts';
import type { LinkageModel } from '../model.ts';
import type { PairList } from '../pairs.ts';
import { planTasks, type ScoreTask, scoreTasks } from '../score.ts';
import type { StoreData } from '../store.ts';
import { threadCpuSeconds } from './cpu.ts';
import type { WorkerInput, WorkerJob, WorkerMessage } from './score-worker.ts';

/** What {@link scoreAll} returns. */
export interface ScoreResult {
  pairs: PairList;
  comparisons: number;
  threads: number;
  /** CPU seconds the scoring threads spent scoring (this thread's share and each worker's), packing included. */
  cpuSeconds: number;
}

export interface ScoringOptions {
  /** Scoring threads, this one included (default: one per core). */
  workers?: number;
  /** Fewest expected comparisons for which worker threads are worth starting (default 20 million). */
  minParallelComparisons?: number;
}

type Done = WorkerMessage & { type: 'done' };

/**
 * Scoring threads for one run. {@link ScoringPool.start} packs the records and starts the worker
 * threads at once, so that they boot (load the code, receive the tables) while this thread is
 * still training the model; {@link ScoringPool.score} then sends each its share of the blocks.
 * Small runs (or `workers: 1`) score on this thread alone.
 *
 * @example
 * const pool = ScoringPool.start(d, index, { workers: 2 });
 * const model = trainModel(d, LinkageModel.untrained());
 * const { pairs } = await pool.score(model, weightFromProbability(0.9));
 */
export class ScoringPool {
  private readonly workers: { worker: Worker; ready: Promise<void>; done: Promise<Done> }[] = [];
  private onProgress: (comparisons: number) => void = () => undefined;

  private constructor(
    private readonly d: StoreData,
    private readonly index: BlockingIndex,
    private readonly data: KernelData,
    private readonly packSeconds: number,
    private readonly tasks: ScoreTask[][],
  ) {
    for (let w = 1; w < tasks.length; w++) {
      const input: WorkerInput = { data, index };
      const worker = new Worker(new URL('./bootstrap.mjs', import.meta.url), { workerData: input });
      let ready!: () => void;
      const entry = {
        worker,
        ready: new Promise<void>((resolve) => (ready = resolve)),
        done: new Promise<Done>((resolve, reject) => {
          worker.on('message', (m: WorkerMessage) => {
            if (m.type === 'ready') ready();
            else if (m.type === 'progress') this.onProgress(m.comparisons);
            else resolve(m);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`scoring worker stopped with exit code ${code}`));
          });
        }),
      };
      // A pool closed before scoring must not leave an unhandled rejection behind.
      entry.done.catch(() => undefined);
      this.workers.push(entry);
    }
  }

  /** Pack the records and start the worker threads for scoring the blocks of `index`. */
  static start(d: StoreData, index: BlockingIndex, options: ScoringOptions = {}): ScoringPool {
    const threads = Math.max(1, options.workers ?? availableParallelism());
    const cpu = threadCpuSeconds();
    const data = kernelData(d);
    const packSeconds = threadCpuSeconds() - cpu;
    const all = planTasks(index, threads);
    const expected = all.reduce((s, t) => s + t.pairs, 0);
    // Starting a worker costs about a second (tsx, copying the value tables): only worth it for big runs.
    if (threads === 1 || expected < (options.minParallelComparisons ?? 20_000_000))
      return new ScoringPool(d, index, data, packSeconds, [all]);
    // Deal tasks from largest to smallest to the least loaded thread, so loads are similar.
    const shares: ScoreTask[][] = Array.from({ length: threads }, () => []);
    const load = new Float64Array(threads);
    for (const t of [...all].sort((a, b) => b.pairs - a.pairs)) {
      let w = 0;
      for (let k = 1; k < threads; k++) if (load[k]! < load[w]!) w = k;
      shares[w]!.push(t);
      load[w]! += t.pairs;
    }
    return new ScoringPool(d, index, data, packSeconds, shares);
  }

  /** Number of scoring threads, this one included. */
  get threads(): number {
    return this.tasks.length;
  }

  /**
   * Score every blocked pair with `model`, keeping those at or above `minWeight` that no guard
   * stops. `onProgress` receives comparisons done so far. The pool is finished afterwards.
   */
  async score(
    model: LinkageModel,
    minWeight: number,
    onProgress?: (comparisons: number) => void,
  ): Promise<ScoreResult> {
    let done = 0;
    this.onProgress = (n) => onProgress?.((done += n));
    const cpu = threadCpuSeconds();
    const weights = kernelWeights(model, this.d.names);
    const weighSeconds = threadCpuSeconds() - cpu;
    try {
      this.workers.forEach((w, k) => {
        const job: WorkerJob = { weights, tasks: this.tasks[k + 1]!, minWeight };
        void w.ready.then(() => {
          w.worker.postMessage(job);
        });
      });
      // This thread scores share 0 meanwhile rather than wait idle.
      const start = threadCpuSeconds();
      const own = scoreTasks(
        new Kernel(this.data, weights),
        this.index,
        this.tasks[0]!,
        minWeight,
        this.onProgress,
      );
      const ownSeconds = threadCpuSeconds() - start;
      const results = await Promise.all(this.workers.map((w) => w.done));
      const pairs = own.pairs;
      for (const r of results) pairs.append(r);
      return {
        pairs,
        comparisons: own.comparisons + results.reduce((s, r) => s + r.comparisons, 0),
        threads: this.threads,
        cpuSeconds:
          this.packSeconds + weighSeconds + ownSeconds + results.reduce((s, r) => s + r.cpuSeconds, 0),
      };
    } finally {
      this.close();
    }
  }

  /** Stop the worker threads (scoring, if not finished, is abandoned). */
  close(): void {
    for (const w of this.workers) void w.worker.terminate();
  }
}

/**
 * Score all blocked pairs, on `workers` threads (default: one per core) when there is enough work
 * to be worth it, otherwise on this thread. `onProgress` receives comparisons done.
 */
export async function scoreAll(
  d: StoreData,
  model: LinkageModel,
  index: BlockingIndex,
  minWeight: number,
  options: ScoringOptions & { onProgress?: (comparisons: number) => void } = {},
): Promise<ScoreResult> {
  return ScoringPool.start(d, index, options).score(model, minWeight, options.onProgress);
}
