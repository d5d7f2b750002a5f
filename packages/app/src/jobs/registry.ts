/**
 * The jobs the queue knows: each registered once, by name, with the zod schema of its payload and
 * its handler. A capability registers its jobs in its own folder (`registerJob` at module load) and
 * lists the module in `jobs/definitions.ts`, so every process that runs jobs knows every job.
 */
import { CronExpressionParser } from 'cron-parser';
import type { z } from 'zod';
import type { Tx } from '../db/tenant.ts';

/** What a handler gets besides its payload. */
export interface JobContext {
  /** The LA the job belongs to: it was enqueued in that tenant's transaction. */
  laCode: string;
  jobId: string;
  /** 1 on the first attempt. */
  attempt: number;
  /**
   * Runs `fn` in a transaction confined to the job's LA (row-level security), as a request's work
   * is. Open it for database work only: call outside services outside it.
   */
  inTenant<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface RecurringSchedule {
  /** Five-field cron expression, e.g. '0 6 * * *' (06:00 every day). */
  cron: string;
  /** IANA time zone the cron expression is read in. */
  timezone: string;
}

export interface JobOptions {
  /** Attempts before the job is dead (default 5). */
  maxAttempts?: number;
  /** Delay before the n-th retry: min(baseMs × 2^(n−1), maxMs). Defaults 10 s and 1 hour. */
  backoff?: { baseMs: number; maxMs: number };
  /** How long a worker may hold the job before another may take it over (default 300 s). */
  timeoutSeconds?: number;
  /** Enqueued for every LA on this schedule (the payload must then accept `{}`). */
  recurring?: RecurringSchedule;
  /**
   * Claimed before every other due job (a person is waiting to be told: a child seen in an
   * emergency department, emergency access to a record), so a backlog of bulk work (publishing
   * an LA's involvements) never holds it up. Order per ordering key still holds.
   */
  urgent?: boolean;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  handler: (payload: z.output<S>, ctx: JobContext) => Promise<void>;
  maxAttempts: number;
  backoff: { baseMs: number; maxMs: number };
  timeoutSeconds: number;
  recurring: RecurringSchedule | undefined;
  urgent: boolean;
}

const definitions = new Map<string, JobDefinition>();

/**
 * Thrown by a handler when trying again can never succeed: the receiver refused the request itself
 * as malformed (the involvement index's 400, GOV.UK Notify's 400), or the job names what no longer
 * exists in a way retrying cannot change. The job is dead at once with this message as its last
 * error (shown at /admin/jobs, where an administrator can retry it after fixing the cause), rather
 * than retrying for hours. Any other error is retried with backoff.
 */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** Job names: lower-case words joined by dots or hyphens, e.g. 'break-glass.notify'. */
export const jobNamePattern = /^[a-z0-9][a-z0-9.-]{0,99}$/;

/**
 * Registers a job by name. Handlers must be idempotent: a job runs at least once, and runs again
 * if its worker stops between the handler's commit and the job being marked done.
 * @throws Error for a bad or repeated name, or a bad cron expression
 * @example
 * registerJob('break-glass.notify', z.object({ grantId: z.uuid() }), async ({ grantId }, ctx) => {
 *   await ctx.inTenant((tx) => notifyManagers(tx, grantId, ctx.jobId));
 * });
 */
export function registerJob<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: (payload: z.output<S>, ctx: JobContext) => Promise<void>,
  options: JobOptions = {},
): JobDefinition<S> {
  if (!jobNamePattern.test(name)) throw new Error(`job name "${name}" must match ${String(jobNamePattern)}`);
  if (definitions.has(name)) throw new Error(`job "${name}" is registered twice`);
  if (options.recurring !== undefined) {
    // Fails here, at start, rather than at the first tick.
    CronExpressionParser.parse(options.recurring.cron, { tz: options.recurring.timezone });
  }
  const definition: JobDefinition<S> = {
    name,
    schema,
    handler,
    maxAttempts: options.maxAttempts ?? 5,
    backoff: options.backoff ?? { baseMs: 10_000, maxMs: 3_600_000 },
    timeoutSeconds: options.timeoutSeconds ?? 300,
    recurring: options.recurring,
    urgent: options.urgent ?? false,
  };
  definitions.set(name, definition);
  return definition;
}

/** The definition of a registered job, or undefined. */
export function jobDefinition(name: string): JobDefinition | undefined {
  return definitions.get(name);
}

/** Every registered job, in registration order. */
export function registeredJobs(): JobDefinition[] {
  return [...definitions.values()];
}

/** Removes a job: for tests that register their own. */
export function unregisterJob(name: string): void {
  definitions.delete(name);
}

/** The delay before retry number `attempt` (1-based): exponential, capped. */
export function backoffMs(definition: Pick<JobDefinition, 'backoff'>, attempt: number): number {
  const { baseMs, maxMs } = definition.backoff;
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
}
