/**
 * The people who hold a generated LA's work: a seed (system) user per LA that the audit names as
 * the actor, the front door team, and social workers in the LA's teams. In the demo borough they
 * are the demo teams and accounts, with generated colleagues (no password: they cannot sign in).
 * Idempotent: found by email and team name.
 */
import { sql, type Kysely } from 'kysely';
import type { Role } from '../../access/roles.ts';
import type { Schema } from '../../db/schema.ts';
import { DEMO_LA_CODE, seedDemoAccounts } from '../demo-accounts.ts';
import { professionalName } from './names.ts';
import { Random } from './random.ts';
import type { Workforce } from './write-family.ts';

export const seedUserEmail = (laCode: string) => `seed@${laCode}.waypoint.example`;

async function councilOf(db: Kysely<Schema>, laCode: string): Promise<string> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('la_code', '=', laCode)
    .where('kind', '=', 'local_authority')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function ensureUser(
  db: Kysely<Schema>,
  u: { laCode: string; organisationId: string; email: string; name: string; role: Role; teamId?: string },
): Promise<string> {
  const found = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, '=', u.email.toLowerCase())
    .executeTakeFirst();
  if (found !== undefined) return found.id;
  const { id } = await db
    .insertInto('users')
    .values({
      la_code: u.laCode,
      organisation_id: u.organisationId,
      email: u.email,
      name: u.name,
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: id, role: u.role }).execute();
  if (u.teamId !== undefined)
    await db
      .insertInto('team_memberships')
      .values({ team_id: u.teamId, user_id: id, is_manager: false })
      .execute();
  return id;
}

async function ensureTeam(db: Kysely<Schema>, laCode: string, organisationId: string, name: string) {
  const found = await db
    .selectFrom('teams')
    .select('id')
    .where('la_code', '=', laCode)
    .where('name', '=', name)
    .executeTakeFirst();
  if (found !== undefined) return found.id;
  const row = await db
    .insertInto('teams')
    .values({ la_code: laCode, organisation_id: organisationId, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The workforce for `children` generated children in `laCode` (990 or 991, the demo LAs): about
 * one social worker for every 40 children. The demo social worker takes a share in 990.
 */
export async function ensureWorkforce(
  db: Kysely<Schema>,
  laCode: string,
  children: number,
  seed: number,
): Promise<Workforce> {
  const demo = await seedDemoAccounts(db);
  const organisationId = await councilOf(db, laCode);
  const seedUserId = await ensureUser(db, {
    laCode,
    organisationId,
    email: seedUserEmail(laCode),
    name: 'Waypoint seed generator',
    role: 'system_administrator',
  });
  const isDemo = laCode === DEMO_LA_CODE;
  const teams = isDemo
    ? [demo.teamIds.assessmentNorth, demo.teamIds.assessmentSouth]
    : [await ensureTeam(db, laCode, organisationId, 'Neighbour Borough Child in Need Team')];
  const frontDoorTeam = isDemo
    ? demo.teamIds.frontDoor
    : await ensureTeam(db, laCode, organisationId, 'Neighbour Borough Front Door');
  const frontDoorUser = isDemo
    ? demo.userIds['front.door@demo.waypoint.example']!
    : await ensureUser(db, {
        laCode,
        organisationId,
        email: `front.door@${laCode}.waypoint.example`,
        name: 'Fenna Front-Door',
        role: 'front_door',
        teamId: frontDoorTeam,
      });
  const r = Random.of(seed, laCode, 'workforce');
  const count = Math.max(3, Math.ceil(children / 40));
  const caseWorkers: Workforce['caseWorkers'] = isDemo
    ? [
        {
          teamId: demo.teamIds.assessmentNorth,
          userId: demo.userIds['social.worker@demo.waypoint.example']!,
          name: 'Sam Social-Worker',
        },
      ]
    : [];
  for (let i = caseWorkers.length; i < count; i++) {
    const n = professionalName(r);
    const teamId = teams[i % teams.length]!;
    const local = `${n.given}.${n.family}`.toLowerCase().replace(/[^a-z.]/g, '');
    const userId = await ensureUser(db, {
      laCode,
      organisationId,
      email: `${local}.${String(i).padStart(4, '0')}@${laCode}.waypoint.example`,
      name: `${n.given} ${n.family}`,
      role: 'social_worker',
      teamId,
    });
    caseWorkers.push({ teamId, userId, name: `${n.given} ${n.family}` });
  }
  return {
    laCode,
    seed: { userId: seedUserId, organisationId, laCode },
    frontDoor: { teamId: frontDoorTeam, userId: frontDoorUser },
    caseWorkers,
  };
}
