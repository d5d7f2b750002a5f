/**
 * From a serious incident to a scoped review: the partnership's business manager notifies the
 * incident, decides on a local review, and sets its scope (children, period, agencies, terms of
 * reference, reviewers). The Panel's 5 and the rapid review's 15 working days are shown as the
 * partnership's own timescales; nothing here blocks on them.
 */
import { addWorkingDays } from '@waypoint/returns/calendar';
import { z } from 'zod';
import { dateRule, EARLIEST_EVENT, eventDate } from '../http/forms/dates.ts';
import { ValidationError } from '../http/errors.ts';
import { parseInput } from '../http/forms/issues.ts';
import { choice, text } from '../journey/fields.ts';
import { audit, inReview, involvedWith, subjectChildren, type ReviewCaller } from './access.ts';
import { partnershipOf, type Partnership } from './partnership.ts';
import { can } from '../access/capabilities.ts';
import { inTenant } from '../db/tenant.ts';
import { NotFoundError } from '../http/errors.ts';

export const notifyInput = z.object({
  title: text('a short title for the review', 200),
  incidentSummary: text('what happened', 5_000),
  incidentOn: eventDate('the date of the incident'),
  knownOn: eventDate('the date the partnership learnt of it'),
});

/** The statutory dates from the day the partnership learnt of the incident (shown, never blocking). */
export function statutoryDates(knownOn: string): { panelBy: string; rapidReviewBy: string } {
  return { panelBy: addWorkingDays(knownOn, 5), rapidReviewBy: addWorkingDays(knownOn, 15) };
}

/**
 * Notifies a serious incident: a new review, open, with no decision yet. Only for the business
 * manager (`run_learning_reviews`); others get not found.
 * @returns the review's id
 */
export async function notifyIncident(caller: ReviewCaller, input: unknown): Promise<string> {
  if (!can(caller.actor.roles, 'run_learning_reviews')) throw new NotFoundError('not a business manager');
  const data = parseInput(notifyInput, input);
  if (data.knownOn < data.incidentOn)
    throw new ValidationError([
      { field: 'knownOn', message: 'The date the partnership learnt of it must be on or after the incident' },
    ]);
  return inTenant(caller.db, caller.actor.laCode, async (tx) => {
    const partnership = await partnershipOf(tx, caller.actor.laCode);
    if (partnership === null) throw new NotFoundError(`no partnership in ${caller.actor.laCode}`);
    const year = data.knownOn.slice(0, 4);
    const { n } = await tx
      .selectFrom('learning_reviews')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('la_code', '=', caller.actor.laCode)
      .executeTakeFirstOrThrow();
    const { id } = await tx
      .insertInto('learning_reviews')
      .values({
        la_code: caller.actor.laCode,
        partnership_id: partnership.id,
        reference: `LR-${year}-${String(Number(n) + 1).padStart(3, '0')}`,
        title: data.title,
        incident_summary: data.incidentSummary,
        incident_on: data.incidentOn,
        known_on: data.knownOn,
        created_by: caller.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, caller, 'review.create', 'success', id, 'notified a serious incident');
    return id;
  });
}

const optionalDate = (what: string) => dateRule(what, { when: 'past', earliest: EARLIEST_EVENT }).optional();

export const decisionInput = z.object({
  decision: choice(['local-review', 'no-local-review'], 'Select whether there will be a local review'),
  decisionReason: text('the reason for the decision', 5_000),
  panelNotifiedOn: optionalDate('the date the Panel was told'),
  rapidReviewOn: optionalDate('the date of the rapid review'),
});

/** Records the rapid review's decision on a local review, and when the Panel was told. */
export async function decideReview(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const data = parseInput(decisionInput, input);
  await inReview(caller, reviewId, 'run', 'review.update', `decision: ${data.decision}`, async (tx, r) => {
    await tx
      .updateTable('learning_reviews')
      .set({
        decision: data.decision,
        decision_reason: data.decisionReason,
        decided_by: caller.actor.userId,
        decided_on: new Date().toISOString().slice(0, 10),
        panel_notified_on: data.panelNotifiedOn ?? null,
        rapid_review_on: data.rapidReviewOn ?? null,
        version: r.version + 1,
      })
      .where('id', '=', r.id)
      .execute();
  });
}

const lines = z
  .string()
  .max(5_000)
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(/[\s,]+/)
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  );

