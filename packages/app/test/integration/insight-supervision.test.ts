/**
 * Supervision on a real database: a team manager records reflective case supervision with a
 * worker of their team (date, children discussed, reflections, decisions, actions); it is audited
 * on each child's record and shown on the child's supervision page and the worker's own page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocate,
  buildChild,
  buildLocalAuthority,
  buildTeam,
  buildUser,
  sessionCookie,
} from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const db = () => t.database.db;
let manager: string;
let worker: string;
let workerId: string;
let outsiderId: string;
let child: string;

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), '981', 'Supervision Borough');
  const team = await buildTeam(db(), la, { name: 'Team S' });
  const other = await buildTeam(db(), la, { name: 'Team T' });
  const w = await buildUser(db(), la, ['social_worker'], { teamId: team, name: 'Wren Worker' });
  workerId = w.id;
  worker = await sessionCookie(db(), w);
  outsiderId = (await buildUser(db(), la, ['social_worker'], { teamId: other })).id;
  manager = await sessionCookie(
    db(),
    await buildUser(db(), la, ['team_manager'], { teamId: team, isManager: true, name: 'Mina Manager' }),
  );
  child = await buildChild(db(), '981', { givenName: 'Tobias', familyName: 'Underhill' });
  await allocate(db(), '981', child, team, w.id);
});
afterAll(async () => t.close());

const fields = (over: Record<string, string> = {}) => ({
  workerId,
  'heldOn-day': '2',
  'heldOn-month': '11',
  'heldOn-year': '2026',
  children: child,
  reflections: 'The family respond better to visits after school.',
  decisions: 'Keep the plan; review in four weeks.',
  actions: 'Ask the school for attendance – Wren, by Friday',
  ...over,
});

describe('supervision', () => {
  it('offers the manager their team’s workers and the chosen worker’s children', async () => {
    const page = await t.app.inject({
      url: `/supervision/new?worker=${workerId}`,
      headers: { cookie: manager },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tobias Underhill');
    const first = await t.app.inject({ url: '/supervision/new', headers: { cookie: manager } });
    expect(first.body).toContain('Wren Worker');
    expect(first.body).not.toContain(outsiderId);
  });

  it('names each missing field and saves nothing', async () => {
    const res = await submitForm(
      t.app,
      `/supervision/new?worker=${workerId}`,
      manager,
      fields({ reflections: '', children: '' }),
      '/supervision/new',
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter the reflections');
    expect(res.body).toContain('Select the children discussed');
    expect(await db().selectFrom('supervisions').selectAll().execute()).toEqual([]);
  });

  it('refuses a worker outside the manager’s teams', async () => {
    const res = await submitForm(
      t.app,
      `/supervision/new?worker=${workerId}`,
      manager,
      fields({ workerId: outsiderId }),
      '/supervision/new',
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select a worker in a team you manage');
  });

  it('records it, audited on the child, on the child’s page and the worker’s own page', async () => {
    const res = await submitForm(
      t.app,
      `/supervision/new?worker=${workerId}`,
      manager,
      fields(),
      '/supervision/new',
    );
    expect(res.statusCode).toBe(303);
    const audit = await db()
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('subject_person_id', '=', child)
      .where('reason', '=', 'supervision')
      .execute();
    expect(audit).toEqual([{ action: 'record.update', reason: 'supervision' }]);
    const mine = await t.app.inject({ url: '/supervision', headers: { cookie: worker } });
    expect(mine.body).toContain('Keep the plan; review in four weeks.');
    expect(mine.body).toContain('Tobias Underhill');
    expect(mine.body).toContain('Wren Worker with Mina Manager');
    const onChild = await t.app.inject({
      url: `/children/${child}/supervision`,
      headers: { cookie: worker },
    });
    expect(onChild.statusCode).toBe(200);
    expect(onChild.body).toContain('The family respond better to visits after school.');
  });

  it('is on the child’s journey timeline as a decision by the manager, linking to the discussions', async () => {
    const journey = await t.app.inject({ url: `/children/${child}`, headers: { cookie: worker } });
    expect(journey.statusCode).toBe(200);
    const event = /Discussed in supervision: decisions recorded[\s\S]*?<\/li>/.exec(journey.body)?.[0] ?? '';
    expect(event).toContain('Mina Manager');
    expect(event).toContain('Keep the plan; review in four weeks.');
    expect(event).toContain(`/children/${child}/supervision`);
    const api = await db()
      .selectFrom('journey_events')
      .select(['kind', 'occurred_on', 'detail'])
      .where('person_id', '=', child)
      .where('kind', '=', 'supervision')
      .execute();
    expect(api).toEqual([
      { kind: 'supervision', occurred_on: '2026-11-02', detail: 'Keep the plan; review in four weeks.' },
    ]);
  });

  it('is not for a worker to record', async () => {
    expect((await t.app.inject({ url: '/supervision/new', headers: { cookie: worker } })).statusCode).toBe(
      404,
    );
  });
});
