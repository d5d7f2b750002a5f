/**
 * The job queue on a real database (PGlite, and PostgreSQL when DATABASE_URL is set): enqueued in
 * the work's transaction, run after commit, rolled back with it, retried with backoff, dead after
 * its last attempt, in order per key under concurrency, idempotent, recurring, tenant-bound.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inTenant } from '../../src/db/tenant.ts';
import { enqueue, PermanentJobError, registerJob } from '../../src/jobs/index.ts';
import { backoffMs, unregisterJob } from '../../src/jobs/registry.ts';
import { fireSchedules, latestFireTime } from '../../src/jobs/schedule.ts';
import { recoverAbandoned, runDueJobs, startWorker } from '../../src/jobs/worker.ts';
import { buildChild, buildLocalAuthority } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
const db = () => database.db;
const registered: string[] = [];
const ran: { name: string; payload: unknown; laCode: string; attempt: number }[] = [];

function testJob<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: (p: z.output<S>, attempt: number) => Promise<void> = async () => {},
  options: Parameters<typeof registerJob>[3] = {},
) {
  registered.push(name);
  return registerJob(
    name,
    schema,
    async (payload, ctx) => {
      ran.push({ name, payload, laCode: ctx.laCode, attempt: ctx.attempt });
      await handler(payload, ctx.attempt);
    },
    options,
  );
}

const jobsNamed = (name: string) =>
  db().selectFrom('jobs').selectAll().where('name', '=', name).orderBy('seq').execute();

beforeAll(async () => {
  database = await createTestDatabase();
  await buildLocalAuthority(db(), '931', 'Queue Borough');
  await buildLocalAuthority(db(), '932', 'Other Borough');
});
afterEach(() => {
  for (const n of registered.splice(0)) unregisterJob(n);
  ran.length = 0;
});
afterAll(async () => {
  await database.close();
});

describe('enqueue and run', () => {
  it('runs a job enqueued in a committed transaction, after the commit, under its LA', async () => {
    testJob('test.after-commit', z.object({ n: z.number() }));
    await inTenant(db(), '931', async (tx) => {
      await enqueue(tx, 'test.after-commit', { n: 1 });
      // Not yet committed: no other connection can see it, and nothing ran.
      expect(ran).toHaveLength(0);
    });
    expect(await runDueJobs(db())).toBe(1);
    expect(ran).toEqual([{ name: 'test.after-commit', payload: { n: 1 }, laCode: '931', attempt: 1 }]);
    const [job] = await jobsNamed('test.after-commit');
    expect(job).toMatchObject({ state: 'done', attempts: 1, la_code: '931' });
  });

  it('enqueues nothing when the transaction rolls back', async () => {
    testJob('test.rollback', z.object({}));
    await expect(
      inTenant(db(), '931', async (tx) => {
        await enqueue(tx, 'test.rollback', {});
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await jobsNamed('test.rollback')).toHaveLength(0);
    expect(await runDueJobs(db())).toBe(0);
  });

  it('refuses an unknown job, a payload its schema refuses and a transaction without a tenant', async () => {
    testJob('test.refuse', z.object({ childId: z.uuid() }));
    await inTenant(db(), '931', async (tx) => {
      await expect(enqueue(tx, 'test.nobody', {})).rejects.toThrow('no job is registered as "test.nobody"');
      await expect(enqueue(tx, 'test.refuse', { childId: 'Jayden' })).rejects.toThrow(
        'childId: invalid_format',
      );
    });
    await expect(
      db()
        .transaction()
        .execute((tx) => enqueue(tx, 'test.refuse', { childId: '6f1c3c1e-58e4-4f7e-9a52-1f2a3b4c5d6e' })),
    ).rejects.toThrow('needs a tenant transaction');
  });

  it('runs a job no earlier than runAt', async () => {
    testJob('test.later', z.object({}));
    await inTenant(db(), '931', (tx) =>
      enqueue(tx, 'test.later', {}, { runAt: new Date(Date.now() + 60_000) }),
    );
    expect(await runDueJobs(db())).toBe(0);
    await db()
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1) })
      .where('name', '=', 'test.later')
      .execute();
    expect(await runDueJobs(db())).toBe(1);
  });

  it('claims an urgent job before a backlog of earlier ones', async () => {
    testJob('test.bulk', z.object({ n: z.number() }));
    testJob('test.urgent', z.object({}), async () => {}, { urgent: true });
    await inTenant(db(), '931', async (tx) => {
      for (let n = 0; n < 5; n++) await enqueue(tx, 'test.bulk', { n });
      await enqueue(tx, 'test.urgent', {});
    });
    expect(await runDueJobs(db(), { concurrency: 1 })).toBe(6);
    expect(ran.map((r) => r.name)).toEqual(['test.urgent', ...Array<string>(5).fill('test.bulk')]);
  });

  it('enqueues one job for one idempotency key, per LA', async () => {
    testJob('test.once', z.object({ n: z.number() }));
    const first = await inTenant(db(), '931', (tx) =>
      enqueue(tx, 'test.once', { n: 1 }, { idempotencyKey: 'k1' }),
    );
    const again = await inTenant(db(), '931', (tx) =>
      enqueue(tx, 'test.once', { n: 2 }, { idempotencyKey: 'k1' }),
    );
    const elsewhere = await inTenant(db(), '932', (tx) =>
      enqueue(tx, 'test.once', { n: 3 }, { idempotencyKey: 'k1' }),
    );
    expect(again).toBe(first);
    expect(elsewhere).not.toBe(first);
    await runDueJobs(db());
    expect(
      ran.map((r) => r.payload).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('runs the handler confined to its LA by row-level security', async () => {
    const here = await buildChild(db(), '931', { givenName: 'Here', familyName: 'Child' });
    await buildChild(db(), '932', { givenName: 'Elsewhere', familyName: 'Child' });
    const seen: string[] = [];
    registered.push('test.tenant');
    registerJob('test.tenant', z.object({}), async (_p, ctx) => {
      const rows = await ctx.inTenant((tx) => tx.selectFrom('people').select(['id', 'la_code']).execute());
      seen.push(...rows.map((r) => `${r.la_code}:${r.id}`));
    });
    await inTenant(db(), '931', (tx) => enqueue(tx, 'test.tenant', {}));
    await runDueJobs(db());
    expect(seen).toContain(`931:${here}`);
    expect(seen.every((s) => s.startsWith('931:'))).toBe(true);
  });
});

describe('failure', () => {
  it('retries with exponential backoff, then succeeds', async () => {
    const def = testJob(
      'test.flaky',
      z.object({}),
      async (_p, attempt) => {
        if (attempt < 3) throw new Error(`upstream said no (attempt ${attempt})`);
      },
      { maxAttempts: 5, backoff: { baseMs: 1_000, maxMs: 60_000 } },
    );
    expect([1, 2, 3, 4].map((n) => backoffMs(def, n))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffMs(def, 20)).toBe(60_000);
    await inTenant(db(), '931', (tx) => enqueue(tx, 'test.flaky', {}));

    const before = Date.now();
    await runDueJobs(db());
    let [job] = await jobsNamed('test.flaky');
    expect(job).toMatchObject({
      state: 'retry',
      attempts: 1,
      last_error: 'Error: upstream said no (attempt 1)',
    });
    const firstDelay = job!.run_at.getTime() - before;
    expect(firstDelay).toBeGreaterThanOrEqual(900);
    expect(firstDelay).toBeLessThan(1_000 + 5_000);
    expect(await runDueJobs(db())).toBe(0); // not due yet

    await db()
      .updateTable('jobs')
      .set({ run_at: new Date(0) })
      .where('name', '=', 'test.flaky')
      .execute();
    const second = Date.now();
    await runDueJobs(db());
    [job] = await jobsNamed('test.flaky');
    expect(job).toMatchObject({ state: 'retry', attempts: 2 });
    expect(job!.run_at.getTime() - second).toBeGreaterThanOrEqual(1_900); // doubled

    await db()
      .updateTable('jobs')
      .set({ run_at: new Date(0) })
      .where('name', '=', 'test.flaky')
      .execute();
    await runDueJobs(db());
    [job] = await jobsNamed('test.flaky');
    expect(job).toMatchObject({ state: 'done', attempts: 3, last_error: null });
    expect(ran.map((r) => r.attempt)).toEqual([1, 2, 3]);
  });

  it('is dead after its last attempt, with the error kept and nothing run again', async () => {
    testJob(
      'test.doomed',
      z.object({}),
      async () => {
        throw new TypeError('cannot read the reply');
      },
      { maxAttempts: 2, backoff: { baseMs: 1, maxMs: 1 } },
    );
    await inTenant(db(), '931', (tx) => enqueue(tx, 'test.doomed', {}));
    await runDueJobs(db());
    await new Promise((r) => setTimeout(r, 20));
    await runDueJobs(db());
    const [job] = await jobsNamed('test.doomed');
    expect(job).toMatchObject({ state: 'dead', attempts: 2, last_error: 'TypeError: cannot read the reply' });
    expect(job!.finished_at).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(await runDueJobs(db())).toBe(0);
  });

  it('is dead at once when its handler says trying again cannot succeed, with the reason kept', async () => {
    let runs = 0;
    testJob(
      'test.refused',
      z.object({}),
      async () => {
        runs++;
        throw new PermanentJobError('the index refused it: encoding: no blocking keys');
      },
      { maxAttempts: 5, backoff: { baseMs: 1, maxMs: 1 } },
    );
    await inTenant(db(), '931', (tx) => enqueue(tx, 'test.refused', {}));
    await runDueJobs(db());
    await new Promise((r) => setTimeout(r, 20));
    expect(await runDueJobs(db())).toBe(0);
    const [job] = await jobsNamed('test.refused');
    expect(job).toMatchObject({
      state: 'dead',
      attempts: 1,
      last_error: 'PermanentJobError: the index refused it: encoding: no blocking keys',
    });
    expect(job!.finished_at).not.toBeNull();
    expect(runs).toBe(1);
  });

  it('takes back a job whose worker stopped, once its lease has ended', async () => {
    testJob('test.abandoned', z.object({}));
    await inTenant(db(), '931', (tx) => enqueue(tx, 'test.abandoned', {}));
    await db()
      .updateTable('jobs')
      .set({
        state: 'running',
        attempts: 1,
        locked_by: 'a-killed-worker',
        lease_until: new Date(Date.now() + 60_000),
      })
      .where('name', '=', 'test.abandoned')
      .execute();
    expect(await recoverAbandoned(db())).toBe(0); // still within its lease
    await db()
      .updateTable('jobs')
      .set({ lease_until: new Date(Date.now() - 1) })
      .where('name', '=', 'test.abandoned')
      .execute();
    await runDueJobs(db());
    const [job] = await jobsNamed('test.abandoned');
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
  });
});

describe('ordering per key', () => {
  it('never starts a job before the earlier job of its key has finished, even when that one retries', async () => {
    const log: string[] = [];
    const failedOnce = new Set<string>();
    testJob(
      'test.ordered',
      z.object({ key: z.string(), step: z.number() }),
      async ({ key, step }) => {
        log.push(`${key}:${step}:start`);
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5)));
        // Every key's first step fails once: the later steps must wait for its retry.
        if (step === 0 && !failedOnce.has(key)) {
          failedOnce.add(key);
          log.push(`${key}:${step}:failed`);
          throw new Error('transient');
        }
        log.push(`${key}:${step}:end`);
      },
      { backoff: { baseMs: 1, maxMs: 1 } },
    );
    const keys = ['child-a', 'child-b', 'child-c', 'child-d', 'child-e'];
    for (let step = 0; step < 4; step++)
      for (const key of keys)
        await inTenant(db(), '931', (tx) => enqueue(tx, 'test.ordered', { key, step }, { key }));
    // An unkeyed job is not held up by the keys.
    testJob('test.unkeyed', z.object({}));
    await inTenant(db(), '931', (tx) => enqueue(tx, 'test.unkeyed', {}));

    // Two workers at once, four handlers each.
    for (let round = 0; round < 20 && log.filter((l) => l.endsWith(':end')).length < 20; round++) {
      await Promise.all([
        runDueJobs(db(), { workerId: 'w1', concurrency: 4 }),
        runDueJobs(db(), { workerId: 'w2', concurrency: 4 }),
      ]);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(log.filter((l) => l.endsWith(':end'))).toHaveLength(20);
    for (const key of keys) {
      const mine = log.filter((l) => l.startsWith(`${key}:`));
      // start/end pairs strictly in step order, the failed first attempt retried before step 1 starts
      expect(mine).toEqual([
        `${key}:0:start`,
        `${key}:0:failed`,
        `${key}:0:start`,
        `${key}:0:end`,
        ...[1, 2, 3].flatMap((s) => [`${key}:${s}:start`, `${key}:${s}:end`]),
      ]);
    }
    expect(ran.some((r) => r.name === 'test.unkeyed')).toBe(true);
  });

  it('holds the later jobs of a key while an earlier one is dead, until it is retried or cancelled', async () => {
    let fail = true;
    testJob(
      'test.blocked',
      z.object({ step: z.string() }),
      async ({ step }) => {
        if (step === 'start' && fail) throw new Error('no');
      },
      { maxAttempts: 1 },
    );
    await inTenant(db(), '931', async (tx) => {
      await enqueue(tx, 'test.blocked', { step: 'start' }, { key: 'k' });
      await enqueue(tx, 'test.blocked', { step: 'end' }, { key: 'k' });
    });
    await runDueJobs(db());
    let jobs = await jobsNamed('test.blocked');
    expect(jobs.map((j) => j.state)).toEqual(['dead', 'queued']);
    fail = false;
    await db()
      .updateTable('jobs')
      .set({ state: 'queued', attempts: 0 })
      .where('id', '=', jobs[0]!.id)
      .execute();
    await runDueJobs(db());
    jobs = await jobsNamed('test.blocked');
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done']);
    expect(ran.map((r) => (r.payload as { step: string }).step)).toEqual(['start', 'start', 'end']);
  });
});

describe('recurring', () => {
  it('fires daily at 06:00 Europe/London for every LA, once per time however many workers, making up one missed run', async () => {
    testJob('test.daily', z.object({}), async () => {}, {
      recurring: { cron: '0 6 * * *', timezone: 'Europe/London' },
    });
    // 06:00 in London is 06:00 UTC in winter and 05:00 UTC in summer.
    const winter = latestFireTime(
      { cron: '0 6 * * *', timezone: 'Europe/London' },
      new Date('2026-01-15T12:00:00Z'),
    );
    expect(winter.toISOString()).toBe('2026-01-15T06:00:00.000Z');
    const summer = latestFireTime(
      { cron: '0 6 * * *', timezone: 'Europe/London' },
      new Date('2026-07-15T12:00:00Z'),
    );
    expect(summer.toISOString()).toBe('2026-07-15T05:00:00.000Z');

    // First seen at 05:30: starts from then, fires nothing.
    expect(await fireSchedules(db(), new Date('2026-07-15T04:30:00Z'))).toBe(0);
    expect(await fireSchedules(db(), new Date('2026-07-15T04:59:00Z'))).toBe(0);
    // 06:00 London: one job per LA, even when two workers look at once.
    const [a, b] = await Promise.all([
      fireSchedules(db(), new Date('2026-07-15T05:00:30Z')),
      fireSchedules(db(), new Date('2026-07-15T05:00:30Z')),
    ]);
    expect(a + b).toBe(2);
    let jobs = await jobsNamed('test.daily');
    expect(jobs.map((j) => [j.la_code, j.run_at.toISOString()]).sort()).toEqual([
      ['931', '2026-07-15T05:00:00.000Z'],
      ['932', '2026-07-15T05:00:00.000Z'],
    ]);
    expect(await fireSchedules(db(), new Date('2026-07-15T18:00:00Z'))).toBe(0);
    // Down for three days: one run made up, at the latest time.
    expect(await fireSchedules(db(), new Date('2026-07-18T09:00:00Z'))).toBe(2);
    jobs = await jobsNamed('test.daily');
    expect(jobs.filter((j) => j.la_code === '931').map((j) => j.run_at.toISOString())).toEqual([
      '2026-07-15T05:00:00.000Z',
      '2026-07-18T05:00:00.000Z',
    ]);
    await db().deleteFrom('job_schedules').where('name', '=', 'test.daily').execute();
  });

  it('runs from a started worker after commit, and the worker stops cleanly', async () => {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    registered.push('test.polled');
    registerJob('test.polled', z.object({}), async () => {
      resolve();
    });
    const worker = startWorker(db(), { pollMs: 20 });
    await inTenant(db(), '931', (tx) => enqueue(tx, 'test.polled', {}));
    await done;
    await worker.stop();
    await new Promise((r) => setTimeout(r, 50));
    const [job] = await jobsNamed('test.polled');
    expect(job!.state).toBe('done');
  });
});

describe('the table', () => {
  it('is confined to the tenant under row-level security', async () => {
    testJob('test.rls', z.object({}));
    await inTenant(db(), '931', (tx) => enqueue(tx, 'test.rls', {}));
    const fromOther = await inTenant(db(), '932', (tx) =>
      tx.selectFrom('jobs').select('id').where('name', '=', 'test.rls').execute(),
    );
    expect(fromOther).toHaveLength(0);
    await expect(
      inTenant(db(), '932', (tx) =>
        sql`insert into jobs (la_code, name) values ('931', 'test.rls')`.execute(tx),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
