/** The demo borough's learning reviews: one in progress and two published, seeded once through the capabilities' operations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { seedDemoChildren } from '../../src/seed/demo-children.ts';
import { seedDemoReviews } from '../../src/seed/demo-reviews.ts';
import { sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('seedDemoReviews', () => {
  it('publishes two reviews and opens one in progress with Robin Reviewer named, once', async () => {
    const seeded = await seedDemoAccounts(t.database.db);
    await seedDemoChildren(t.database.db, seeded);
    await seedDemoReviews(t.database.db, seeded);
    await seedDemoReviews(t.database.db, seeded);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/public/reviews' });
    const body = list.json<{ total: number; reviews: { partnership: string }[] }>();
    expect(body.total).toBe(2);
    expect(body.reviews[0]!.partnership).toBe('Waypoint Demo Borough Safeguarding Children Partnership');
    const robin = await t.database.db
      .selectFrom('users')
      .select(['id', 'email', 'la_code as laCode', 'organisation_id as organisationId'])
      .where('email', '=', 'safeguarding.reviewer@demo.waypoint.example')
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'GET',
      url: '/learning-reviews',
      headers: { cookie: await sessionCookie(t.database.db, robin) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Child M, 2026');
    expect(res.body.match(/Child M, 2026/g)).toHaveLength(1);
  });
});
