/**
 * Running jobs: claim due jobs with `FOR UPDATE SKIP LOCKED` (several workers, in one process or
 * many, never take the same job), run each handler under its LA, then mark it done, or retry it
 * with exponential backoff, or after its last attempt mark it dead. A job whose worker stopped
 * (killed, crashed) is taken back when its lease ends. See decision 0005.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import {
  backoffMs,
  jobDefinition,
  PermanentJobError,
  registeredJobs,
  type JobDefinition,
} from './registry.ts';
import { fireSchedules } from './schedule.ts';

export interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RunOptions {
  /** Names this worker in `locked_by` (default: host, process id and a random suffix). */
  workerId?: string;
  /** Handlers run at once (default 2). */
  concurrency?: number;
  log?: WorkerLog;
}

interface ClaimedJob {
  id: string;
  la_code: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

const silent: WorkerLog = { info: () => {}, warn: () => {}, error: () => {} };

/** A worker id that names the machine and process, for the admin page and the logs. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Takes back jobs whose worker stopped: a running job past its lease (or every running job, with
 * `all`, when this is the only process that can run them, as with PGlite) goes back to retry, or
 * is dead when it had no attempts left. Answers how many.
 */
export async function recoverAbandoned(db: Kysely<Schema>, opts: { all?: boolean } = {}): Promise<number> {
  const expired = opts.all === true ? sql<boolean>`true` : sql<boolean>`lease_until < now()`;
  const result = await sql`update jobs set
      state = case when attempts >= max_attempts then 'dead' else 'retry' end,
      finished_at = case when attempts >= max_attempts then now() else null end,
      run_at = now(), lease_until = null, locked_by = null,
      last_error = 'The worker stopped before the job finished'
    where state = 'running' and ${expired}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Claims up to `limit` due jobs of the registered names, urgent ones first, then oldest first. A
 * job with an ordering key is due only when no earlier job of its key (same LA) is queued,
 * running, waiting to retry or dead.
 */
async function claim(db: Kysely<Schema>, workerId: string, limit: number): Promise<ClaimedJob[]> {
  const defs = registeredJobs();
  if (defs.length === 0 || limit <= 0) return [];
  const names = defs.map((d) => d.name);
  const timeouts = defs.map((d) => d.timeoutSeconds);
  const urgent = defs.filter((d) => d.urgent).map((d) => d.name);
  const { rows } = await sql<ClaimedJob>`update jobs set state = 'running', attempts = jobs.attempts + 1,
      locked_by = ${workerId}, lease_until = now() + make_interval(secs => t.timeout)
    from unnest(${names}::text[], ${timeouts}::int[]) as t(name, timeout)
    where jobs.name = t.name and jobs.id in (
      select j.id from jobs j
      where j.state in ('queued', 'retry') and j.run_at <= now() and j.name = any(${names}::text[])
        and (j.ordering_key is null or not exists (
          select 1 from jobs e where e.la_code = j.la_code and e.ordering_key = j.ordering_key and e.seq < j.seq
            and e.state in ('queued', 'running', 'retry', 'dead')))
      order by j.name = any(${urgent}::text[]) desc, j.run_at, j.seq
      limit ${limit}
      for update skip locked)
    returning jobs.id, jobs.la_code, jobs.name, jobs.payload, jobs.attempts, jobs.max_attempts`.execute(db);
  return rows;
}

/** The message kept for the admin page: the error's own words, one line, at most 500 characters. */
function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : 'Non-error thrown';
  return text.replace(/\s+/g, ' ').slice(0, 500);
}

async function finish(
  db: Kysely<Schema>,
  job: ClaimedJob,
  workerId: string,
  error: string | null,
  retryIn: number,
) {
  const mine = () =>
    db
      .updateTable('jobs')
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .where('state', '=', 'running');
  if (error === null) {
    await mine()
      .set({ state: 'done', finished_at: sql<Date>`now()`, lease_until: null, last_error: null })
      .execute();
  } else if (job.attempts >= job.max_attempts || retryIn < 0) {
    await mine()
      .set({ state: 'dead', finished_at: sql<Date>`now()`, lease_until: null, last_error: error })
      .execute();
  } else {
    await mine()
      .set({
        state: 'retry',
        run_at: sql<Date>`now() + make_interval(secs => ${retryIn / 1000})`,
        lease_until: null,
        locked_by: null,
        last_error: error,
      })
      .execute();
  }
}

async function runOne(db: Kysely<Schema>, job: ClaimedJob, workerId: string, log: WorkerLog): Promise<void> {
  const definition = jobDefinition(job.name) as JobDefinition;
  const parsed = definition.schema.safeParse(job.payload);
  if (!parsed.success) {
    // A payload its schema refuses will never succeed: dead at once, naming the fields, not their values.
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.code}`).join('; ');
    await finish(db, job, workerId, `The payload does not fit the job's schema (${where})`.slice(0, 500), -1);
    log.error({ jobId: job.id, job: job.name }, 'job payload invalid: dead');
    return;
  }
  try {
    await definition.handler(parsed.data, {
      laCode: job.la_code,
      jobId: job.id,
      attempt: job.attempts,
      inTenant: (fn) => inTenant(db, job.la_code, fn),
    });
    await finish(db, job, workerId, null, 0);
    log.info({ jobId: job.id, job: job.name, attempt: job.attempts }, 'job done');
  } catch (err) {
    // A permanent failure is dead at once; anything else retries with backoff while attempts last.
    const permanent = err instanceof PermanentJobError;
    const retryIn = permanent ? -1 : backoffMs(definition, job.attempts);
    await finish(db, job, workerId, errorText(err), retryIn);
    const last = permanent || job.attempts >= job.max_attempts;
    log.warn(
      { jobId: job.id, job: job.name, attempt: job.attempts, err },
      last ? 'job failed: dead' : 'job failed: will retry',
    );
  }
}

