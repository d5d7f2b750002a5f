import { parentPort, workerData } from 'node:worker_threads';
import type { BlockingIndex } from '../blocking.ts';
import { LinkageModel, type ModelJSON } from '../model.ts';
import { type ScoreTask, scoreTasks } from '../score.ts';
import type { StoreData } from '../store.ts';

/** What the main thread sends each scoring worker. */
export interface WorkerInput {
  data: StoreData;
  model: ModelJSON;
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
    };

const input = workerData as WorkerInput;
const model = new LinkageModel(input.model);
const { pairs, comparisons } = scoreTasks(
  input.data,
  model,
  input.index,
  input.tasks,
  input.minWeight,
  (n) => {
    parentPort!.postMessage({ type: 'progress', comparisons: n } satisfies WorkerMessage);
  },
);
const left = pairs.left.slice(0, pairs.length);
const right = pairs.right.slice(0, pairs.length);
const weight = pairs.weight.slice(0, pairs.length);
parentPort!.postMessage(
  { type: 'done', left, right, weight, length: pairs.length, comparisons } satisfies WorkerMessage,
  [left.buffer, right.buffer, weight.buffer],
);
