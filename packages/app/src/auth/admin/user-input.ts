/** Checks an administrator's user details against the directory: organisation and team must be in the LA. */
import type { Role } from '../../access/roles.ts';
import type { FieldError } from '../../http/errors.ts';
import type { Tx } from '../../db/tenant.ts';

export interface UserDetails {
  name: string;
  organisationId: string;
  roles: Role[];
  teamId: string | null;
  /** Time-limited accounts (inspectors): no access after this moment. */
  accessEndsAt: Date | null;
}

/** Field errors for details that point outside the LA (a tampered form), or []. */
export async function directoryProblems(tx: Tx, laCode: string, d: UserDetails): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const org = await tx
    .selectFrom('organisation_areas')
    .select('organisation_id')
    .where('organisation_id', '=', d.organisationId)
    .where('la_code', '=', laCode)
    .executeTakeFirst();
  if (org === undefined)
    errors.push({ field: 'organisationId', message: 'Select an organisation that works in this area' });
  if (d.teamId !== null) {
    const team = await tx
      .selectFrom('teams')
      .select('id')
      .where('id', '=', d.teamId)
      .where('la_code', '=', laCode)
      .where('active', '=', true)
      .executeTakeFirst();
    if (team === undefined) errors.push({ field: 'teamId', message: 'Select an active team' });
  }
  return errors;
}

/** Whether a team membership makes the user one of the team's managers. */
export function isManagerRole(roles: readonly Role[]): boolean {
  return roles.includes('team_manager') || roles.includes('service_manager');
}
