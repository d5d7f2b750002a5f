/** Checks an administrator's user details against the directory: organisation and team must be in the LA. */
import { can, mayJoinCouncilTeam, roleCombinationProblem } from '../../access/capabilities.ts';
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
  const clash = roleCombinationProblem(d.roles);
  if (clash !== null) errors.push({ field: 'roles', message: clash });
  if (d.teamId !== null) {
    const team = await tx
      .selectFrom('teams')
      .innerJoin('organisations as o', 'o.id', 'teams.organisation_id')
      .select(['teams.id', 'teams.organisation_id', 'o.kind'])
      .where('teams.id', '=', d.teamId)
      .where('teams.la_code', '=', laCode)
      .where('teams.active', '=', true)
      .executeTakeFirst();
    if (team === undefined) errors.push({ field: 'teamId', message: 'Select an active team' });
    // Only the team's own organisation's staff, and for a council's team only council roles, may join it.
    else if (
      team.organisation_id !== d.organisationId ||
      (team.kind === 'local_authority' && !mayJoinCouncilTeam(d.roles))
    )
      errors.push({
        field: 'teamId',
        message: "Select no team: staff of a partner organisation cannot join a council's team",
      });
  }
  return errors;
}

/** Whether a team membership makes the user one of the team's managers. */
export function isManagerRole(roles: readonly Role[]): boolean {
  return can(roles, 'manage_team');
}
