/**
 * Subject access requests on the engine under test: a mother with parental responsibility asks
 * for her daughter's record; the bundle, built from the record through the repository, discloses
 * the child's and the mother's own information and the social worker in her role, and redacts the
 * brother, the father (living apart), the referrer and a neighbour named only in a case note (found
 * by the engine, not the cast); a decision to disclose a span changes the bundle; a caller without
 * the capability gets not found; the due date is one calendar month later; audit events recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../src/http/errors.ts';
import { today } from '../../src/http/forms/dates.ts';
import {
  createRequest,
  listRequests,
  readBundle,
  recordDisclosure,
  requestOf,
  updateRequest,
} from '../../src/subject-access/index.ts';
import { sessionCookie, type BuiltUser } from '../support/factories.ts';
import { buildSarWorld, recordsAs, SAR_LA, type SarWorld } from '../support/subject-access-world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { TestBrowser } from './auth-browser.ts';

let t: TestApp;
let w: SarWorld;
const db = () => t.database.db;

/** The latest 31 January on or before today (a request must have been received in the past year). */
function lastThirtyFirstOfJanuary(): { received: string; due: string } {
  const now = today();
  let year = Number(now.slice(0, 4));
  if (`${year}-01-31` > now) year -= 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return { received: `${year}-01-31`, due: `${year}-02-${leap ? 29 : 28}` };
}

const textOf = (b: Awaited<ReturnType<typeof readBundle>>) =>
  b.bundle.sections.flatMap((s) => s.items.map((i) => `${i.heading}\n${i.text}`)).join('\n\n');

let requestId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildSarWorld(db());
}, 120_000);
afterAll(async () => t.close());

