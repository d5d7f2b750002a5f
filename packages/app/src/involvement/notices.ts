/**
 * What the index tells the LA's publishers, never lost: a recurring job polls the index's notices
 * for each organisation of the LA (the council and its partners) from the last one seen. A
 * shielded hit is emailed to the shielding agency's named contact through the message queue (the
 * caller's contact details and reason, nothing about the child beyond the involvement's
 * reference); every notice is kept for the organisation's data protection officer. The notices,
 * the message and the cursor are written in one transaction, so a crash re-reads, never skips.
 */
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { registerJob } from '../jobs/index.ts';
import { canonicalEmail, enqueueMessage } from '../messaging/index.ts';
import { indexPort, involvementOfRef, type Notice } from './index-port.ts';
import { lookupReasons, wordsFor } from './words.ts';

export const INVOLVEMENT_NOTICES = 'involvement.index-notices';

/** Keeps `notices` for `organisationId` (each once) and moves its cursor; returns how many were new. */
export async function receiveNotices(
  tx: Tx,
  laCode: string,
  organisationId: string,
  notices: readonly Notice[],
): Promise<number> {
  let received = 0;
  for (const n of notices) {
    const involvementId = involvementOfRef(laCode, n.ref);
    const inserted = await tx
      .insertInto('involvement_index_notices')
      .values({
        organisation_id: organisationId,
        notice_id: n.id,
        la_code: laCode,
        kind: n.kind,
        involvement_id: involvementId,
        caller_name: n.caller.name,
        caller_organisation: n.caller.organisationName,
        caller_email: n.caller.email,
        caller_phone: n.caller.phone,
        reason: n.reason,
        reason_text: n.reasonText,
        noticed_at: n.at,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'notice_id']).doNothing())
      .returning('notice_id')
      .executeTakeFirst();
    if (inserted === undefined) continue;
    received++;
    const to = n.shieldedContact === null ? undefined : canonicalEmail(n.shieldedContact.email);
    if (n.kind !== 'shielded_hit' || to === undefined || n.shieldedContact === null) continue;
    const reason = wordsFor(lookupReasons, n.reason) + (n.reasonText ? `: ${n.reasonText}` : '');
    const jobId = await enqueueMessage(tx, {
      channel: 'email',
      to,
      template: 'involvement-shielded-hit',
      personalisation: {
        contact_name: n.shieldedContact.name || 'Hello',
        caller_name: n.caller.name,
        caller_organisation: n.caller.organisationName,
        caller_email: n.caller.email,
        caller_phone: n.caller.phone ?? 'no phone given',
        reason,
        reference: (involvementId ?? n.ref).slice(0, 8).toUpperCase(),
      },
      reference: `index-notice:${organisationId}:${n.id}`.slice(0, 200),
    });
    await tx
      .updateTable('involvement_index_notices')
      .set({ message_job_id: jobId })
      .where('organisation_id', '=', organisationId)
      .where('notice_id', '=', n.id)
      .execute();
  }
  const last = notices.at(-1)?.id;
  await tx
    .insertInto('involvement_index_cursors')
    .values({ organisation_id: organisationId, la_code: laCode, last_notice_id: last ?? null })
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet((eb) => ({
        last_notice_id: last === undefined ? eb.ref('involvement_index_cursors.last_notice_id') : last,
        polled_at: new Date(),
      })),
    )
    .execute();
  return received;
}

/** Polls every organisation of `laCode` once (pages of notices until none is left); returns how many were new. */
export async function pollNotices(
  inTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  laCode: string,
): Promise<number> {
  const port = indexPort();
  if (port === null) return 0;
  const organisations = await inTenant((tx) =>
    tx
      .selectFrom('organisations as o')
      .leftJoin('involvement_index_cursors as c', 'c.organisation_id', 'o.id')
      .select(['o.id', 'c.last_notice_id'])
      .where('o.la_code', '=', laCode)
      .execute(),
  );
  let received = 0;
  for (const o of organisations) {
    let after = o.last_notice_id;
    for (;;) {
      const notices = await port.notices(o.id, after);
      if (notices.length === 0) break;
      received += await inTenant((tx) => receiveNotices(tx, laCode, o.id, notices));
      after = notices.at(-1)?.id ?? after;
    }
  }
  return received;
}

registerJob(
  INVOLVEMENT_NOTICES,
  z.object({}),
  async (_payload, ctx) => {
    await pollNotices((fn) => ctx.inTenant(fn), ctx.laCode);
  },
  { recurring: { cron: '* * * * *', timezone: 'Europe/London' } },
);
