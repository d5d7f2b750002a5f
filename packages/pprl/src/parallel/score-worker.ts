import { parentPort, workerData } from 'node:worker_threads';
import type { BlockingIndex, BlockTask } from '../blocking.ts';
import { instantiateKernel } from '../kernel/wasm.ts';
import { scoreTasks } from '../score.ts';
import type { StoreData } from '../store.ts';
import { threadCpuSeconds } from './cpu.ts';

/** What a scoring worker is started with: the store (its filters in shared memory) and its share of the blocks. */
export interface WorkerInput {
  data: StoreData;
  index: BlockingIndex;
  tasks: BlockTask[];
  minScore: number;
  thread: number;
}

export type WorkerMessage =
  | { type: 'progress'; comparisons: number }
  | {
      type: 'done';
      left: Int32Array;
      right: Int32Array;
      score: Float32Array;
      best: Float32Array;
      comparisons: number;
      cpuSeconds: number;
    };

const input = workerData as WorkerInput;
const port = parentPort!;
const cpu = threadCpuSeconds();
const kernel = instantiateKernel(input.data.memory);
const { pairs, comparisons, best } = scoreTasks(
  input.data,
  input.index,
  kernel,
  input.tasks,
  input.minScore,
  input.thread,
  (n) => {
    port.postMessage({ type: 'progress', comparisons: n } satisfies WorkerMessage);
  },
);
const cpuSeconds = threadCpuSeconds() - cpu;
const left = pairs.left.slice(0, pairs.length);
const right = pairs.right.slice(0, pairs.length);
const score = pairs.score.slice(0, pairs.length);
port.postMessage(
  { type: 'done', left, right, score, best, comparisons, cpuSeconds } satisfies WorkerMessage,
  [left.buffer, right.buffer, score.buffer, best.buffer as ArrayBuffer],
);
