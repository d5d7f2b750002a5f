/** Each step of the journey through the API, and the rules between them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, bearer, buildChild, sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  token = await bearer(t.database.db, w.users.workerA);
});
afterAll(async () => t.close());
const db = () => t.database.db;

async function step(child: string, kind: string, payload: Record<string, unknown>, auth = token) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/children/${child}/journey/${kind}`,
    headers: { authorization: auth },
    payload,
  });
}
async function ok(child: string, kind: string, payload: Record<string, unknown>) {
  const res = await step(child, kind, payload);
  expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
  return res.json<{ id: string }>().id;
}
async function refused(child: string, kind: string, payload: Record<string, unknown>) {
  const res = await step(child, kind, payload);
  expect(res.statusCode, res.body).toBe(400);
  return res.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields;
}
async function newChild() {
  const id = await buildChild(db(), '901', {
    givenName: 'Test',
    familyName: 'Child',
    dateOfBirth: '2016-01-01',
  });
  await allocate(db(), '901', id, w.teams.teamA, w.users.workerA.id);
  return id;
}
async function referred(child: string) {
  await ok(child, 'contact', { receivedOn: '2026-01-05', source: '2A', worries: 'Bruises seen at school.' });
  await ok(child, 'contact-decision', {
    decidedOn: '2026-01-06',
    decision: 'referral',
    primaryNeed: 'N1',
    reason: 'Needs an assessment.',
  });
}

describe('a child protection journey from contact to closure', () => {
  it('records every step, and the journey lists them', async () => {
    const child = await newChild();
    await referred(child);
    await ok(child, 'assessment', {
      startedOn: '2026-01-07',
      completedOn: '2026-01-20',
      childDevelopment: 'Doing well at school.',
      parentingCapacity: 'Mum is struggling.',
      familyEnvironment: 'Overcrowded flat.',
      factors: ['3B', '16A'],
      analysis: 'Worried about significant harm.',
      outcome: 'strategy',
    });
    await ok(child, 'strategy', {
      heldOn: '2026-01-21',
      attendees: 'Police, school, health',
      decision: 's47',
      reason: 'Threshold met.',
    });
    await ok(child, 's47', { startedOn: '2026-01-21' });
    await ok(child, 's47-complete', {
      completedOn: '2026-01-30',
      outcome: 'conference',
      reason: 'Concerns substantiated.',
    });
    await ok(child, 'initial-conference', {
      heldOn: '2026-02-10',
      decision: 'plan',
      category: 'NEG',
      reason: 'Neglect.',
    });
    const goal = await ok(child, 'goal', {
      plan: 'cp',
      goal: 'Mum gets Jayden to school every day',
      addedOn: '2026-02-10',
      score: 3,
    });
    await ok(child, 'plan-review', {
      plan: 'cp',
      heldOn: '2026-03-01',
      worriesExplained: 'yes',
      agreesWithPlan: 'partly',
      childViews: 'I want to stay with mum.',
      summary: 'Some progress.',
      scores: { [goal]: 6 },
    });
    await ok(child, 'review-conference', { heldOn: '2026-05-10', decision: 'end', reason: 'Safe now.' });
    await ok(child, 'closure', { closedOn: '2026-06-01', closureReason: 'RC7', note: 'No longer in need.' });

    const plan = await db()
      .selectFrom('cp_plans')
      .selectAll()
      .where('person_id', '=', child)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ started_on: '2026-02-10', initial_category: 'NEG', ended_on: '2026-05-10' });
    const scores = await db()
      .selectFrom('goal_scores')
      .select(['score', 'scored_on'])
      .where('goal_id', '=', goal)
      .orderBy('scored_on')
      .execute();
    expect(scores).toEqual([
      { score: 3, scored_on: '2026-02-10' },
      { score: 6, scored_on: '2026-03-01' },
    ]);
    const res = await t.app.inject({
      url: `/api/v1/children/${child}/journey`,
      headers: { authorization: token },
    });
    const types = res.json<{ events: { type: string }[] }>().events.map((e) => e.type);
    for (const type of [
      'contact',
      'contact-decision',
      'referral',
      'assessment',
      'strategy',
      's47',
      'conference',
      'cp-plan',
      'goal',
      'plan-review',
      'cp-plan-end',
      'closure',
    ])
      expect(types).toContain(type);
    const audited = await db()
      .selectFrom('audit_events')
      .select('reason')
      .where('subject_person_id', '=', child)
      .where('action', '=', 'record.create')
      .execute();
    expect(audited.length).toBe(11);
  });
});

describe('the rules between steps', () => {
  it('a child protection plan needs a conference, which needs a section 47 enquiry', async () => {
    const child = await newChild();
    await referred(child);
    const fields = await refused(child, 'initial-conference', {
      heldOn: '2026-02-10',
      decision: 'plan',
      category: 'NEG',
      reason: 'x',
    });
    expect(fields[0]?.message).toMatch(/section 47/);
    expect(
      await db().selectFrom('conferences').select('id').where('person_id', '=', child).execute(),
    ).toEqual([]);
    await refused(child, 's47', { startedOn: '2026-01-08' });
  });

  it('a closed episode takes no new activity', async () => {
    const child = await newChild();
    await referred(child);
    await ok(child, 'closure', { closedOn: '2026-01-10', closureReason: 'RC7', note: 'Moved away.' });
    const fields = await refused(child, 'assessment', { startedOn: '2026-01-11' });
    expect(fields.map((f) => f.field)).toEqual(['startedOn']);
    expect(fields[0]?.message).toMatch(/no open child in need episode/);
    await refused(child, 'strategy', { heldOn: '2026-01-11', decision: 's47', reason: 'x' });
  });

  it('cannot close with a child protection plan in place, or with RC8 before an assessment', async () => {
    const child = await newChild();
    await referred(child);
    const fields = await refused(child, 'closure', {
      closedOn: '2026-01-10',
      closureReason: 'RC8',
      note: 'x',
    });
    expect(fields.map((f) => f.field)).toEqual(['closureReason']);
    expect(fields[0]?.message).toMatch(/RC8 and RC9/);
  });

  it('dates must follow the journey: no assessment before the referral', async () => {
    const child = await newChild();
    await referred(child);
    const fields = await refused(child, 'assessment', { startedOn: '2026-01-01' });
    expect(fields[0]).toEqual({
      field: 'startedOn',
      message: 'The assessment cannot start before the referral (6 January 2026)',
    });
  });

  it('bad input names each field and saves nothing', async () => {
    const child = await newChild();
    const res = await step(child, 'contact', { receivedOn: '2099-01-01', source: 'ZZ' });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json<{ error: { fields: { field: string }[] } }>()
      .error.fields.map((f) => f.field)
      .sort();
    expect(fields).toEqual(['receivedOn', 'source', 'worries']);
    expect(await db().selectFrom('contacts').select('id').where('person_id', '=', child).execute()).toEqual(
      [],
    );
  });

  it('a caller without access gets 404 and nothing is saved', async () => {
    const child = await newChild();
    const res = await step(
      child,
      'note',
      { notedOn: '2026-01-01', title: 'x', body: 'y' },
      await bearer(db(), w.users.workerB),
    );
    expect(res.statusCode).toBe(404);
    expect(await db().selectFrom('case_notes').select('id').where('person_id', '=', child).execute()).toEqual(
      [],
    );
  });

  it('looked-after episodes: a change of placement ends one episode and starts the next', async () => {
    const child = await newChild();
    await referred(child);
    await ok(child, 'care-start', {
      startedOn: '2026-02-01',
      categoryOfNeed: 'N1',
      legalStatus: 'V2',
      placementType: 'U6',
      placementPostcode: 'ab1 2dd',
    });
    await ok(child, 'care-change', { changedOn: '2026-03-01', legalStatus: 'C1', placementType: 'U6' });
    const eps = await db()
      .selectFrom('care_episodes')
      .selectAll()
      .where('person_id', '=', child)
      .orderBy('started_on')
      .execute();
    expect(
      eps.map((e) => [
        e.started_on,
        e.reason_new,
        e.legal_status,
        e.ended_on,
        e.reason_end,
        e.placement_postcode,
      ]),
    ).toEqual([
      ['2026-02-01', 'S', 'V2', '2026-03-01', 'X1', 'AB1 2DD'],
      ['2026-03-01', 'L', 'C1', null, null, null],
    ]);
    expect(
      (await refused(child, 'closure', { closedOn: '2026-04-01', closureReason: 'RC7', note: 'x' }))[0]
        ?.message,
    ).toMatch(/looked after/);
  });
});

describe('the OpenAPI document', () => {
  it('lists every journey step with its request schema', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    const doc = res.json<{
      paths: Record<
        string,
        {
          post?: {
            requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
          };
        }
      >;
    }>();
    const conference = doc.paths['/api/v1/children/{id}/journey/initial-conference']?.post;
    expect(
      Object.keys(conference?.requestBody?.content['application/json']?.schema.properties ?? {}).sort(),
    ).toEqual(['category', 'decision', 'heldOn', 'reason']);
    expect(doc.paths['/api/v1/children/{id}/journey/contact']).toBeDefined();
    expect(doc.paths['/api/v1/children/{id}/notes/{noteId}']).toBeDefined();
  });
});

describe('early help and missing episodes', () => {
  it('early help starts, steps up and ends; a child missing now is a warning on the journey', async () => {
    const child = await newChild();
    await ok(child, 'early-help', {
      startedOn: '2026-01-02',
      origin: 'request',
      leadProfessional: 'School family support worker',
      teamAroundFamily: 'School, health visitor',
      assessmentOn: '2026-01-09',
      reason: 'Help with routines.',
    });
    await refused(child, 'early-help', { startedOn: '2026-01-03', origin: 'request', reason: 'x' });
    await ok(child, 'early-help-end', { endedOn: '2026-02-01', endReason: 'step-up' });
    await ok(child, 'missing', { kind: 'missing', startedOn: '2026-02-03', summary: 'Did not come home.' });
    const cookie = await sessionCookie(db(), w.users.workerA);
    const page = await t.app.inject({ url: `/children/${child}`, headers: { cookie } });
    expect(page.body).toContain('has been missing since 3 February 2026');
    expect(page.body).toContain('Early help ended: stepped up');
    const eh = await db()
      .selectFrom('early_help_episodes')
      .selectAll()
      .where('person_id', '=', child)
      .executeTakeFirstOrThrow();
    expect(eh).toMatchObject({ assessment_on: '2026-01-09', ended_on: '2026-02-01', end_reason: 'step-up' });
  });
});

describe('review conferences', () => {
  it('a plan that continues in the same category is recorded without changing the plan', async () => {
    const child = await newChild();
    await referred(child);
    await ok(child, 'strategy', { heldOn: '2026-01-07', decision: 's47', reason: 'Threshold met.' });
    await ok(child, 's47', {
      startedOn: '2026-01-07',
      completedOn: '2026-01-14',
      outcome: 'conference',
      reason: 'Found.',
    });
    await ok(child, 'initial-conference', {
      heldOn: '2026-01-20',
      decision: 'plan',
      category: 'EMO',
      reason: 'x',
    });
    await ok(child, 'review-conference', {
      heldOn: '2026-04-20',
      decision: 'continue',
      reason: 'Some progress.',
    });
    await ok(child, 'review-conference', {
      heldOn: '2026-07-20',
      decision: 'continue',
      category: 'NEG',
      reason: 'Now neglect.',
    });
    const plan = await db()
      .selectFrom('cp_plans')
      .selectAll()
      .where('person_id', '=', child)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ initial_category: 'EMO', latest_category: 'NEG', ended_on: null });
  });
});
