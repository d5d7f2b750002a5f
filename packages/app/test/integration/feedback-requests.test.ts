/**
 * Feedback from children and families, on a real database: contact details and consent (audited,
 * never on a restricted record), a request sent by email through the outbox, the public form (one
 * use, expiry, nothing of the case on it), a printed slip, and the answers on the child's record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/jobs/worker.ts';
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
let worker: string;
let otherLaWorker: string;
let child: string;
let mother: string;
let restrictedChild: string;

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), '951', 'Feedback Borough');
  const la2 = await buildLocalAuthority(db(), '952', 'Elsewhere Borough');
  const team = await buildTeam(db(), la, { name: 'Team F' });
  const user = await buildUser(db(), la, ['social_worker'], { teamId: team, name: 'Wendy Worker' });
  worker = await sessionCookie(db(), user);
  otherLaWorker = await sessionCookie(db(), await buildUser(db(), la2, ['social_worker']));
  child = await buildChild(db(), '951', {
    givenName: 'Zebedee',
    familyName: 'Quartermain',
    dateOfBirth: '2014-02-03',
  });
  mother = (
    await db()
      .insertInto('people')
      .values({ la_code: '951', kind: 'adult', given_name: 'Maud', family_name: 'Quartermain' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db()
    .insertInto('person_relationships')
    .values({ la_code: '951', person_id: child, related_person_id: mother, type: 'mother' })
    .execute();
  restrictedChild = await buildChild(db(), '951', { isRestricted: true });
  for (const p of [child, mother, restrictedChild]) await allocate(db(), '951', p, team, user.id);
});
afterAll(async () => t.close());

const get = (url: string, cookie = worker) => t.app.inject({ url, headers: { cookie } });
const publicForm = (code: string) => t.app.inject({ url: `/feedback?code=${code}` });
const answer = (code: string, fields: Record<string, string>) =>
  submitForm(t.app, '/feedback', '', { code, ...fields }, '/feedback/answer');

async function sendRequest(fields: Record<string, string>) {
  return submitForm(t.app, `/children/${child}/feedback`, worker, fields);
}

async function latestOutboxCode(): Promise<string> {
  await runDueJobs(db());
  const m = await db()
    .selectFrom('messages')
    .select('body')
    .orderBy('sent_at', 'desc')
    .executeTakeFirstOrThrow();
  const code = /feedback\?code=([A-Z0-9]{10})/.exec(m.body ?? '')?.[1];
  if (code === undefined) throw new Error('no code in the message');
  return code;
}

describe('contact details for feedback', () => {
  it('records an email address and consent on a parent, audited, and refuses a bad address', async () => {
    const bad = await submitForm(t.app, `/children/${mother}/contact-details`, worker, {
      consent: 'yes',
      email: 'not-an-email',
      mobile: '',
      version: '0',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter an email address in the right format');
    const res = await submitForm(t.app, `/children/${mother}/contact-details`, worker, {
      consent: 'yes',
      email: ' Maud.Q@Example.org ',
      mobile: '07700 900 111',
      version: '0',
    });
    expect(res.statusCode).toBe(303);
    const row = await db()
      .selectFrom('contact_details')
      .selectAll()
      .where('person_id', '=', mother)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      email: 'maud.q@example.org',
      mobile: '07700900111',
      consent_to_contact: true,
      version: 1,
    });
    const audit = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('subject_person_id', '=', mother)
      .where('action', '=', 'record.update')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a stale edit rather than overwrite it', async () => {
    const res = await submitForm(t.app, `/children/${mother}/contact-details`, worker, {
      consent: 'no',
      email: '',
      mobile: '',
      version: '0',
    });
    expect(res.statusCode).toBe(409);
  });

  it('never records them on a restricted record, and the form says why', async () => {
    const page = await get(`/children/${restrictedChild}/contact-details`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'This is a restricted record, so contact details for feedback cannot be recorded',
    );
    expect(page.body).not.toContain('name="email"');
    // Posted as if the form were there (the token from another form of the same session).
    const res = await submitForm(
      t.app,
      `/children/${mother}/contact-details`,
      worker,
      { consent: 'yes', email: 'someone@example.org', version: '0' },
      `/children/${restrictedChild}/contact-details`,
    );
    expect(res.statusCode).toBe(400);
    expect(
      await db().selectFrom('contact_details').selectAll().where('person_id', '=', restrictedChild).execute(),
    ).toEqual([]);
  });
});

describe('a feedback request and the public form', () => {
  it('refuses to email someone who has not agreed to be contacted', async () => {
    const res = await sendRequest({ respondent: child, channel: 'email', form: 'younger' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('has not agreed to be contacted');
    expect(await db().selectFrom('feedback_requests').selectAll().execute()).toEqual([]);
  });

  it('emails the parent a link that opens a form with nothing of the case on it, usable once', async () => {
    const sent = await sendRequest({ respondent: mother, channel: 'email', form: 'standard' });
    expect(sent.statusCode).toBe(303);
    const code = await latestOutboxCode();
    const stored = await db().selectFrom('feedback_requests').selectAll().executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);

    const form = await publicForm(code);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Do you understand why people are worried?');
    expect(form.body).toContain('Do you feel listened to?');
    expect(form.body).toContain('Is the plan helping?');
    expect(form.body).toContain('What would make it better?');
    for (const secret of ['Zebedee', 'Quartermain', 'Maud', 'Wendy', '2014', child, mother, 'Team F'])
      expect(form.body).not.toContain(secret);
    expect(form.body).not.toContain('govuk-service-navigation__link');

    const done = await answer(code, {
      understandWorries: '3',
      listenedTo: '4',
      planHelping: '',
      makeBetter: 'More visits after school',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Thank you');
    const again = await answer(code, { understandWorries: '0' });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link has already been used');
    expect((await publicForm(code)).body).toContain('This link has already been used');
    expect(await db().selectFrom('feedback_responses').selectAll().execute()).toHaveLength(1);
  });

  it('shows the answers on the child’s record, to those who may open it only', async () => {
    const page = await get(`/children/${child}/feedback`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('More visits after school');
    expect(page.body).toContain('Mostly');
    expect(page.body).toContain('Answered');
    expect((await get(`/children/${child}/feedback`, otherLaWorker)).statusCode).toBe(404);
    const record = await get(`/children/${child}`);
    expect(record.body).toMatch(
      /data-testid="plan-feedback"[\s\S]*a parent: Not answered\. What would make it better: “More visits after school”/,
    );
    // And on the journey timeline, as an event of the plan.
    const timeline = /<div class="moj-timeline"[\s\S]*$/.exec(record.body)?.[0] ?? '';
    expect(timeline).toContain('Feedback from a parent');
    expect(timeline).toContain(
      'Understands why people are worried: Mostly. Feels listened to: Yes. The plan is helping: Not answered.',
    );
    const plans = await get(`/children/${child}?type=plans`);
    expect(plans.body).toContain('Feedback from a parent');
    const visitsOnly = await get(`/children/${child}?type=visits`);
    expect(/<div class="moj-timeline"[\s\S]*$/.exec(visitsOnly.body)?.[0] ?? '').not.toContain(
      'Feedback from',
    );
  });

  it('tells an expired link apart, and an unknown code', async () => {
    const slip = await sendRequest({ respondent: child, channel: 'print', form: 'younger' });
    expect(slip.statusCode).toBe(200);
    const shown = /data-testid="feedback-code">([A-Z0-9-]+)</.exec(slip.body)?.[1] ?? '';
    expect(shown).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    const younger = await publicForm(shown.toLowerCase());
    expect(younger.statusCode).toBe(200);
    expect(younger.body).toContain('Do people listen to you?');
    expect(younger.body).toContain('😀');
    await db()
      .updateTable('feedback_requests')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('used_at', 'is', null)
      .execute();
    expect((await publicForm(shown)).body).toContain('This link has expired');
    const late = await answer(shown.replace('-', ''), { listenedTo: '2' });
    expect(late.statusCode).toBe(410);
    const unknown = await publicForm('ABCDE-ABCDE');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('We cannot find that code');
  });

  it('refuses answers out of range without using the code', async () => {
    await sendRequest({ respondent: mother, channel: 'sms', form: 'standard' });
    const code = await latestOutboxCode();
    const bad = await answer(code, { listenedTo: '9' });
    expect(bad.statusCode).toBe(400);
    expect((await publicForm(code)).statusCode).toBe(200);
  });
});
