/** Recording a visit (page and API) and reading the journey and caseload, with access and audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, sessionCookie } from '../support/factories.ts';
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
const visits = () =>
  db().selectFrom('visits').selectAll().where('person_id', '=', w.children.child1).execute();

describe('recording a visit through the API', () => {
  it('needs only date, seen and summary, and is audited', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${w.children.child1}/visits`,
      headers: { authorization: await bearer(db(), w.users.workerA) },
      payload: {
        date: '2026-11-20',
        seen: 'seen-alone',
        summary: 'Saw Jayden at home after school.',
        childSaid: 'I like my new football boots',
        minutesWithChild: 45,
      },
    });
    expect(res.statusCode).toBe(201);
    const { id } = res.json<{ id: string }>();
    expect(await visits()).toEqual([
      expect.objectContaining({
        id,
        seen: 'seen-alone',
        minutes_with_child: 45,
        recorded_by: w.users.workerA.id,
      }),
    ]);
    const audit = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'record.create')
      .where('actor_user_id', '=', w.users.workerA.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      outcome: 'success',
      subject_person_id: w.children.child1,
      reason: `visit visits ${id}`,
    });
  });

  it('answers 400 naming each bad field, and saves nothing', async () => {
    const before = (await visits()).length;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${w.children.child1}/visits`,
      headers: { authorization: await bearer(db(), w.users.workerA) },
      payload: { date: '2099-01-01', seen: 'maybe', summary: '' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ error: { id: string; fields: { field: string }[] } }>().error;
    expect(fields.id).toBe('validation_failed');
    expect(fields.fields.map((f) => f.field).sort()).toEqual(['date', 'seen', 'summary']);
    expect((await visits()).length).toBe(before);
  });

  it('answers 404 without access, audits the denial and saves nothing', async () => {
    const before = (await visits()).length;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${w.children.child1}/visits`,
      headers: { authorization: await bearer(db(), w.users.workerB) },
      payload: { date: '2026-11-20', seen: 'seen', summary: 'x' },
    });
    expect(res.statusCode).toBe(404);
    expect((await visits()).length).toBe(before);
    const denied = await db()
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'record.create')
      .where('actor_user_id', '=', w.users.workerB.id)
      .executeTakeFirstOrThrow();
    expect(denied.outcome).toBe('denied');
  });

  it('needs the children:write scope', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${w.children.child1}/visits`,
      headers: { authorization: await bearer(db(), w.users.workerA, ['children:read']) },
      payload: { date: '2026-11-20', seen: 'seen', summary: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('recording a visit on the page', () => {
  it('shows a GOV.UK error summary naming each field, then saves a corrected visit and shows it on the journey', async () => {
    const cookie = await sessionCookie(db(), w.users.colleagueA);
    const form = `/children/${w.children.child1}/visits/new`;
    const post = `/children/${w.children.child1}/visits`;
    const bad = await submitForm(
      t.app,
      form,
      cookie,
      { 'date-day': '31', 'date-month': '2', 'date-year': '2026', summary: '' },
      post,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('href="#date-day"');
    expect(bad.body).toContain('Date of the visit must be a real date');
    expect(bad.body).toContain('Select whether the child was seen');
    expect(bad.body).toContain('Enter what happened');

    const good = await submitForm(
      t.app,
      form,
      cookie,
      {
        'date-day': '21',
        'date-month': '11',
        'date-year': '2026',
        seen: 'not-seen',
        notSeenReason: 'Nobody answered the door',
        summary: 'Left a card.',
      },
      post,
    );
    expect(good.statusCode).toBe(303);
    const page = await t.app.inject({
      method: 'GET',
      url: good.headers.location as string,
      headers: { cookie },
    });
    expect(page.body).toContain('Visit recorded');
    expect(page.body).toContain('Visit: child not seen');
    expect(page.body).toContain('Nobody answered the door');
    expect(page.body).toContain('What the child said:');
  });
});

describe('journey and caseload', () => {
  it('give the worker their caseload and the child’s journey, newest first', async () => {
    const auth = { authorization: await bearer(db(), w.users.workerA) };
    const caseload = await t.app.inject({ method: 'GET', url: '/api/v1/me/caseload', headers: auth });
    expect(caseload.json<{ children: { id: string }[] }>().children.map((c) => c.id)).toEqual([
      w.children.child1,
    ]);
    const journey = await t.app.inject({
      method: 'GET',
      url: `/api/v1/children/${w.children.child1}/journey`,
      headers: auth,
    });
    const events = journey.json<{ events: { type: string; date: string; text: string | null }[] }>().events;
    expect(events.find((e) => e.type === 'visit')).toMatchObject({ type: 'visit', date: '2026-11-21' });
    expect(events.some((e) => e.type === 'allocation')).toBe(true);
    expect(events.map((e) => e.date)).toEqual([...events.map((e) => e.date)].sort().reverse());
  });

  it('leave the narrative out for a partner, who may not read case notes', async () => {
    await db()
      .insertInto('involvements')
      .values({
        la_code: '901',
        person_id: w.children.child1,
        organisation_id: w.police,
        user_id: w.users.partner.id,
        role: 'Police officer',
        started_on: '2024-01-01',
      })
      .execute();
    const journey = await t.app.inject({
      method: 'GET',
      url: `/api/v1/children/${w.children.child1}/journey`,
      headers: { authorization: await bearer(db(), w.users.partner) },
    });
    const visitsSeen = journey
      .json<{ events: { type: string; text: string | null; childSaid: string | null }[] }>()
      .events.filter((e) => e.type === 'visit');
    expect(visitsSeen.length).toBeGreaterThan(0);
    for (const v of visitsSeen) expect(v).toMatchObject({ text: null, childSaid: null });
  });

  it('is 404 for a worker in another LA', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/children/${w.children.child1}/journey`,
      headers: { authorization: await bearer(db(), w.users.workerLa2) },
    });
    expect(res.statusCode).toBe(404);
  });
});
