/**
 * The DfE daily feed's retries, on the engine under test, against the local receiver (a real HTTP
 * server): a request split in halves after a 413 whose second half then fails is retried with only
 * the children not yet accepted, every part's receipt kept; a request still failing after its last
 * attempt is given up, shown with its reason on /returns/dfe-feed and /admin/jobs, holds the LA's
 * later requests behind it, and once retried at /admin/jobs the rest follow in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DFE_SEND_ATTEMPTS } from '../../src/dfe-feed/send.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { laChildIdOf } from '../../src/returns/adapter.ts';
import { buildDfeFeedWorld, type DfeFeedWorld } from '../support/dfe-feed.ts';
import { buildUser, sessionCookie, type BuiltUser } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const LA = '954';
let t: TestApp;
let w: DfeFeedWorld;
let officer: BuiltUser;
let admin: BuiltUser;
const db = () => t.database.db;
const idOf = (id: string) => laChildIdOf({ id, la_child_id: null });
const ids = (r: { body: { la_child_id: string }[] }) => r.body.map((c) => c.la_child_id);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildDfeFeedWorld(t, LA, 40);
  officer = await buildUser(db(), w.la, ['performance_officer']);
  admin = await buildUser(db(), w.la, ['system_administrator']);
  await w.push();
});
afterAll(async () => {
  await w.close();
  await t.close();
});

describe('DfE feed retries', () => {
  it('after a 413 split whose second half failed, resends only the children not yet accepted', async () => {
    const before = w.receiver.received.length;
    await db().updateTable('people').set({ ethnicity: 'WIRI' }).where('la_code', '=', LA).execute();
    w.receiver.maxChildren = 30;
    // The whole 40 answered normally (413), the first half normally (200), the second half 429.
    w.receiver.failNext(null, null, 429);
    const planned = await w.push();
    let [request] = await w.requestsOf(planned.pushId);
    expect(w.receiver.received.slice(before).map((r) => [r.status, r.body.length])).toEqual([
      [413, 40],
      [200, 20],
      [429, 20],
    ]);
    const firstHalf = ids(w.receiver.received[before + 1] ?? { body: [] });
    const secondHalf = ids(w.receiver.received[before + 2] ?? { body: [] });
    // The accepted half is recorded as it was accepted, with its receipt and its children.
    expect([request?.status, request?.http_status]).toEqual(['retrying', 429]);
    expect(request?.accepted_parts.map((p) => [p.receipt, p.children])).toEqual([
      [w.receiver.received[before + 1]?.receipt, firstHalf],
    ]);
    const kept = await db()
      .selectFrom('dfe_pushed_children')
      .select('la_child_id')
      .where('la_code', '=', LA)
      .where('push_id', '=', planned.pushId)
      .execute();
    expect(kept.map((k) => k.la_child_id).sort()).toEqual([...firstHalf].sort());

    const job = (await w.dfeJobs()).at(-1);
    await w.due(job?.id ?? '');
    await runDueJobs(db());
    w.receiver.maxChildren = 100;
    const sent = w.receiver.received.slice(before);
    expect(sent.map((r) => [r.status, r.body.length])).toEqual([
      [413, 40],
      [200, 20],
      [429, 20],
      [200, 20],
    ]);
    expect(ids(sent[3] ?? { body: [] })).toEqual(secondHalf);
    // Every child of the first half was posted and accepted exactly once.
    const accepted = sent.filter((r) => r.status === 200).flatMap(ids);
    expect(accepted.sort()).toEqual(w.children.map(idOf).sort());
    [request] = await w.requestsOf(planned.pushId);
    expect([request?.status, request?.attempts, request?.body]).toEqual(['accepted', 2, null]);
    expect(request?.reason).toBe('Sent in 2 parts after HTTP 413 Too many records');
    expect(request?.receipt).toBe(`${sent[1]?.receipt ?? ''} ${sent[3]?.receipt ?? ''}`);
    expect(request?.accepted_parts.map((p) => [p.receipt, p.children.length])).toEqual([
      [sent[1]?.receipt, 20],
      [sent[3]?.receipt, 20],
    ]);
    expect((await w.pushRow(planned.pushId)).status).toBe('sent');
    expect((await w.push()).status).toBe('nothing to send');
  });

  it(`gives a request up after ${String(DFE_SEND_ATTEMPTS)} attempts, shows why, holds later requests, and resumes in order once retried`, async () => {
    const before = w.receiver.received.length;
    const [one, two] = w.children;
    await db()
      .updateTable('people')
      .set({ ethnicity: 'WOTH' })
      .where('id', '=', one ?? '')
      .execute();
    w.receiver.failNext(...Array.from({ length: DFE_SEND_ATTEMPTS }, () => 503));
    const planned = await w.push();
    const job = (await w.dfeJobs()).at(-1);
    for (let attempt = 2; attempt <= DFE_SEND_ATTEMPTS; attempt++) {
      expect((await w.dfeJobs()).at(-1)?.state).toBe('retry');
      await w.due(job?.id ?? '');
      await runDueJobs(db());
    }
    expect(w.receiver.received.slice(before).map((r) => r.status)).toEqual(
      Array.from({ length: DFE_SEND_ATTEMPTS }, () => 503),
    );
    const reason = `HTTP 503 Server error (given up after ${String(DFE_SEND_ATTEMPTS)} attempts)`;
    const [request] = await w.requestsOf(planned.pushId);
    expect([request?.status, request?.http_status, request?.attempts, request?.reason]).toEqual([
      'rejected',
      503,
      DFE_SEND_ATTEMPTS,
      reason,
    ]);
    const dead = (await w.dfeJobs()).at(-1);
    expect([dead?.id, dead?.state, dead?.attempts]).toEqual([job?.id, 'dead', DFE_SEND_ATTEMPTS]);
    expect(dead?.last_error).toContain(reason);
    expect((await w.pushRow(planned.pushId)).reason).toBe(`Request 1 was refused: ${reason}`);
    // Nothing more is sent for it, however often the queue runs.
    await runDueJobs(db());
    expect(w.receiver.received.length - before).toBe(DFE_SEND_ATTEMPTS);

    const status = await t.app.inject({
      url: '/returns/dfe-feed',
      headers: { cookie: await sessionCookie(db(), officer) },
    });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(reason);
    const jobsPage = await t.app.inject({
      url: '/admin/jobs',
      headers: { cookie: await sessionCookie(db(), admin) },
    });
    expect(jobsPage.body).toContain(`DfE request 1 refused: ${reason}`);
    expect(jobsPage.body).toContain(`action="/admin/jobs/${job?.id ?? ''}/retry"`);

    // A later change is planned, and waits behind the dead request.
    await db()
      .updateTable('people')
      .set({ ethnicity: 'WIRT' })
      .where('id', '=', two ?? '')
      .execute();
    const later = await w.push();
    expect(later.counts).toEqual({ new: 0, changed: 2, deleted: 0 });
    expect((await w.requestsOf(later.pushId)).map((r) => r.status)).toEqual(['queued']);
    expect(w.receiver.received.length - before).toBe(DFE_SEND_ATTEMPTS);

    // Retried from /admin/jobs: it goes first, then the later request.
    const cookie = await sessionCookie(db(), admin);
    const res = await submitForm(t.app, '/admin/jobs', cookie, {}, `/admin/jobs/${job?.id ?? ''}/retry`);
    expect(res.statusCode).toBe(303);
    await runDueJobs(db());
    expect(
      w.receiver.received.slice(before + DFE_SEND_ATTEMPTS).map((r) => [r.status, ids(r).sort()]),
    ).toEqual([
      [200, [idOf(one ?? '')]],
      [200, [idOf(one ?? ''), idOf(two ?? '')].sort()],
    ]);
    expect((await w.pushRow(planned.pushId)).status).toBe('sent');
    expect((await w.pushRow(later.pushId)).status).toBe('sent');
  });
});
