/**
 * The demo on first start: its partners' involvements and the LAs' own services are published to
 * the index by a job per LA, so the demo social worker finds Jayden known to a GP, a school and
 * the police in the neighbouring borough; the health visitor's shielded involvement is not shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant.ts';
import { enqueuePublishAll } from '../../src/involvement/publish-all.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { DEMO_LAS, seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { seedDemoChildren } from '../../src/seed/demo-children.ts';
import { seedDemoCpis } from '../../src/seed/demo-cpis.ts';
import { seedDemoInvolvements } from '../../src/seed/demo-involvements.ts';
import { sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createTestIndex, type TestIndex } from '../support/test-index.ts';

let t: TestApp;
let index: TestIndex;
beforeAll(async () => {
  t = await createTestApp();
  index = await createTestIndex();
});
afterAll(async () => {
  await index.close();
  await t.close();
});

const demoUser = (email: string) =>
  t.database.db
    .selectFrom('users')
    .select(['id', 'email', 'la_code as laCode', 'organisation_id as organisationId'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();

describe('the demo’s involvements', () => {
  it('are published once the demo is generated, and a social worker finds Jayden’s agencies', async () => {
    const seeded = await seedDemoAccounts(t.database.db);
    const children = await seedDemoChildren(t.database.db, seeded);
    await seedDemoCpis(t.database.db, seeded);
    await seedDemoInvolvements(t.database.db, seeded);
    await seedDemoInvolvements(t.database.db, seeded);
    for (const la of DEMO_LAS)
      await inTenant(t.database.db, la.laCode, async (tx) => {
        await enqueuePublishAll(tx, 'demo-generated');
        await enqueuePublishAll(tx, 'demo-generated');
      });
    await runDueJobs(t.database.db);
    await runDueJobs(t.database.db);
    // Nothing the index refused: no publishing job is waiting to retry or dead.
    expect(
      await t.database.db
        .selectFrom('jobs')
        .select(['state', 'last_error'])
        .where('name', '=', 'involvement.publish')
        .where('state', 'in', ['retry', 'dead'])
        .execute(),
    ).toEqual([]);
    // Every involvement of both LAs with a named contact is in the index, once (published twice: the
    // same version is unchanged); the council's note of a police officer on Jayden's record, without
    // a contact, is not published.
    const involvements = await t.database.db
      .selectFrom('involvements')
      .select(['id', 'version'])
      .where('erased_at', 'is', null)
      .where('contact_phone', 'is not', null)
      .execute();
    expect(involvements.length).toBeGreaterThanOrEqual(4);
    for (const i of involvements)
      expect(await index.publication(i.id), i.id).toMatchObject({ version: i.version, withdrawn: false });
    const held = await index.index.database.db
      .selectFrom('publications')
      .select(['organisation_name', 'service', 'shielded'])
      .execute();
    expect(held).toHaveLength(involvements.length);
    expect(held.filter((p) => p.shielded)).toEqual([
      { organisation_name: 'Demo Valley NHS Foundation Trust', service: 'Health visiting', shielded: true },
    ]);

    const worker = await demoUser('social.worker@demo.waypoint.example');
    const res = await submitForm(
      t.app,
      `/children/${children.allocated}/who-else`,
      await sessionCookie(t.database.db, worker),
      { reason: 'assessment' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Demo Green Surgery');
    expect(res.body).toContain('Demo Park Academy');
    expect(res.body).toContain('Missing persons unit (Neighbour Borough)');
    expect(res.body).not.toContain('Health visiting');
  });
});
