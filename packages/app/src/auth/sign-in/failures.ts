/** Counting failed attempts (wrong password or wrong code) and locking the account at the limit. */
import type { Kysely } from 'kysely';
import type { RequestMeta } from '../actor.ts';
import { auditAuthEvent } from '../audit-auth.ts';
import type { Schema } from '../../db/schema.ts';
import type { AuditAction } from '../../audit/actions.ts';
import type { SignInAccount } from './account.ts';
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from './policy.ts';

/**
 * Records a failed attempt with its audit event; locks the account (and audits the lockout) when
 * this was the last attempt allowed. Returns whether the account is now locked.
 */
export async function recordFailedAttempt(
  db: Kysely<Schema>,
  account: SignInAccount,
  meta: RequestMeta,
  action: AuditAction,
  reason: string,
): Promise<boolean> {
  let locked = false;
  await auditAuthEvent(db, account, meta, { action, outcome: 'failure', reason }, async (tx) => {
    const row = await tx
      .updateTable('users')
      .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
      .where('id', '=', account.id)
      .returning('failed_sign_ins')
      .executeTakeFirstOrThrow();
    if (row.failed_sign_ins < MAX_FAILED_SIGN_INS) return;
    locked = true;
    await tx
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: new Date(Date.now() + LOCKOUT_MINUTES * 60_000) })
      .where('id', '=', account.id)
      .execute();
  });
  if (locked)
    await auditAuthEvent(db, account, meta, {
      action: 'auth.lockout',
      outcome: 'denied',
      reason: `${MAX_FAILED_SIGN_INS} failed attempts: locked for ${LOCKOUT_MINUTES} minutes`,
    });
  return locked;
}
