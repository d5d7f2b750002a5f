/**
 * Builds an Actor for a user: their organisation, roles and active teams. Returns null for a user
 * who is deactivated or whose time-limited access has ended. Directory tables only, no personal
 * data about children.
 */
import { sql, type Kysely } from 'kysely';
import { isRole, type Role } from '../access/roles.ts';
import type { Schema } from '../db/schema.ts';
import type { Actor } from './actor.ts';

export async function loadActor(
  db: Kysely<Schema>,
  userId: string,
  via: Pick<Actor, 'via' | 'sessionId' | 'tokenId' | 'scopes' | 'onBehalfOf'> & { actingLaCode: string },
): Promise<Actor | null> {
  // One statement: the user with their roles and active teams (this runs on every request).
  const user = await db
    .selectFrom('users')
    .select([
      'id',
      'name',
      'email',
      'organisation_id',
      'active',
      'access_ends_at',
      'must_change_password',
      sql<
        string[]
      >`coalesce((select array_agg(r.role) from user_roles r where r.user_id = users.id), '{}')`.as('roles'),
      sql<
        string[]
      >`coalesce((select array_agg(m.team_id::text) from team_memberships m join teams t on t.id = m.team_id
          where m.user_id = users.id and m.ended_at is null and t.active), '{}')`.as('team_ids'),
    ])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user === undefined || !user.active) return null;
  if (user.access_ends_at !== null && new Date(user.access_ends_at) <= new Date()) return null;
  const roles: Role[] = user.roles.filter(isRole);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    organisationId: user.organisation_id,
    laCode: via.actingLaCode,
    roles,
    teamIds: user.team_ids,
    via: via.via,
    ...(via.sessionId !== undefined ? { sessionId: via.sessionId } : {}),
    ...(via.tokenId !== undefined ? { tokenId: via.tokenId } : {}),
    ...(via.scopes !== undefined ? { scopes: via.scopes } : {}),
    ...(via.onBehalfOf !== undefined ? { onBehalfOf: via.onBehalfOf } : {}),
    ...(user.must_change_password && via.via === 'session' ? { mustChangePassword: true as const } : {}),
  };
}
