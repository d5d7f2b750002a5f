/**
 * Demo accounts for the fictional Waypoint Demo Borough (LA code 990) and its neighbour (991):
 * partner organisations covering both, a children's services team structure, and one account per
 * role with a known password and a fixed TOTP secret, so anyone can sign in to a demo. All
 * `is_demo=true`: sign-in refuses them when NODE_ENV=production, and `waypoint serve` never
 * creates them there. Idempotent: running it again changes nothing.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Secret } from 'otpauth';
import type { Role } from '../access/roles.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { OrganisationKind, Schema } from '../db/schema.ts';
import { createPartnership } from '../learning-reviews/partnership.ts';

export const DEMO_LA_CODE = '990';
export const DEMO_NEIGHBOUR_LA_CODE = '991';
/** Every demo account's password (printed at start). */
export const DEMO_PASSWORD = 'demo-borough-sign-in';

export const DEMO_LAS = [
  { laCode: DEMO_LA_CODE, name: 'Waypoint Demo Borough' },
  { laCode: DEMO_NEIGHBOUR_LA_CODE, name: 'Waypoint Neighbour Borough' },
] as const;

type OrgKey = 'council' | 'neighbourCouncil' | 'police' | 'nhs' | 'school' | 'gp' | 'inspectorate';
const organisations: Record<OrgKey, { name: string; kind: OrganisationKind; home: string; areas: string[] }> =
  {
    council: {
      name: "Waypoint Demo Borough Children's Services",
      kind: 'local_authority',
      home: '990',
      areas: ['990'],
    },
    neighbourCouncil: {
      name: "Waypoint Neighbour Borough Children's Services",
      kind: 'local_authority',
      home: '991',
      areas: ['991'],
    },
    police: { name: 'Demo Shire Police', kind: 'police', home: '990', areas: ['990', '991'] },
    nhs: { name: 'Demo Valley NHS Foundation Trust', kind: 'nhs_trust', home: '990', areas: ['990', '991'] },
    school: { name: 'Demo Park Academy', kind: 'school', home: '990', areas: ['990', '991'] },
    gp: { name: 'Demo Green Surgery', kind: 'gp_practice', home: '990', areas: ['990', '991'] },
    inspectorate: { name: 'Demo Inspectorate', kind: 'regulator', home: '990', areas: ['990', '991'] },
  };

export type DemoTeamKey =
  'service' | 'frontDoor' | 'assessmentNorth' | 'assessmentSouth' | 'neighbourFrontDoor';
const teams: Record<DemoTeamKey, { name: string; parent: DemoTeamKey | null; council?: 'neighbourCouncil' }> =
  {
    service: { name: "Children's Social Care Service", parent: null },
    frontDoor: { name: 'Front Door (MASH)', parent: null },
    assessmentNorth: { name: 'Assessment and Child in Need Team North', parent: 'service' },
    assessmentSouth: { name: 'Assessment and Child in Need Team South', parent: 'service' },
    // The neighbour borough's front door, which receives the children who move there (transfer/).
    neighbourFrontDoor: { name: 'Neighbour Borough Front Door', parent: null, council: 'neighbourCouncil' },
  };

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  organisation: OrgKey;
  team: DemoTeamKey | null;
  isManager: boolean;
  /** Fixed base32 TOTP secret, derived from the email so it never changes between runs. */
  totpSecret: string;
}

function demoSecret(email: string): string {
  return Secret.fromHex(createHash('sha256').update(`waypoint-demo:${email}`).digest('hex').slice(0, 40))
    .base32;
}

const account = (
  local: string,
  name: string,
  role: Role,
  organisation: OrgKey,
  team: DemoTeamKey | null,
  isManager = false,
): DemoAccount => {
  const email = `${local}@demo.waypoint.example`;
  return { email, name, role, organisation, team, isManager, totpSecret: demoSecret(email) };
};