export const scopeInput = z.object({
  children: lines,
  periodFrom: eventDate('the start of the period'),
  periodTo: eventDate('the end of the period'),
  termsOfReference: text('the terms of reference', 20_000),
  agencies: z.array(z.uuid()).default([]),
  householdAccess: z
    .enum(['yes', 'no'], { error: 'Select whether reviewers may read the household’s records' })
    .transform((v) => v === 'yes'),
  version: z.coerce.number().int().min(1),
});

/**
 * Sets the review's scope: the children (NHS numbers or record ids, one per line; each must be a
 * child of this LA), the period, the agencies, the terms of reference and whether reviewers may
 * read the household's records. Optimistic: a stale `version` is a conflict.
 */
export async function setScope(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const data = parseInput(scopeInput, input);
  if (data.periodTo < data.periodFrom)
    throw new ValidationError([
      { field: 'periodTo', message: 'The end of the period must be after its start' },
    ]);
  await inReview(caller, reviewId, 'run', 'review.update', 'scope', async (tx, r) => {
    if (r.decision !== 'local-review')
      throw new ValidationError([
        { field: 'children', message: 'Record the decision on a local review first' },
      ]);
    const ids = data.children.map((c) => c.toLowerCase());
    const found = await tx
      .selectFrom('people')
      .select(['id', 'nhs_number'])
      .where('la_code', '=', caller.actor.laCode)
      .where('kind', 'in', ['child', 'unborn'])
      .where((eb) =>
        eb.or([
          eb('nhs_number', 'in', ids.length === 0 ? [''] : ids.map((i) => i.replace(/[\s-]/g, ''))),
          eb(eb.cast('id', 'text'), 'in', ids.length === 0 ? [''] : ids),
        ]),
      )
      .execute();
    const missing = ids.filter(
      (i) => !found.some((f) => f.id === i || f.nhs_number === i.replace(/[\s-]/g, '')),
    );
    if (ids.length === 0 || missing.length > 0)
      throw new ValidationError([
        {
          field: 'children',
          message:
            ids.length === 0
              ? 'Enter the NHS number or record id of at least one child'
              : `No child of this authority has the NHS number or record id ${missing[0]}`,
        },
      ]);
    const { numUpdatedRows } = await tx
      .updateTable('learning_reviews')
      .set({
        period_from: data.periodFrom,
        period_to: data.periodTo,
        terms_of_reference: data.termsOfReference,
        household_access: data.householdAccess,
        version: r.version + 1,
      })
      .where('id', '=', r.id)
      .where('version', '=', data.version)
      .executeTakeFirst();
    if (numUpdatedRows === 0n)
      throw new ValidationError([
        {
          field: 'termsOfReference',
          message: 'Someone else changed the scope since you opened it: check it and save again',
        },
      ]);
    await tx.deleteFrom('review_children').where('review_id', '=', r.id).execute();
    await tx
      .insertInto('review_children')
      .values(
        [...new Set(found.map((f) => f.id))].map((p) => ({
          review_id: r.id,
          person_id: p,
          la_code: r.la_code,
        })),
      )
      .execute();
    await tx.deleteFrom('review_agencies').where('review_id', '=', r.id).execute();
    if (data.agencies.length > 0)
      await tx
        .insertInto('review_agencies')
        .values(data.agencies.map((o) => ({ review_id: r.id, organisation_id: o, la_code: r.la_code })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  });
}

export const reviewerInput = z.object({ userId: z.uuid({ error: 'Select a reviewer' }) });

/**
 * Names a reviewer on the review. Refused for anyone involved with its children (an involvement
 * or allocation at any time), and for anyone who does not hold a reviewing role in this LA.
 */
export async function addReviewer(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const { userId } = parseInput(reviewerInput, input);
  await inReview(caller, reviewId, 'run', 'review.update', `reviewer named: ${userId}`, async (tx, r) => {
    const user = await tx
      .selectFrom('users as u')
      .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
      .select('u.id')
      .where('u.id', '=', userId)
      .where('u.la_code', '=', r.la_code)
      .where('u.active', '=', true)
      .where('ur.role', 'in', ['safeguarding_reviewer', 'partnership_business_manager', 'partnership_chair'])
      .executeTakeFirst();
    if (user === undefined)
      throw new ValidationError([{ field: 'userId', message: 'Select a reviewer from the list' }]);
    if (await involvedWith(tx, userId, await subjectChildren(tx, r.id)))
      throw new ValidationError([
        {
          field: 'userId',
          message: 'This person has been involved with a child of the review, so cannot review it',
        },
      ]);
    await tx
      .insertInto('review_reviewers')
      .values({ review_id: r.id, user_id: userId, la_code: r.la_code, added_by: caller.actor.userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
}

/** Closes the review: the reviewers' access to its children's records ends now. */
export async function closeReview(caller: ReviewCaller, reviewId: string): Promise<void> {
  await inReview(caller, reviewId, 'run', 'review.update', 'closed', async (tx, r) => {
    await tx
      .updateTable('learning_reviews')
      .set({ status: 'closed', closed_at: new Date(), version: r.version + 1 })
      .where('id', '=', r.id)
      .execute();
  });
}

/** The LA's partnership, for the list page. */
export async function partnershipFor(caller: ReviewCaller): Promise<Partnership | null> {
  return inTenant(caller.db, caller.actor.laCode, (tx) => partnershipOf(tx, caller.actor.laCode));
}

/** What the scope form offers and holds: the LA's organisations, the review's children and agencies. */
export async function scopeFormData(caller: ReviewCaller, reviewId: string) {
  return inReview(caller, reviewId, 'run', null, 'form', async (tx, review) => {
    const organisations = await tx
      .selectFrom('organisations as o')
      .innerJoin('organisation_areas as a', 'a.organisation_id', 'o.id')
      .select(['o.id', 'o.name'])
      .where('a.la_code', '=', review.la_code)
      .where('o.active', '=', true)
      .orderBy('o.name')
      .limit(200)
      .execute();
    const children = await subjectChildren(tx, review.id);
    const agencies = await tx
      .selectFrom('review_agencies')
      .select('organisation_id')
      .where('review_id', '=', review.id)
      .execute();
    return { review, organisations, children, agencies: agencies.map((a) => a.organisation_id) };
  });
}

/** The people who may be named as reviewers (reviewing roles in this LA), for the form. */
export async function reviewerCandidates(caller: ReviewCaller, reviewId: string) {
  return inReview(caller, reviewId, 'run', null, 'form', async (tx, review) => {
    const people = await tx
      .selectFrom('users as u')
      .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
      .select(['u.id', 'u.name'])
      .where('u.la_code', '=', review.la_code)
      .where('u.active', '=', true)
      .where('ur.role', 'in', ['safeguarding_reviewer', 'partnership_business_manager', 'partnership_chair'])
      .orderBy('u.name')
      .execute();
    return { review, people: [...new Map(people.map((p) => [p.id, p.name])).entries()] };
  });
}

/** The review row, for a form's caption, when the caller may `need` it. */
export async function reviewFor(caller: ReviewCaller, reviewId: string, need: 'read' | 'work' | 'run') {
  return inReview(caller, reviewId, need, null, 'form', async (_tx, review) => review);
}
