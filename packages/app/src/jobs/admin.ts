/**
 * What an administrator sees and does with their LA's jobs: counts by job and state, the recent
 * failures with their error messages, retry and cancel (audited). Never a payload: administrators
 * see no children's data, and a payload may carry personal data.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { JobState, Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { ConflictError, NotFoundError } from '../http/errors.ts';
import { jobStates } from './states.ts';

export { jobStates };

export const jobStateLabels: Record<JobState, string> = {
  queued: 'Waiting',
  running: 'Running',
  retry: 'Waiting to retry',
  done: 'Done',
  dead: 'Failed',
  cancelled: 'Cancelled',
};

export interface QueueSummary {
  name: string;
  counts: Record<JobState, number>;
}

/** A job as the admin page and `waypoint jobs list` show it: no payload. */
export interface JobListing {
  id: string;
  laCode: string;
  name: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
}

const listingColumns = [
  'id',
  'la_code as laCode',
  'name',
  'state',
  'attempts',
  'max_attempts as maxAttempts',
  'last_error as lastError',
  'run_at as runAt',
  'created_at as createdAt',
  'finished_at as finishedAt',
] as const;

/** Counts by job name and state for one LA, every state present (0 when none). */
export async function queueSummary(db: Kysely<Schema>, laCode: string): Promise<QueueSummary[]> {
  const rows = await inTenant(db, laCode, (tx) =>
    tx
      .selectFrom('jobs')
      .select(['name', 'state', sql<number>`count(*)`.as('n')])
      .groupBy(['name', 'state'])
      .orderBy('name')
      .execute(),
  );
  const byName = new Map<string, QueueSummary>();
  for (const r of rows) {
    const summary = byName.get(r.name) ?? {
      name: r.name,
      counts: Object.fromEntries(jobStates.map((s) => [s, 0])) as Record<JobState, number>,
    };
    summary.counts[r.state] = r.n;
    byName.set(r.name, summary);
  }
  return [...byName.values()];
}

/** The LA's most recent jobs that failed at least once (dead, or waiting to retry), newest first. */
export async function recentFailures(db: Kysely<Schema>, laCode: string, limit = 50): Promise<JobListing[]> {
  return inTenant(db, laCode, (tx) =>
    tx
      .selectFrom('jobs')
      .select(listingColumns)
      .where('last_error', 'is not', null)
      .where('state', 'in', ['dead', 'retry'])
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute(),
  );
}

/** The LA a job belongs to, for the command line; undefined when there is no such job. */
export async function jobLaCode(db: Kysely<Schema>, jobId: string): Promise<string | undefined> {
  const row = await db.selectFrom('jobs').select('la_code').where('id', '=', jobId).executeTakeFirst();
  return row?.la_code;
}

/** Jobs across every LA for the command line (an operator's view), optionally of one state. */
export async function listJobs(
  db: Kysely<Schema>,
  filter: { state?: JobState; limit?: number } = {},
): Promise<JobListing[]> {
  let q = db.selectFrom('jobs').select(listingColumns);
  if (filter.state !== undefined) q = q.where('state', '=', filter.state);
  return q
    .orderBy('created_at', 'desc')
    .limit(filter.limit ?? 50)
    .execute();
}

type Change = 'retry' | 'cancel';
const allowedFrom: Record<Change, JobState[]> = {
  retry: ['dead', 'retry', 'cancelled'],
  cancel: ['queued', 'retry', 'dead'],
};

/**
 * Retries a failed (or cancelled, or waiting) job now with its attempts reset, or cancels a job
 * that has not run to the end, in `laCode`; audited in the same transaction, naming the
 * administrator (null: the `waypoint jobs` command, run by whoever operates the servers).
 * @throws NotFoundError for a job not in that LA; ConflictError when the job's state does not allow it
 */
export async function changeJob(
  db: Kysely<Schema>,
  by: { laCode: string; admin: Actor | null },
  jobId: string,
  change: Change,
  meta: RequestMeta,
): Promise<void> {
  const { laCode, admin } = by;
  await inTenant(db, laCode, async (tx) => {
    const job = await tx
      .selectFrom('jobs')
      .select(['id', 'state', 'name'])
      .where('id', '=', jobId)
      .forUpdate()
      .executeTakeFirst();
    if (job === undefined) throw new NotFoundError('no such job in this LA');
    if (!allowedFrom[change].includes(job.state)) {
      throw new ConflictError(
        change === 'retry'
          ? `This job cannot be retried: it is ${jobStateLabels[job.state].toLowerCase()}`
          : `This job cannot be cancelled: it is ${jobStateLabels[job.state].toLowerCase()}`,
      );
    }
    const update = tx.updateTable('jobs').where('id', '=', jobId);
    if (change === 'retry') {
      await update
        .set({ state: 'queued', attempts: 0, run_at: sql<Date>`now()`, finished_at: null, locked_by: null })
        .execute();
    } else {
      await update.set({ state: 'cancelled', finished_at: sql<Date>`now()`, locked_by: null }).execute();
    }
    await recordAudit(
      tx,
      admin === null ? null : { userId: admin.userId, organisationId: admin.organisationId, laCode },
      meta,
      {
        action: change === 'retry' ? 'admin.job_retry' : 'admin.job_cancel',
        outcome: 'success',
        laCode,
        recordType: 'job',
        recordId: jobId,
        reason: admin === null ? `${job.name} (waypoint jobs command)` : job.name,
      },
    );
  });
}
