import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlockingIndex } from '../blocking.ts';
import { Kernel, kernelData, kernelWeights } from '../kernel.ts';
import type { LinkageModel } from '../model.ts';
import type { PairList } from '../pairs.ts';
import { planTasks, type ScoreTask, scoreTasks } from '../score.ts';
import type { StoreData } from '../store.ts';
import { threadCpuSeconds } from './cpu.ts';
import type { WorkerInput, WorkerMessage } from './score-worker.ts';

/** What {@link scoreAll} returns. */
export interface ScoreResult {
  pairs: PairList;
  comparisons: number;
  threads: number;
  /** CPU seconds the scoring threads spent scoring (this thread's share and each worker's). */
  cpuSeconds: number;
}

/**
 * Score all blocked pairs, on `workers` worker threads (default: one per core) when there is
 * enough work to be worth it, otherwise on this thread. `onProgress` receives comparisons done.
 */
export async function scoreAll(
  d: StoreData,
  model: LinkageModel,
  index: BlockingIndex,
  minWeight: number,
  options: {
    workers?: number;
    onProgress?: (comparisons: number) => void;
    minParallelComparisons?: number;
  } = {},
): Promise<ScoreResult> {
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const tasks = planTasks(index, workers);
  const expected = tasks.reduce((s, t) => s + t.pairs, 0);
  // Packing the records counts as scoring time: it is done for scoring alone.
  const packCpu = threadCpuSeconds();
  const data = kernelData(d);
  const weights = kernelWeights(model, d.names);
  const packSeconds = threadCpuSeconds() - packCpu;
  // Starting a worker costs about a second (tsx, copying the value tables): only worth it for big runs.
  if (workers === 1 || expected < (options.minParallelComparisons ?? 20_000_000)) {
    let done = 0;
    const cpu = threadCpuSeconds();
    const r = scoreTasks(new Kernel(data, weights), index, tasks, minWeight, (n) =>
      options.onProgress?.((done += n)),
    );
    return { ...r, threads: 1, cpuSeconds: packSeconds + threadCpuSeconds() - cpu };
  }
  // Deal tasks round-robin from largest to smallest so each worker gets a similar load.
  const shares: ScoreTask[][] = Array.from({ length: workers }, () => []);
  const load = new Float64Array(workers);
  for (const t of [...tasks].sort((a, b) => b.pairs - a.pairs)) {
    let w = 0;
    for (let k = 1; k < workers; k++) if (load[k]! < load[w]!) w = k;
    shares[w]!.push(t);
    load[w]! += t.pairs;
  }
  let done = 0;
  // Workers take shares 1…n-1; this thread scores share 0 meanwhile rather than wait idle.
  const fromWorkers = shares.slice(1).map(
    (share) =>
      new Promise<WorkerMessage & { type: 'done' }>((resolve, reject) => {
        const input: WorkerInput = { data, weights, index, tasks: share, minWeight };
        const worker = new Worker(new URL('./bootstrap.mjs', import.meta.url), { workerData: input });
        worker.on('message', (m: WorkerMessage) => {
          if (m.type === 'progress') options.onProgress?.((done += m.comparisons));
          else resolve(m);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`scoring worker stopped with exit code ${code}`));
        });
      }),
  );
  const cpu = threadCpuSeconds();
  const own = scoreTasks(new Kernel(data, weights), index, shares[0]!, minWeight, (n) =>
    options.onProgress?.((done += n)),
  );
  const ownCpu = threadCpuSeconds() - cpu;
  const results = await Promise.all(fromWorkers);
  const pairs = own.pairs;
  for (const r of results) pairs.append(r);
  return {
    pairs,
    comparisons: own.comparisons + results.reduce((s, r) => s + r.comparisons, 0),
    threads: workers,
    cpuSeconds: packSeconds + ownCpu + results.reduce((s, r) => s + r.cpuSeconds, 0),
  };
}