/**
 * Runs every job that is due now, `concurrency` at a time, until none is left; answers how many
 * ran. What `waypoint jobs run --once` and the tests call.
 */
export async function runDueJobs(db: Kysely<Schema>, opts: RunOptions = {}): Promise<number> {
  const workerId = opts.workerId ?? newWorkerId();
  const log = opts.log ?? silent;
  await recoverAbandoned(db);
  await fireSchedules(db);
  let ran = 0;
  for (;;) {
    const batch = await claim(db, workerId, opts.concurrency ?? 2);
    if (batch.length === 0) return ran;
    await Promise.all(batch.map((job) => runOne(db, job, workerId, log)));
    ran += batch.length;
  }
}

export interface Worker {
  /** Stops claiming jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
}

/**
 * Starts a polling worker: every `pollMs` it takes back abandoned jobs, fires recurring schedules
 * and claims due jobs up to `concurrency` running at once. `waypoint serve` and `waypoint jobs run`
 * start one. With `exclusive` (PGlite: no other process can hold the database) running jobs left
 * by a previous process are taken back at once instead of when their lease ends.
 */
export function startWorker(
  db: Kysely<Schema>,
  opts: RunOptions & { pollMs?: number; exclusive?: boolean } = {},
): Worker {
  const workerId = opts.workerId ?? newWorkerId();
  const log = opts.log ?? silent;
  const concurrency = opts.concurrency ?? 2;
  const pollMs = opts.pollMs ?? 500;
  const running = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let first = true;
  let current: Promise<void> = Promise.resolve();
  // Recurring schedules name minutes at the finest: looking every few seconds is enough.
  const scheduleEveryMs = Math.max(pollMs, 5_000);
  let lastScheduled = 0;

  const tick = async () => {
    if (first) await recoverAbandoned(db, { all: opts.exclusive === true });
    else await recoverAbandoned(db);
    first = false;
    if (Date.now() - lastScheduled >= scheduleEveryMs) {
      lastScheduled = Date.now();
      await fireSchedules(db);
    }
    const batch = await claim(db, workerId, concurrency - running.size);
    for (const job of batch) {
      const p = runOne(db, job, workerId, log).finally(() => running.delete(p));
      running.add(p);
    }
  };
  const loop = () => {
    if (stopped) return;
    current = tick()
      .catch((err: unknown) => {
        log.error({ err }, 'job worker poll failed');
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, pollMs);
      });
  };
  loop();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
      await Promise.allSettled([...running]);
    },
  };
}
