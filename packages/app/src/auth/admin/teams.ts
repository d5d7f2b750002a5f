/** An administrator creates and deactivates teams (deactivation keeps the team and its history). */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Schema } from '../../db/schema.ts';
import { inTenant } from '../../db/tenant.ts';
import type { FieldError } from '../../http/errors.ts';
import type { Actor, RequestMeta } from '../actor.ts';
import { auditWho } from './access.ts';

/**
 * Creates a team in the admin's LA and organisation, optionally under a parent (a service).
 * @example await createTeam(db, admin, { name: 'Assessment team North', parentTeamId: null }, meta)
 */
export async function createTeam(
  db: Kysely<Schema>,
  admin: Actor,
  input: { name: string; parentTeamId: string | null },
  meta: RequestMeta,
): Promise<{ ok: true; teamId: string } | { ok: false; errors: FieldError[] }> {
  return inTenant(db, admin.laCode, async (tx) => {
    const errors: FieldError[] = [];
    const clash = await tx
      .selectFrom('teams')
      .select('id')
      .where('la_code', '=', admin.laCode)
      .where('name', '=', input.name)
      .where('active', '=', true)
      .executeTakeFirst();
    if (clash !== undefined)
      errors.push({ field: 'name', message: 'There is already an active team with this name' });
    if (input.parentTeamId !== null) {
      const parent = await tx
        .selectFrom('teams')
        .select('id')
        .where('id', '=', input.parentTeamId)
        .where('la_code', '=', admin.laCode)
        .where('active', '=', true)
        .executeTakeFirst();
      if (parent === undefined) errors.push({ field: 'parentTeamId', message: 'Select an active team' });
    }
    if (errors.length > 0) return { ok: false as const, errors };
    const { id } = await tx
      .insertInto('teams')
      .values({
        la_code: admin.laCode,
        organisation_id: admin.organisationId,
        name: input.name,
        parent_team_id: input.parentTeamId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'admin.team_create',
      outcome: 'success',
      recordType: 'team',
      recordId: id,
      reason: input.name,
    });
    return { ok: true as const, teamId: id };
  });
}

/** Deactivates a team and ends its current memberships. False when there is no such active team. */
export async function deactivateTeam(
  db: Kysely<Schema>,
  admin: Actor,
  teamId: string,
  meta: RequestMeta,
): Promise<boolean> {
  return inTenant(db, admin.laCode, async (tx) => {
    const now = new Date();
    const row = await tx
      .updateTable('teams')
      .set({ active: false, deactivated_at: now })
      .where('id', '=', teamId)
      .where('la_code', '=', admin.laCode)
      .where('active', '=', true)
      .returning('name')
      .executeTakeFirst();
    if (row === undefined) return false;
    await tx
      .updateTable('team_memberships')
      .set({ ended_at: now })
      .where('team_id', '=', teamId)
      .where('ended_at', 'is', null)
      .execute();
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'admin.team_deactivate',
      outcome: 'success',
      recordType: 'team',
      recordId: teamId,
      reason: row.name,
    });
    return true;
  });
}
