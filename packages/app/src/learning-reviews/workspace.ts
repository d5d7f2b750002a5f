/**
 * Reading a review's workspace: the review, its statutory dates, its children as this caller may
 * see them (names only through the caller-bound repository's `review_read`, audited as record
 * views), agencies, reviewers and what each stage holds. And a subject child's journey for the
 * review's period, read-only.
 */
import { buildAccessContext } from '../access/access-context.ts';
import { can } from '../access/capabilities.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { readTimeline, type JourneyEvent } from '../journey/timeline.ts';
import { PersonRecords } from '../records/person-records.ts';
import { NotFoundError } from '../http/errors.ts';
import { inReview, seesAllReviews, type ReviewCaller, type ReviewRow } from './access.ts';
import { statutoryDates } from './incidents.ts';

export interface ReviewSummary {
  id: string;
  reference: string;
  title: string;
  status: string;
  decision: string;
  knownOn: string;
  published: boolean;
}

const summary = (r: ReviewRow): ReviewSummary => ({
  id: r.id,
  reference: r.reference,
  title: r.title,
  status: r.status,
  decision: r.decision,
  knownOn: r.known_on,
  published: r.published_at !== null && r.withdrawn_at === null,
});

/** The reviews the caller sees: all of the partnership's, or those they are named on. */
export async function listReviews(caller: ReviewCaller): Promise<ReviewSummary[]> {
  if (!can(caller.actor.roles, 'work_on_learning_reviews') && !seesAllReviews(caller.actor))
    throw new NotFoundError('no learning reviews capability');
  return inTenant(caller.db, caller.actor.laCode, async (tx) => {
    let q = tx.selectFrom('learning_reviews').selectAll().where('la_code', '=', caller.actor.laCode);
    if (!seesAllReviews(caller.actor))
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('review_reviewers').select('review_id').where('user_id', '=', caller.actor.userId),
      );
    const rows = await q.orderBy('known_on', 'desc').execute();
    return rows.map(summary);
  });
}

export interface WorkspaceChild {
  id: string;
  /** The child's name when the caller may read their record for the review, otherwise "Child 1". */
  label: string;
  readable: boolean;
}

export interface Workspace {
  review: ReviewRow;
  dates: { panelBy: string; rapidReviewBy: string };
  children: WorkspaceChild[];
  agencies: { id: string; name: string }[];
  reviewers: { id: string; name: string }[];
  counts: { chronology: number; episodes: number; findings: number; recommendations: number; drafts: number };
  isNamedReviewer: boolean;
}

/** The children of the review as this caller may see them, each read audited. */
export async function childrenFor(tx: Tx, caller: ReviewCaller, reviewId: string): Promise<WorkspaceChild[]> {
  const records = new PersonRecords(caller.db, caller.actor, caller.meta);
  const ctx = await buildAccessContext(tx, caller.actor);
  const ids = await tx
    .selectFrom('review_children')
    .select('person_id')
    .where('review_id', '=', reviewId)
    .orderBy('person_id')
    .execute();
  const out: WorkspaceChild[] = [];
  for (const [i, { person_id }] of ids.entries()) {
    const opened = await records.loadIn(tx, ctx, person_id, 'review_read');
    if (opened !== null)
      await records.audit(tx, 'record.view', 'success', person_id, `learning review ${reviewId}`);
    out.push({
      id: person_id,
      label: opened === null ? `Child ${i + 1}` : `${opened.person.given_name} ${opened.person.family_name}`,
      readable: opened !== null,
    });
  }
  return out;
}

/** The workspace of one review. @throws NotFoundError */
export async function loadWorkspace(caller: ReviewCaller, reviewId: string): Promise<Workspace> {
  return inReview(caller, reviewId, 'read', 'review.view', 'workspace', async (tx, review) => {
    const agencies = await tx
      .selectFrom('review_agencies as a')
      .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
      .select(['o.id', 'o.name'])
      .where('a.review_id', '=', review.id)
      .orderBy('o.name')
      .execute();
    const reviewers = await tx
      .selectFrom('review_reviewers as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.id', 'u.name'])
      .where('r.review_id', '=', review.id)
      .orderBy('u.name')
      .execute();
    const count = async (
      table:
        | 'review_chronology'
        | 'review_episodes'
        | 'review_findings'
        | 'review_recommendations'
        | 'review_drafts',
    ) => {
      const { n } = await tx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('review_id', '=', review.id)
        .executeTakeFirstOrThrow();
      return Number(n);
    };
    return {
      review,
      dates: statutoryDates(review.known_on),
      children: await childrenFor(tx, caller, review.id),
      agencies,
      reviewers,
      counts: {
        chronology: await count('review_chronology'),
        episodes: await count('review_episodes'),
        findings: await count('review_findings'),
        recommendations: await count('review_recommendations'),
        drafts: await count('review_drafts'),
      },
      isNamedReviewer: reviewers.some((r) => r.id === caller.actor.userId),
    };
  });
}

/**
 * A subject child's (or, when granted, a household member's) journey for the review's period,
 * read-only, through the caller-bound repository (`review_read`, audited as a record view).
 * @throws NotFoundError when the person is not of this review or the caller has no reviewer access
 */
export async function readChildForReview(
  caller: ReviewCaller,
  reviewId: string,
  personId: string,
): Promise<{ review: ReviewRow; name: string; events: JourneyEvent[] }> {
  return inReview(caller, reviewId, 'read', null, 'child read', async (tx, review) => {
    const records = new PersonRecords(caller.db, caller.actor, caller.meta);
    const ctx = await buildAccessContext(tx, caller.actor);
    const opened = await records.loadIn(tx, ctx, personId, 'review_read');
    const inThisReview =
      opened !== null &&
      (await tx
        .selectFrom('review_children as rc')
        .select('rc.person_id')
        .where('rc.review_id', '=', review.id)
        .where((eb) =>
          eb.or([
            eb('rc.person_id', '=', opened.person.id),
            ...(review.household_access
              ? [
                  eb.exists(
                    eb
                      .selectFrom('person_relationships as pr')
                      .select('pr.id')
                      .where((w) =>
                        w.or([
                          w.and([
                            w('pr.person_id', '=', w.ref('rc.person_id')),
                            w('pr.related_person_id', '=', opened.person.id),
                          ]),
                          w.and([
                            w('pr.related_person_id', '=', w.ref('rc.person_id')),
                            w('pr.person_id', '=', opened.person.id),
                          ]),
                        ]),
                      ),
                  ),
                ]
              : []),
          ]),
        )
        .executeTakeFirst()) !== undefined;
    if (opened === null || !inThisReview) {
      await records.audit(tx, 'record.view', 'denied', personId, `learning review ${review.id}`);
      return null;
    }
    await records.audit(tx, 'record.view', 'success', opened.person.id, `learning review ${review.id}`);
    const { events } = await readTimeline(tx, opened.person.id, {
      caseNotes: true,
      filter: { from: review.period_from ?? undefined, to: review.period_to ?? undefined },
    });
    return { review, name: `${opened.person.given_name} ${opened.person.family_name}`, events };
  }).then((r) => {
    if (r === null) throw new NotFoundError(`no reviewer access to ${personId}`);
    return r;
  });
}
