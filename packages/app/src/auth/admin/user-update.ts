/** An administrator changes a user's name, organisation, roles and team, with optimistic locking. */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Schema } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import type { FieldError } from '../../http/errors.ts';
import type { Actor, RequestMeta } from '../actor.ts';
import { auditWho } from './access.ts';
import { directoryProblems, isManagerRole, type UserDetails } from './user-input.ts';

export type UpdateUserResult =
  | { ok: true }
  | { ok: false; errors: FieldError[] }
  | { ok: false; conflict: true }
  | { ok: false; notFound: true };

/**
 * Saves the changes only if the user is still at `version` (nobody else saved in between).
 * Roles are replaced; a change of team ends the old membership (kept as history) and starts a new one.
 * @example await updateUser(db, admin, userId, 3, details, meta)
 */
export async function updateUser(
  db: Kysely<Schema>,
  admin: Actor,
  userId: string,
  version: number,
  input: UserDetails,
  meta: RequestMeta,
): Promise<UpdateUserResult> {
  return inTenant(db, admin.laCode, async (tx): Promise<UpdateUserResult> => {
    const errors = await directoryProblems(tx, admin.laCode, input);
    if (errors.length > 0) return { ok: false, errors };
    const updated = await tx
      .updateTable('users')
      .set((eb) => ({
        name: input.name,
        organisation_id: input.organisationId,
        access_ends_at: input.accessEndsAt,
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', userId)
      .where('la_code', '=', admin.laCode)
      .where('active', '=', true)
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    if (updated === undefined) {
      const exists = await tx
        .selectFrom('users')
        .select('id')
        .where('id', '=', userId)
        .where('la_code', '=', admin.laCode)
        .executeTakeFirst();
      return exists === undefined ? { ok: false, notFound: true } : { ok: false, conflict: true };
    }
    await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    await tx
      .insertInto('user_roles')
      .values(input.roles.map((role) => ({ user_id: userId, role })))
      .execute();
    const current = await tx
      .selectFrom('team_memberships')
      .select(['team_id', 'is_manager'])
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .execute();
    const isManager = isManagerRole(input.roles);
    const unchanged =
      current.length === 1 && current[0]!.team_id === input.teamId && current[0]!.is_manager === isManager;
    if (!unchanged && !(current.length === 0 && input.teamId === null)) {
      await tx
        .updateTable('team_memberships')
        .set({ ended_at: new Date() })
        .where('user_id', '=', userId)
        .where('ended_at', 'is', null)
        .execute();
      if (input.teamId !== null)
        await tx
          .insertInto('team_memberships')
          .values({ team_id: input.teamId, user_id: userId, is_manager: isManager })
          .execute();
    }
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'admin.user_update',
      outcome: 'success',
      recordType: 'user',
      recordId: userId,
      reason: `roles: ${input.roles.join(', ')}`,
    });
    return { ok: true };
  });
}
