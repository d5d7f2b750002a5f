/** The LA's users as the administration pages show them. */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';

export interface AdminUserRow {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
  roles: string[];
  teamId: string | null;
  teamName: string | null;
  active: boolean;
  isLocked: boolean;
  isDemo: boolean;
  accessEndsAt: Date | null;
  version: number;
}

async function load(db: Kysely<Schema>, laCode: string, userId?: string): Promise<AdminUserRow[]> {
  let q = db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.organisation_id',
      'o.name as organisation_name',
      'u.active',
      'u.locked_until',
      'u.is_demo',
      'u.version',
      'u.access_ends_at',
    ])
    .where('u.la_code', '=', laCode);
  if (userId !== undefined) q = q.where('u.id', '=', userId);
  const users = await q.orderBy('u.active', 'desc').orderBy('u.name').execute();
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const [roles, teams] = await Promise.all([
    db
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .where('user_id', 'in', ids)
      .orderBy('role')
      .execute(),
    db
      .selectFrom('team_memberships as m')
      .innerJoin('teams as t', 't.id', 'm.team_id')
      .select(['m.user_id', 't.id', 't.name'])
      .where('m.user_id', 'in', ids)
      .where('m.ended_at', 'is', null)
      .orderBy('m.started_at', 'desc')
      .execute(),
  ]);
  const now = new Date();
  return users.map((u) => {
    const team = teams.find((t) => t.user_id === u.id);
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      organisationId: u.organisation_id,
      organisationName: u.organisation_name,
      roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role),
      teamId: team?.id ?? null,
      teamName: team?.name ?? null,
      active: u.active,
      isLocked: u.locked_until !== null && u.locked_until > now,
      isDemo: u.is_demo,
      accessEndsAt: u.access_ends_at,
      version: u.version,
    };
  });
}

/** Every user whose home tenant is the LA, active first. */
export async function listUsers(db: Kysely<Schema>, laCode: string): Promise<AdminUserRow[]> {
  return load(db, laCode);
}

/** One user of the LA, or null (also for a user of another LA). */
export async function getUser(
  db: Kysely<Schema>,
  laCode: string,
  userId: string,
): Promise<AdminUserRow | null> {
  return (await load(db, laCode, userId))[0] ?? null;
}
