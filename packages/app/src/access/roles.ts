/** The roles a user can hold. Closed vocabulary; matches the user_roles check constraint. */
export const roles = [
  'social_worker',
  'team_manager',
  'service_manager',
  'director',
  'principal_social_worker',
  'front_door',
  'partner_practitioner',
  'safeguarding_reviewer',
  'inspector',
  'data_protection_officer',
  'system_administrator',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  social_worker: 'Social worker',
  team_manager: 'Team manager',
  service_manager: 'Service manager',
  director: "Director of children's services",
  principal_social_worker: 'Principal social worker',
  front_door: 'Front door (MASH) officer',
  partner_practitioner: 'Partner practitioner',
  safeguarding_reviewer: 'Safeguarding reviewer',
  inspector: 'Inspector',
  data_protection_officer: 'Data protection officer',
  system_administrator: 'System administrator',
};

/** Roles that can see children's data, and so must use two-factor sign-in. */
export const rolesSeeingChildrenData: readonly Role[] = roles.filter((r) => r !== 'system_administrator');

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
