/** An administrator creates a user in their LA, with a temporary password shown once. */
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Schema } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import type { FieldError } from '../../http/errors.ts';
import type { Actor, RequestMeta } from '../actor.ts';
import { hashPassword } from '../passwords.ts';
import { auditWho } from './access.ts';
import { temporaryPassword } from './temporary-password.ts';
import { directoryProblems, isManagerRole, type UserDetails } from './user-input.ts';

export type CreateUserResult =
  { ok: true; userId: string; temporaryPassword: string } | { ok: false; errors: FieldError[] };

/**
 * Creates the user, their roles and team membership, and the audit event, in one transaction:
 * nothing is saved when anything fails.
 * @example await createUser(db, admin, { name, email, organisationId, roles: ['social_worker'], teamId }, meta)
 */
export async function createUser(
  db: Kysely<Schema>,
  admin: Actor,
  input: UserDetails & { email: string },
  meta: RequestMeta,
): Promise<CreateUserResult> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTenant(db, admin.laCode, async (tx): Promise<CreateUserResult> => {
    const errors = await directoryProblems(tx, admin.laCode, input);
    const taken = await tx
      .selectFrom('users')
      .select('id')
      .where(sql<string>`lower(email)`, '=', input.email.toLowerCase())
      .executeTakeFirst();
    if (taken !== undefined)
      errors.unshift({ field: 'email', message: 'There is already a user with this email address' });
    if (errors.length > 0) return { ok: false, errors };
    const { id } = await tx
      .insertInto('users')
      .values({
        la_code: admin.laCode,
        organisation_id: input.organisationId,
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
        must_change_password: true,
        access_ends_at: input.accessEndsAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('user_roles')
      .values(input.roles.map((role) => ({ user_id: id, role })))
      .execute();
    if (input.teamId !== null)
      await tx
        .insertInto('team_memberships')
        .values({ team_id: input.teamId, user_id: id, is_manager: isManagerRole(input.roles) })
        .execute();
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'admin.user_create',
      outcome: 'success',
      recordType: 'user',
      recordId: id,
      reason: `roles: ${input.roles.join(', ')}`,
    });
    return { ok: true, userId: id, temporaryPassword: password };
  });
}
