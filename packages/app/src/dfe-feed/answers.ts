/**
 * What the feed records of the DfE's answers, each in the caller's transaction: an attempt on a
 * request (status, HTTP status, receipt or reason, its history), a part of a request the DfE
 * accepted (its receipt and LA child IDs, with those children's pushed state), the request
 * accepted whole, and the push settled. The send job (send.ts) calls these outside the POSTs.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import type { DfeAcceptedPart, DfeAttempt, DfeKeptChange } from './tables.ts';

/** One request of one push. */
export interface RequestRef {
  laCode: string;
  pushId: string;
  requestNo: number;
}

/** Records one attempt's outcome on the request (attempts + 1, the attempt added to its history). */
export async function recordAttempt(
  tx: Tx,
  ref: RequestRef,
  set: {
    status: 'accepted' | 'retrying' | 'rejected';
    http: number | null;
    receipt?: string | null;
    reason: string | null;
  },
): Promise<void> {
  const attempt: DfeAttempt = { at: new Date().toISOString(), status: set.http, reason: set.reason };
  const { laCode, pushId, requestNo } = ref;
  await tx
    .updateTable('dfe_push_requests')
    .set({
      status: set.status,
      http_status: set.http,
      receipt: set.receipt ?? null,
      reason: set.reason,
      attempts: sql<number>`attempts + 1`,
      history: sql<string>`history || ${JSON.stringify([attempt])}::jsonb`,
      at: new Date(),
      ...(set.status === 'accepted' ? { body: null } : {}),
    })
    .where('la_code', '=', laCode)
    .where('push_id', '=', pushId)
    .where('request_no', '=', requestNo)
    .execute();
}

/** Marks the push sent when every request is accepted, or refused (with the reason) when one was. */
export async function settlePush(
  tx: Tx,
  laCode: string,
  pushId: string,
  refusal: string | null,
): Promise<void> {
  if (refusal !== null) {
    await tx
      .updateTable('dfe_pushes')
      .set({ status: 'rejected', finished_at: new Date(), reason: refusal })
      .where('la_code', '=', laCode)
      .where('id', '=', pushId)
      .execute();
    return;
  }
  const left = await tx
    .selectFrom('dfe_push_requests')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('la_code', '=', laCode)
    .where('push_id', '=', pushId)
    .where('status', '<>', 'accepted')
    .executeTakeFirstOrThrow();
  if (left.n === 0)
    await tx
      .updateTable('dfe_pushes')
      .set({ status: 'sent', finished_at: new Date(), reason: null })
      .where('la_code', '=', laCode)
      .where('id', '=', pushId)
      .execute();
}

/**
 * What the DfE now holds: each accepted child's hash and parts kept, each purged child forgotten.
 * A child's details purged changes nothing kept: their record follows in a later request, and
 * until it is accepted the DfE still holds the rest of what was kept.
 */
async function keepState(
  tx: Tx,
  laCode: string,
  pushId: string,
  all: readonly DfeKeptChange[],
): Promise<void> {
  const changes = all.filter((c) => c.kind !== 'details-purge');
  const gone = changes.filter((c) => c.hash === null).map((c) => c.laChildId);
  if (gone.length > 0)
    await tx
      .deleteFrom('dfe_pushed_children')
      .where('la_code', '=', laCode)
      .where('la_child_id', 'in', gone)
      .execute();
  const kept = changes.filter((c) => c.hash !== null);
  for (let i = 0; i < kept.length; i += 500) {
    const rows = kept.slice(i, i + 500).map((c) => ({
      la_code: laCode,
      la_child_id: c.laChildId,
      content_hash: c.hash ?? '',
      parts: JSON.stringify(c.parts),
      push_id: pushId,
    }));
    await tx
      .insertInto('dfe_pushed_children')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['la_code', 'la_child_id']).doUpdateSet((eb) => ({
          content_hash: eb.ref('excluded.content_hash'),
          parts: eb.ref('excluded.parts'),
          push_id: eb.ref('excluded.push_id'),
          pushed_at: new Date(),
        })),
      )
      .execute();
  }
}

/** The LA child ID of one element of a request body (every element has one, the schema requires it). */
export function childIdOf(element: unknown): string {
  const id = (element as { la_child_id?: unknown } | null)?.la_child_id;
  return typeof id === 'string' ? id : '';
}

/**
 * Records a part of the request the DfE accepted (`children`, its `receipt`), with those children's
 * pushed state, in one transaction, so a retry never sends them again. When it was the last part
 * (every child of the request now accepted) the request is accepted: its receipts (every part's,
 * in order) kept, its body cleared and the push settled. Answers whether the request is now done.
 */
export async function acceptPart(
  tx: Tx,
  ref: RequestRef,
  part: { children: readonly unknown[]; http: number; receipt: string | null },
): Promise<boolean> {
  const { laCode, pushId, requestNo } = ref;
  const row = await tx
    .selectFrom('dfe_push_requests')
    .select(['body', 'changes', 'accepted_parts'])
    .where('la_code', '=', laCode)
    .where('push_id', '=', pushId)
    .where('request_no', '=', requestNo)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const ids = part.children.map(childIdOf);
  const these = new Set(ids);
  await keepState(
    tx,
    laCode,
    pushId,
    row.changes.filter((c) => these.has(c.laChildId)),
  );
  const parts: DfeAcceptedPart[] = [
    ...row.accepted_parts,
    { at: new Date().toISOString(), receipt: part.receipt, children: ids },
  ];
  const accepted = new Set(parts.flatMap((p) => p.children));
  const body = Array.isArray(row.body) ? (row.body as unknown[]) : [];
  const done = body.every((c) => accepted.has(childIdOf(c)));
  await tx
    .updateTable('dfe_push_requests')
    .set({ accepted_parts: JSON.stringify(parts) })
    .where('la_code', '=', laCode)
    .where('push_id', '=', pushId)
    .where('request_no', '=', requestNo)
    .execute();
  if (!done) return false;
  const receipts = parts.flatMap((p) => (p.receipt === null ? [] : [p.receipt]));
  await recordAttempt(tx, ref, {
    status: 'accepted',
    http: part.http,
    receipt: receipts.length === 0 ? null : receipts.join(' ').slice(0, 2000),
    reason: parts.length > 1 ? `Sent in ${String(parts.length)} parts after HTTP 413 Too many records` : null,
  });
  await settlePush(tx, laCode, pushId, null);
  return true;
}
