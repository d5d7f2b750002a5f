/**
 * The DfE daily feed end to end, on the engine under test, against a local receiver (a real HTTP
 * server implementing the documented answers): the first push sends every child in requests of at
 * most 100, each valid; a second push with no changes sends nothing; a changed child is sent again;
 * a child gone from the record is sent with purge; 429 is retried; 401 is recorded as refused and
 * not retried; a push stopped after its first request resumes with the rest, in order.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant.ts';
import { DFE_PUSH, scheduledPush } from '../../src/dfe-feed/jobs.ts';
import { postChildren } from '../../src/dfe-feed/send.ts';
import { changeJob } from '../../src/jobs/admin.ts';
import { jobDefinition } from '../../src/jobs/registry.ts';
import { runDueJobs, startWorker } from '../../src/jobs/worker.ts';
import { laChildIdOf } from '../../src/returns/adapter.ts';
import { buildDfeFeedWorld, type DfeFeedWorld } from '../support/dfe-feed.ts';
import type { DfeReceiver } from '../support/dfe-receiver.ts';
import { buildUser, sessionCookie, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const LA = '953';
let t: TestApp;
let w: DfeFeedWorld;
let officer: BuiltUser;
let worker: BuiltUser;
let receiver: DfeReceiver;
let children: string[] = [];
const db = () => t.database.db;
const push = () => w.push();
const requestsOf = (pushId: string) => w.requestsOf(pushId);
const pushRow = (pushId: string) => w.pushRow(pushId);
const dfeJobs = () => w.dfeJobs();
const setApiKey = (value: string) => w.setApiKey(value);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildDfeFeedWorld(t, LA, 150);
  receiver = w.receiver;
  children = [...w.children];
  officer = await buildUser(db(), w.la, ['performance_officer']);
  worker = await buildUser(db(), w.la, ['social_worker']);
});
afterAll(async () => {
  await w.close();
  await t.close();
});

describe('the DfE daily feed', () => {
  it('is a daily job at 05:00 London', () => {
    expect(jobDefinition(DFE_PUSH)?.recurring).toEqual({ cron: '0 5 * * *', timezone: 'Europe/London' });
  });

  it('sends every child first, in requests of at most 100 each valid, and keeps every receipt', async () => {
    const planned = await push();
    expect(planned.counts).toEqual({ new: 150, changed: 0, deleted: 0 });
    expect(receiver.received.map((r) => [r.status, r.body.length])).toEqual([
      [200, 100],
      [200, 50],
    ]);
    expect(
      receiver.received.every((r) => r.authorization === `Bearer ${receiver.apiKey}` && r.laCode === LA),
    ).toBe(true);
    const ids = receiver.received.flatMap((r) => r.body.map((c) => c.la_child_id));
    expect(new Set(ids)).toEqual(new Set(children.map((id) => laChildIdOf({ id, la_child_id: null }))));
    const requests = await requestsOf(planned.pushId);
    expect(
      requests.map((r) => [r.request_no, r.status, r.http_status, r.receipt, r.attempts, r.body]),
    ).toEqual([
      [1, 'accepted', 200, receiver.received[0]?.receipt, 1, null],
      [2, 'accepted', 200, receiver.received[1]?.receipt, 1, null],
    ]);
    expect((await pushRow(planned.pushId)).status).toBe('sent');
    const state = await db()
      .selectFrom('dfe_pushed_children')
      .select('la_child_id')
      .where('la_code', '=', LA)
      .execute();
    expect(state).toHaveLength(150);
    // The read was the system's audited export naming every child.
    const audit = await db()
      .selectFrom('audit_events')
      .select(['action', 'record_id', 'reason'])
      .where('la_code', '=', LA)
      .where('record_id', '=', 'dfe daily push')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.reason).toContain(`children=150: `);
  });

  it('sends nothing the same day when nothing has changed', async () => {
    const before = receiver.received.length;
    const planned = await push();
    expect(planned.status).toBe('nothing to send');
    expect(planned.unchanged).toBe(150);
    expect(receiver.received.length).toBe(before);
  });

  it('sends a changed child again, alone', async () => {
    const before = receiver.received.length;
    await db()
      .updateTable('people')
      .set({ upn: 'A123456789012' })
      .where('id', '=', children[3] ?? '')
      .execute();
    const planned = await push();
    expect(planned.counts).toEqual({ new: 0, changed: 1, deleted: 0 });
    const sent = receiver.received.slice(before);
    expect(sent.map((r) => r.body.map((c) => [c.la_child_id, c.child_details?.unique_pupil_number]))).toEqual(
      [[[laChildIdOf({ id: children[3] ?? '', la_child_id: null }), 'A123456789012']]],
    );
  });

  it('sends a child who is no longer in the record (disposed, erased) with purge, and forgets them once accepted', async () => {
    const before = receiver.received.length;
    const gone = children[7] ?? '';
    const goneId = laChildIdOf({ id: gone, la_child_id: null });
    await db().deleteFrom('people').where('id', '=', gone).execute();
    children = children.filter((c) => c !== gone);
    const planned = await push();
    expect(planned.counts).toEqual({ new: 0, changed: 0, deleted: 1 });
    expect(receiver.received.slice(before).map((r) => r.body)).toEqual([
      [{ la_child_id: goneId, purge: true }],
    ]);
    const state = await db()
      .selectFrom('dfe_pushed_children')
      .select('la_child_id')
      .where('la_child_id', '=', goneId)
      .execute();
    expect(state).toEqual([]);
  });

  it('retries a 429 with backoff and then keeps the receipt', async () => {
    const before = receiver.received.length;
    await db()
      .updateTable('people')
      .set({ ethnicity: 'WIRI' })
      .where('id', '=', children[10] ?? '')
      .execute();
    receiver.failNext(429);
    const planned = await push();
    let [request] = await requestsOf(planned.pushId);
    expect([request?.status, request?.http_status, request?.reason]).toEqual([
      'retrying',
      429,
      'HTTP 429 Too many requests',
    ]);
    const job = (await dfeJobs()).at(-1);
    expect([job?.state, job?.attempts]).toEqual(['retry', 1]);
    // The backoff's wait, passed.
    await db()
      .updateTable('jobs')
      .set({ run_at: sql<Date>`now()` })
      .where('id', '=', job?.id ?? '')
      .execute();
    await runDueJobs(db());
    [request] = await requestsOf(planned.pushId);
    expect([request?.status, request?.http_status, request?.attempts]).toEqual(['accepted', 200, 2]);
    expect(request?.history.map((h) => h.status)).toEqual([429, 200]);
    expect(receiver.received.slice(before).map((r) => r.status)).toEqual([429, 200]);
    expect((await pushRow(planned.pushId)).status).toBe('sent');
  });

  it('records a 401 (a wrong key) as refused with its reason and does not retry it', async () => {
    const before = receiver.received.length;
    await setApiKey('a-wrong-key');
    await db()
      .updateTable('people')
      .set({ ethnicity: 'WOTH' })
      .where('id', '=', children[11] ?? '')
      .execute();
    const planned = await push();
    const [request] = await requestsOf(planned.pushId);
    expect([request?.status, request?.http_status, request?.attempts]).toEqual(['rejected', 401, 1]);
    expect(request?.reason).toBe('HTTP 401 Unauthorized Access');
    const job = (await dfeJobs()).at(-1);
    expect([job?.state, job?.attempts]).toEqual(['dead', 1]);
    await runDueJobs(db());
    expect(receiver.received.slice(before).map((r) => r.status)).toEqual([401]);
    const p = await pushRow(planned.pushId);
    expect([p.status, p.reason]).toEqual(['rejected', 'Request 1 was refused: HTTP 401 Unauthorized Access']);
    // A later push waits behind the refused request (its changes must not overtake it).
    await db()
      .updateTable('people')
      .set({ ethnicity: 'WIRT' })
      .where('id', '=', children[12] ?? '')
      .execute();
    const later = await push();
    expect(later.counts).toEqual({ new: 0, changed: 2, deleted: 0 });
    expect((await requestsOf(later.pushId)).map((r) => r.status)).toEqual(['queued']);
    expect(receiver.received.length - before).toBe(1);
    // The key put right and the refused request retried at /admin/jobs: it goes, then the later one.
    await setApiKey(receiver.apiKey);
    await changeJob(db(), { laCode: LA, admin: null }, job?.id ?? '', 'retry', {
      ip: null,
      requestId: 'test',
    });
    await runDueJobs(db());
    expect(
      receiver.received
        .slice(before)
        .map((r) => [r.status, r.body.map((c) => c.child_details?.ethnicity).sort()]),
    ).toEqual([
      [401, ['WOTH']],
      [200, ['WOTH']],
      [200, ['WIRT', 'WOTH']],
    ]);
    expect((await pushRow(planned.pushId)).status).toBe('sent');
    expect((await pushRow(later.pushId)).status).toBe('sent');
  });

  it('resumes a push stopped after its first request with the rest, in order', async () => {
    await db().updateTable('people').set({ ethnicity: 'MWBC' }).where('la_code', '=', LA).execute();
    const planned = await scheduledPush(
      (fn) => inTenant(db(), LA, fn),
      LA,
      '00000000-0000-4000-8000-0000000000ff',
    );
    expect(planned?.requests).toBe(2);
    const before = receiver.received.length;
    // The app stops while the first request is at the DfE: its worker takes no more work.
    const worker = startWorker(db(), { pollMs: 10 });
    const stopped = new Promise<void>((resolve) => {
      receiver.onRequest = () => {
        receiver.onRequest = undefined;
        void worker.stop().then(resolve);
      };
    });
    await stopped;
    const mid = await requestsOf(planned?.pushId ?? '');
    expect(mid.map((r) => r.status)).toEqual(['accepted', 'queued']);
    expect(receiver.received.length - before).toBe(1);
    // A push meanwhile waits for it rather than sending the same changes again.
    const meanwhile = await scheduledPush(
      (fn) => inTenant(db(), LA, fn),
      LA,
      '00000000-0000-4000-8000-0000000000fe',
    );
    expect(meanwhile?.status).toBe('skipped');
    // Started again: the rest goes, in order.
    await runDueJobs(db());
    const after = await requestsOf(planned?.pushId ?? '');
    expect(after.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const sent = receiver.received.slice(before);
    expect(sent.map((r) => [r.status, r.body.length])).toEqual([
      [200, 100],
      [200, 49],
    ]);
    expect((await pushRow(planned?.pushId ?? '')).status).toBe('sent');
    const all = await db()
      .selectFrom('dfe_pushed_children')
      .select('la_child_id')
      .where('la_code', '=', LA)
      .execute();
    expect(all).toHaveLength(149);
  });

  it('the receiver answers 413 for more than 100 children and 400 for a body the schema refuses; a 413 is refused at once', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ la_child_id: `C${String(i)}` }));
    expect((await postChildren(receiver.url, LA, receiver.apiKey, many)).status).toBe(413);
    const bad = await postChildren(receiver.url, LA, receiver.apiKey, [{ la_child_id: 'not-allowed!' }]);
    expect([bad.status, bad.text]).toEqual([400, 'Payload was malformed']);
    expect((await postChildren(receiver.url, LA, 'wrong', [])).status).toBe(401);
    await db()
      .updateTable('people')
      .set({ ethnicity: 'WROM' })
      .where('id', '=', children[20] ?? '')
      .execute();
    receiver.failNext(413);
    const planned = await push();
    const [request] = await requestsOf(planned.pushId);
    expect([request?.status, request?.reason, request?.attempts]).toEqual([
      'rejected',
      'HTTP 413 Too many records',
      1,
    ]);
    const job = (await dfeJobs()).at(-1);
    expect(job?.state).toBe('dead');
    // Cancelled at /admin/jobs: never accepted, so the next push sends the child again.
    await changeJob(db(), { laCode: LA, admin: null }, job?.id ?? '', 'cancel', {
      ip: null,
      requestId: 'test',
    });
    const again = await push();
    expect(again.counts.changed).toBe(1);
    expect(receiver.received.at(-1)?.status).toBe(200);
  });

  it('sends a request the DfE answers 413 for in halves, keeping both receipts', async () => {
    const before = receiver.received.length;
    receiver.maxChildren = 30;
    const some = children.slice(40, 80);
    await db().updateTable('people').set({ ethnicity: 'WIRT' }).where('id', 'in', some).execute();
    const planned = await push();
    receiver.maxChildren = 100;
    expect(planned.counts.changed).toBe(40);
    expect(receiver.received.slice(before).map((r) => [r.status, r.body.length])).toEqual([
      [413, 40],
      [200, 20],
      [200, 20],
    ]);
    const [request] = await requestsOf(planned.pushId);
    expect([request?.status, request?.reason]).toEqual([
      'accepted',
      'Sent in 2 parts after HTTP 413 Too many records',
    ]);
    expect(request?.receipt).toBe(
      `${receiver.received.at(-2)?.receipt ?? ''} ${receiver.received.at(-1)?.receipt ?? ''}`,
    );
    expect((await pushRow(planned.pushId)).status).toBe('sent');
  });

  it('shows the data team the last push, the receipt of each request and the refusals with their reasons; not found for others', async () => {
    const page = await t.app.inject({
      url: '/returns/dfe-feed',
      headers: { cookie: await sessionCookie(db(), officer) },
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">DfE daily feed</h1>');
    const last =
      (
        await db()
          .selectFrom('dfe_push_requests')
          .select('receipt')
          .where('receipt', 'is not', null)
          .orderBy('at', 'desc')
          .executeTakeFirstOrThrow()
      ).receipt ?? '';
    expect(page.body).toContain(`Receipt ${last}`);
    // The 401 was retried and accepted; the cancelled 413 is still a refusal.
    expect(page.body).not.toContain('HTTP 401 Unauthorized Access');
    expect(page.body).toContain('HTTP 413 Too many records');
    const quality = await t.app.inject({
      url: '/returns',
      headers: { cookie: await sessionCookie(db(), officer) },
    });
    expect(quality.body).toContain('href="/returns/dfe-feed"');
    const denied = await t.app.inject({
      url: '/returns/dfe-feed',
      headers: { cookie: await sessionCookie(db(), worker) },
    });
    expect(denied.statusCode).toBe(404);
  });
});
