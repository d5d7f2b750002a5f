/**
 * The demo on first start: its partners' involvements and the LAs' own services are published to
 * the index by a job per LA, so the demo social worker finds Jayden known to a GP, a school and
 * the police in the neighbouring borough; the health visitor's shielded involvement is not shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant.ts';
import { setIndexPort } from '../../src/involvement/index-port.ts';
import { enqueuePublishAll } from '../../src/involvement/publish-all.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { DEMO_LAS, seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { DEMO_CHILDREN, seedDemoChildren } from '../../src/seed/demo-children.ts';
import { seedDemoCpis } from '../../src/seed/demo-cpis.ts';
import { seedDemoInvolvements } from '../../src/seed/demo-involvements.ts';
import { sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { MemoryIndex } from '../support/memory-index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const index = new MemoryIndex();
beforeAll(async () => {
  t = await createTestApp();
  setIndexPort(index);
});
afterAll(async () => {
  setIndexPort(null);
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
    const held = [...index.held.values()];
    expect(
      held.filter((p) => p.identity.familyName === DEMO_CHILDREN.allocated.family).length,
    ).toBeGreaterThanOrEqual(4);
    expect(held.some((p) => p.shielded && p.organisation.name === 'Demo Valley NHS Foundation Trust')).toBe(
      true,
    );

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
