/**
 * The disposal capability's jobs: the daily proposal (every LA, 02:30 London time), the disposal
 * of an approved batch (enqueued by the approval), and telling the involvement index to withdraw
 * a disposed record's involvements (after the disposal commits, retried until the index answers).
 */
import { z } from 'zod';
import { today } from '../http/forms/dates.ts';
import { indexPort } from '../involvement/index-port.ts';
import { registerJob } from '../jobs/index.ts';
import type { JobContext } from '../jobs/index.ts';
import { disposeItem, type DisposeOutcome } from './dispose.ts';
import { DISPOSAL_PROPOSE, DISPOSAL_RUN, DISPOSAL_WITHDRAW } from './job-names.ts';
import { proposeBatchIn } from './propose.ts';

registerJob(
  DISPOSAL_PROPOSE,
  z.object({}),
  async (_payload, ctx) => {
    await ctx.inTenant((tx) => proposeBatchIn(tx, ctx.laCode, today(), ctx.jobId));
  },
  { recurring: { cron: '30 2 * * *', timezone: 'Europe/London' }, timeoutSeconds: 1_800 },
);

/**
 * Disposes of every record still waiting in approved batch `batchId`, one transaction each, and
 * marks the batch disposed when none waits. Idempotent: a record already disposed of is no longer
 * waiting; a batch not approved is left alone.
 */
export async function runDisposal(batchId: string, ctx: Pick<JobContext, 'inTenant' | 'laCode' | 'jobId'>) {
  const outcomes: DisposeOutcome[] = [];
  const waiting = await ctx.inTenant((tx) =>
    tx
      .selectFrom('disposal_items as i')
      .innerJoin('disposal_batches as b', 'b.id', 'i.batch_id')
      .select(['i.id', 'i.batch_id', 'i.person_id', 'i.record_kind', 'i.rule_basis', 'i.rule_years'])
      .where('i.batch_id', '=', batchId)
      .where('i.status', '=', 'proposed')
      .where('b.status', '=', 'approved')
      .execute(),
  );
  for (const item of waiting) {
    if (item.person_id === null) continue;
    const personId = item.person_id;
    outcomes.push(
      await ctx.inTenant((tx) =>
        disposeItem(tx, ctx.laCode, { ...item, person_id: personId }, today(), ctx.jobId),
      ),
    );
  }
  await ctx.inTenant((tx) =>
    tx
      .updateTable('disposal_batches')
      .set({ status: 'disposed', disposed_at: new Date() })
      .where('id', '=', batchId)
      .where('status', '=', 'approved')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('disposal_items')
              .select('id')
              .where('batch_id', '=', batchId)
              .where('status', '=', 'proposed'),
          ),
        ),
      )
      .execute(),
  );
  return outcomes;
}

registerJob(
  DISPOSAL_RUN,
  z.object({ batchId: z.uuid() }),
  async ({ batchId }, ctx) => {
    await runDisposal(batchId, ctx);
  },
  { timeoutSeconds: 3_600, maxAttempts: 10 },
);

registerJob(
  DISPOSAL_WITHDRAW,
  z.object({ ref: z.string().min(1).max(200), organisationId: z.uuid(), version: z.number().int() }),
  async ({ ref, organisationId, version }, ctx) => {
    const port = indexPort();
    // Retried with backoff until the index is reachable: never lost.
    if (port === null) throw new Error('this process has no involvement index to withdraw from');
    await port.withdraw(ref, ctx.laCode, organisationId, version);
  },
  { maxAttempts: 20, backoff: { baseMs: 5_000, maxMs: 900_000 } },
);
