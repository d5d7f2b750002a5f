/** Break glass, "who has viewed this record", the subject access export, and the audit's own protection. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import {
  allocate,
  buildChild,
  buildTeam,
  buildUser,
  sessionCookie,
  type BuiltUser,
} from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());
const db = () => t.database.db;
const get = async (user: BuiltUser, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), user) } });

describe('break glass', () => {
  it('asks for a typed reason, grants short read-only access, audits it and notifies the team manager and PSW', async () => {
    const cookie = await sessionCookie(db(), w.users.workerB);
    const url = `/children/${w.children.child1}/break-glass`;
    const form = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Request emergency access to Jayden Okafor');

    const tooShort = await submitForm(t.app, url, cookie, { reason: 'urgent' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('govuk-error-summary');
    expect(tooShort.body).toContain('at least 10 characters');
    expect(await db().selectFrom('break_glass_grants').selectAll().execute()).toHaveLength(0);

    const reason = 'Police called out of hours: child reported missing tonight';
    const granted = await submitForm(t.app, url, cookie, { reason });
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe(`/children/${w.children.child1}`);

    const opened = await t.app.inject({
      method: 'GET',
      url: `/children/${w.children.child1}`,
      headers: { cookie },
    });
    expect(opened.statusCode).toBe(200);

    const grant = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('actor_user_id', '=', w.users.workerB.id)
      .where('action', '=', 'break_glass.grant')
      .executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ outcome: 'success', reason, subject_person_id: w.children.child1 });

    // The notification is a job, enqueued with the grant and run after commit.
    const queued = await db().selectFrom('jobs').select(['name', 'state', 'payload']).execute();
    const grantRow = await db().selectFrom('break_glass_grants').select('id').executeTakeFirstOrThrow();
    expect(queued).toEqual([
      { name: 'break-glass.notify', state: 'queued', payload: { grantId: grantRow.id } },
    ]);
    expect(await db().selectFrom('notifications').select('id').execute()).toHaveLength(0);
    expect(await runDueJobs(db())).toBe(1);

    const notified = await db()
      .selectFrom('notifications')
      .select(['recipient_user_id', 'message'])
      .where('person_id', '=', w.children.child1)
      .execute();
    expect(notified.map((n) => n.recipient_user_id).sort()).toEqual(
      [w.users.managerA.id, w.users.psw.id].sort(),
    );
    // Says who, which child and why; the link opens the record under the recipient's own access.
    expect(notified[0]!.message).toBe(
      `Bea Worker used emergency access to the record of Jayden Okafor (born 1 June 2015). Reason given: ${reason}`,
    );

    const inbox = await get(w.users.managerA, '/notifications');
    expect(inbox.body).toContain('used emergency access to the record of Jayden Okafor');
    expect(inbox.body).toContain(`href="/children/${w.children.child1}"`);
    // Run again (a worker that stopped after the handler committed): each recipient is told once.
    await db().updateTable('jobs').set({ state: 'queued' }).execute();
    await runDueJobs(db());
    expect(await db().selectFrom('notifications').select('id').execute()).toHaveLength(2);
  });

  it("tells the nearest manager above when the child's team has no manager", async () => {
    const teamless = await buildTeam(db(), w.la1, {
      name: 'Team without a manager',
      parentTeamId: w.teams.service,
    });
    const worker = await buildUser(db(), w.la1, ['social_worker'], { teamId: teamless });
    const child = await buildChild(db(), '901', {
      givenName: 'Mia',
      familyName: 'Hollis',
      dateOfBirth: '2018-03-09',
    });
    await allocate(db(), '901', child, teamless, worker.id);
    const cookie = await sessionCookie(db(), w.users.workerA);
    const url = `/children/${child}/break-glass`;
    expect(
      (await submitForm(t.app, url, cookie, { reason: 'Hospital called about an injury tonight' }))
        .statusCode,
    ).toBe(303);
    await runDueJobs(db());
    const notified = await db()
      .selectFrom('notifications')
      .select(['recipient_user_id', 'message'])
      .where('person_id', '=', child)
      .execute();
    expect(notified.map((n) => n.recipient_user_id).sort()).toEqual(
      [w.users.serviceManager.id, w.users.psw.id].sort(),
    );
    expect(notified[0]!.message).toContain('Mia Hollis (born 9 March 2018)');
  });

  it('expires', async () => {
    await db()
      .updateTable('break_glass_grants')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', w.users.workerB.id)
      .execute();
    expect((await get(w.users.workerB, `/children/${w.children.child1}`)).statusCode).toBe(404);
  });

  it('is not offered to a worker in another LA', async () => {
    expect((await get(w.users.workerLa2, `/children/${w.children.child1}/break-glass`)).statusCode).toBe(404);
  });
});

describe('who has viewed this record', () => {
  it('is shown to the record’s team manager and the DPO, not to the worker', async () => {
    await get(w.users.workerA, `/children/${w.children.child1}`);
    const forManager = await get(w.users.managerA, `/children/${w.children.child1}/viewers`);
    expect(forManager.statusCode).toBe(200);
    expect(forManager.body).toContain('Ada Worker');
    expect(forManager.body).toContain('emergency access');
    const forDpo = await get(w.users.dpo, `/children/${w.children.child1}/viewers`);
    expect(forDpo.statusCode).toBe(200);
    expect((await get(w.users.workerA, `/children/${w.children.child1}/viewers`)).statusCode).toBe(404);
  });

  it('exports every audit event about a person for a subject access request (DPO only), itself audited', async () => {
    const res = await get(w.users.dpo, `/children/${w.children.child1}/audit-export.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe(
      'occurred_at,action,outcome,user,email,organisation,on_behalf_of,reason,ip,request_id',
    );
    expect(res.body).toContain('record.view,success,Ada Worker');
    expect(res.body).toContain('break_glass.grant');
    expect((await get(w.users.managerA, `/children/${w.children.child1}/audit-export.csv`)).statusCode).toBe(
      404,
    );
    const exported = await db()
      .selectFrom('audit_events')
      .select('outcome')
      .where('actor_user_id', '=', w.users.dpo.id)
      .where('action', '=', 'audit.export')
      .execute();
    expect(exported.map((e) => e.outcome)).toEqual(expect.arrayContaining(['success']));
  });
});

describe('the audit itself', () => {
  it('cannot be changed or deleted by the application role, nor by the table owner', async () => {
    await expect(
      inTenant(db(), '901', (tx) => sql`update audit_events set reason = 'x'`.execute(tx)),
    ).rejects.toThrow(/permission denied/);
    await expect(inTenant(db(), '901', (tx) => sql`delete from audit_events`.execute(tx))).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`update audit_events set reason = 'x'`.execute(db())).rejects.toThrow(/insert-only/);
    await expect(sql`delete from audit_events`.execute(db())).rejects.toThrow(/insert-only/);
  });

  it('forms an intact hash chain per tenant', async () => {
    const result = await verifyAuditChain(db());
    expect(result.firstBreak).toBeNull();
    expect(result.tenants).toBe(2);
    expect(result.events).toBeGreaterThan(5);
  });
});
