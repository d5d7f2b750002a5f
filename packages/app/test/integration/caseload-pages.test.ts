/** Caseload, team and manager pages, allocation and transfer, and the caseload API's status. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, bearer, buildChild, sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let waiting: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  const db = t.database.db;
  const child = w.children.child1;
  const episode = await db
    .insertInto('cin_episodes')
    .values({
      la_code: '901',
      person_id: child,
      referral_on: '2026-09-01',
      source: '2A',
      recorded_by: w.users.workerA.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cin_plans')
    .values({
      la_code: '901',
      person_id: child,
      cin_episode_id: episode.id,
      started_on: '2026-10-01',
      recorded_by: w.users.workerA.id,
    })
    .execute();
  await db
    .insertInto('visits')
    .values({
      la_code: '901',
      person_id: child,
      visit_date: '2026-11-10',
      seen: 'seen-alone',
      summary: 'Saw him.',
      recorded_by: w.users.workerA.id,
    })
    .execute();
  await db
    .insertInto('timescales')
    .values([
      {
        la_code: '901',
        person_id: child,
        subject: 'Assessment',
        due_on: '2026-11-01',
        reason: 'Mum is in hospital until late October',
        set_by: w.users.workerA.id,
      },
      {
        la_code: '901',
        person_id: child,
        subject: 'Plan review',
        due_on: '2027-01-15',
        reason: 'After the school term',
        set_by: w.users.workerA.id,
      },
    ])
    .execute();
  waiting = await buildChild(db, '901', {
    givenName: 'Ivy',
    familyName: 'Waiting',
    dateOfBirth: '2019-04-04',
  });
  await allocate(db, '901', waiting, w.teams.teamA, null);
});
afterAll(async () => t.close());
const db = () => t.database.db;
const get = async (user: AccessWorld['users']['workerA'], url: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), user) } });

describe('caseload', () => {
  it('lists my children with status, last visit and next timescale, and is in the navigation', async () => {
    const res = await get(w.users.workerA, '/caseload');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Jayden Okafor');
    expect(res.body).toContain('Child in need plan since 1 October 2026');
    expect(res.body).toContain('10 November 2026');
    expect(res.body).toContain('Assessment: 1 November 2026');
    expect(res.body).not.toContain('Ivy Waiting');
    expect(res.body).toContain('href="/caseload"');
    expect(res.body).not.toContain('href="/manager"');
  });

  it('gives the API the real status', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/caseload',
      headers: { authorization: await bearer(db(), w.users.workerA) },
    });
    expect(res.json()).toEqual({
      children: [
        {
          id: w.children.child1,
          name: 'Jayden Okafor',
          dateOfBirth: '2015-06-01',
          status: 'Child in need plan since 1 October 2026',
        },
      ],
    });
  });
});

describe('team and manager pages', () => {
  it('show a team manager their workers’ counts, the team’s children and unallocated work', async () => {
    const res = await get(w.users.managerA, `/teams/${w.teams.teamA}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Ada Worker[\s\S]*?>\s*1\s*</);
    expect(res.body).toContain('Children allocated to the team but to no worker');
    expect(res.body).toContain('Ivy Waiting');
    expect(res.body).toContain(`href="/children/${waiting}/allocate"`);
  });

  it('refuse a team outside the manager’s line, and people who are not managers', async () => {
    expect((await get(w.users.managerA, `/teams/${w.teams.teamB}`)).statusCode).toBe(404);
    expect((await get(w.users.serviceManager, `/teams/${w.teams.teamB}`)).statusCode).toBe(200);
    expect((await get(w.users.workerA, `/teams/${w.teams.teamA}`)).statusCode).toBe(403);
    expect((await get(w.users.workerA, '/manager')).statusCode).toBe(403);
  });

  it('show a manager the children whose own timescales have passed, with the reason, and unallocated work', async () => {
    const res = await get(w.users.serviceManager, '/manager');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Mum is in hospital until late October');
    expect(res.body).toContain('1 November 2026');
    expect(res.body).not.toContain('After the school term');
    expect(res.body).toContain('Ivy Waiting');
    expect(res.body).toContain('href="/manager"');
  });
});

describe('allocating and transferring', () => {
  it('lets a manager allocate unallocated work to a worker in the team, audited and on the timeline', async () => {
    const cookie = await sessionCookie(db(), w.users.managerA);
    const url = `/children/${waiting}/allocate`;
    const noReason = await submitForm(t.app, url, cookie, {
      teamId: w.teams.teamA,
      workerUserId: '',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    const notInTeam = await submitForm(t.app, url, cookie, {
      teamId: w.teams.teamA,
      workerUserId: w.users.workerB.id,
      reason: 'Capacity',
    });
    expect(notInTeam.statusCode).toBe(400);
    expect(notInTeam.body).toContain('href="#workerUserId"');
    expect(notInTeam.body).toContain('Select a worker in Team A');

    const ok = await submitForm(t.app, url, cookie, {
      teamId: w.teams.teamA,
      workerUserId: w.users.colleagueA.id,
      reason: 'Capacity after a case closed',
    });
    expect(ok.statusCode).toBe(303);
    const current = await db()
      .selectFrom('allocations')
      .selectAll()
      .where('person_id', '=', waiting)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(current).toMatchObject({
      team_id: w.teams.teamA,
      worker_user_id: w.users.colleagueA.id,
      reason: 'Capacity after a case closed',
    });
    const audit = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_person_id', '=', waiting)
      .where('action', '=', 'record.update')
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(w.users.managerA.id);
    const journey = await t.app.inject({
      method: 'GET',
      url: `/api/v1/children/${waiting}/journey`,
      headers: { authorization: await bearer(db(), w.users.colleagueA) },
    });
    expect(
      journey.json<{ events: { type: string }[] }>().events.filter((e) => e.type === 'allocation'),
    ).toHaveLength(2);
  });

  it('transfers to another team, after which the old team loses access', async () => {
    const cookie = await sessionCookie(db(), w.users.serviceManager);
    const res = await submitForm(t.app, `/children/${waiting}/allocate`, cookie, {
      teamId: w.teams.teamB,
      workerUserId: '',
      reason: 'Moved to the other side of the borough',
    });
    expect(res.statusCode).toBe(303);
    expect((await get(w.users.colleagueA, `/children/${waiting}`)).statusCode).toBe(404);
    const page = await get(w.users.managerB, `/children/${waiting}/allocate`);
    expect(page.body).toContain('Allocation history');
    expect(page.body).toContain('Moved to the other side of the borough');
  });

  it('is not for social workers', async () => {
    expect((await get(w.users.workerA, `/children/${w.children.child1}/allocate`)).statusCode).toBe(403);
  });
});
