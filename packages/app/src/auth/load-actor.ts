/**
 * Builds an Actor for a user: their organisation, roles and active teams. Returns null for a user
 * who is deactivated or whose time-limited access has ended. Directory tables only, no personal
 * data about children.
 */
import type { Kysely } from 'kysely';
import { isRole, type Role } from '../access/roles.ts';
import type { Schema } from '../db/schema.ts';
import type { Actor } from './actor.ts';

export async function loadActor(
  db: Kysely<Schema>,
  userId: string,
  via: Pick<Actor, 'via' | 'sessionId' | 'tokenId' | 'scopes' | 'onBehalfOf'> & { actingLaCode: string },
): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'organisation_id', 'active', 'access_ends_at', 'must_change_password'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user === undefined || !user.active) return null;
  if (user.access_ends_at !== null && new Date(user.access_ends_at) <= new Date()) return null;
  const [roleRows, teamRows] = await Promise.all([
    db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute(),
    db
      .selectFrom('team_memberships')
      .innerJoin('teams', 'teams.id', 'team_memberships.team_id')
      .select('team_memberships.team_id')
      .where('team_memberships.user_id', '=', userId)
      .where('team_memberships.ended_at', 'is', null)
      .where('teams.active', '=', true)
      .execute(),
  ]);
  const roles: Role[] = roleRows.map((r) => r.role).filter(isRole);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    organisationId: user.organisation_id,
    laCode: via.actingLaCode,
    roles,
    teamIds: teamRows.map((t) => t.team_id),
    via: via.via,
    ...(via.sessionId !== undefined ? { sessionId: via.sessionId } : {}),
    ...(via.tokenId !== undefined ? { tokenId: via.tokenId } : {}),
    ...(via.scopes !== undefined ? { scopes: via.scopes } : {}),
    ...(via.onBehalfOf !== undefined ? { onBehalfOf: via.onBehalfOf } : {}),
    ...(user.must_change_password && via.via === 'session' ? { mustChangePassword: true as const } : {}),
  };
}
