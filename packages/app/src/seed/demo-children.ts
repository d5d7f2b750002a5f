/**
 * A few fictional children in the demo borough, arranged so each access story can be tried by
 * signing in as a demo account: a child allocated to the demo social worker (with a police officer
 * involved and an inspection sample), a child in another team (break glass), a child being
 * screened at the front door, a restricted child, and a child in the neighbouring LA.
 * The full fictional LA generator (journeys, families, visits) comes with the journey module.
 * Idempotent: does nothing when the demo children exist.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { DEMO_ACCOUNTS, DEMO_LA_CODE, DEMO_NEIGHBOUR_LA_CODE, type SeededDemo } from './demo-accounts.ts';
import { today } from '../http/forms/dates.ts';

/** Fixed ids, so the demo's links (and the browser tests) can name a child. All fictional. */
export const DEMO_CHILDREN = {
  allocated: {
    id: 'd0000000-0000-4000-8000-000000000001',
    given: 'Jayden',
    family: 'Okafor',
    dob: '2015-06-01',
    nhs: '9434765919',
  },
  otherTeam: {
    id: 'd0000000-0000-4000-8000-000000000002',
    given: 'Mia',
    family: 'Hughes',
    dob: '2012-11-20',
    nhs: null,
  },
  screening: {
    id: 'd0000000-0000-4000-8000-000000000003',
    given: 'Leo',
    family: 'Marsh',
    dob: '2019-02-14',
    nhs: null,
  },
  restricted: {
    id: 'd0000000-0000-4000-8000-000000000004',
    given: 'Nadia',
    family: 'Brennan',
    dob: '2014-08-09',
    nhs: null,
  },
  neighbour: {
    id: 'd0000000-0000-4000-8000-000000000005',
    given: 'Sam',
    family: 'Carter',
    dob: '2016-04-30',
    nhs: null,
  },
} as const;

const email = (local: string) => DEMO_ACCOUNTS.find((a) => a.email.startsWith(`${local}@`))!.email;

export async function seedDemoChildren(
  db: Kysely<Schema>,
  demo: SeededDemo,
): Promise<Record<keyof typeof DEMO_CHILDREN, string>> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('people')
      .select(['id', 'given_name', 'family_name'])
      .where('la_code', 'in', [DEMO_LA_CODE, DEMO_NEIGHBOUR_LA_CODE])
      .execute();
    const ids = {} as Record<keyof typeof DEMO_CHILDREN, string>;
    for (const [key, c] of Object.entries(DEMO_CHILDREN) as [
      keyof typeof DEMO_CHILDREN,
      (typeof DEMO_CHILDREN)[keyof typeof DEMO_CHILDREN],
    ][]) {
      const found = existing.find((p) => p.given_name === c.given && p.family_name === c.family);
      if (found !== undefined) {
        ids[key] = found.id;
        continue;
      }
      const laCode = key === 'neighbour' ? DEMO_NEIGHBOUR_LA_CODE : DEMO_LA_CODE;
      const row = await tx
        .insertInto('people')
        .values({
          id: c.id,
          la_code: laCode,
          kind: 'child',
          given_name: c.given,
          family_name: c.family,
          date_of_birth: c.dob,
          nhs_number: c.nhs,
          is_restricted: key === 'restricted',
          restricted_roles: key === 'restricted' ? ['team_manager', 'data_protection_officer'] : [],
          restriction_reason: key === 'restricted' ? 'Lives in a refuge' : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
      const user = (local: string) => demo.userIds[email(local)]!;
      switch (key) {
        case 'allocated': {
          await tx
            .insertInto('allocations')
            .values({
              la_code: laCode,
              person_id: row.id,
              team_id: demo.teamIds.assessmentNorth,
              worker_user_id: user('social.worker'),
            })
            .execute();
          await tx
            .insertInto('involvements')
            .values({
              la_code: laCode,
              person_id: row.id,
              organisation_id: demo.organisationIds.police,
              user_id: user('partner.police'),
              role: 'Police officer (child abuse investigation)',
              started_on: '2026-01-05',
            })
            .execute();
          const now = Date.now();
          const ins = await tx
            .insertInto('inspections')
            .values({
              la_code: laCode,
              name: 'Demo inspection of local authority children’s services',
              starts_at: new Date(now - 86_400_000),
              ends_at: new Date(now + 365 * 86_400_000),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await tx
            .insertInto('inspection_inspectors')
            .values({ inspection_id: ins.id, user_id: user('inspector'), la_code: laCode })
            .execute();
          await tx
            .insertInto('inspection_samples')
            .values({ inspection_id: ins.id, person_id: row.id, la_code: laCode })
            .execute();
          break;
        }
        case 'otherTeam':
        case 'restricted':
          await tx
            .insertInto('allocations')
            .values({
              la_code: laCode,
              person_id: row.id,
              team_id: demo.teamIds.assessmentSouth,
              worker_user_id: null,
            })
            .execute();
          break;
        case 'screening':
          // Dated like every contact (the column is required): received today, from the school.
          await tx
            .insertInto('contacts')
            .values({
              la_code: laCode,
              person_id: row.id,
              received_on: today(),
              source: '2A',
              worries: 'Fictional: the school is worried about the child’s attendance and appearance.',
            })
            .execute();
          break;
        case 'neighbour': {
          const council = await tx
            .selectFrom('organisations')
            .select('id')
            .where('la_code', '=', DEMO_NEIGHBOUR_LA_CODE)
            .where('kind', '=', 'local_authority')
            .executeTakeFirstOrThrow();
          const team = await tx
            .insertInto('teams')
            .values({
              la_code: laCode,
              organisation_id: council.id,
              name: 'Neighbour Borough Child in Need Team',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await tx
            .insertInto('allocations')
            .values({ la_code: laCode, person_id: row.id, team_id: team.id, worker_user_id: null })
            .execute();
          break;
        }
      }
    }
    return ids;
  });
}
