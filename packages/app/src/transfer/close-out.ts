/**
 * The sending LA's side of an accepted transfer, in the sending LA's own tenant transaction (its
 * row-level rules apply): the child's allocations end, the plans in place end and the open child in
 * need episode closes with RC5 ("Transferred to another LA"), open timescales are met, and the
 * sending LA's audit chain records it. Idempotent (`sender_closed_at`): run straight after the
 * receiving LA's acceptance commits, and again by the sending LA's list of transfers should that
 * ever not have finished. Access has already ended at the acceptance (access/relationships.ts),
 * whether or not this has run.
 *
 * This is the one place a request of one LA's user writes in another LA's tenant: only for a
 * transfer that LA asked for and the user's LA accepted.
 */
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { enqueueDerive } from '../cpis/jobs.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { londonDate } from '../http/forms/dates.ts';

/** Closes the sending side of accepted transfer `id` of sending LA `laCode`; false when there was nothing to do. */
export async function closeTransferOut(
  db: Kysely<Schema>,
  who: Pick<Actor, 'userId' | 'organisationId'>,
  meta: RequestMeta,
  laCode: string,
  id: string,
): Promise<boolean> {
  return inTenant(db, laCode, async (tx) => {
    const t = await tx
      .selectFrom('transfers')
      .select(['id', 'person_id', 'receiving_la_code', 'decided_at', 'decided_by'])
      .where('id', '=', id)
      .where('la_code', '=', laCode)
      .where('status', '=', 'accepted')
      .where('sender_closed_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (t === undefined || t.decided_at === null) return false;
    const on = londonDate(t.decided_at);
    const personId = t.person_id;
    const reason = `Transferred to LA ${t.receiving_la_code} (transfer ${t.id})`;
    const ended = await tx
      .updateTable('allocations')
      .set({ ended_at: t.decided_at, reason: sql<string>`coalesce(reason || '; ', '') || ${reason}` })
      .where('person_id', '=', personId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    await tx
      .updateTable('cp_plans')
      .set({ ended_on: sql<string>`greatest(started_on, ${on}::date)` })
      .where('person_id', '=', personId)
      .where('ended_on', 'is', null)
      .execute();
    await tx
      .updateTable('cin_plans')
      .set({ ended_on: sql<string>`greatest(started_on, ${on}::date)` })
      .where('person_id', '=', personId)
      .where('ended_on', 'is', null)
      .execute();
    await tx
      .updateTable('cin_episodes')
      .set({
        closed_on: sql<string>`greatest(referral_on, ${on}::date)`,
        closure_reason: 'RC5',
        closure_note: reason,
        version: (eb) => eb('version', '+', 1),
      })
      .where('person_id', '=', personId)
      .where('closed_on', 'is', null)
      .execute();
    await tx
      .updateTable('timescales')
      .set({ completed_on: on })
      .where('person_id', '=', personId)
      .where('completed_on', 'is', null)
      .execute();
    await tx.updateTable('transfers').set({ sender_closed_at: new Date() }).where('id', '=', t.id).execute();
    // The child's CP-IS flags follow the plans that ended.
    await enqueueDerive(tx, personId);
    await recordAudit(tx, { ...who, laCode }, meta, {
      action: 'transfer.close_out',
      outcome: 'success',
      subjectPersonId: personId,
      recordType: 'transfer',
      recordId: t.id,
      reason: `accepted by LA ${t.receiving_la_code}; allocations ended=${Number(ended.numUpdatedRows)}; episode closed RC5`,
    });
    return true;
  });
}
