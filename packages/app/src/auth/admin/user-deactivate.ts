/** Deactivation and password reset by an administrator. History is kept: nothing is deleted. */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Schema } from '../../db/schema.ts';
import { inTenant, type Tx } from '../../db/tenant.ts';
import type { Actor, RequestMeta } from '../actor.ts';
import { hashPassword } from '../passwords.ts';
import { auditWho } from './access.ts';
import { temporaryPassword } from './temporary-password.ts';

async function endAccess(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Deactivates a user of the admin's LA: `active=false`, `deactivated_at`, every session and token
 * revoked. Returns false when there is no such active user (or it is the admin themself).
 * @example await deactivateUser(db, admin, userId, meta)
 */
export async function deactivateUser(
  db: Kysely<Schema>,
  admin: Actor,
  userId: string,
  meta: RequestMeta,
): Promise<boolean> {
  if (userId === admin.userId) return false;
  return inTenant(db, admin.laCode, async (tx) => {
    const now = new Date();
    const row = await tx
      .updateTable('users')
      .set((eb) => ({ active: false, deactivated_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', userId)
      .where('la_code', '=', admin.laCode)
      .where('active', '=', true)
      .returning('id')
      .executeTakeFirst();
    if (row === undefined) return false;
    await endAccess(tx, userId, now);
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'admin.user_deactivate',
      outcome: 'success',
      recordType: 'user',
      recordId: userId,
    });
    return true;
  });
}

/**
 * Sets a temporary password (shown once to the admin), unlocks the account, signs the user out
 * everywhere, and makes them choose a new password at their next sign-in. Null when no such user.
 * @example const temp = await resetPassword(db, admin, userId, meta)
 */
export async function resetPassword(
  db: Kysely<Schema>,
  admin: Actor,
  userId: string,
  meta: RequestMeta,
): Promise<string | null> {
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  return inTenant(db, admin.laCode, async (tx) => {
    const now = new Date();
    const row = await tx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        must_change_password: true,
        failed_sign_ins: 0,
        locked_until: null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', userId)
      .where('la_code', '=', admin.laCode)
      .where('active', '=', true)
      .returning('id')
      .executeTakeFirst();
    if (row === undefined) return null;
    await tx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'auth.password_reset',
      outcome: 'success',
      recordType: 'user',
      recordId: userId,
    });
    return password;
  });
}
