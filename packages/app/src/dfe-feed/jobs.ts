/**
 * The DfE feed's jobs. `returns.dfe-push` (every day at 05:00 London, for every LA): when
 * `DFE_API_URL` is set, reads the LA through `readLaInTx` (audited as the system's own
 * `record.export` naming every child, in the read's transaction, as `returns.quality-day` is),
 * plans the changes and enqueues one `returns.dfe-send` per request, in order. Without
 * `DFE_API_URL` it does nothing (nothing is read). `returns.dfe-send` sends one request (send.ts).
 */
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/tenant.ts';
import { today } from '../http/forms/dates.ts';
import { registerJob } from '../jobs/index.ts';
import { readLaInTx } from '../returns/read-la.ts';
import { DFE_SEND, planPushInTx, type PlannedPush } from './plan.ts';
import { DFE_SEND_ATTEMPTS, sendRequest } from './send.ts';
import { dfeFeedSettings } from './settings.ts';

export const DFE_PUSH = 'returns.dfe-push';

/** The system's daily push of one LA (the job's work; tests call it). Null when a run of this job already pushed. */
export async function scheduledPush(
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  laCode: string,
  jobId: string,
): Promise<PlannedPush | null> {
  return inTenant(async (tx) => {
    const done = await tx
      .selectFrom('dfe_pushes')
      .select('id')
      .where('job_id', '=', jobId)
      .executeTakeFirst();
    if (done !== undefined) return null;
    const { input, children } = await readLaInTx(tx, laCode, today());
    await recordAudit(
      tx,
      null,
      { ip: null, requestId: `job:${jobId}` },
      {
        laCode,
        action: 'record.export',
        outcome: 'success',
        recordType: 'return',
        recordId: 'dfe daily push',
        reason: `dfe daily push; children=${children.size}: ${[...children.keys()].join(' ')}`,
      },
    );
    return planPushInTx(tx, laCode, input, { trigger: 'schedule', jobId });
  });
}

registerJob(
  DFE_PUSH,
  z.object({}),
  async (_payload, ctx) => {
    if (dfeFeedSettings().baseUrl === undefined) return;
    await scheduledPush((fn) => ctx.inTenant(fn), ctx.laCode, ctx.jobId);
  },
  { timeoutSeconds: 900, recurring: { cron: '0 5 * * *', timezone: 'Europe/London' } },
);

registerJob(DFE_SEND, z.object({ pushId: z.uuid(), requestNo: z.number().int().min(1) }), sendRequest, {
  maxAttempts: DFE_SEND_ATTEMPTS,
  backoff: { baseMs: 30_000, maxMs: 3_600_000 },
  timeoutSeconds: 180,
});
