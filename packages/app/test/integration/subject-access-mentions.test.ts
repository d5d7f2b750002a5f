/**
 * "Disclose every mention" and "Take out every mention" on the subject access review screen, on
 * the engine under test: one decision on a span applied to every span of that person in the
 * bundle version, in one transaction with one audit event naming the count (never the third
 * party); a stale version refused with nothing saved; the forms work without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/http/errors.ts';
import { createRequest, readBundle, recordDisclosure } from '../../src/subject-access/index.ts';
import { sessionCookie } from '../support/factories.ts';
import { buildSarWorld, recordsAs, SAR_LA, type SarWorld } from '../support/subject-access-world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { TestBrowser } from './auth-browser.ts';

let t: TestApp;
let w: SarWorld;
let requestId: string;
const db = () => t.database.db;
const decisions = async () =>
  db().selectFrom('subject_access_decisions').select('action').where('request_id', '=', requestId).execute();
const decideEvents = async () =>
  db()
    .selectFrom('audit_events')
    .select('reason')
    .where('la_code', '=', SAR_LA)
    .where('action', '=', 'sar.decide')
    .where('record_id', '=', requestId)
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  w = await buildSarWorld(db());
  requestId = await createRequest(await recordsAs(db(), w.dpo), {
    subjectId: w.child,
    requester: 'parent',
    parentId: w.mother,
    receivedOn: '2026-11-30',
  });
}, 120_000);
afterAll(async () => t.close());

describe('a decision on every mention of a person', () => {
  it('discloses every span of the father in one transaction, with one audit event naming the count', async () => {
    const dpo = await recordsAs(db(), w.dpo);
    const before = await readBundle(dpo, requestId, 'review');
    const one = before.bundle.spans.find((s) => s.text === 'Dean Ashcombe')!;
    const his = before.bundle.spans.filter((s) => s.entity === one.entity);
    expect(his.length).toBeGreaterThanOrEqual(2);
    expect(his.every((s) => s.redacted && s.mentions === his.length)).toBe(true);
    // Nobody else shares his entity.
    expect(his.every((s) => s.text.includes('Dean') || s.text.includes('Ashcombe'))).toBe(true);

    const n = await recordDisclosure(dpo, requestId, {
      action: 'disclose-every',
      start: one.start,
      end: one.end,
      digest: before.bundle.digest,
    });
    expect(n).toBe(his.length);
    expect(await decisions()).toHaveLength(his.length);
    const after = await readBundle(dpo, requestId, 'review');
    for (const s of after.bundle.spans.filter((x) => x.entity === one.entity))
      expect(s).toMatchObject({ redacted: false, decision: { action: 'disclose', by: 'Dana Protection' } });
    // Everyone else is as proposed.
    const leo = after.bundle.spans.filter((s) => s.text.includes('Leo'));
    expect(leo.length).toBeGreaterThan(0);
    expect(leo.every((s) => s.redacted && s.decision === null)).toBe(true);
    const text = after.bundle.sections.flatMap((s) => s.items.map((i) => i.text)).join('\n');
    expect(text).toContain('upset after Dean Ashcombe visited');
    expect(text).toContain('Father: Dean Ashcombe');

    const events = await decideEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.reason).toContain(
      `disclose every mention: ${his.length} spans (person, proposed redact)`,
    );
    expect(events[0]!.reason).not.toMatch(/Dean|Ashcombe/);
  });

  it('takes every mention out again, and refuses a stale version with nothing saved', async () => {
    const dpo = await recordsAs(db(), w.dpo);
    const b = await readBundle(dpo, requestId, 'review');
    const one = b.bundle.spans.find((s) => s.text === 'Dean Ashcombe')!;
    const saved = (await decisions()).length;
    await expect(
      recordDisclosure(dpo, requestId, {
        action: 'redact-every',
        start: one.start,
        end: one.end,
        digest: 'c'.repeat(64),
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      recordDisclosure(dpo, requestId, { action: 'redact-every', start: 0, end: 4, digest: b.bundle.digest }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await decisions()).toHaveLength(saved);
    expect(await decideEvents()).toHaveLength(1);

    const n = await recordDisclosure(dpo, requestId, {
      action: 'redact-every',
      start: one.start,
      end: one.end,
      digest: b.bundle.digest,
    });
    expect(n).toBe(one.mentions);
    const after = await readBundle(dpo, requestId, 'review');
    for (const s of after.bundle.spans.filter((x) => x.entity === one.entity))
      expect(s).toMatchObject({ redacted: true, decision: { action: 'redact' } });
    expect(after.bundle.sections.flatMap((s) => s.items.map((i) => i.text)).join('\n')).not.toContain(
      'Ashcombe',
    );
  });
});

describe('the review screen without JavaScript', () => {
  it('offers every-mention buttons only for people mentioned more than once, and saves one', async () => {
    const b = new TestBrowser(t.app, '10.48.0.1');
    b.cookies.set(...((await sessionCookie(db(), w.dpo)).split('=') as [string, string]));
    const page = await b.get(`/subject-access/${requestId}`);
    expect(page.status).toBe(200);
    const r = await readBundle(await recordsAs(db(), w.dpo), requestId, 'review');
    const many = r.bundle.spans.find((s) => s.text.includes('Leo') && s.mentions > 1)!;
    const single = r.bundle.spans.find((s) => s.mentions === 1)!;
    const formOf = (start: number) =>
      new RegExp(`name="start" value="${start}">[\\s\\S]*?</form>`).exec(page.body)![0];
    expect(formOf(many.start)).toContain('value="disclose-every"');
    expect(formOf(many.start)).toContain(
      `Disclose every mention<span class="govuk-visually-hidden"> of “${many.text}” (${many.mentions} mentions`,
    );
    expect(formOf(single.start)).not.toContain('value="disclose-every"');
    const digest = /name="digest" value="([0-9a-f]{64})"/.exec(page.body)![1]!;
    const before = (await decisions()).length;
    const saved = await b.post(`/subject-access/${requestId}/decisions`, {
      action: 'disclose-every',
      start: String(many.start),
      end: String(many.end),
      digest,
      show: 'all',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toContain('saved=decisions');
    expect((await decisions()).length - before).toBe(many.mentions);
    const next = await b.get(saved.location!);
    expect(next.body).toContain('The decision is saved on every mention');
    const stale = await b.post(`/subject-access/${requestId}/decisions`, {
      action: 'redact-every',
      start: String(many.start),
      end: String(many.end),
      digest: 'd'.repeat(64),
    });
    expect(stale.status).toBe(400);
    expect(stale.body).toContain('The record changed since you opened this page');
  });
});
