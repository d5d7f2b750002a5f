/**
 * Planning a push: what has changed since the DfE last accepted each child (`dfe_pushed_children`),
 * as requests of at most 100 children, each checked against the DfE's schema. `planPushInTx` writes
 * the push and its requests and enqueues one `returns.dfe-send` job per request, in order (one
 * ordering key per LA), all in the transaction that read the LA: the job queue is the outbox, so
 * nothing is sent from inside it, and a push is either wholly planned or not at all.
 */
import {
  assertDfePayload,
  dfeRequests,
  dfeChanges,
  type DfeChange,
  type DfePushedChild,
  type DfeRefusedChild,
  type ReturnsInput,
} from '@waypoint/returns';
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import { enqueue } from '../jobs/index.ts';
import type { DfeKeptChange, DfePushStatus } from './tables.ts';

export const DFE_SEND = 'returns.dfe-send';
/** Every request of an LA's feed runs in this order, one at a time. */
export const DFE_ORDERING_KEY = 'dfe-feed';

export interface DfePlan {
  batches: DfeChange[][];
  refused: DfeRefusedChild[];
  unchanged: number;
  counts: { new: number; changed: number; deleted: number };
}

/** The changes and their requests (pure): every request's body validated. */
export function planChanges(previous: ReadonlyMap<string, DfePushedChild>, input: ReturnsInput): DfePlan {
  const { changes, refused, unchanged } = dfeChanges(previous, input.children);
  const batches = dfeRequests(changes);
  for (const b of batches) assertDfePayload(b.map((c) => c.record));
  // A child whose details are purged first is counted once, as changed.
  const count = (k: DfeChange['kind']) => changes.filter((c) => c.kind === k).length;
  return {
    batches,
    refused,
    unchanged,
    counts: { new: count('new'), changed: count('changed'), deleted: count('deleted') },
  };
}

/** What the DfE last accepted for each child of the LA. */
export async function readPushedState(tx: Tx, laCode: string): Promise<Map<string, DfePushedChild>> {
  const rows = await tx
    .selectFrom('dfe_pushed_children')
    .select(['la_child_id', 'content_hash', 'parts'])
    .where('la_code', '=', laCode)
    .execute();
  return new Map(rows.map((r) => [r.la_child_id, { hash: r.content_hash, parts: r.parts }]));
}

/** Requests of the LA's feed not yet accepted or refused: a new push waits for them. */
export async function outstandingRequests(tx: Tx, laCode: string): Promise<number> {
  const row = await tx
    .selectFrom('dfe_push_requests')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('la_code', '=', laCode)
    .where('status', 'in', ['queued', 'retrying'])
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface PlannedPush {
  pushId: string;
  status: DfePushStatus;
  requests: number;
  counts: DfePlan['counts'];
  unchanged: number;
  refused: DfeRefusedChild[];
  reason: string | null;
}

/**
 * Plans the LA's push from `input` (already read, authorised and audited in `tx`) and enqueues its
 * requests. A push while an earlier one still has requests waiting is recorded as skipped: sending
 * again before they are accepted would send the same changes twice, out of order.
 */
export async function planPushInTx(
  tx: Tx,
  laCode: string,
  input: ReturnsInput,
  by: { trigger: 'schedule' | 'command'; jobId?: string; userId?: string },
): Promise<PlannedPush> {
  const base = {
    la_code: laCode,
    trigger: by.trigger,
    job_id: by.jobId ?? null,
    requested_by: by.userId ?? null,
  };
  const waiting = await outstandingRequests(tx, laCode);
  if (waiting > 0) {
    const reason = `An earlier push still has ${String(waiting)} request${waiting === 1 ? '' : 's'} waiting to be accepted: this push waits for them (see the status page and /admin/jobs).`;
    const { id } = await tx
      .insertInto('dfe_pushes')
      .values({ ...base, status: 'skipped', finished_at: new Date(), reason })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      pushId: id,
      status: 'skipped',
      requests: 0,
      counts: { new: 0, changed: 0, deleted: 0 },
      unchanged: 0,
      refused: [],
      reason,
    };
  }
  const plan = planChanges(await readPushedState(tx, laCode), input);
  const status: DfePushStatus = plan.batches.length === 0 ? 'nothing to send' : 'sending';
  const { id } = await tx
    .insertInto('dfe_pushes')
    .values({
      ...base,
      status,
      finished_at: status === 'sending' ? null : new Date(),
      children_new: plan.counts.new,
      children_changed: plan.counts.changed,
      children_deleted: plan.counts.deleted,
      children_unchanged: plan.unchanged,
      children_refused: plan.refused.length,
      requests: plan.batches.length,
      refused: JSON.stringify(plan.refused),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let requestNo = 0;
  for (const batch of plan.batches) {
    requestNo++;
    const kept: DfeKeptChange[] = batch.map((c) => ({
      laChildId: c.laChildId,
      kind: c.kind,
      hash: c.hash,
      parts: c.parts,
    }));
    await tx
      .insertInto('dfe_push_requests')
      .values({
        la_code: laCode,
        push_id: id,
        request_no: requestNo,
        children: batch.length,
        body: JSON.stringify(batch.map((c) => c.record)),
        changes: JSON.stringify(kept),
      })
      .execute();
    await enqueue(
      tx,
      DFE_SEND,
      { pushId: id, requestNo },
      { key: DFE_ORDERING_KEY, idempotencyKey: `${id}:${String(requestNo)}` },
    );
  }
  return {
    pushId: id,
    status,
    requests: plan.batches.length,
    counts: plan.counts,
    unchanged: plan.unchanged,
    refused: plan.refused,
    reason: null,
  };
}
