/**
 * The data protection officer's disposal batches (the `dispose_records` capability): the list,
 * one batch with its records, approval (which enqueues the disposal job, run after commit: nothing
 * is removed in the request), taking a record out with a reason, and a legal hold. Each decision
 * is one transaction that locks the batch row first, so an approval and a change to the batch
 * never cross; every read of names is audited.
 */
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { auditWho } from '../auth/admin/access.ts';
import type { DisposalBatchStatus, DisposalItemStatus, Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { enqueue } from '../jobs/index.ts';
import { placeLegalHoldIn, type RecordKind, type RetentionBasis } from '../la-settings/index.ts';
import { DISPOSAL_RUN } from './job-names.ts';

export interface BatchSummary {
  id: string;
  proposedOn: string;
  status: DisposalBatchStatus;
  approvedBy: string | null;
  approvedAt: Date | null;
  disposedAt: Date | null;
  counts: Record<DisposalItemStatus, number>;
}

export interface BatchItem {
  id: string;
  /** Null once disposed. */
  personId: string | null;
  name: string | null;
  dateOfBirth: string | null;
  kind: RecordKind;
  basis: RetentionBasis;
  years: number;
  keptUntil: string | null;
  status: DisposalItemStatus;
  reason: string | null;
  decidedBy: string | null;
  disposedOn: string | null;
  isOnHold: boolean;
}

const summaries = (tx: Tx, laCode: string) =>
  sql<{
    id: string;
    proposed_on: string;
    status: DisposalBatchStatus;
    approved_by: string | null;
    approved_at: Date | null;
    disposed_at: Date | null;
    proposed: number;
    removed: number;
    held: number;
    disposed: number;
  }>`
    select b.id, b.proposed_on::text, b.status, u.name as approved_by, b.approved_at, b.disposed_at,
      count(*) filter (where i.status = 'proposed')::int as proposed,
      count(*) filter (where i.status = 'removed')::int as removed,
      count(*) filter (where i.status = 'held')::int as held,
      count(*) filter (where i.status = 'disposed')::int as disposed
    from disposal_batches b left join users u on u.id = b.approved_by
    left join disposal_items i on i.batch_id = b.id
    where b.la_code = ${laCode}
    group by b.id, u.name`.execute(tx);

const summaryOf = (r: Awaited<ReturnType<typeof summaries>>['rows'][number]): BatchSummary => ({
  id: r.id,
  proposedOn: r.proposed_on,
  status: r.status,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
  disposedAt: r.disposed_at,
  counts: { proposed: r.proposed, removed: r.removed, held: r.held, disposed: r.disposed },
});

/** The LA's batches, newest first (counts only: no names, so not audited). */
export async function listBatches(db: Kysely<Schema>, dpo: Actor): Promise<BatchSummary[]> {
  return inTenant(db, dpo.laCode, async (tx) =>
    (await summaries(tx, dpo.laCode)).rows
      .map(summaryOf)
      .sort((a, b) => b.proposedOn.localeCompare(a.proposedOn))
      .slice(0, 100),
  );
}

/** One batch with its records (names and dates of birth of those not yet disposed of), audited; null when none. */
export async function batchDetail(
  db: Kysely<Schema>,
  dpo: Actor,
  batchId: string,
  meta: RequestMeta,
): Promise<{ batch: BatchSummary; items: BatchItem[] } | null> {
  return inTenant(db, dpo.laCode, async (tx) => {
    const batch = (await summaries(tx, dpo.laCode)).rows.find((r) => r.id === batchId);
    if (batch === undefined) return null;
    const { rows } = await sql<{
      id: string;
      person_id: string | null;
      name: string | null;
      dob: string | null;
      record_kind: RecordKind;
      rule_basis: RetentionBasis;
      rule_years: number;
      kept_until: string | null;
      status: DisposalItemStatus;
      reason: string | null;
      decided_by: string | null;
      disposed_on: string | null;
      on_hold: boolean;
    }>`
      select i.id, i.person_id, p.given_name || ' ' || p.family_name as name, p.date_of_birth::text as dob,
        i.record_kind, i.rule_basis, i.rule_years, i.kept_until::text, i.status, i.reason, u.name as decided_by,
        i.disposed_on::text,
        exists (select 1 from legal_holds h where h.person_id = i.person_id and h.lifted_at is null) as on_hold
      from disposal_items i left join people p on p.id = i.person_id left join users u on u.id = i.decided_by
      where i.batch_id = ${batchId} and i.la_code = ${dpo.laCode}
      order by i.kept_until nulls last, name`.execute(tx);
    await recordAudit(tx, auditWho(dpo), meta, {
      action: 'record.search',
      outcome: 'success',
      recordType: 'disposal_batch',
      recordId: batchId,
      reason: `disposal batch of ${batch.proposed_on}: ${rows.length} records`,
    });
    return {
      batch: summaryOf(batch),
      items: rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        name: r.name,
        dateOfBirth: r.dob,
        kind: r.record_kind,
        basis: r.rule_basis,
        years: r.rule_years,
        keptUntil: r.kept_until,
        status: r.status,
        reason: r.reason,
        decidedBy: r.decided_by,
        disposedOn: r.disposed_on,
        isOnHold: r.on_hold,
      })),
    };
  });
}

