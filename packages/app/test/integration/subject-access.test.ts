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
import { buildSarWorld, recordsAs, SAR_LA, type SarWorld } from '../support/subject-access-world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

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
    expect(b.bundle.spans.find((s) => s.text === 'Priya Ostrander')).toMatchObject({ why: 'a referrer' });
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
