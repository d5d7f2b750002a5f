/**
 * Counting attempts (passwords and two-factor codes) and locking the account at the limit.
 *
 * The count is claimed before the secret is checked, by one atomic `UPDATE … RETURNING` that only
 * succeeds while the account is not locked and has attempts left: concurrent attempts each take
 * one of the attempts left, so a burst of eleven at once checks at most five and refuses the rest,
 * however the checks interleave. A right answer gives its attempt back (`releaseAttempt`); a wrong
 * one keeps it, and the one that used the last attempt locks the account.
 */
import type { Kysely } from 'kysely';
import type { RequestMeta } from '../actor.ts';
import { auditAuthEvent } from '../audit-auth.ts';
import type { Schema } from '../../db/schema.ts';
import type { AuditAction } from '../../audit/actions.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTenant } from '../../db/tenant.ts';
import type { SignInAccount } from './account.ts';
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from './policy.ts';

export type AttemptClaim = { claimed: true; count: number } | { claimed: false };

/**
 * Takes one attempt for the account, atomically; `claimed: false` when it is locked or every
 * attempt is taken (then, if the attempts were used up without a lock, for example by a burst,
 * the account is locked now).
 */
export async function claimAttempt(
  db: Kysely<Schema>,
  account: SignInAccount,
  meta: RequestMeta,
): Promise<AttemptClaim> {
  const now = new Date();
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', account.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .where('failed_sign_ins', '<', MAX_FAILED_SIGN_INS)
    .returning('failed_sign_ins')
    .executeTakeFirst();
  if (row !== undefined) return { claimed: true, count: row.failed_sign_ins };
  await lockIfUsedUp(db, account, meta, now);
  return { claimed: false };
}

/** Gives back an attempt claimed for what turned out to be the right password or code. */
export async function releaseAttempt(db: Kysely<Schema>, accountId: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ failed_sign_ins: eb.fn('greatest', [eb('failed_sign_ins', '-', 1), eb.lit(0)]) }))
    .where('id', '=', accountId)
    .execute();
}

/**
 * Records a wrong answer for a claimed attempt, with its audit event; locks the account (and
 * audits the lockout) when this was the last attempt allowed. Returns whether it is now locked.
 */
export async function recordFailedAttempt(
  db: Kysely<Schema>,
  account: SignInAccount,
  meta: RequestMeta,
  claim: { count: number },
  action: AuditAction,
  reason: string,
): Promise<boolean> {
  await auditAuthEvent(db, account, meta, { action, outcome: 'failure', reason });
  if (claim.count < MAX_FAILED_SIGN_INS) return false;
  await lockIfUsedUp(db, account, meta, new Date());
  return true;
}

/** Locks an account whose attempts are used up and that is not locked yet, auditing it once. */
async function lockIfUsedUp(
  db: Kysely<Schema>,
  account: SignInAccount,
  meta: RequestMeta,
  now: Date,
): Promise<void> {
  await inTenant(db, account.la_code, async (tx) => {
    const r = await tx
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) })
      .where('id', '=', account.id)
      .where('failed_sign_ins', '>=', MAX_FAILED_SIGN_INS)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirst();
    // Already locked by a concurrent attempt, or the count was given back: nothing to audit.
    if (Number(r.numUpdatedRows) === 0) return;
    await recordAudit(
      tx,
      { userId: account.id, organisationId: account.organisation_id, laCode: account.la_code },
      meta,
      {
        laCode: account.la_code,
        recordType: 'user',
        recordId: account.id,
        action: 'auth.lockout',
        outcome: 'denied',
        reason: `${MAX_FAILED_SIGN_INS} failed attempts: locked for ${LOCKOUT_MINUTES} minutes`,
      },
    );
  });
}