/** The batch row locked for this transaction, or undefined. */
const lockBatch = (tx: Tx, laCode: string, batchId: string) =>
  tx
    .selectFrom('disposal_batches')
    .select(['id', 'status', 'proposed_on'])
    .where('id', '=', batchId)
    .where('la_code', '=', laCode)
    .forUpdate()
    .executeTakeFirst();

export type ApproveOutcome = 'approved' | 'not_found' | 'not_proposed' | 'empty';

/**
 * Approves a proposed batch as the named officer `dpo` and enqueues its disposal, which runs
 * after this transaction commits (never in the request).
 */
export async function approveBatch(
  db: Kysely<Schema>,
  dpo: Actor,
  batchId: string,
  meta: RequestMeta,
): Promise<ApproveOutcome> {
  return inTenant(db, dpo.laCode, async (tx) => {
    const batch = await lockBatch(tx, dpo.laCode, batchId);
    if (batch === undefined) return 'not_found';
    if (batch.status !== 'proposed') return 'not_proposed';
    const { n } = await tx
      .selectFrom('disposal_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('batch_id', '=', batchId)
      .where('status', '=', 'proposed')
      .executeTakeFirstOrThrow();
    if (n === 0) return 'empty';
    await tx
      .updateTable('disposal_batches')
      .set({ status: 'approved', approved_by: dpo.userId, approved_at: new Date() })
      .where('id', '=', batchId)
      .execute();
    await enqueue(tx, DISPOSAL_RUN, { batchId }, { key: `disposal:${batchId}` });
    await recordAudit(tx, auditWho(dpo), meta, {
      action: 'disposal.approve',
      outcome: 'success',
      recordType: 'disposal_batch',
      recordId: batchId,
      reason: `disposal batch of ${batch.proposed_on}: ${n} records approved for disposal`,
    });
    return 'approved';
  });
}

export type ItemOutcome = 'done' | 'not_found' | 'not_proposed';

/**
 * Takes a record out of a proposed batch (`remove`: not proposed again for a year) or places a
 * legal hold on it (`hold`: never disposed of while the hold stands), with the officer's reason.
 * A hold may be placed after approval too: the disposal job finds it under its lock.
 */
export async function decideItem(
  db: Kysely<Schema>,
  dpo: Actor,
  input: { batchId: string; itemId: string; decision: 'remove' | 'hold'; reason: string },
  meta: RequestMeta,
): Promise<ItemOutcome> {
  return inTenant(db, dpo.laCode, async (tx) => {
    const batch = await lockBatch(tx, dpo.laCode, input.batchId);
    if (batch === undefined) return 'not_found';
    const item = await tx
      .selectFrom('disposal_items')
      .select(['id', 'person_id', 'status'])
      .where('id', '=', input.itemId)
      .where('batch_id', '=', input.batchId)
      .executeTakeFirst();
    if (item === undefined || item.person_id === null) return 'not_found';
    if (item.status !== 'proposed') return 'not_proposed';
    if (input.decision === 'remove' && batch.status !== 'proposed') return 'not_proposed';
    if (input.decision === 'hold') {
      // Locks the person row first, as the disposal does: the two never interleave.
      if (!(await placeLegalHoldIn(tx, dpo, item.person_id, input.reason, meta))) return 'not_found';
    }
    const set = await tx
      .updateTable('disposal_items')
      .set({
        status: input.decision === 'remove' ? 'removed' : 'held',
        reason: input.reason,
        decided_by: dpo.userId,
        decided_at: new Date(),
      })
      .where('id', '=', item.id)
      .where('status', '=', 'proposed')
      .returning('id')
      .executeTakeFirst();
    // Disposed of meanwhile (the job held the record while this waited).
    if (set === undefined) return 'not_proposed';
    if (input.decision === 'remove')
      await recordAudit(tx, auditWho(dpo), meta, {
        action: 'disposal.remove',
        outcome: 'success',
        subjectPersonId: item.person_id,
        recordType: 'disposal_item',
        recordId: item.id,
        reason: input.reason,
      });
    return 'done';
  });
}
