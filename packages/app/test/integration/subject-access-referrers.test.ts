/**
 * Referrers in a subject access bundle, on the engine under test. The contact step records whether
 * the person who raised it asked not to be named (shown on the contact and in the API); the bundle
 * then always takes out a referrer who asked (also where free text names them), discloses a
 * professional referrer in their role who did not ask, and proposes a member of the public who
 * did not ask for redaction. A contact recorded without the answer, or before the column existed
 * (the world's contact, inserted without it), is treated as asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequest, readBundle } from '../../src/subject-access/index.ts';
import { bearer, sessionCookie } from '../support/factories.ts';
import { buildSarWorld, recordsAs, SAR_LA, type SarWorld } from '../support/subject-access-world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { TestBrowser } from './auth-browser.ts';

let t: TestApp;
let w: SarWorld;
let token: string;
const db = () => t.database.db;

async function step(kind: string, payload: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/children/${w.child}/journey/${kind}`,
    headers: { authorization: token },
    payload,
  });
  expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
}

/** Decides the contact being screened, then records the next one. */
async function contact(on: string, payload: Record<string, unknown>) {
  await step('contact-decision', { decidedOn: on, decision: 'nfa', reason: 'Advice given.' });
  await step('contact', { receivedOn: on, ...payload });
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildSarWorld(db());
  token = await bearer(db(), w.worker);
  await contact('2026-04-01', {
    source: '3B',
    raisedBy: 'Sam Okafor, health visitor',
    referrerAskedNotToBeNamed: 'no',
    worries: 'Sam Okafor saw bruising on Maya’s arm at the clinic.',
  });
  await contact('2026-05-01', {
    source: '1B',
    raisedBy: 'Hilda Crankshaw (neighbour)',
    referrerAskedNotToBeNamed: 'no',
    worries: 'Hilda Crankshaw hears shouting most nights.',
  });
  await contact('2026-06-01', {
    source: '2A',
    raisedBy: 'Tamsin Yearsley, head teacher',
    referrerAskedNotToBeNamed: 'yes',
    worries: 'Tamsin Yearsley says Maya has missed school.',
  });
  await contact('2026-07-01', {
    source: '6',
    raisedBy: 'Boris Quill, police officer',
    worries: 'Boris Quill attended a call to the house.',
  });
  // Free text elsewhere names the head teacher: she is still taken out there.
  await db()
    .insertInto('case_notes')
    .values({
      la_code: SAR_LA,
      person_id: w.child,
      noted_on: '2026-06-03',
      title: 'School meeting',
      body: 'Met Mrs Yearsley at school. Sam Okafor joined by phone.',
      recorded_by: w.worker.id,
    })
    .execute();
}, 120_000);
afterAll(async () => t.close());

describe('the contact step records whether the referrer asked not to be named', () => {
  it('stores the answer, and an unanswered or older contact as asked (the safe side)', async () => {
    const rows = await db()
      .selectFrom('contacts')
      .select(['raised_by', 'referrer_asked_not_named'])
      .where('person_id', '=', w.child)
      .orderBy('received_on')
      .execute();
    expect(rows.map((r) => [r.raised_by, r.referrer_asked_not_named])).toEqual([
      ['Priya Ostrander', true],
      ['Sam Okafor, health visitor', false],
      ['Hilda Crankshaw (neighbour)', false],
      ['Tamsin Yearsley, head teacher', true],
      ['Boris Quill, police officer', true],
    ]);
  });

  it('refuses an answer that is not yes or no with a clear message', async () => {
    await step('contact-decision', { decidedOn: '2026-07-02', decision: 'nfa', reason: 'Advice.' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${w.child}/journey/contact`,
      headers: { authorization: token },
      payload: { receivedOn: '2026-07-03', source: '2A', worries: 'x', referrerAskedNotToBeNamed: 'maybe' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select whether they asked not to be named');
  });

  it('shows it on the contact in the journey page and the API, and asks it on the form', async () => {
    const b = new TestBrowser(t.app, '10.47.0.1');
    b.cookies.set(...((await sessionCookie(db(), w.worker)).split('=') as [string, string]));
    const page = await b.get(`/children/${w.child}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Raised by Sam Okafor, health visitor (may be named to the family)');
    expect(page.body).toMatch(
      /Raised by Tamsin Yearsley, head teacher\s*<strong class="govuk-tag[^"]*">\s*Asked not to be named/,
    );
    const form = await b.get(`/children/${w.child}/record/contact`);
    expect(form.body).toContain('Did they ask not to be named to the family?');
    expect(form.body).toContain('name="referrerAskedNotToBeNamed"');
    const api = await t.app.inject({
      method: 'GET',
      url: `/api/v1/children/${w.child}/journey`,
      headers: { authorization: token },
    });
    const events = api.json<{ events: { type: string; referrer?: unknown }[] }>().events;
    expect(events.filter((e) => e.type === 'contact').map((e) => e.referrer)).toEqual(
      expect.arrayContaining([
        { name: 'Sam Okafor, health visitor', askedNotToBeNamed: false },
        { name: 'Tamsin Yearsley, head teacher', askedNotToBeNamed: true },
      ]),
    );
  });
});

describe('referrers in the subject access bundle', () => {
  let spans: Awaited<ReturnType<typeof readBundle>>['bundle']['spans'];
  let text: string;
  beforeAll(async () => {
    const dpo = await recordsAs(db(), w.dpo);
    const id = await createRequest(dpo, {
      subjectId: w.child,
      requester: 'parent',
      parentId: w.mother,
      receivedOn: '2026-11-30',
    });
    const b = await readBundle(dpo, id, 'review');
    spans = b.bundle.spans;
    text = b.bundle.sections.flatMap((s) => s.items.map((i) => i.text)).join('\n\n');
  });

  it('always takes out a referrer who asked not to be named, also where free text names them', () => {
    expect(text).not.toContain('Yearsley');
    expect(text).toContain('Met [the referrer] at school');
    const tamsin = spans.filter((s) => s.text.includes('Yearsley'));
    expect(tamsin.length).toBeGreaterThanOrEqual(3);
    for (const s of tamsin)
      expect(s).toMatchObject({ redacted: true, why: 'a referrer who asked not to be named' });
    // Unanswered (the police officer) and older contacts (the world's) count as asked.
    expect(text).not.toContain('Boris Quill');
    expect(text).not.toContain('Ostrander');
    expect(spans.find((s) => s.text === 'Boris Quill')?.why).toBe('a referrer who asked not to be named');
  });

  it('discloses a professional referrer acting in their role who did not ask', () => {
    expect(text).toContain('Raised by Sam Okafor, health visitor');
    expect(text).toContain('Sam Okafor joined by phone');
    const sam = spans.filter((s) => s.text === 'Sam Okafor');
    expect(sam.length).toBeGreaterThanOrEqual(3);
    for (const s of sam)
      expect(s).toMatchObject({
        redacted: false,
        proposal: 'disclose',
        why: 'a professional referrer, in their role',
      });
  });

  it('proposes a member of the public who did not ask for redaction, for the officer to decide', () => {
    expect(text).not.toContain('Crankshaw');
    expect(text).toContain('Raised by [the referrer] (neighbour)');
    const hilda = spans.filter((s) => s.text.includes('Crankshaw'));
    expect(hilda.length).toBeGreaterThanOrEqual(2);
    for (const s of hilda)
      expect(s).toMatchObject({ proposal: 'redact', why: 'a member of the public who made a referral' });
  });
});
