import { parentPort, workerData } from 'node:worker_threads';
import type { BlockingIndex } from '../blocking.ts';
import { Kernel, type KernelData, type KernelWeights } from '../kernel.ts';
import { threadCpuSeconds } from './cpu.ts';
import { type ScoreTask, scoreTasks } from '../score.ts';

/** What the main thread sends each scoring worker (packed records are shared, not copied). */
export interface WorkerInput {
  data: KernelData;
  weights: KernelWeights;
  index: BlockingIndex;
  tasks: ScoreTask[];
  minWeight: number;
}

/** Messages a worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; comparisons: number }
  | {
      type: 'done';
      left: Int32Array;
      right: Int32Array;
      weight: Float64Array;
      length: number;
      comparisons: number;
      /** CPU seconds this worker spent scoring (from the start of its first task). */
      cpuSeconds: number;
    };

const input = workerData as WorkerInput;
const cpu = threadCpuSeconds();
const kernel = new Kernel(input.data, input.weights);
const { pairs, comparisons } = scoreTasks(kernel, input.index, input.tasks, input.minWeight, (n) => {
  parentPort!.postMessage({ type: 'progress', comparisons: n } satisfies WorkerMessage);
});
const cpuSeconds = threadCpuSeconds() - cpu;
const left = pairs.left.slice(0, pairs.length);
const right = pairs.right.slice(0, pairs.length);
const weight = pairs.weight.slice(0, pairs.length);
parentPort!.postMessage(
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
