/**
 * The demo's partner involvements, so the involvement index has something to answer on first
 * start: Jayden Okafor (allocated to the demo social worker) is known to a GP, to the school's
 * designated safeguarding lead and to the police in the neighbouring borough, each recorded in the
 * partner's own space; a health visitor holds a shielded involvement with a child in a refuge.
 * Published (with the LA services derived from the generated journeys) by `involvement.publish-all`
 * after the demo borough is generated. All fictional. Idempotent.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { DEMO_ACCOUNTS, DEMO_LA_CODE, DEMO_NEIGHBOUR_LA_CODE, type SeededDemo } from './demo-accounts.ts';
import { DEMO_CHILDREN } from './demo-children.ts';

const userOf = (demo: SeededDemo, local: string) =>
  demo.userIds[DEMO_ACCOUNTS.find((a) => a.email.startsWith(`${local}@`))!.email] ?? null;

export async function seedDemoInvolvements(db: Kysely<Schema>, demo: SeededDemo): Promise<void> {
  const jayden = DEMO_CHILDREN.allocated;
  const refuge = DEMO_CHILDREN.restricted;
  const existing = await db
    .selectFrom('involvements')
    .select('id')
    .where('source', '=', 'partner')
    .where('child_family_name', '=', jayden.family)
    .executeTakeFirst();
  if (existing !== undefined) return;
  const child = (c: typeof jayden | typeof refuge, nhs: boolean) => ({
    source: 'partner' as const,
    person_id: null,
    child_given_name: c.given,
    child_family_name: c.family,
    child_date_of_birth: c.dob,
    child_nhs_number: nhs ? c.nhs : null,
  });
  await db
    .insertInto('involvements')
    .values([
      {
        ...child(jayden, true),
        la_code: DEMO_LA_CODE,
        organisation_id: demo.organisationIds.gp,
        user_id: null,
        service: 'General practice',
        role: 'GP',
        contact_name: 'Dr Gita Green',
        contact_phone: '01632 960 410',
        contact_email: 'gita.green@gp.demo.waypoint.example',
        started_on: '2019-03-01',
        reason: 'health_need',
      },
      {
        ...child(jayden, false),
        la_code: DEMO_LA_CODE,
        organisation_id: demo.organisationIds.school,
        user_id: userOf(demo, 'school.safeguarding'),
        service: 'Designated safeguarding lead',
        role: 'Designated safeguarding lead',
        contact_name: 'Sade Safeguarding-Lead',
        contact_phone: '01632 960 420',
        contact_email: 'school.safeguarding@demo.waypoint.example',
        started_on: '2025-09-03',
        reason: 'education',
      },
      {
        ...child(jayden, false),
        la_code: DEMO_NEIGHBOUR_LA_CODE,
        organisation_id: demo.organisationIds.police,
        user_id: userOf(demo, 'partner.police'),
        service: 'Missing persons unit (Neighbour Borough)',
        role: 'Missing persons coordinator',
        contact_name: 'Parker Police',
        contact_phone: '01632 960 430',
        contact_email: 'partner.police@demo.waypoint.example',
        started_on: '2026-02-14',
        reason: 'missing',
      },
      {
        ...child(refuge, false),
        la_code: DEMO_LA_CODE,
        organisation_id: demo.organisationIds.nhs,
        user_id: userOf(demo, 'health.visitor'),
        service: 'Health visiting',
        role: 'Health visitor',
        contact_name: 'Hana Health-Visitor',
        contact_phone: '01632 960 440',
        contact_email: 'health.visitor@demo.waypoint.example',
        started_on: '2025-11-10',
        reason: 'domestic_abuse',
        is_shielded: true,
      },
    ])
    .execute();
}
