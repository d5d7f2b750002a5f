/**
 * The closed list of roles, derived from the one registry of roles (`capabilities.ts` `roleTable`).
 * Matches the user_roles check constraint.
 */
import { roleTable, type Role } from './capabilities.ts';

export type { Role };

export const roles = Object.keys(roleTable) as readonly Role[];

export const roleLabels = Object.fromEntries(roles.map((r) => [r, roleTable[r].label])) as Record<
  Role,
  string
>;

/** Roles that must use two-factor sign-in (today every role: see `RoleRow.twoFactor`). */
export const rolesNeedingTwoFactor: readonly Role[] = roles.filter((r) => roleTable[r].twoFactor);

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
