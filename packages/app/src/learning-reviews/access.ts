/**
 * Who may see and work on a learning review, in one place. A review is seen by the partnership's
 * business manager, chair and data protection officer (by capability), and by the reviewers named
 * on it; anyone else, or a review in another LA, gets "not found" (audited as denied). Every
 * read or write of a review runs here: one tenant transaction, one audit event.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { can, type Capability } from '../access/capabilities.ts';
import type { AuditAction } from '../audit/actions.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import type { LearningReviewTables } from '../db/schema-learning-reviews.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { NotFoundError } from '../http/errors.ts';

export type ReviewRow = Selectable<LearningReviewTables['learning_reviews']>;

/** What the caller is asking to do with a review. */
export type ReviewNeed =
  | 'read' // see the workspace
  | 'work' // chronology, analysis, draft, redaction: a named reviewer or the business manager, while open
  | 'run'; // scope, reviewers, close: the business manager

/** The caller and their request, for every review operation. */
export interface ReviewCaller {
  db: Kysely<Schema>;
  actor: Actor;
  meta: RequestMeta;
}

/** Whether the caller sees every review of their partnership (not only those they are named on). */
export const seesAllReviews = (actor: Actor): boolean =>
  (
    [
      'run_learning_reviews',
      'approve_learning_reviews',
      'check_learning_review_data_protection',
    ] as const satisfies Capability[]
  ).some((c) => can(actor.roles, c));

/** Whether the actor is named as a reviewer on the review. */
export async function isNamedReviewer(tx: Tx, reviewId: string, userId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('review_reviewers')
    .select('user_id')
    .where('review_id', '=', reviewId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

async function allowed(tx: Tx, actor: Actor, review: ReviewRow, need: ReviewNeed): Promise<boolean> {
  const runs = can(actor.roles, 'run_learning_reviews');
  if (need === 'run') return runs;
  const named =
    can(actor.roles, 'work_on_learning_reviews') && (await isNamedReviewer(tx, review.id, actor.userId));
  if (need === 'work') return review.status === 'open' && (runs || named);
  return seesAllReviews(actor) || named;
}

/**
 * Runs `work` on one review the caller may `need`, in one tenant transaction, writing one audit
 * event (`action`, record type `learning_review`; `detail` says what) unless `action` is null.
 * @throws NotFoundError (after committing the denial) when the review is not theirs to see
 */
export async function inReview<T>(
  caller: ReviewCaller,
  reviewId: string,
  need: ReviewNeed,
  action: AuditAction | null,
  detail: string,
  work: (tx: Tx, review: ReviewRow) => Promise<T>,
): Promise<T> {
  const id = canonicalUuid(reviewId);
  const result = await inTenant(caller.db, caller.actor.laCode, async (tx) => {
    const review =
      id === null
        ? undefined
        : await tx
            .selectFrom('learning_reviews')
            .selectAll()
            .where('id', '=', id)
            .where('la_code', '=', caller.actor.laCode)
            .executeTakeFirst();
    if (review === undefined || !(await allowed(tx, caller.actor, review, need))) {
      await audit(tx, caller, action ?? 'review.view', 'denied', reviewId, detail);
      return { denied: true as const };
    }
    const value = await work(tx, review);
    if (action !== null) await audit(tx, caller, action, 'success', review.id, detail);
    return { denied: false as const, value };
  });
  if (result.denied) throw new NotFoundError(`${caller.actor.userId} may not ${need} review ${reviewId}`);
  return result.value;
}

/** One audit event about a review. */
export async function audit(
  tx: Tx,
  caller: ReviewCaller,
  action: AuditAction,
  outcome: 'success' | 'denied',
  reviewId: string | null,
  detail: string,
): Promise<void> {
  await recordAudit(tx, caller.actor, caller.meta, {
    action,
    outcome,
    recordType: 'learning_review',
    recordId: reviewId,
    reason: detail,
  });
}

/**
 * Whether the user has been involved with any of these children (an involvement or an allocation,
 * at any time): such a person may neither review nor sign off the review.
 */
export async function involvedWith(tx: Tx, userId: string, childIds: readonly string[]): Promise<boolean> {
  if (childIds.length === 0) return false;
  const { rows } = await sql<{ involved: boolean }>`select
    exists (select 1 from involvements i where i.user_id = ${userId} and i.person_id = any(${[...childIds]}::uuid[]))
    or exists (select 1 from allocations a where a.worker_user_id = ${userId} and a.person_id = any(${[...childIds]}::uuid[]))
    as involved`.execute(tx);
  return rows[0]?.involved === true;
}

/** The subject children of a review. */
export async function subjectChildren(tx: Tx, reviewId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('review_children')
    .select('person_id')
    .where('review_id', '=', reviewId)
    .execute();
  return rows.map((r) => r.person_id);
}
