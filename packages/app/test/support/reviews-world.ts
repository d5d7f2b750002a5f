/**
 * A learning-review world: LA 901 with its safeguarding partnership, the partnership's roles, two
 * reviews' worth of children (one with a mother recorded as family), a worker involved with the
 * first child, and journey events in and out of the review's period.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../src/access/roles.ts';
import type { Actor } from '../../src/auth/actor.ts';
import type { Schema } from '../../src/db/schema.ts';
import type { ReviewCaller } from '../../src/learning-reviews/access.ts';
import { createPartnership } from '../../src/learning-reviews/partnership.ts';
import { addReviewer, decideReview, notifyIncident, setScope } from '../../src/learning-reviews/incidents.ts';
import {
  allocate,
  buildChild,
  buildLocalAuthority,
  buildOrganisation,
  buildTeam,
  buildUser,
  type BuiltUser,
} from './factories.ts';

/** A caller for domain functions, as the authentication hook would build it. */
export function callerOf(db: Kysely<Schema>, user: BuiltUser, roles: Role[]): ReviewCaller {
  const actor: Actor = {
    userId: user.id,
    name: user.email,
    email: user.email,
    organisationId: user.organisationId,
    laCode: user.laCode,
    roles,
    teamIds: [],
    via: 'session',
  };
  return { db, actor, meta: { ip: '127.0.0.1', requestId: 'test' } };
}

export async function buildReviewsWorld(db: Kysely<Schema>) {
  const la = await buildLocalAuthority(db, '901', 'Northbrook');
  const la2 = await buildLocalAuthority(db, '902', 'Southmere');
  const police = await buildOrganisation(db, '901', 'police', 'Fictional Constabulary');
  const nhs = await buildOrganisation(db, '901', 'nhs_trust', 'Fictional NHS Trust');
  await db
    .transaction()
    .execute((tx) =>
      createPartnership(tx, '901', 'Northbrook Safeguarding Partnership', [la.organisationId, police, nhs]),
    );
  const team = await buildTeam(db, la, { name: 'Team A' });
  const users = {
    manager: await buildUser(db, la, ['partnership_business_manager'], { name: 'Bea Manager' }),
    chair: await buildUser(db, la, ['partnership_chair'], { name: 'Chris Chair' }),
    chair2: await buildUser(db, la, ['partnership_chair'], { name: 'Cara Second-Chair' }),
    reviewer: await buildUser(db, la, ['safeguarding_reviewer'], { name: 'Robin Reviewer' }),
    reviewer2: await buildUser(db, la, ['safeguarding_reviewer'], { name: 'Rory Other-Reviewer' }),
    involvedReviewer: await buildUser(db, la, ['safeguarding_reviewer'], { name: 'Ivy Involved' }),
    dpo: await buildUser(db, la, ['data_protection_officer'], { name: 'Dee Protection' }),
    worker: await buildUser(db, la, ['social_worker'], { teamId: team, name: 'Sam Worker' }),
    otherLa: await buildUser(db, la2, ['partnership_business_manager']),
  } satisfies Record<string, BuiltUser>;
  const child1 = await buildChild(db, '901', {
    givenName: 'Jayden',
    familyName: 'Okafor',
    dateOfBirth: '2019-05-02',
  });
  const mother = await db
    .insertInto('people')
    .values({
      la_code: '901',
      kind: 'adult',
      given_name: 'Kerry',
      family_name: 'Okafor',
      date_of_birth: '1992-01-09',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('person_relationships')
    .values({
      la_code: '901',
      person_id: child1,
      related_person_id: mother.id,
      type: 'mother',
      lives_with: true,
    })
    .execute();
  const child2 = await buildChild(db, '901', { givenName: 'Lily', familyName: 'Marsh' });
  await allocate(db, '901', child1, team, users.worker.id);
  await db
    .insertInto('involvements')
    .values({
      la_code: '901',
      person_id: child1,
      organisation_id: la.organisationId,
      user_id: users.involvedReviewer.id,
      role: 'Social worker',
      started_on: '2023-01-01',
      ended_on: '2023-06-30',
    })
    .execute();
  for (const [person, on, worries] of [
    [child1, '2025-02-10', 'Nursery saw a bruise on the cheek'],
    [child1, '2022-01-05', 'Before the review period'],
    [child2, '2025-03-01', 'Worries about Lily'],
  ] as const)
    await db
      .insertInto('contacts')
      .values({
        la_code: '901',
        person_id: person,
        received_on: on,
        worries,
        source: '1A',
        status: 'decided',
      })
      .execute();

  const as = (u: BuiltUser, roles: Role[]) => callerOf(db, u, roles);
  const manager = as(users.manager, ['partnership_business_manager']);
  /** Notifies, decides and scopes a review of `child`, naming `reviewer`. */
  async function openReview(child: string, reviewer: BuiltUser, household = false): Promise<string> {
    const id = await notifyIncident(manager, {
      title: 'Child A, 2025',
      incidentSummary: 'A serious injury to a child.',
      incidentOn: '2025-04-01',
      knownOn: '2025-04-02',
    });
    await decideReview(manager, id, { decision: 'local-review', decisionReason: 'Criteria met.' });
    await setScope(manager, id, {
      children: child,
      periodFrom: '2024-06-01',
      periodTo: '2025-04-01',
      termsOfReference: 'How agencies worked together.',
      agencies: [police, nhs],
      householdAccess: household ? 'yes' : 'no',
      version: '2',
    });
    await addReviewer(manager, id, { userId: reviewer.id });
    return id;
  }
  return { la, police, nhs, users, children: { child1, child2, mother: mother.id }, as, manager, openReview };
}
export type ReviewsWorld = Awaited<ReturnType<typeof buildReviewsWorld>>;
