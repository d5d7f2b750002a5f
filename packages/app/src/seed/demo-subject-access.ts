/**
 * A fictional family of the demo borough for the data protection officer's subject access pages:
 * Ellie Fairweather, her mother Joanne Fairweather (parental responsibility, lives with her), her
 * father Craig Denholm (parental responsibility, lives apart), her brother Harvey Fairweather, and
 * a case note by the demo social worker naming a neighbour who is not on the record (Margaret
 * Quennell), so a request from the mother has third parties to take out. Idempotent: does nothing
 * once Ellie's record exists.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { DEMO_LA_CODE, type SeededDemo } from './demo-accounts.ts';

export const DEMO_SAR_CHILD = {
  givenName: 'Ellie',
  familyName: 'Fairweather',
  dateOfBirth: '2015-10-12',
} as const;

export async function seedDemoSubjectAccess(db: Kysely<Schema>, demo: SeededDemo): Promise<void> {
  const worker = demo.userIds['social.worker@demo.waypoint.example'];
  if (worker === undefined) throw new Error('no demo social worker');
  await inTenant(db, DEMO_LA_CODE, async (tx) => {
    const existing = await tx
      .selectFrom('people')
      .select('id')
      .where('given_name', '=', DEMO_SAR_CHILD.givenName)
      .where('family_name', '=', DEMO_SAR_CHILD.familyName)
      .executeTakeFirst();
    if (existing !== undefined) return;
    const add = async (
      kind: 'child' | 'adult',
      given: string,
      family: string,
      dob: string,
      sex: 'female' | 'male',
    ) =>
      (
        await tx
          .insertInto('people')
          .values({
            la_code: DEMO_LA_CODE,
            kind,
            given_name: given,
            family_name: family,
            date_of_birth: dob,
            sex,
            created_by: worker,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const child = await add(
      'child',
      DEMO_SAR_CHILD.givenName,
      DEMO_SAR_CHILD.familyName,
      DEMO_SAR_CHILD.dateOfBirth,
      'female',
    );
    const mother = await add('adult', 'Joanne', 'Fairweather', '1987-04-03', 'female');
    const father = await add('adult', 'Craig', 'Denholm', '1984-12-19', 'male');
    const brother = await add('child', 'Harvey', 'Fairweather', '2012-06-25', 'male');
    const rel = (
      related: string,
      type: 'mother' | 'father' | 'sibling',
      pr: boolean,
      livesWith: boolean,
    ) => ({
      la_code: DEMO_LA_CODE,
      person_id: child,
      related_person_id: related,
      type,
      parental_responsibility: pr,
      lives_with: livesWith,
      recorded_by: worker,
    });
    await tx
      .insertInto('person_relationships')
      .values([
        rel(mother, 'mother', true, true),
        rel(father, 'father', true, false),
        rel(brother, 'sibling', false, true),
      ])
      .execute();
    await tx
      .insertInto('addresses')
      .values({
        la_code: DEMO_LA_CODE,
        person_id: child,
        line1: '12 Larkspur Close',
        town: 'Demo Town',
        postcode: 'DM1 4QT',
        started_on: '2019-09-01',
      })
      .execute();
    await tx
      .insertInto('case_notes')
      .values({
        la_code: DEMO_LA_CODE,
        person_id: child,
        noted_on: '2026-09-14',
        title: 'Home visit',
        body:
          'Fictional. Joanne Fairweather said Ellie had not slept after Craig Denholm telephoned on Sunday. ' +
          'Harvey Fairweather was out with friends. A neighbour, Margaret Quennell, told me she had heard arguing. ' +
          'Ellie showed me her drawings and said she likes her teacher.',
        recorded_by: worker,
      })
      .execute();
  });
}
