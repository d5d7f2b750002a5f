/**
 * Factories for integration tests: directory data (LAs, organisations, teams, users) and records,
 * written straight to the test database (as a migration or an administrator would), and ways to
 * act as a user: a real session cookie or a real API token.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../src/access/roles.ts';
import { issueApiToken, type ApiScope } from '../../src/auth/api-tokens.ts';
import { createSession, SESSION_COOKIE } from '../../src/auth/sessions.ts';
import type { OrganisationKind, Schema } from '../../src/db/schema.ts';

type Db = Kysely<Schema>;
let n = 0;
const next = () => ++n;

export interface BuiltLa {
  laCode: string;
  organisationId: string;
}

/** A local authority with its own organisation (the council's children's services). */
export async function buildLocalAuthority(
  db: Db,
  laCode: string,
  name = `Test Borough ${laCode}`,
): Promise<BuiltLa> {
  await db
    .insertInto('local_authorities')
    .values({ la_code: laCode, name })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const org = await buildOrganisation(db, laCode, 'local_authority', `${name} Children's Services`);
  return { laCode, organisationId: org };
}

export async function buildOrganisation(
  db: Db,
  laCode: string,
  kind: OrganisationKind,
  name = `Org ${next()}`,
  areas: string[] = [laCode],
): Promise<string> {
  const { id } = await db
    .insertInto('organisations')
    .values({ la_code: laCode, kind, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('organisation_areas')
    .values(areas.map((a) => ({ organisation_id: id, la_code: a })))
    .execute();
  return id;
}

export async function buildTeam(
  db: Db,
  la: BuiltLa,
  opts: { name?: string; parentTeamId?: string; organisationId?: string } = {},
): Promise<string> {
  const { id } = await db
    .insertInto('teams')
    .values({
      la_code: la.laCode,
      organisation_id: opts.organisationId ?? la.organisationId,
      name: opts.name ?? `Team ${next()}`,
      parent_team_id: opts.parentTeamId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface BuiltUser {
  id: string;
  email: string;
  laCode: string;
  organisationId: string;
}

export async function buildUser(
  db: Db,
  la: BuiltLa,
  roles: Role[],
  opts: {
    teamId?: string;
    isManager?: boolean;
    organisationId?: string;
    name?: string;
    accessEndsAt?: Date;
  } = {},
): Promise<BuiltUser> {
  const i = next();
  const email = `user${i}.${la.laCode}@example.test`;
  const organisationId = opts.organisationId ?? la.organisationId;
  const { id } = await db
    .insertInto('users')
    .values({
      la_code: la.laCode,
      organisation_id: organisationId,
      email,
      name: opts.name ?? `Test User ${i}`,
      access_ends_at: opts.accessEndsAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (roles.length > 0)
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute();
  if (opts.teamId !== undefined) {
    await db
      .insertInto('team_memberships')
      .values({ team_id: opts.teamId, user_id: id, is_manager: opts.isManager ?? false })
      .execute();
  }
  return { id, email, laCode: la.laCode, organisationId };
}

export async function buildChild(
  db: Db,
  laCode: string,
  opts: {
    givenName?: string;
    familyName?: string;
    dateOfBirth?: string;
    isRestricted?: boolean;
    restrictedRoles?: Role[];
  } = {},
): Promise<string> {
  const { id } = await db
    .insertInto('people')
    .values({
      la_code: laCode,
      kind: 'child',
      given_name: opts.givenName ?? `Child${next()}`,
      family_name: opts.familyName ?? 'Testchild',
      date_of_birth: opts.dateOfBirth ?? '2016-03-03',
      is_restricted: opts.isRestricted ?? false,
      restricted_roles: opts.restrictedRoles ?? [],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function allocate(
  db: Db,
  laCode: string,
  personId: string,
  teamId: string,
  workerUserId: string | null,
): Promise<void> {
  await db
    .insertInto('allocations')
    .values({ la_code: laCode, person_id: personId, team_id: teamId, worker_user_id: workerUserId })
    .execute();
}

/** A real session (two-factor passed) for the user, as a Cookie header value. */
export async function sessionCookie(db: Db, user: BuiltUser, actingLaCode = user.laCode): Promise<string> {
  const id = await createSession(
    db,
    { userId: user.id, actingLaCode, mfaVerified: true, ip: '127.0.0.1', userAgent: 'test' },
    { idleMinutes: 30, absoluteHours: 12 },
  );
  return `${SESSION_COOKIE}=${id}`;
}

/** A real personal access token for the user, as an Authorization header value. */
export async function bearer(
  db: Db,
  user: BuiltUser,
  scopes: ApiScope[] = ['children:read', 'children:write'],
  actingLaCode = user.laCode,
): Promise<string> {
  const { token } = await issueApiToken(db, {
    userId: user.id,
    actingLaCode,
    kind: 'personal',
    name: 'test',
    scopes,
    expiresAt: null,
  });
  return `Bearer ${token}`;
}
