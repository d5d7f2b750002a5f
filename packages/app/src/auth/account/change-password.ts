/** A user changes their own password (required after an administrator's reset). */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { FieldError } from '../../http/errors.ts';
import type { Actor, RequestMeta } from '../actor.ts';
import { auditAuthEvent } from '../audit-auth.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../passwords.ts';
import { findAccountById } from '../sign-in/account.ts';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * Checks the current password and the rules, stores the new hash, and signs out every other session.
 * Returns field errors, or [] when the password was changed.
 * @example const errors = await changePassword(db, actor, input, meta);
 */
export async function changePassword(
  db: Kysely<Schema>,
  actor: Actor,
  input: ChangePasswordInput,
  meta: RequestMeta,
): Promise<FieldError[]> {
  const account = await findAccountById(db, actor.userId);
  if (account === null) return [{ field: 'currentPassword', message: 'Your account could not be found' }];
  if (account.password_hash === null || !(await verifyPassword(account.password_hash, input.currentPassword)))
    return [{ field: 'currentPassword', message: 'Your current password is not right' }];
  const problem = passwordProblem(input.newPassword, { email: account.email });
  if (problem !== null) return [{ field: 'newPassword', message: problem }];
  if (input.newPassword !== input.confirmPassword)
    return [{ field: 'confirmPassword', message: 'The passwords do not match' }];
  if (input.newPassword === input.currentPassword)
    return [{ field: 'newPassword', message: 'Your new password must be different from your current one' }];
  const hash = await hashPassword(input.newPassword);
  await auditAuthEvent(
    db,
    account,
    meta,
    { action: 'auth.password_change', outcome: 'success' },
    async (tx) => {
      await tx
        .updateTable('users')
        .set((eb) => ({
          password_hash: hash,
          must_change_password: false,
          updated_at: new Date(),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', account.id)
        .execute();
      let others = tx
        .updateTable('sessions')
        .set({ revoked_at: new Date() })
        .where('user_id', '=', account.id);
      if (actor.sessionId !== undefined) others = others.where('id_hash', '!=', actor.sessionId);
      await others.where('revoked_at', 'is', null).execute();
    },
  );
  return [];
}
