/**
 * A small two-LA world for access stories: teams under a service, people in every role, partner
 * organisations, and children with different relationships to them.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.ts';
import {
  allocate,
  buildChild,
  buildLocalAuthority,
  buildOrganisation,
  buildTeam,
  buildUser,
  type BuiltUser,
} from './factories.ts';

export async function buildAccessWorld(db: Kysely<Schema>) {
  const la1 = await buildLocalAuthority(db, '901', 'Northbrook');
  const la2 = await buildLocalAuthority(db, '902', 'Southmere');
  const service = await buildTeam(db, la1, { name: 'Children in need service' });
  const teamA = await buildTeam(db, la1, { name: 'Team A', parentTeamId: service });
  const teamB = await buildTeam(db, la1, { name: 'Team B', parentTeamId: service });
  const frontDoorTeam = await buildTeam(db, la1, { name: 'Front door' });
  const la2Team = await buildTeam(db, la2, { name: 'Southmere Team' });
  const police = await buildOrganisation(db, '901', 'police', 'Fictional Constabulary', ['901', '902']);

  const users = {
    workerA: await buildUser(db, la1, ['social_worker'], { teamId: teamA, name: 'Ada Worker' }),
    colleagueA: await buildUser(db, la1, ['social_worker'], { teamId: teamA }),
    managerA: await buildUser(db, la1, ['team_manager'], {
      teamId: teamA,
      isManager: true,
      name: 'Mo Manager',
    }),
    workerB: await buildUser(db, la1, ['social_worker'], { teamId: teamB, name: 'Bea Worker' }),
    managerB: await buildUser(db, la1, ['team_manager'], { teamId: teamB, isManager: true }),
    serviceManager: await buildUser(db, la1, ['service_manager'], { teamId: service, isManager: true }),
    psw: await buildUser(db, la1, ['principal_social_worker'], { name: 'Pat Principal' }),
    dpo: await buildUser(db, la1, ['data_protection_officer'], { name: 'Dee Protection' }),
    frontDoor: await buildUser(db, la1, ['front_door'], { teamId: frontDoorTeam }),
    admin: await buildUser(db, la1, ['system_administrator']),
    inspector: await buildUser(db, la1, ['inspector']),
    partner: await buildUser(db, la1, ['partner_practitioner'], {
      organisationId: police,
      name: 'PC Partner',
    }),
    workerLa2: await buildUser(db, la2, ['social_worker'], { teamId: la2Team }),
  } satisfies Record<string, BuiltUser>;

  const child1 = await buildChild(db, '901', {
    givenName: 'Jayden',
    familyName: 'Okafor',
    dateOfBirth: '2015-06-01',
  });
  await allocate(db, '901', child1, teamA, users.workerA.id);
  const screened = await buildChild(db, '901', { givenName: 'Lily', familyName: 'Marsh' });
  const contact = await db
    .insertInto('contacts')
    .values({ la_code: '901', person_id: screened, received_on: '2026-01-05' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const restricted = await buildChild(db, '901', {
    givenName: 'Nadia',
    familyName: 'Okafor',
    isRestricted: true,
    restrictedRoles: ['team_manager'],
  });
  await allocate(db, '901', restricted, teamB, users.workerB.id);
  const colleagueB = await buildUser(db, la1, ['social_worker'], { teamId: teamB });
  const childLa2 = await buildChild(db, '902', { givenName: 'Sam', familyName: 'Southmere' });
  await allocate(db, '902', childLa2, la2Team, users.workerLa2.id);

  return {
    la1,
    la2,
    teams: { service, teamA, teamB, frontDoorTeam },
    police,
    users: { ...users, colleagueB },
    children: { child1, screened, restricted, childLa2 },
    contactId: contact.id,
  };
}

export type AccessWorld = Awaited<ReturnType<typeof buildAccessWorld>>;
