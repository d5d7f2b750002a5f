/**
 * A subject access world (fictional): Maya Thornbury (the subject, a child), her mother Kerry
 * Thornbury (with parental responsibility: the requester), her father Dean Ashcombe (parental
 * responsibility, living apart), her brother Leo Thornbury, a referrer named on a contact, a
 * neighbour named only in a case note (Gordon Pilkington: not on the record), and the allocated
 * social worker Wren Worker, who wrote the note. A data protection officer and a social worker.
 */
import type { Kysely } from 'kysely';
import { loadActor } from '../../src/auth/load-actor.ts';
import type { Actor } from '../../src/auth/actor.ts';
import type { Schema } from '../../src/db/schema.ts';
import { PersonRecords } from '../../src/records/person-records.ts';
import { allocate, buildLocalAuthority, buildTeam, buildUser, type BuiltUser } from './factories.ts';

export const SAR_LA = '935';

export interface SarWorld {
  dpo: BuiltUser;
  worker: BuiltUser;
  /** A second DPO-less council user. */
  manager: BuiltUser;
  child: string;
  mother: string;
  father: string;
  brother: string;
  noPr: string;
  noteId: string;
}

export const NOTE_BODY =
  'Home visit. Kerry Thornbury said Maya had been upset after Dean Ashcombe visited on Saturday. ' +
  'Leo Thornbury was at football. Their neighbour, Gordon Pilkington, told me he heard shouting late at night. ' +
  'Maya said she likes her new school.';

async function person(
  db: Kysely<Schema>,
  kind: 'child' | 'adult',
  given: string,
  family: string,
  dob: string,
  sex: 'female' | 'male',
): Promise<string> {
  const { id } = await db
    .insertInto('people')
    .values({ la_code: SAR_LA, kind, given_name: given, family_name: family, date_of_birth: dob, sex })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function buildSarWorld(db: Kysely<Schema>): Promise<SarWorld> {
  const la = await buildLocalAuthority(db, SAR_LA, 'Fictional Vale');
  const team = await buildTeam(db, la, { name: 'Assessment Team East' });
  const dpo = await buildUser(db, la, ['data_protection_officer'], { name: 'Dana Protection' });
  const worker = await buildUser(db, la, ['social_worker'], { name: 'Wren Worker', teamId: team });
  const manager = await buildUser(db, la, ['team_manager'], {
    name: 'Mo Manager',
    teamId: team,
    isManager: true,
  });
  const child = await person(db, 'child', 'Maya', 'Thornbury', '2016-05-04', 'female');
  await db.updateTable('people').set({ nhs_number: '9434765919' }).where('id', '=', child).execute();
  const mother = await person(db, 'adult', 'Kerry', 'Thornbury', '1988-02-11', 'female');
  const father = await person(db, 'adult', 'Dean', 'Ashcombe', '1985-09-23', 'male');
  const brother = await person(db, 'child', 'Leo', 'Thornbury', '2013-07-30', 'male');
  const noPr = await person(db, 'adult', 'Gail', 'Thornbury', '1960-03-01', 'female');
  await db
    .insertInto('person_relationships')
    .values([
      {
        la_code: SAR_LA,
        person_id: child,
        related_person_id: mother,
        type: 'mother',
        parental_responsibility: true,
        lives_with: true,
      },
      {
        la_code: SAR_LA,
        person_id: child,
        related_person_id: father,
        type: 'father',
        parental_responsibility: true,
      },
      { la_code: SAR_LA, person_id: child, related_person_id: brother, type: 'sibling', lives_with: true },
      { la_code: SAR_LA, person_id: child, related_person_id: noPr, type: 'grandparent' },
    ])
    .execute();
  await db
    .insertInto('addresses')
    .values([
      {
        la_code: SAR_LA,
        person_id: child,
        line1: '7 Quarry Lane',
        town: 'Fictionford',
        postcode: 'FF1 2AB',
        started_on: '2020-01-01',
      },
      {
        la_code: SAR_LA,
        person_id: father,
        line1: '41 Mill Street',
        town: 'Fictionford',
        postcode: 'FF3 9ZZ',
        started_on: '2021-06-01',
      },
    ])
    .execute();
  await allocate(db, SAR_LA, child, team, worker.id);
  await db
    .insertInto('contacts')
    .values({
      la_code: SAR_LA,
      person_id: child,
      received_on: '2026-03-02',
      source: 'school',
      raised_by: 'Priya Ostrander',
      worries: 'Priya Ostrander called: Maya came to school upset and said there was shouting at home.',
      created_by: worker.id,
    })
    .execute();
  const note = await db
    .insertInto('case_notes')
    .values({
      la_code: SAR_LA,
      person_id: child,
      noted_on: '2026-03-10',
      title: 'Home visit',
      body: NOTE_BODY,
      recorded_by: worker.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { dpo, worker, manager, child, mother, father, brother, noPr, noteId: note.id };
}

export async function recordsAs(db: Kysely<Schema>, user: BuiltUser): Promise<PersonRecords> {
  const actor = (await loadActor(db, user.id, { via: 'session', actingLaCode: user.laCode })) as Actor;
  return new PersonRecords(db, actor, { ip: '127.0.0.1', requestId: 'test' });
}
