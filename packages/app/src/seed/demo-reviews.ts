/**
 * Demo learning reviews for the demo borough (all fictional): one review in progress (an incident
 * notified, a local review decided, scoped to the demo child in another team, Robin Reviewer
 * named, the chronology built from the record and a first key practice episode) and two reviews
 * published in the public repository (generated, already anonymised text, through publishReview),
 * so `/learning-reviews` and `/reviews` show something on first start. Everything goes through the
 * capabilities' own operations, audited as the demo business manager and reviewer. Idempotent:
 * does nothing when the demo LA already has a learning review.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../access/roles.ts';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { addEpisode } from '../learning-reviews/analysis.ts';
import { buildFromRecords, readChronology } from '../learning-reviews/chronology.ts';
import { addReviewer, decideReview, notifyIncident, setScope } from '../learning-reviews/incidents.ts';
import type { ReviewCaller } from '../learning-reviews/access.ts';
import { listReviews } from '../learning-reviews/workspace.ts';
import { generateReview } from '../review-repository/generate.ts';
import { publishReview } from '../review-repository/publish.ts';
import { DEMO_ACCOUNTS, DEMO_LA_CODE, DEMO_LAS, type SeededDemo } from './demo-accounts.ts';
import { DEMO_CHILDREN } from './demo-children.ts';

const PARTNERSHIP = 'Waypoint Demo Borough Safeguarding Children Partnership';
const meta = { ip: null, requestId: null };

function callerAs(db: Kysely<Schema>, demo: SeededDemo, local: string, role: Role): ReviewCaller {
  const account = DEMO_ACCOUNTS.find((a) => a.email.startsWith(`${local}@`));
  const userId = account === undefined ? undefined : demo.userIds[account.email];
  if (account === undefined || userId === undefined) throw new Error(`no demo account ${local}`);
  const actor: Actor = {
    userId,
    name: account.name,
    email: account.email,
    organisationId: demo.organisationIds[account.organisation],
    laCode: DEMO_LA_CODE,
    roles: [role],
    teamIds: [],
    via: 'cli',
  };
  return { db, actor, meta };
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Seeds the demo reviews once. */
export async function seedDemoReviews(db: Kysely<Schema>, demo: SeededDemo): Promise<void> {
  const manager = callerAs(db, demo, 'partnership.manager', 'partnership_business_manager');
  if ((await listReviews(manager)).length > 0) return;
  const la = DEMO_LAS.find((l) => l.laCode === DEMO_LA_CODE)!.name;

  // Two published reviews, from earlier years, in the public repository.
  for (const [seed, publishedOn] of [
    [4101, '2024-03-14'],
    [4102, '2025-09-22'],
  ] as const) {
    const input = generateReview({
      seed,
      pages: 30,
      partnership: PARTNERSHIP,
      localAuthority: la,
      publishedOn,
    });
    await inTenant(db, DEMO_LA_CODE, (tx) =>
      publishReview(tx, manager.actor, { ...input, region: 'south-east' }),
    );
  }

  // One review in progress, about the demo child in another team.
  const id = await notifyIncident(manager, {
    title: 'Child M, 2026',
    incidentSummary:
      'A child known to children’s social care was admitted to hospital with an injury that the family could not explain.',
    incidentOn: daysAgo(40),
    knownOn: daysAgo(38),
  });
  await decideReview(manager, id, {
    decision: 'local-review',
    decisionReason: 'The rapid review found learning about how agencies shared what they knew.',
    panelNotifiedOn: daysAgo(35),
    rapidReviewOn: daysAgo(25),
  });
  await setScope(manager, id, {
    children: DEMO_CHILDREN.otherTeam.id,
    periodFrom: '2020-01-01',
    periodTo: daysAgo(38),
    termsOfReference:
      'How well did agencies share what they knew about the family in the two years before the incident, and was the child’s voice heard?',
    agencies: [demo.organisationIds.council, demo.organisationIds.police, demo.organisationIds.nhs],
    householdAccess: 'no',
    version: '2',
  });
  const robin = callerAs(db, demo, 'safeguarding.reviewer', 'safeguarding_reviewer');
  await addReviewer(manager, id, { userId: robin.actor.userId });
  await buildFromRecords(robin, id);
  const { entries } = await readChronology(robin, id);
  await addEpisode(robin, id, {
    title: 'The first visit after the referral',
    whatHappened: 'The social worker visited the family and saw the child with their mother present.',
    whatWasKnown: 'The school’s earlier concern had not reached the social worker.',
    factors: ['multi-agency-assessment'],
    entries: entries.slice(0, 2).map((e) => e.id),
  });
}