/**
 * One account per role (the partner DPO at the NHS trust, whose health visitor holds the shielded
 * involvement), and two more partner practitioners (a health visitor and a school's
 * designated safeguarding lead) for the involvement index's stories. The lead's demo children
 * allocate to these people and teams.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account('social.worker', 'Sam Social-Worker', 'social_worker', 'council', 'assessmentNorth'),
  account('team.manager', 'Tara Team-Manager', 'team_manager', 'council', 'assessmentNorth', true),
  account('service.manager', 'Sol Service-Manager', 'service_manager', 'council', 'service', true),
  account('director', 'Dana Director', 'director', 'council', null),
  account('principal.social.worker', 'Pat Principal', 'principal_social_worker', 'council', null),
  account('iro', 'Ira Reviewing-Officer', 'independent_reviewing_officer', 'council', null),
  account('conference.chair', 'Cory Conference-Chair', 'conference_chair', 'council', null),
  account('front.door', 'Frankie Front-Door', 'front_door', 'council', 'frontDoor'),
  account('partner.police', 'Parker Police', 'partner_practitioner', 'police', null),
  account('health.visitor', 'Hana Health-Visitor', 'partner_practitioner', 'nhs', null),
  account('school.safeguarding', 'Sade Safeguarding-Lead', 'partner_practitioner', 'school', null),
  account('safeguarding.reviewer', 'Robin Reviewer', 'safeguarding_reviewer', 'council', null),
  account('partnership.manager', 'Bea Business-Manager', 'partnership_business_manager', 'council', null),
  account('partnership.chair', 'Chris Chair', 'partnership_chair', 'council', null),
  account('inspector', 'Indra Inspector', 'inspector', 'inspectorate', null),
  account('data.protection', 'Devon Data-Protection', 'data_protection_officer', 'council', null),
  account('performance.officer', 'Perry Performance', 'performance_officer', 'council', null),
  account('admin', 'Alex Administrator', 'system_administrator', 'council', null),
  account('ed.clinician', 'Eden Emergency-Clinician', 'unscheduled_care_clinician', 'nhs', null),
  account('nhs.data.protection', 'Nell NHS-Data-Protection', 'partner_data_protection_officer', 'nhs', null),
  // The neighbour borough (991): its front door accepts the children transferred to it.
  account(
    'neighbour.front.door',
    'Nico Neighbour-Front-Door',
    'front_door',
    'neighbourCouncil',
    'neighbourFrontDoor',
  ),
];

export interface SeededDemo {
  organisationIds: Record<OrgKey, string>;
  teamIds: Record<DemoTeamKey, string>;
  /** User id by demo email. */
  userIds: Record<string, string>;
}

