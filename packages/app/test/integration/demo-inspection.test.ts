/**
 * The demo borough's past inspection: seeded once through the inspection capability (Annex A
 * produced from the record, audited), with the demo inspector on it and the allocated child
 * tracked; shown to the LA among its inspections, and closed to the inspector now it has ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { DEMO_CHILDREN, seedDemoChildren } from '../../src/seed/demo-children.ts';
import { DEMO_PAST_INSPECTION_NAME, seedDemoPastInspection } from '../../src/seed/demo-inspection.ts';
import { sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const db = () => t.database.db;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const cookieOf = async (email: string) =>
  sessionCookie(
    db(),
    await db()
      .selectFrom('users')
      .select(['id', 'email', 'la_code as laCode', 'organisation_id as organisationId'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow(),
  );

describe('seedDemoPastInspection', () => {
  it('seeds an ended inspection once, with its lists and a tracked child, for the LA to look back on', async () => {
    const seeded = await seedDemoAccounts(db());
    await seedDemoChildren(db(), seeded);
    await seedDemoPastInspection(db(), seeded);
    await seedDemoPastInspection(db(), seeded);
    const past = await db()
      .selectFrom('inspections')
      .select(['id', 'kind', 'ends_at', 'annex_a_produced_at'])
      .where('name', '=', DEMO_PAST_INSPECTION_NAME)
      .execute();
    expect(past).toHaveLength(1);
    const [inspection] = past;
    expect(inspection!.kind).toBe('ilacs_standard');
    expect(new Date(inspection!.ends_at).getTime()).toBeLessThan(Date.now());
    expect(inspection!.annex_a_produced_at).not.toBeNull();
    const sample = await db()
      .selectFrom('inspection_samples')
      .select('person_id')
      .where('inspection_id', '=', inspection!.id)
      .execute();
    expect(sample.map((s) => s.person_id)).toEqual([DEMO_CHILDREN.allocated.id]);
    const produced = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'record.export')
      .where('outcome', '=', 'success')
      .execute();
    expect(produced.length).toBeGreaterThan(0);

    const la = await cookieOf('performance.officer@demo.waypoint.example');
    const list = await t.app.inject({ url: '/inspections', headers: { cookie: la } });
    expect(list.body).toContain(DEMO_PAST_INSPECTION_NAME);
    const page = await t.app.inject({ url: `/inspections/${inspection!.id}`, headers: { cookie: la } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Jayden Okafor');

    // Ended: the inspector no longer opens it, or the child through it.
    const inspector = await cookieOf('inspector@demo.waypoint.example');
    expect(
      (await t.app.inject({ url: `/inspections/${inspection!.id}`, headers: { cookie: inspector } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          url: `/inspections/${inspection!.id}/children/${DEMO_CHILDREN.allocated.id}`,
          headers: { cookie: inspector },
        })
      ).statusCode,
    ).toBe(404);
  });
});
