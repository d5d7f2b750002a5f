/** The journey pages: step forms with the GOV.UK error summary, filters, chronology, and editing a note with optimistic locking. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, bearer, buildChild, sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let child: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  child = await buildChild(t.database.db, '901', {
    givenName: 'Ruby',
    familyName: 'Vance',
    dateOfBirth: '2017-03-03',
  });
  await allocate(t.database.db, '901', child, w.teams.teamA, w.users.workerA.id);
});
afterAll(async () => t.close());
const db = () => t.database.db;

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

describe('recording a step on its page', () => {
  it('shows the error summary naming each field, saves nothing, then saves the corrected form', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const bad = await submitForm(t.app, `/children/${child}/record/contact`, cookie, {
      'receivedOn-day': '31',
      'receivedOn-month': '2',
      'receivedOn-year': '2026',
      source: '',
      worries: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('href="#receivedOn-day"');
    expect(bad.body).toContain('Date the contact was received must be a real date');
    expect(bad.body).toContain('Select who the contact came from');
    expect(bad.body).toContain('Enter what the person is worried about');
    expect(await db().selectFrom('contacts').select('id').where('person_id', '=', child).execute()).toEqual(
      [],
    );

    const good = await submitForm(t.app, `/children/${child}/record/contact`, cookie, {
      'receivedOn-day': '2',
      'receivedOn-month': '2',
      'receivedOn-year': '2026',
      source: '3B',
      worries: 'Health visitor worried about the baby’s weight.',
    });
    expect(good.statusCode).toBe(303);
    const page = await t.app.inject({ url: `/children/${child}`, headers: { cookie } });
    expect(page.body).toContain('Contact received from health: health visitor');
    expect(page.body).toContain('Contact being screened since 2 February 2026');
    expect(page.body).toContain(`/children/${child}/record/contact-decision`);
  });

  it('refuses a step that does not fit the journey, naming why', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const res = await submitForm(t.app, `/children/${child}/record/initial-conference`, cookie, {
      'heldOn-day': '1',
      'heldOn-month': '3',
      'heldOn-year': '2026',
      decision: 'plan',
      category: 'NEG',
      reason: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('child in need episode');
  });

  it('answers 404 for an unknown step or a child the caller may not change', async () => {
    const own = await sessionCookie(db(), w.users.workerA);
    expect(
      (await t.app.inject({ url: `/children/${child}/record/teleport`, headers: { cookie: own } }))
        .statusCode,
    ).toBe(404);
    const other = await sessionCookie(db(), w.users.workerB);
    expect(
      (await t.app.inject({ url: `/children/${child}/record/note`, headers: { cookie: other } })).statusCode,
    ).toBe(404);
  });
});

describe('the journey page', () => {
  it('filters by type and date, shows plans with a score chart, and prints a chronology', async () => {
    await api('contact-decision', { decidedOn: '2026-02-03', decision: 'referral', reason: 'Assess.' });
    await api('assessment', { startedOn: '2026-02-04' });
    await api('cin-plan', { startedOn: '2026-02-05' });
    const goal = await api('goal', {
      plan: 'cin',
      goal: 'Baby gains weight',
      addedOn: '2026-02-05',
      score: 2,
    });
    await api('plan-review', {
      plan: 'cin',
      heldOn: '2026-03-05',
      summary: 'Better.',
      scores: { [goal]: 7 },
    });
    await api('note', { notedOn: '2026-03-06', title: 'Call with GP', body: 'GP pleased.' });
    const cookie = await sessionCookie(db(), w.users.workerA);

    const all = await t.app.inject({ url: `/children/${child}`, headers: { cookie } });
    expect(all.body).toContain('Child in need plan since 5 February 2026');
    expect(all.body).toContain('Latest score: 7 out of 10');
    expect(all.body).toMatch(/\d+ working days since the referral \(for reporting; not a deadline\)/);
    expect(all.body).toMatch(
      /<svg class="app-score-chart"[^>]*aria-label="Baby gains weight: scored 2 out of 10/,
    );

    const notes = await t.app.inject({ url: `/children/${child}?type=notes`, headers: { cookie } });
    expect(notes.body).toContain('Case note: Call with GP');
    expect(notes.body).not.toContain('Contact received from');
    expect(notes.body).toContain('1 event matching the filters');

    const dated = await t.app.inject({
      url: `/children/${child}?from-day=1&from-month=3&from-year=2026`,
      headers: { cookie },
    });
    expect(dated.body).toContain('Case note: Call with GP');
    expect(dated.body).not.toContain('Assessment started');

    const bad = await t.app.inject({
      url: `/children/${child}?from-day=40&from-month=3&from-year=2026`,
      headers: { cookie },
    });
    expect(bad.body).toContain('“From” date must be a real date');

    const chron = await t.app.inject({ url: `/children/${child}/chronology`, headers: { cookie } });
    expect(chron.statusCode).toBe(200);
    const body = chron.body;
    expect(body.indexOf('Contact received from')).toBeLessThan(body.indexOf('Case note: Call with GP'));
    const printed = await db()
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'record.print')
      .where('subject_person_id', '=', child)
      .execute();
    expect(printed.length).toBe(1);
  });
});

describe('two people editing the same case note', () => {
  it('the second gets a conflict with both versions, and nothing is overwritten', async () => {
    const noteId = await api('note', {
      notedOn: '2026-03-10',
      title: 'School meeting',
      body: 'First draft.',
    });
    const ada = await sessionCookie(db(), w.users.workerA);
    const colleague = await sessionCookie(db(), w.users.colleagueA);
    const form = (body: string) => ({
      title: 'School meeting',
      body,
      'notedOn-day': '10',
      'notedOn-month': '3',
      'notedOn-year': '2026',
      version: '1',
    });

    const first = await submitForm(
      t.app,
      `/children/${child}/notes/${noteId}/edit`,
      ada,
      form('Ada’s version.'),
    );
    expect(first.statusCode).toBe(303);
    const second = await submitForm(
      t.app,
      `/children/${child}/notes/${noteId}/edit`,
      colleague,
      form('Colleague’s version.'),
    );
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else changed this note');
    expect(second.body).toContain('Ada’s version.');
    expect(second.body).toContain('Colleague’s version.');
    expect(second.body).toContain('name="version" value="2"');
    const saved = await db()
      .selectFrom('case_notes')
      .select(['body', 'version'])
      .where('id', '=', noteId)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ body: 'Ada’s version.', version: 2 });

    const api409 = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/children/${child}/notes/${noteId}`,
      headers: { authorization: await bearer(db(), w.users.colleagueA) },
      payload: { title: 'School meeting', body: 'API version.', notedOn: '2026-03-10', version: 1 },
    });
    expect(api409.statusCode).toBe(409);
    expect(api409.json<{ error: { data: { current: { body: string } } } }>().error.data.current.body).toBe(
      'Ada’s version.',
    );
  });
});

describe('documents', () => {
  async function upload(cookie: string, parts: { filename?: string; content?: string; day?: string }) {
    const form = await t.app.inject({ url: `/children/${child}/documents/new`, headers: { cookie } });
    const token = /name="_csrf" value="([^"]*)"/.exec(form.body)?.[1] ?? '';
    const set = form.headers['set-cookie'];
    const extra = (set === undefined ? [] : Array.isArray(set) ? set : [set]).map((c) => c.split(';')[0]);
    const boundary = '----waypointtest';
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const file =
      parts.filename === undefined
        ? ''
        : `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${parts.filename}"\r\nContent-Type: application/pdf\r\n\r\n${parts.content ?? ''}\r\n`;
    const payload =
      field('_csrf', token) +
      field('description', 'School report') +
      field('addedOn-day', parts.day ?? '4') +
      field('addedOn-month', '3') +
      field('addedOn-year', '2026') +
      file +
      `--${boundary}--\r\n`;
    return t.app.inject({
      method: 'POST',
      url: `/children/${child}/documents`,
      headers: {
        cookie: [cookie, ...extra].join('; '),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
  }

  it('attaches a file, shows it on the journey and downloads it, audited', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const bad = await upload(cookie, { filename: 'virus.exe', content: 'MZ', day: '44' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The file must be a PDF');
    expect(bad.body).toContain('must be a real date');
    // No file at all: one message, not one for its name and another for its content.
    const none = await upload(cookie, {});
    expect(none.statusCode).toBe(400);
    expect(none.body.match(/Select a file/g)).toHaveLength(2); // the summary and beside the input
    expect(none.body).toContain('<a href="#file">Select a file</a>');
    const res = await upload(cookie, { filename: 'report.pdf', content: '%PDF-1.4 fictional' });
    expect(res.statusCode, res.body).toBe(303);
    const doc = await db()
      .selectFrom('documents')
      .select(['id', 'size_bytes'])
      .where('person_id', '=', child)
      .executeTakeFirstOrThrow();
    const page = await t.app.inject({ url: `/children/${child}`, headers: { cookie } });
    expect(page.body).toContain('Document added: report.pdf');
    const download = await t.app.inject({
      url: `/children/${child}/documents/${doc.id}`,
      headers: { cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.body).toBe('%PDF-1.4 fictional');
    const other = await sessionCookie(db(), w.users.workerB);
    expect(
      (await t.app.inject({ url: `/children/${child}/documents/${doc.id}`, headers: { cookie: other } }))
        .statusCode,
    ).toBe(404);
  });
});

describe('a long journey', () => {
  it('is paged, newest first, keeping the filters in the page links', async () => {
    const long = await buildChild(db(), '901', {
      givenName: 'Long',
      familyName: 'History',
      dateOfBirth: '2012-01-01',
    });
    await allocate(db(), '901', long, w.teams.teamA, w.users.workerA.id);
    const token = await bearer(db(), w.users.workerA);
    for (let i = 1; i <= 55; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/children/${long}/journey/note`,
        headers: { authorization: token },
        payload: { notedOn: `2026-${month}-${day}`, title: `Note ${i}`, body: 'Fictional.' },
      });
      expect(res.statusCode).toBe(201);
    }
    const cookie = await sessionCookie(db(), w.users.workerA);
    const first = await t.app.inject({ url: `/children/${long}?type=notes`, headers: { cookie } });
    expect(first.body).toContain('55 events matching the filters');
    expect(first.body).toContain('Case note: Note 55');
    expect(first.body).not.toContain('Case note: Note 1<');
    expect(first.body).toContain(`href="/children/${long}?type=notes&amp;page=2"`);
    const second = await t.app.inject({ url: `/children/${long}?type=notes&page=2`, headers: { cookie } });
    expect(second.body).toContain('Case note: Note 1<');
    expect(second.body).not.toContain('Case note: Note 55');
  });
});
