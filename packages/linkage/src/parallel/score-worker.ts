import { parentPort, workerData } from 'node:worker_threads';
import type { BlockingIndex } from '../blocking.ts';
import { Kernel, type KernelData, type KernelWeights } from '../kernel.ts';
import { type ScoreTask, scoreTasks } from '../score.ts';
import { threadCpuSeconds } from './cpu.ts';

/** What a scoring worker is started with: the packed records (shared, not copied) and the blocks. */
export interface WorkerInput {
  data: KernelData;
  index: BlockingIndex;
}

/** The job a started worker is then sent, once the model is known. */
export interface WorkerJob {
  weights: KernelWeights;
  tasks: ScoreTask[];
  minWeight: number;
}

/** Messages a worker posts back. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; comparisons: number }
  | {
      type: 'done';
      left: Int32Array;
      right: Int32Array;
      weight: Float64Array;
      length: number;
      comparisons: number;
      /** CPU seconds this worker spent scoring its job. */
      cpuSeconds: number;
    };

const input = workerData as WorkerInput;
const port = parentPort!;
port.once('message', (job: WorkerJob) => {
  const cpu = threadCpuSeconds();
  const kernel = new Kernel(input.data, job.weights);
  const { pairs, comparisons } = scoreTasks(kernel, input.index, job.tasks, job.minWeight, (n) => {
    port.postMessage({ type: 'progress', comparisons: n } satisfies WorkerMessage);
  });
  const cpuSeconds = threadCpuSeconds() - cpu;
  const left = pairs.left.slice(0, pairs.length);
  const right = pairs.right.slice(0, pairs.length);
  const weight = pairs.weight.slice(0, pairs.length);
  port.postMessage(
    {
      type: 'done',
      left,
      right,
      weight,
      length: pairs.length,
      comparisons,
      cpuSeconds,
    } satisfies WorkerMessage,
    [left.buffer, right.buffer, weight.buffer],
  );
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