describe('a subject access request for a child by a parent', () => {
  it('records the request, due one calendar month after it was received', async () => {
    const dpo = await recordsAs(db(), w.dpo);
    const { received, due } = lastThirtyFirstOfJanuary();
    requestId = await createRequest(dpo, {
      subjectId: w.child,
      requester: 'parent',
      parentId: w.mother,
      receivedOn: received,
    });
    const r = await requestOf(dpo, requestId);
    expect(r).toMatchObject({
      subjectId: w.child,
      requesterPersonId: w.mother,
      requesterName: 'Kerry Thornbury',
      basis: 'parental_responsibility',
      receivedOn: received,
      dueOn: due,
      status: 'open',
    });
    expect((await listRequests(dpo)).map((x) => x.id)).toContain(requestId);
  });

  it('refuses a relative without parental responsibility, and bad input, with clear errors', async () => {
    const dpo = await recordsAs(db(), w.dpo);
    const refused = await createRequest(dpo, {
      subjectId: w.child,
      requester: 'parent',
      parentId: w.noPr,
      receivedOn: today(),
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).options.fields?.[0]?.message).toMatch(
      /Gail Thornbury is not recorded as having parental responsibility for Maya/,
    );
    const bad = await createRequest(dpo, {
      subjectId: w.child,
      requester: 'representative',
      receivedOn: '2026-02-30',
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    const fields = (bad as ValidationError).options.fields?.map((f) => f.field);
    expect(fields).toEqual(['receivedOn']);
    const unnamed = await createRequest(dpo, {
      subjectId: w.child,
      requester: 'representative',
      receivedOn: today(),
    }).catch((e: unknown) => e);
    expect((unnamed as ValidationError).options.fields?.map((f) => f.field)).toEqual([
      'requesterName',
      'basisNote',
    ]);
  });

  it('discloses the child, the parent and the worker in her role; redacts the brother, the father, the referrer and the neighbour', async () => {
    const dpo = await recordsAs(db(), w.dpo);
    const b = await readBundle(dpo, requestId, 'review');
    const text = textOf(b);
    expect(text).toContain('Name: Maya Thornbury');
    expect(text).toContain('Kerry Thornbury said Maya had been upset');
    expect(text).toContain('Recorded by Wren Worker');
    expect(text).toContain('7 Quarry Lane');
    // Her own identifiers, found by their patterns, are hers: disclosed.
    expect(text).toContain('NHS number: 9434765919');
    expect(text).toContain('FF1 2AB');
    // The council is an agency, not a person.
    expect(text).toContain('Fictional Vale');
    for (const third of [
      'Leo',
      'Dean Ashcombe',
      'Ashcombe',
      'Pilkington',
      'Gordon',
      'Ostrander',
      '41 Mill Street',
    ])
      expect(text).not.toContain(third);
    const neighbour = b.bundle.spans.find((s) => s.text.includes('Pilkington'));
    expect(neighbour).toMatchObject({
      proposal: 'redact',
      redacted: true,
      why: 'a name the record does not list (found by the engine)',
    });
    expect(b.bundle.spans.find((s) => s.text === 'Dean Ashcombe')).toMatchObject({ why: 'a family member' });
    expect(b.bundle.spans.find((s) => s.text === 'Priya Ostrander')).toMatchObject({
      why: 'a referrer who asked not to be named',
    });
    expect(b.bundle.leftOut.length).toBeGreaterThan(0);
  });

  it('a decision to disclose a span changes the bundle, attributed and audited', async () => {
    const dpo = await recordsAs(db(), w.dpo);
    const before = await readBundle(dpo, requestId, 'review');
    const leo = before.bundle.spans.find((s) => s.text === 'Leo Thornbury' && s.before.includes('Saturday'));
    expect(leo).toBeDefined();
    await recordDisclosure(dpo, requestId, {
      action: 'disclose',
      start: leo!.start,
      end: leo!.end,
      digest: before.bundle.digest,
    });
    const after = await readBundle(dpo, requestId, 'html');
    expect(textOf(after)).toContain('Leo Thornbury was at football');
    const decided = after.bundle.spans.find((s) => s.start === leo!.start);
    expect(decided?.decision).toMatchObject({ action: 'disclose', by: 'Dana Protection' });
    // Anything else about him is still redacted.
    expect(textOf(after)).not.toContain('Brother or sister: Leo');
    // A stale version or a span that is not one is refused, never a 5xx.
    await expect(
      recordDisclosure(dpo, requestId, {
        action: 'redact',
        start: leo!.start,
        end: leo!.end,
        digest: 'a'.repeat(64),
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      recordDisclosure(dpo, requestId, { action: 'redact', start: 0, end: 3, digest: before.bundle.digest }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(recordDisclosure(dpo, requestId, { action: 'maybe' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('extends the time limit by two further months with a reason', async () => {
    const dpo = await recordsAs(db(), w.dpo);
    await updateRequest(dpo, requestId, { action: 'extend', reason: 'Several earlier requests together' });
    const r = await requestOf(dpo, requestId);
    expect(r.extendedTo).toBe(`${r.receivedOn.slice(0, 4)}-04-30`);
    await expect(updateRequest(dpo, requestId, { action: 'extend', reason: 'again' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('answers not found to a caller without the capability', async () => {
    for (const user of [w.worker, w.manager]) {
      const other = await recordsAs(db(), user);
      await expect(listRequests(other)).rejects.toBeInstanceOf(NotFoundError);
      await expect(readBundle(other, requestId, 'html')).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        createRequest(other, { subjectId: w.child, requester: 'self', receivedOn: today() }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        recordDisclosure(other, requestId, { action: 'redact', start: 0, end: 1, digest: 'a'.repeat(64) }),
      ).rejects.toBeInstanceOf(NotFoundError);
    }
    const dpo = await recordsAs(db(), w.dpo);
    await expect(readBundle(dpo, '00000000-0000-4000-8000-000000000000', 'html')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(readBundle(dpo, 'not-a-uuid', 'html')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('records one audit event per write and each read of the bundle, about the child', async () => {
    const events = await db()
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'subject_person_id', 'record_id', 'reason'])
      .where('la_code', '=', SAR_LA)
      .where('action', 'in', ['sar.create', 'sar.update', 'sar.decide', 'record.view', 'record.export'])
      .orderBy('seq')
      .execute();
    const about = events.filter((e) => e.subject_person_id === w.child && e.outcome === 'success');
    expect(about.filter((e) => e.action === 'sar.create')).toHaveLength(1);
    expect(about.filter((e) => e.action === 'sar.decide')).toHaveLength(1);
    expect(about.filter((e) => e.action === 'sar.update')).toHaveLength(1);
    expect(
      about.some(
        (e) => e.action === 'record.view' && e.reason?.includes(`subject access request ${requestId}`),
      ),
    ).toBe(true);
    expect(about.some((e) => e.action === 'record.export' && e.reason?.includes('HTML bundle'))).toBe(true);
    // The decision's event never names the third party.
    const decide = about.find((e) => e.action === 'sar.decide')!;
    expect(decide.reason).not.toMatch(/Leo|Thornbury/);
  });
});

let n = 0;
async function as(user: BuiltUser): Promise<TestBrowser> {
  const b = new TestBrowser(t.app, `10.35.0.${++n}`);
  b.cookies.set(...((await sessionCookie(db(), user)).split('=') as [string, string]));
  return b;
}

describe('the data protection officer’s pages', () => {
  let pageRequest: string;
  it('finds the subject, records a request, and shows its bundle for review', async () => {
    const b = await as(w.dpo);
    const home = await b.get('/');
    expect(home.body).toContain('href="/subject-access"');
    const found = await b.get('/subject-access/new?name=Maya+Thornbury');
    expect(found.status).toBe(200);
    expect(found.body).toContain(`/subject-access/new?person=${w.child}`);
    const form = await b.get(`/subject-access/new?person=${w.child}`);
    expect(form.body).toContain('Kerry Thornbury (mother)');
    // Bad input: a clear error, never a 5xx.
    const bad = await b.post('/subject-access/new', {
      subjectId: w.child,
      requester: 'parent',
      'receivedOn-day': '31',
      'receivedOn-month': '2',
      'receivedOn-year': '2026',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Date the request was received must be a real date');
    const nul = await b.post('/subject-access/new', { subjectId: w.child, requester: 'self\u0000' });
    expect(nul.status).toBe(400);
    const [y, m, d] = today().split('-');
    const created = await b.post('/subject-access/new', {
      subjectId: w.child,
      requester: 'parent',
      parentId: w.mother,
      'receivedOn-day': d!,
      'receivedOn-month': m!,
      'receivedOn-year': y!,
    });
    expect(created.status).toBe(303);
    pageRequest = /\/subject-access\/([0-9a-f-]{36})/.exec(created.location!)![1]!;
    const page = await b.get(created.location!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('a name the record does not list (found by the engine)');
    expect(page.body).toContain('<mark>Gordon Pilkington</mark>');
    const list = await b.get('/subject-access');
    expect(list.body).toContain(`/subject-access/${pageRequest}`);
  });

  it('saves a decision from the review table, and refuses a stale one with a message', async () => {
    const b = await as(w.dpo);
    const page = await b.get(`/subject-access/${pageRequest}`);
    const digest = /name="digest" value="([0-9a-f]{64})"/.exec(page.body)![1]!;
    const r = await readBundle(await recordsAs(db(), w.dpo), pageRequest, 'review');
    const father = r.bundle.spans.find(
      (s) => s.text === 'Dean Ashcombe' && s.before.endsWith('upset after '),
    )!;
    const saved = await b.post(`/subject-access/${pageRequest}/decisions`, {
      action: 'disclose',
      start: String(father.start),
      end: String(father.end),
      digest,
    });
    expect(saved.status).toBe(303);
    const html = await b.get(`/subject-access/${pageRequest}/bundle`);
    expect(html.body).toContain('<html lang="en-GB">');
    expect(html.body).toContain('upset after Dean Ashcombe visited');
    expect(html.body).not.toContain('Pilkington');
    const stale = await b.post(`/subject-access/${pageRequest}/decisions`, {
      action: 'redact',
      start: String(father.start),
      end: String(father.end),
      digest: 'b'.repeat(64),
    });
    expect(stale.status).toBe(400);
    expect(stale.body).toContain('The record changed since you opened this page');
    const nonsense = await b.post(`/subject-access/${pageRequest}/decisions`, {
      action: 'redact',
      start: 'x',
    });
    expect(nonsense.status).toBe(400);
  });

  it('downloads the HTML and the PDF, each audited', async () => {
    const b = await as(w.dpo);
    await b.get(`/subject-access/${pageRequest}`);
    const html = await b.get(`/subject-access/${pageRequest}/bundle.html`);
    expect(html.status).toBe(200);
    expect(html.body).toContain('<nav aria-labelledby="contents">');
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/subject-access/${pageRequest}/bundle.pdf`,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const exports = await db()
      .selectFrom('audit_events')
      .select('reason')
      .where('action', '=', 'record.export')
      .where('subject_person_id', '=', w.child)
      .execute();
    expect(exports.some((e) => e.reason?.includes(`${pageRequest}: the PDF bundle`))).toBe(true);
    expect(exports.some((e) => e.reason?.includes(`${pageRequest}: the HTML bundle`))).toBe(true);
  });

  it('answers not found to a social worker and to a bad id', async () => {
    const sw = await as(w.worker);
    for (const url of [
      '/subject-access',
      '/subject-access/new',
      `/subject-access/${pageRequest}`,
      `/subject-access/${pageRequest}/bundle.html`,
      `/subject-access/${pageRequest}/bundle.pdf`,
    ])
      expect((await sw.get(url)).status).toBe(404);
    await sw.get('/account');
    expect(sw.csrf).not.toBe('');
    expect((await sw.post(`/subject-access/${pageRequest}/decisions`, { action: 'redact' })).status).toBe(
      404,
    );
    const dpo = await as(w.dpo);
    expect((await dpo.get('/subject-access/not-an-id')).status).toBe(404);
    expect((await dpo.get('/subject-access/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
