/**
 * Reviewer access, the time-limited relationship of a learning review: it starts when a reviewer
 * is named on a review that decided on a local review, covers the review's children (and their
 * household only if granted) for the review's period, read-only, and ends when the review closes.
 * A reviewer of one review cannot open another review's children; nobody involved may review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeReview, addReviewer, notifyIncident } from '../../src/learning-reviews/incidents.ts';
import { sessionCookie, type BuiltUser } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { buildReviewsWorld, type ReviewsWorld } from '../support/reviews-world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let w: ReviewsWorld;
let reviewA: string;
let reviewB: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildReviewsWorld(t.database.db);
  reviewA = await w.openReview(w.children.child1, w.users.reviewer);
  reviewB = await w.openReview(w.children.child2, w.users.reviewer2);
});
afterAll(async () => t.close());

const db = () => t.database.db;
async function page(user: BuiltUser, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), user) } });
}
const lastAudit = (userId: string) =>
  db()
    .selectFrom('audit_events')
    .selectAll()
    .where('actor_user_id', '=', userId)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();

describe('reviewer access', () => {
  it('lets a named reviewer read the child’s journey for the review’s period only, audited as a record view', async () => {
    const res = await page(w.users.reviewer, `/learning-reviews/${reviewA}/children/${w.children.child1}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Jayden Okafor');
    expect(res.body).toContain('Contact received');
    expect(res.body).toContain('1 event in the period');
    expect(res.body).not.toContain('Before the review period');
    expect(await lastAudit(w.users.reviewer.id)).toMatchObject({
      action: 'record.view',
      outcome: 'success',
      subject_person_id: w.children.child1,
    });
  });

  it('shows on the child’s “who has viewed this record” as a view for a learning review', async () => {
    const res = await page(w.users.dpo, `/children/${w.children.child1}/viewers`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Robin Reviewer[\s\S]*Viewed the record for a learning review/);
  });

  it('is read-only: the live record’s pages answer not found', async () => {
    expect((await page(w.users.reviewer, `/children/${w.children.child1}`)).statusCode).toBe(404);
  });

  it('does not reach the household unless the partnership grants it', async () => {
    const res = await page(w.users.reviewer, `/learning-reviews/${reviewA}/children/${w.children.mother}`);
    expect(res.statusCode).toBe(404);
    const withHousehold = await w.openReview(w.children.child1, w.users.reviewer2, true);
    const granted = await page(
      w.users.reviewer2,
      `/learning-reviews/${withHousehold}/children/${w.children.mother}`,
    );
    expect(granted.statusCode).toBe(200);
    expect(granted.body).toContain('Kerry Okafor');
    await closeReview(w.manager, withHousehold);
  });

  it('a reviewer of one review cannot open another review’s children, through either review', async () => {
    expect(
      (await page(w.users.reviewer, `/learning-reviews/${reviewB}/children/${w.children.child2}`)).statusCode,
    ).toBe(404);
    expect(
      (await page(w.users.reviewer, `/learning-reviews/${reviewA}/children/${w.children.child2}`)).statusCode,
    ).toBe(404);
    expect((await page(w.users.reviewer, `/learning-reviews/${reviewB}`)).statusCode).toBe(404);
    expect(await lastAudit(w.users.reviewer.id)).toMatchObject({ outcome: 'denied' });
  });

  it('refuses to name anyone who was involved with the children', async () => {
    await expect(
      addReviewer(w.manager, reviewA, { userId: w.users.involvedReviewer.id }),
    ).rejects.toMatchObject({
      id: 'validation_failed',
    });
    await expect(addReviewer(w.manager, reviewA, { userId: w.users.worker.id })).rejects.toMatchObject({
      id: 'validation_failed',
    });
  });

  it('does not start before the decision on a local review', async () => {
    const id = await notifyIncident(w.manager, {
      title: 'Pending',
      incidentSummary: 'x',
      incidentOn: '2025-04-01',
      knownOn: '2025-04-02',
    });
    await db()
      .insertInto('review_children')
      .values({ review_id: id, person_id: w.children.child2, la_code: '901' })
      .execute();
    await db()
      .insertInto('review_reviewers')
      .values({ review_id: id, user_id: w.users.reviewer.id, la_code: '901' })
      .execute();
    expect(
      (await page(w.users.reviewer, `/learning-reviews/${id}/children/${w.children.child2}`)).statusCode,
    ).toBe(404);
  });

  it('ends when the review closes', async () => {
    const id = await w.openReview(w.children.child2, w.users.reviewer);
    expect(
      (await page(w.users.reviewer, `/learning-reviews/${id}/children/${w.children.child2}`)).statusCode,
    ).toBe(200);
    await closeReview(w.manager, id);
    expect(
      (await page(w.users.reviewer, `/learning-reviews/${id}/children/${w.children.child2}`)).statusCode,
    ).toBe(404);
  });
});

describe('the partnership’s pages', () => {
  it('lets the business manager notify an incident and shows the statutory dates without blocking', async () => {
    const cookie = await sessionCookie(db(), w.users.manager);
    const res = await submitForm(
      t.app,
      '/learning-reviews/new',
      cookie,
      {
        title: 'Child B, 2026',
        incidentSummary: 'A serious incident.',
        'incidentOn-day': '2',
        'incidentOn-month': '3',
        'incidentOn-year': '2026',
        'knownOn-day': '3',
        'knownOn-month': '3',
        'knownOn-year': '2026',
      },
      '/learning-reviews',
    );
    expect(res.statusCode).toBe(303);
    const shown = await page(w.users.manager, res.headers.location as string);
    expect(shown.body).toContain('by 10 March 2026'); // 5 working days from 3 March 2026
    expect(shown.body).toContain('by 24 March 2026'); // 15 working days
  });

  it('shows a clear error for a bad date, saving nothing', async () => {
    const cookie = await sessionCookie(db(), w.users.manager);
    const before = await db().selectFrom('learning_reviews').select('id').execute();
    const res = await submitForm(
      t.app,
      '/learning-reviews/new',
      cookie,
      {
        title: 'X',
        incidentSummary: 'Y',
        'incidentOn-day': '31',
        'incidentOn-month': '2',
        'incidentOn-year': '2026',
      },
      '/learning-reviews',
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Date of the incident must be a real date');
    expect(await db().selectFrom('learning_reviews').select('id').execute()).toHaveLength(before.length);
  });

  it('answers not found to someone without the capability, and to another LA', async () => {
    expect((await page(w.users.worker, '/learning-reviews')).statusCode).toBe(404);
    expect((await page(w.users.otherLa, `/learning-reviews/${reviewA}`)).statusCode).toBe(404);
    expect((await page(w.users.reviewer, '/learning-reviews/new')).statusCode).toBe(404);
  });

  it('lists to a reviewer only the reviews they are named on', async () => {
    const res = await page(w.users.reviewer, '/learning-reviews');
    expect(res.body).toContain(`/learning-reviews/${reviewA}`);
    expect(res.body).not.toContain(`/learning-reviews/${reviewB}`);
  });
});
