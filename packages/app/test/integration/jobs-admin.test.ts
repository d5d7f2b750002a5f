/**
 * `/admin/jobs`: counts by state, failures with their error messages and never their payloads,
 * retry and cancel as plain forms (no JavaScript), audited; only for the LA's administrator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inTenant } from '../../src/db/tenant.ts';
import { enqueue, registerJob } from '../../src/jobs/index.ts';
import { unregisterJob } from '../../src/jobs/registry.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
const db = () => t.database.db;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(db());
  registerJob(
    'test.push',
    z.object({ childName: z.string(), fail: z.boolean() }),
    async ({ fail }) => {
      if (fail) throw new Error('The DfE service answered 503');
    },
    { maxAttempts: 1 },
  );
  await inTenant(db(), '901', async (tx) => {
    ids.failing = await enqueue(tx, 'test.push', { childName: 'Zebedee Payloadson', fail: true });
    ids.fine = await enqueue(tx, 'test.push', { childName: 'Zebedee Payloadson', fail: false });
    ids.later = await enqueue(
      tx,
      'test.push',
      { childName: 'Zebedee Payloadson', fail: false },
      {
        runAt: new Date(Date.now() + 3_600_000),
      },
    );
  });
  await inTenant(db(), '902', async (tx) => {
    ids.otherLa = await enqueue(tx, 'test.push', { childName: 'Other', fail: true });
  });
  await runDueJobs(db());
});
afterAll(async () => {
  unregisterJob('test.push');
  await t.close();
});

const page = async (url = '/admin/jobs') =>
  t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), w.users.admin) } });

describe('the jobs page', () => {
  it('shows counts by state and the failures with their messages, never a payload', async () => {
    const res = await page();
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Jobs');
    expect(res.body).toContain('test.push');
    expect(res.body).toContain('The DfE service answered 503');
    expect(res.body).not.toContain('Zebedee');
    expect(res.body).not.toContain('Payloadson');
    expect(res.body).toContain(`action="/admin/jobs/${ids.failing}/retry"`);
    expect(res.body).not.toContain(ids.otherLa); // another LA's jobs are not shown
    // one failed, one done, one waiting
    const counts = [...res.body.matchAll(/govuk-table__cell--numeric">(\d+)</g)].map((m) => Number(m[1]));
    expect(counts).toEqual([1, 0, 0, 1, 1, 0]);
  });

  it('is not found for anyone but a system administrator', async () => {
    for (const user of [w.users.managerA, w.users.dpo, w.users.workerA]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/admin/jobs',
        headers: { cookie: await sessionCookie(db(), user) },
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it('retries a failed job (audited), which then runs again', async () => {
    const cookie = await sessionCookie(db(), w.users.admin);
    const res = await submitForm(t.app, '/admin/jobs', cookie, {}, `/admin/jobs/${ids.failing}/retry`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/jobs?done=retry');
    const job = await db()
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', ids.failing!)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'queued', attempts: 0 });
    const audit = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'admin.job_retry')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_user_id: w.users.admin.id,
      record_id: ids.failing,
      reason: 'test.push',
    });
    expect((await page('/admin/jobs?done=retry')).body).toContain('The job will run again.');
    expect((await page('/admin/jobs?done=Anything+you+like')).body).not.toContain('Anything you like');
    await runDueJobs(db());
    const rerun = await db()
      .selectFrom('jobs')
      .select(['state', 'attempts'])
      .where('id', '=', ids.failing!)
      .executeTakeFirstOrThrow();
    expect(rerun).toEqual({ state: 'dead', attempts: 1 }); // it ran again (and failed again)
  });

  it('cancels a waiting job (audited), and refuses to cancel a finished one', async () => {
    const cookie = await sessionCookie(db(), w.users.admin);
    const res = await submitForm(t.app, '/admin/jobs', cookie, {}, `/admin/jobs/${ids.later}/cancel`);
    expect(res.statusCode).toBe(303);
    const job = await db()
      .selectFrom('jobs')
      .select('state')
      .where('id', '=', ids.later!)
      .executeTakeFirstOrThrow();
    expect(job.state).toBe('cancelled');
    expect(
      await db().selectFrom('audit_events').select('id').where('action', '=', 'admin.job_cancel').execute(),
    ).toHaveLength(1);
    const again = await submitForm(t.app, '/admin/jobs', cookie, {}, `/admin/jobs/${ids.fine}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This job cannot be cancelled: it is done');
  });

  it("answers not found for another LA's job, a bad id, and an unknown action", async () => {
    const cookie = await sessionCookie(db(), w.users.admin);
    for (const url of [
      `/admin/jobs/${ids.otherLa}/retry`,
      '/admin/jobs/not-a-uuid/retry',
      `/admin/jobs/${ids.fine}/delete`,
    ]) {
      expect((await submitForm(t.app, '/admin/jobs', cookie, {}, url)).statusCode).toBe(404);
    }
    const other = await db()
      .selectFrom('jobs')
      .select('state')
      .where('id', '=', ids.otherLa!)
      .executeTakeFirstOrThrow();
    expect(other.state).toBe('dead');
  });
});
