/**
 * Two-actor stories for every route that touches a person's record: who gets the record, who gets
 * "not found", and what the audit says about each attempt.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltUser } from '../support/factories.ts';
import { bearer, sessionCookie } from '../support/factories.ts';
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
async function page(user: BuiltUser, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), user) } });
}
async function api(user: BuiltUser, url: string, scopes?: Parameters<typeof bearer>[2]) {
  return t.app.inject({ method: 'GET', url, headers: { authorization: await bearer(db(), user, scopes) } });
}
async function lastAudit(userId: string) {
  return db()
    .selectFrom('audit_events')
    .selectAll()
    .where('actor_user_id', '=', userId)
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
}

describe('a worker in another LA', () => {
  it('gets 404 for a child in LA 1 by id, on the page and the API, and the attempt is audited in their own LA', async () => {
    const res = await page(w.users.workerLa2, `/children/${w.children.child1}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
    expect(res.body).not.toContain('Jayden');
    const viaApi = await api(w.users.workerLa2, `/api/v1/children/${w.children.child1}`);
    expect(viaApi.statusCode).toBe(404);
    expect(viaApi.json()).toMatchObject({ error: { id: 'not_found' } });
    const event = await lastAudit(w.users.workerLa2.id);
    expect(event).toMatchObject({
      la_code: '902',
      action: 'record.view',
      outcome: 'denied',
      record_id: w.children.child1,
    });
  });

  it('cannot reach the other tenant even with a query that forgets the LA filter (row-level security)', async () => {
    const { inTenant } = await import('../../src/db/tenant.ts');
    const rows = await inTenant(db(), '902', (tx) => sql<{ id: string }>`select id from people`.execute(tx));
    expect(rows.rows.map((r) => r.id)).toEqual([w.children.childLa2]);
    await expect(
      inTenant(db(), '902', (tx) =>
        tx
          .insertInto('people')
          .values({ la_code: '901', kind: 'child', given_name: 'X', family_name: 'Y' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('a worker in the same LA without a relationship', () => {
  it('gets 404 and an audit event with outcome "denied"', async () => {
    const res = await page(w.users.workerB, `/children/${w.children.child1}`);
    expect(res.statusCode).toBe(404);
    expect(await lastAudit(w.users.workerB.id)).toMatchObject({
      la_code: '901',
      action: 'record.view',
      outcome: 'denied',
      subject_person_id: w.children.child1,
    });
  });

  it('gets 404 for an id that is not a record at all, the same as for one they may not see', async () => {
    expect((await page(w.users.workerB, '/children/not-a-uuid')).statusCode).toBe(404);
    expect((await page(w.users.workerB, '/children/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });
});

describe('legitimate relationships', () => {
  it('let the allocated worker, their team and their management line open the record, audited', async () => {
    for (const user of [w.users.workerA, w.users.colleagueA, w.users.managerA, w.users.serviceManager]) {
      const res = await page(user, `/children/${w.children.child1}`);
      expect(res.statusCode, user.email).toBe(200);
      expect(res.body).toContain('Jayden Okafor');
      expect(await lastAudit(user.id)).toMatchObject({
        action: 'record.view',
        outcome: 'success',
        subject_person_id: w.children.child1,
      });
    }
  });

  it('let the front door see a child only while a contact is being screened', async () => {
    expect((await page(w.users.frontDoor, `/children/${w.children.screened}`)).statusCode).toBe(200);
    await db().updateTable('contacts').set({ status: 'decided' }).where('id', '=', w.contactId).execute();
    expect((await page(w.users.frontDoor, `/children/${w.children.screened}`)).statusCode).toBe(404);
    await db().updateTable('contacts').set({ status: 'screening' }).where('id', '=', w.contactId).execute();
  });

  it('give an inspector their sampled children until the inspection ends', async () => {
    const now = Date.now();
    const ins = await db()
      .insertInto('inspections')
      .values({
        la_code: '901',
        name: 'ILACS',
        starts_at: new Date(now - 3_600_000),
        ends_at: new Date(now + 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('inspection_inspectors')
      .values({ inspection_id: ins.id, user_id: w.users.inspector.id, la_code: '901' })
      .execute();
    await db()
      .insertInto('inspection_samples')
      .values({ inspection_id: ins.id, person_id: w.children.child1, la_code: '901' })
      .execute();
    expect((await page(w.users.inspector, `/children/${w.children.child1}`)).statusCode).toBe(200);
    expect((await page(w.users.inspector, `/children/${w.children.screened}`)).statusCode).toBe(404);
    await db()
      .updateTable('inspections')
      .set({ ends_at: new Date(now - 60_000) })
      .where('id', '=', ins.id)
      .execute();
    expect((await page(w.users.inspector, `/children/${w.children.child1}`)).statusCode).toBe(404);
  });

  it('give system administrators and DPOs no view of the record itself', async () => {
    expect((await page(w.users.admin, `/children/${w.children.child1}`)).statusCode).toBe(404);
    expect((await page(w.users.dpo, `/children/${w.children.child1}`)).statusCode).toBe(404);
  });
});

describe('a partner practitioner', () => {
  it('sees a child only for the period of their recorded involvement', async () => {
    const url = `/api/v1/children/${w.children.child1}`;
    expect((await api(w.users.partner, url)).statusCode).toBe(404);
    const inv = await db()
      .insertInto('involvements')
      .values({
        la_code: '901',
        person_id: w.children.child1,
        organisation_id: w.police,
        user_id: w.users.partner.id,
        role: 'Police officer',
        started_on: '2024-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await api(w.users.partner, url);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Jayden Okafor' });
    await db().updateTable('involvements').set({ ended_on: '2024-06-30' }).where('id', '=', inv.id).execute();
    expect((await api(w.users.partner, url)).statusCode).toBe(404);
    await db().updateTable('involvements').set({ ended_on: null }).where('id', '=', inv.id).execute();
  });

  it('cannot break glass or see who viewed the record', async () => {
    expect((await page(w.users.partner, `/children/${w.children.screened}/break-glass`)).statusCode).toBe(
      404,
    );
    expect((await page(w.users.partner, `/children/${w.children.child1}/viewers`)).statusCode).toBe(404);
  });
});

describe('restricted records', () => {
  it('are hidden from everyone except the allocated worker and the named roles with a relationship', async () => {
    const url = `/children/${w.children.restricted}`;
    expect((await page(w.users.workerB, url)).statusCode).toBe(200);
    expect((await page(w.users.managerB, url)).statusCode).toBe(200);
    expect((await page(w.users.colleagueB, url)).statusCode).toBe(404);
    expect((await page(w.users.managerA, url)).statusCode).toBe(404);
    expect((await page(w.users.colleagueB, `${url}/break-glass`)).statusCode).toBe(404);
  });

  it('never appear in search results to others', async () => {
    const others = await api(w.users.colleagueB, '/api/v1/children?name=Okafor');
    const names = others.json<{ results: { name: string }[] }>().results.map((r) => r.name);
    expect(names).toContain('Jayden Okafor');
    expect(names).not.toContain('Nadia Okafor');
    const allocated = await api(w.users.workerB, '/api/v1/children?name=Okafor');
    expect(allocated.json<{ results: { name: string }[] }>().results.map((r) => r.name)).toContain(
      'Nadia Okafor',
    );
  });
});

describe('search', () => {
  it('finds sound-alikes and typos, offers break glass instead of the record, and is audited', async () => {
    const res = await api(w.users.workerB, '/api/v1/children?name=Jaden%20Okafore');
    const hit = res
      .json<{ results: { id: string; canOpen: boolean; canBreakGlass: boolean }[] }>()
      .results.find((r) => r.id === w.children.child1);
    expect(hit).toMatchObject({ canOpen: false, canBreakGlass: true });
    expect(await lastAudit(w.users.workerB.id)).toMatchObject({
      action: 'record.search',
      outcome: 'success',
    });
  });

  it('shows a partner only the children they are involved with', async () => {
    const res = await api(w.users.partner, '/api/v1/children?name=Marsh');
    expect(res.json<{ results: unknown[] }>().results).toEqual([]);
  });

  it('shows a worker in another LA nothing from LA 1', async () => {
    const res = await api(w.users.workerLa2, '/api/v1/children?name=Okafor');
    expect(res.json<{ results: unknown[] }>().results).toEqual([]);
  });
});

describe('API tokens', () => {
  it('need the children:read scope, and a token at all', async () => {
    const noScope = await api(w.users.workerA, `/api/v1/children/${w.children.child1}`, ['audit:read']);
    expect(noScope.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/children/${w.children.child1}` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { id: 'unauthenticated' } });
  });

  it('pages send people who are not signed in to sign in', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/children/${w.children.child1}` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toMatch(/^\/sign-in\?next=/);
  });
});