async function ensureOrganisation(db: Kysely<Schema>, key: OrgKey): Promise<string> {
  const o = organisations[key];
  let row = await db
    .selectFrom('organisations')
    .select('id')
    .where('la_code', '=', o.home)
    .where('name', '=', o.name)
    .executeTakeFirst();
  row ??= await db
    .insertInto('organisations')
    .values({ la_code: o.home, name: o.name, kind: o.kind })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('organisation_areas')
    .values(o.areas.map((la) => ({ organisation_id: row.id, la_code: la })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return row.id;
}

async function ensureTeam(
  db: Kysely<Schema>,
  key: DemoTeamKey,
  orgIds: Record<OrgKey, string>,
  ids: Partial<Record<DemoTeamKey, string>>,
): Promise<string> {
  const t = teams[key];
  const council = t.council ?? 'council';
  const laCode = organisations[council].home;
  const orgId = orgIds[council];
  const found = await db
    .selectFrom('teams')
    .select('id')
    .where('la_code', '=', laCode)
    .where('name', '=', t.name)
    .executeTakeFirst();
  if (found !== undefined) return found.id;
  const parent = t.parent === null ? null : (ids[t.parent] ?? null);
  const row = await db
    .insertInto('teams')
    .values({ la_code: laCode, organisation_id: orgId, name: t.name, parent_team_id: parent })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function ensureAccount(
  db: Kysely<Schema>,
  a: DemoAccount,
  s: Omit<SeededDemo, 'userIds'>,
  passwordHash: () => Promise<string>,
): Promise<string> {
  const found = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, '=', a.email)
    .executeTakeFirst();
  if (found !== undefined) return found.id;
  const { id } = await db
    .insertInto('users')
    .values({
      // Home tenant: the council's own staff in their LA; partners in their home area.
      la_code: organisations[a.organisation].home,
      organisation_id: s.organisationIds[a.organisation],
      email: a.email,
      name: a.name,
      password_hash: await passwordHash(),
      totp_secret: a.totpSecret,
      totp_confirmed_at: new Date('2026-01-01T00:00:00Z'),
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: id, role: a.role }).execute();
  if (a.team !== null)
    await db
      .insertInto('team_memberships')
      .values({ team_id: s.teamIds[a.team], user_id: id, is_manager: a.isManager })
      .execute();
  return id;
}

/** The demo borough's safeguarding partnership: the council, the police force and the NHS trust. */
async function ensureDemoPartnership(db: Kysely<Schema>, ids: Record<OrgKey, string>): Promise<void> {
  const name = 'Waypoint Demo Borough Safeguarding Children Partnership';
  const found = await db
    .selectFrom('safeguarding_partnerships')
    .select('id')
    .where('la_code', '=', DEMO_LA_CODE)
    .where('name', '=', name)
    .executeTakeFirst();
  if (found === undefined)
    await createPartnership(db, DEMO_LA_CODE, name, [ids.council, ids.police, ids.nhs], 'south-east');
}

/**
 * Creates (once) the demo LAs, organisations, teams and accounts, and returns their ids.
 * @example const demo = await seedDemoAccounts(db); demo.userIds['social.worker@demo.waypoint.example']
 */
export async function seedDemoAccounts(
  db: Kysely<Schema>,
  laCodes: readonly string[] = [DEMO_LA_CODE, DEMO_NEIGHBOUR_LA_CODE],
): Promise<SeededDemo> {
  return db.transaction().execute(async (tx) => {
    for (const la of DEMO_LAS.filter((l) => laCodes.includes(l.laCode)))
      await tx
        .insertInto('local_authorities')
        .values({ la_code: la.laCode, name: la.name })
        .onConflict((oc) => oc.doNothing())
        .execute();
    const organisationIds = {} as Record<OrgKey, string>;
    for (const key of Object.keys(organisations) as OrgKey[])
      organisationIds[key] = await ensureOrganisation(tx, key);
    const teamIds: Partial<Record<DemoTeamKey, string>> = {};
    for (const key of Object.keys(teams) as DemoTeamKey[])
      teamIds[key] = await ensureTeam(tx, key, organisationIds, teamIds);
    const seeded = { organisationIds, teamIds: teamIds as Record<DemoTeamKey, string> };
    let hashed: Promise<string> | undefined;
    const passwordHash = () => (hashed ??= hashPassword(DEMO_PASSWORD));
    const userIds: Record<string, string> = {};
    for (const a of DEMO_ACCOUNTS) userIds[a.email] = await ensureAccount(tx, a, seeded, passwordHash);
    if (laCodes.includes(DEMO_LA_CODE)) await ensureDemoPartnership(tx, organisationIds);
    return { ...seeded, userIds };
  });
}

/** The table `waypoint serve` prints after "running at". */
export function demoAccountsTable(): string {
  const rows = DEMO_ACCOUNTS.map((a) => [a.email, a.role, DEMO_PASSWORD, a.totpSecret]);
  const head = ['Email', 'Role', 'Password', 'TOTP secret'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [
    '  Demo accounts (fictional Waypoint Demo Borough, LA 990; refused when NODE_ENV=production):',
    line(head),
    ...rows.map(line),
    '  For the two-factor code, add the TOTP secret to any authenticator app, or run (in the Waypoint folder)',
    "  node -e \"import('otpauth').then(o=>console.log(new o.TOTP({secret:'SECRET'}).generate()))\"",
  ].join('\n');
}
