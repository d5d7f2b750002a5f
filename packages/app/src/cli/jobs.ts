/**
 * `waypoint jobs list [--state S] [--json]`, `waypoint jobs run [--once]` and `waypoint jobs retry ID`:
 * the job queue from the command line (decision 0005). `run` is a worker like the one in
 * `waypoint serve`, for production deployments that run jobs in separate processes (PostgreSQL,
 * and the involvement index over HTTP with WAYPOINT_INDEX_URL: PGlite's directories, the app's and
 * the index's, are one process's at a time, and a second is refused). Lists never show payloads.
 */
import { z } from 'zod';
import type { JobState } from '../db/schema.ts';
import { migrate } from '../db/migrate.ts';
import { AppError } from '../http/errors.ts';
import { changeJob, jobLaCode, jobStates, listJobs } from '../jobs/admin.ts';
import type { WorkerLog } from '../jobs/worker.ts';
import { exitOnKnownError, openFromEnv } from './context.ts';

function usage(message: string): never {
  process.stderr.write(`waypoint jobs: ${message}\n`);
  process.exit(2);
}

/** Progress and failures on stderr, one line each. */
const stderrLog: WorkerLog = {
  info: (obj, msg) => process.stderr.write(`${msg} ${JSON.stringify(obj)}\n`),
  warn: (obj, msg) => process.stderr.write(`${msg} ${JSON.stringify({ ...obj, err: errText(obj) })}\n`),
  error: (obj, msg) => process.stderr.write(`${msg} ${JSON.stringify({ ...obj, err: errText(obj) })}\n`),
};

function errText(obj: object): string | undefined {
  const err = (obj as { err?: unknown }).err;
  return err instanceof Error ? err.message : undefined;
}

async function opened() {
  const { database } = await openFromEnv();
  try {
    await migrate(database.db);
  } catch (err) {
    await database.close();
    exitOnKnownError(err);
  }
  return database;
}

export async function listCommand(opts: { state?: string; json?: boolean; limit: string }): Promise<void> {
  if (opts.state !== undefined && !(jobStates as readonly string[]).includes(opts.state))
    usage(`--state must be one of ${jobStates.join(', ')} (got "${opts.state}")`);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    usage('--limit must be a whole number from 1 to 10000');
  const database = await opened();
  try {
    const filter = opts.state === undefined ? { limit } : { state: opts.state as JobState, limit };
    const jobs = await listJobs(database.db, filter);
    if (opts.json === true) {
      process.stdout.write(`${JSON.stringify(jobs, null, 2)}\n`);
      return;
    }
    for (const j of jobs) {
      const error = j.lastError === null ? '' : `  ${j.lastError}`;
      process.stdout.write(
        `${j.id}  ${j.laCode}  ${j.name}  ${j.state}  attempts ${j.attempts}/${j.maxAttempts}  ${j.createdAt.toISOString()}${error}\n`,
      );
    }
  } finally {
    await database.close();
  }
}

export async function runCommand(opts: { once?: boolean; concurrency: string }): Promise<void> {
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    usage('--concurrency must be a whole number from 1 to 64');
  // Loaded only to run jobs: every job's module, and so much of the app.
  await import('../jobs/definitions.ts');
  const { runDueJobs, startWorker } = await import('../jobs/worker.ts');
  const database = await opened();
  // Publishing and the index's notices are jobs: the worker needs the index as `serve` has it.
  const { openInvolvementIndex } = await import('../involvement/open-index.ts');
  const { loadConfig } = await import('../config.ts');
  // In-process, the index's PGlite directory is one process's: beside `waypoint serve` this refuses
  // (IndexDirInUseError, one line) and the worker needs the index over HTTP (WAYPOINT_INDEX_URL).
  const index = await openInvolvementIndex(loadConfig(), database.db).catch(async (err: unknown) => {
    await database.close();
    return exitOnKnownError(err);
  });
  if (opts.once === true) {
    try {
      const ran = await runDueJobs(database.db, { concurrency, log: stderrLog });
      process.stdout.write(`Ran ${ran} job${ran === 1 ? '' : 's'}.\n`);
    } finally {
      await index?.close();
      await database.close();
    }
    return;
  }
  const worker = startWorker(database.db, {
    concurrency,
    log: stderrLog,
    exclusive: database.engine === 'pglite',
  });
  process.stderr.write('waypoint jobs: worker running; Ctrl+C to stop after the running jobs finish\n');
  const stop = () => {
    void worker
      .stop()
      .then(() => index?.close())
      .then(() => database.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function retryCommand(id: string): Promise<void> {
  if (!z.uuid().safeParse(id).success) usage(`"${id}" is not a job id (a UUID)`);
  const jobId = id.toLowerCase();
  const database = await opened();
  try {
    const laCode = await jobLaCode(database.db, jobId);
    if (laCode === undefined) usage(`no job "${jobId}"`);
    await changeJob(database.db, { laCode, admin: null }, jobId, 'retry', {
      ip: null,
      requestId: `cli:jobs-retry:${process.pid}`,
    });
    process.stdout.write(`Job ${jobId} will run again.\n`);
  } catch (err) {
    if (err instanceof AppError) usage(err.message);
    throw err;
  } finally {
    await database.close();
  }
}
