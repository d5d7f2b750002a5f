/** The role → capability table, beside the access matrix: who may do what in general. */
import { describe, expect, it } from 'vitest';
import { accessMatrix } from './policy.ts';
import {
  can,
  capabilities,
  capabilitiesOf,
  mayJoinCouncilTeam,
  needsTwoFactor,
  roleCombinationProblem,
  roleTable,
} from './capabilities.ts';
import { roleLabels, roles, rolesNeedingTwoFactor, type Role } from './roles.ts';

const holders = (c: (typeof capabilities)[number]) => roles.filter((r) => can([r], c));

describe('the role table', () => {
  it('is the one list of roles, with their labels', () => {
    expect(roles).toEqual(Object.keys(roleTable));
    expect(roleLabels.inspector).toBe('Inspector');
    // every role in the access matrix is a row of the table
    for (const role of Object.keys(accessMatrix)) expect(roles).toContain(role);
  });

  it('gives each capability to the roles that had it before, written once', () => {
    expect(holders('create_people')).toEqual([
      'social_worker',
      'team_manager',
      'service_manager',
      'front_door',
    ]);
    expect(holders('hold_caseload')).toEqual([
      'social_worker',
      'team_manager',
      'service_manager',
      'front_door',
    ]);
    expect(holders('see_manager_views')).toEqual(['team_manager', 'service_manager']);
    expect(holders('allocate')).toEqual(['team_manager', 'service_manager']);
    expect(holders('manage_team')).toEqual(['team_manager', 'service_manager']);
    expect(holders('administer')).toEqual(['system_administrator']);
    expect(holders('see_returns')).toEqual([
      'team_manager',
      'service_manager',
      'director',
      'performance_officer',
    ]);
    expect(holders('check_cpis')).toEqual(['unscheduled_care_clinician']);
    expect(holders('manage_cpis')).toEqual(['performance_officer']);
    expect(holders('find_children')).not.toContain('unscheduled_care_clinician');
    expect(holders('find_children')).not.toContain('system_administrator');
    expect(holders('find_children')).not.toContain('safeguarding_reviewer');
  });

  it('does not let the police add people', () => {
    expect(can(['partner_practitioner'], 'create_people')).toBe(false);
    expect(capabilitiesOf(['partner_practitioner'])).toMatchObject({
      create_people: false,
      find_children: true,
    });
  });

  it('asks two-factor of every role, administrators too (they give the roles that see children’s data)', () => {
    expect(needsTwoFactor(['system_administrator'])).toBe(true);
    expect(needsTwoFactor(['system_administrator', 'data_protection_officer'])).toBe(true);
    expect(needsTwoFactor([])).toBe(false);
    expect(rolesNeedingTwoFactor).toEqual(roles);
  });

  it('refuses roles of different staff kinds on one account, naming both', () => {
    expect(roleCombinationProblem(['inspector', 'system_administrator'])).toBe(
      'Inspector cannot be combined with council roles such as System administrator',
    );
    expect(roleCombinationProblem(['partner_practitioner', 'social_worker'])).toBe(
      'Partner practitioner cannot be combined with council roles such as Social worker',
    );
    expect(roleCombinationProblem(['social_worker', 'inspector'])).toBe(
      'Social worker cannot be combined with inspectorate roles such as Inspector',
    );
    expect(roleCombinationProblem(['social_worker', 'team_manager', 'system_administrator'])).toBeNull();
    expect(roleCombinationProblem([])).toBeNull();
  });

  it('lets only council roles into a council team', () => {
    expect(mayJoinCouncilTeam(['social_worker', 'team_manager'])).toBe(true);
    for (const r of ['partner_practitioner', 'inspector'] satisfies Role[])
      expect(mayJoinCouncilTeam([r])).toBe(false);
  });
});
