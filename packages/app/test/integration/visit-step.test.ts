/**
 * A visit is a journey step: recorded from the page in one transaction with one audit event, as
 * from the API; the form kit's messages (one per field, GOV.UK words); the date rules (not before
 * the child's birth, plausible years); a "not seen" visit needs its reason; a goal's score error is
 * shown beside the goal and linked from the summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { logQueries, transactionsIn } from '../support/query-log.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let child: string;
let goalId: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  child = w.children.child1; // born 1 June 2015, allocated to workerA
  await api('contact', { receivedOn: '2026-02-01', source: '3B', worries: 'Worried.' });
  await api('contact-decision', { decidedOn: '2026-02-03', decision: 'referral', reason: 'Assess.' });
  await api('assessment', { startedOn: '2026-02-04' });
  await api('cin-plan', { startedOn: '2026-02-05' });
  goalId = await api('goal', { plan: 'cin', goal: 'Jayden goes to school every day', addedOn: '2026-02-06' });
});
afterAll(async () => t.close());
const db = () => t.database.db;
const form = () => `/children/${child}/visits/new`;
const post = () => `/children/${child}/visits`;

async function api(kind: string, payload: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/children/${child}/journey/${kind}`,
    headers: { authorization: await bearer(db(), w.users.workerA) },
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const auditCount = async () =>
  (await db().selectFrom('audit_events').select('seq').where('subject_person_id', '=', child).execute())
    .length;
const summaryOf = (html: string) => /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim();

describe('recording a visit from the page', () => {
  it('opens one transaction and writes one audit event, as the API does', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const fields = {
      'date-day': '20',
      'date-month': '11',
      'date-year': '2026',
      seen: 'seen-alone',
      summary: 'Saw Jayden at home.',
      [`scores-${goalId}`]: '6',
    };
    // submitForm GETs the form first (for its CSRF token); only the POST is counted.
    const formPage = await t.app.inject({ url: form(), headers: { cookie } });
    const token = /name="_csrf" value="([^"]*)"/.exec(formPage.body)?.[1] ?? '';
    const set = formPage.headers['set-cookie'];
    const cookies = [cookie, ...(set === undefined ? [] : [set].flat()).map((c) => c.split(';')[0])].join(
      '; ',
    );
    const before = await auditCount();
    const page = await logQueries(() =>
      t.app.inject({
        method: 'POST',
        url: post(),
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
      }),
    );
    expect(page.value.statusCode, page.value.body).toBe(303);
    expect(page.value.headers.location).toBe(`/children/${child}?recorded=visit`);
    expect(transactionsIn(page.statements)).toBe(1);
    expect((await auditCount()) - before).toBe(1);

    const before2 = await auditCount();
    const auth = await bearer(db(), w.users.workerA);
    const viaApi = await logQueries(() =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/children/${child}/visits`,
        headers: { authorization: auth },
        payload: { date: '2026-11-21', seen: 'seen', summary: 'At school.' },
      }),
    );
    expect(viaApi.value.statusCode, viaApi.value.body).toBe(201);
    expect(transactionsIn(viaApi.statements)).toBe(1);
    expect((await auditCount()) - before2).toBe(1);
    const events = await db()
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('subject_person_id', '=', child)
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['record.create', 'record.create']);
    expect(events[0]?.reason).toMatch(/^visit visits [0-9a-f-]{36}$/);
    const scored = await db()
      .selectFrom('goal_scores')
      .select('score')
      .where('goal_id', '=', goalId)
      .execute();
    expect(scored.map((s) => s.score)).toContain(6);
  });

  it('is the same step as POST /journey/visit', async () => {
    const res = await api('visit', { date: '2026-11-22', seen: 'seen', summary: 'Through the step route.' });
    expect(res).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an empty form says "Enter the date of the visit" once, and "Error:" in the title', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const bad = await submitForm(t.app, form(), cookie, {}, post());
    expect(bad.statusCode).toBe(400);
    expect(title(bad.body)).toBe('Error: Record a visit – Waypoint');
    const summary = summaryOf(bad.body);
    expect(summary).toContain('<a href="#date-day">Enter the date of the visit</a>');
    expect(summary).not.toContain('Enter a real date');
    expect(bad.body.split('Enter the date of the visit').length - 1).toBe(2); // summary + beside the field
    expect(summary).toContain('Select whether the child was seen');
    expect(summary).toContain('Enter what happened');
  });

  it('a "not seen" visit needs its reason, asked in a conditional reveal', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const page = await t.app.inject({ url: form(), headers: { cookie } });
    expect(page.body).toContain('govuk-radios__conditional');
    expect(page.body).toContain('Why was the child not seen?');
    const bad = await submitForm(
      t.app,
      form(),
      cookie,
      { 'date-day': '20', 'date-month': '11', 'date-year': '2026', seen: 'not-seen', summary: 'Nobody in.' },
      post(),
    );
    expect(bad.statusCode).toBe(400);
    expect(summaryOf(bad.body)).toContain('<a href="#notSeenReason">Enter why the child was not seen</a>');
    const viaApi = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${child}/visits`,
      headers: { authorization: await bearer(db(), w.users.workerA) },
      payload: { date: '2026-11-21', seen: 'not-seen', summary: 'Nobody in.' },
    });
    expect(viaApi.statusCode).toBe(400);
    expect(viaApi.json<{ error: { fields: { field: string }[] } }>().error.fields).toEqual([
      { field: 'notSeenReason', message: 'Enter why the child was not seen' },
    ]);
  });

  it('shows a goal’s score error beside the goal, linked from the summary', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const bad = await submitForm(
      t.app,
      form(),
      cookie,
      {
        'date-day': '20',
        'date-month': '11',
        'date-year': '2026',
        seen: 'seen',
        summary: 'Fine.',
        [`scores-${goalId}`]: '11',
      },
      post(),
    );
    expect(bad.statusCode).toBe(400);
    expect(summaryOf(bad.body)).toContain(`<a href="#scores-${goalId}">Enter a score from 0 to 10</a>`);
    expect(bad.body).toContain(`id="scores-${goalId}-error"`);
  });
});

describe('the one set of date rules on every journey step', () => {
  const bad = async (kind: string, payload: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${child}/journey/${kind}`,
      headers: { authorization: await bearer(db(), w.users.workerA) },
      payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    return res.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields;
  };

  it('refuses a visit or a note dated before the child’s birth, in 1800 or 1900, or with a two-digit year', async () => {
    expect(await bad('visit', { date: '2014-06-01', seen: 'seen', summary: 'x' })).toEqual([
      { field: 'date', message: 'Date of the visit must be on or after Jayden’s date of birth, 1 June 2015' },
    ]);
    expect(await bad('note', { notedOn: '2015-05-31', title: 'T', body: 'B' })).toEqual([
      {
        field: 'notedOn',
        message: 'Date of the note must be on or after Jayden’s date of birth, 1 June 2015',
      },
    ]);
    for (const date of ['1800-01-01', '1900-06-01'])
      expect(await bad('visit', { date, seen: 'seen', summary: 'x' })).toEqual([
        { field: 'date', message: 'Date of the visit must be on or after 1 January 2000' },
      ]);
    expect(await bad('visit', { date: '26-11-20', seen: 'seen', summary: 'x' })).toEqual([
      { field: 'date', message: 'Date of the visit must include a year with 4 numbers' },
    ]);
    expect(await bad('contact-decision', { decidedOn: '1900-01-01', decision: 'nfa', reason: 'x' })).toEqual([
      { field: 'decidedOn', message: 'Date of the decision must be on or after 1 January 2000' },
    ]);
  });

  it('refuses a timescale due in the past', async () => {
    const fields = await bad('timescale', { subject: 'Finish', dueOn: '2026-01-01', reason: 'Because.' });
    expect(fields).toEqual([{ field: 'dueOn', message: 'Date it is due must be today or in the future' }]);
    const cookie = await sessionCookie(db(), w.users.workerA);
    const page = await submitForm(t.app, `/children/${child}/record/timescale`, cookie, {
      subject: 'Finish',
      'dueOn-day': '1',
      'dueOn-month': '1',
      'dueOn-year': '2026',
      reason: 'Because.',
    });
    expect(page.statusCode).toBe(400);
    expect(summaryOf(page.body)).toContain(
      '<a href="#dueOn-day">Date it is due must be today or in the future</a>',
    );
  });

  it('a case note date with letters gives one message', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const page = await submitForm(t.app, `/children/${child}/record/note`, cookie, {
      title: 'x'.repeat(201),
      body: 'Note.',
      'notedOn-day': 'ab',
      'notedOn-month': 'cd',
      'notedOn-year': 'efgh',
    });
    expect(page.statusCode).toBe(400);
    const summary = summaryOf(page.body);
    expect(summary.match(/<li>/g)).toHaveLength(2);
    expect(summary).toContain('<a href="#notedOn-day">Date of the note must be a real date</a>');
    expect(summary).toContain('<a href="#title">A title must be 200 characters or fewer</a>');
    expect(page.body).not.toMatch(/Too big|expected string/);
  });
});
