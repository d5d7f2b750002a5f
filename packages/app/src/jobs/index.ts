/**
 * The job queue's API for capabilities (decision 0005): `registerJob` a handler by name with a zod
 * schema for its payload, `enqueue` it in the transaction of the work it follows.
 */
export { enqueue, type EnqueueOptions } from './enqueue.ts';
export { PermanentJobError, registerJob, type JobContext, type JobOptions } from './registry.ts';
