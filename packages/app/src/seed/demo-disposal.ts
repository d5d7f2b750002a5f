/**
 * Two fictional records of the demo borough past its retention schedule, and the day's disposal
 * batch proposed for them, so the data protection officer's disposal pages have something to
 * approve from the first start (the nightly job proposes later batches): a child in need record
 * closed in 2014 (kept until the 25th birthday) and a contact with no further action in 2013
 * (kept six years after it closed). Idempotent: does nothing once the demo has a disposal batch or
 * these records.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { proposeBatch } from '../disposal/index.ts';
import { today } from '../http/forms/dates.ts';
import { DEMO_LA_CODE, type SeededDemo } from './demo-accounts.ts';

export const DEMO_DISPOSAL_CHILDREN = [
  { givenName: 'Morgan', familyName: 'Pastkept', dateOfBirth: '1997-05-10' },
  { givenName: 'Riley', familyName: 'Longago', dateOfBirth: '1998-09-01' },
] as const;

/** Seeds the two records and proposes the day's batch once. */
export async function seedDemoDisposal(db: Kysely<Schema>, demo: SeededDemo): Promise<void> {
  const worker = demo.userIds['social.worker@demo.waypoint.example'];
  if (worker === undefined) throw new Error('no demo social worker');
  const isSeeded = await inTenant(db, DEMO_LA_CODE, async (tx) => {
    const batch = await tx.selectFrom('disposal_batches').select('id').executeTakeFirst();
    const person = await tx
      .selectFrom('people')
      .select('id')
      .where('family_name', '=', DEMO_DISPOSAL_CHILDREN[0].familyName)
      .executeTakeFirst();
    if (batch !== undefined || person !== undefined) return true;
    const [cin, contact] = DEMO_DISPOSAL_CHILDREN;
    const add = async (c: (typeof DEMO_DISPOSAL_CHILDREN)[number]) =>
      (
        await tx
          .insertInto('people')
          .values({
            la_code: DEMO_LA_CODE,
            kind: 'child',
            given_name: c.givenName,
            family_name: c.familyName,
            date_of_birth: c.dateOfBirth,
            created_by: worker,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const cinId = await add(cin);
    await tx
      .insertInto('cin_episodes')
      .values({
        la_code: DEMO_LA_CODE,
        person_id: cinId,
        referral_on: '2013-02-04',
        source: '1B',
        primary_need: 'N1',
        reason: 'Fictional: help for the family with routines and school.',
        closed_on: '2014-01-20',
        closure_reason: 'RC1',
        recorded_by: worker,
      })
      .execute();
    const contactId = await add(contact);
    await tx
      .insertInto('contacts')
      .values({
        la_code: DEMO_LA_CODE,
        person_id: contactId,
        received_on: '2013-06-11',
        status: 'decided',
        source: '2A',
        worries: 'Fictional: the school asked for advice about attendance.',
        decision: 'nfa',
        decision_reason: 'Fictional: advice given to the school; no further action.',
        decided_by: worker,
        decided_on: '2013-06-12',
      })
      .execute();
    return false;
  });
  if (!isSeeded) await proposeBatch(db, DEMO_LA_CODE, today());
}
