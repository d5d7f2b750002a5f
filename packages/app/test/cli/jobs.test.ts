/**
 * The job queue across real processes, on PGlite (and PostgreSQL when DATABASE_URL is set): a
 * worker killed (SIGKILL) in the middle of a job, then restarted, finishes it; a job enqueued
 * before the restart runs after it; `waypoint jobs list`, `jobs retry` and `jobs run --once`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase } from '../../src/db/database.ts';
import { inTenant } from '../../src/db/tenant.ts';
import '../../src/jobs/definitions.ts';
import { enqueue, registerJob } from '../../src/jobs/index.ts';
import { registeredJobs } from '../../src/jobs/registry.ts';
import { allocate, buildChild, buildLocalAuthority, buildTeam, buildUser } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** The app's recurring jobs, which the worker may run whenever their minute comes round. */
const recurringNames = new Set(
  registeredJobs()
    .filter((d) => d.recurring !== undefined)
    .map((d) => d.name),
);

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));
const workerScript = fileURLToPath(new URL('./support/job-worker-process.ts', import.meta.url));
let database: TestDatabase;
let managerId: string;
let grantId: string;

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    WAYPOINT_DATA_DIR: database.location.dataDir,
  };
  if (database.location.databaseUrl === undefined) delete e.DATABASE_URL;
  else e.DATABASE_URL = database.location.databaseUrl;
  return e;
}

/** Opens the database for a moment (PGlite: only while no other process holds it). */
async function withDb<T>(fn: (db: TestDatabase['db']) => Promise<T>): Promise<T> {
  const d = await openDatabase({
    databaseUrl: database.location.databaseUrl,
    dataDir: database.location.dataDir,
  });
  try {
    return await fn(d.db);
  } finally {
    await d.close();
  }
}

function startWorkerProcess(): { proc: ChildProcess; waitFor: (line: string) => Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', workerScript], { env: env() });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const waitFor = async (line: string) => {
    for (let waited = 0; !out.split('\n').includes(line); waited += 100) {
      if (waited > 120_000) throw new Error(`no "${line}" from the worker; stdout ${out} stderr ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { proc, waitFor };
}

const exited = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    proc.once('exit', () => {
      resolve();
    });
  });

function cli(...args: string[]) {
  return spawnSync(process.execPath, [bin, 'jobs', ...args], { env: env(), encoding: 'utf8' });
}

registerJob('test.slow', z.object({ label: z.string() }), async () => {}, { timeoutSeconds: 1 });

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const la = await buildLocalAuthority(db, '941', 'Restart Borough');
  const team = await buildTeam(db, la, { name: 'Restart team' });
  managerId = (await buildUser(db, la, ['team_manager'], { teamId: team, isManager: true })).id;
  const worker = await buildUser(db, la, ['social_worker'], { teamId: team, name: 'Rae Worker' });
  const child = await buildChild(db, '941', {
    givenName: 'Ola',
    familyName: 'Restart',
    dateOfBirth: '2017-02-03',
  });
  await allocate(db, '941', child, team, worker.id);
  const other = await buildUser(db, la, ['social_worker'], { name: 'Gus Glass' });
  await inTenant(db, '941', async (tx) => {
    const grant = await tx
      .insertInto('break_glass_grants')
      .values({
        la_code: '941',
        user_id: other.id,
        person_id: child,
        reason: 'Out of hours call from the hospital',
        expires_at: new Date(Date.now() + 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    grantId = grant.id;
    await enqueue(tx, 'test.slow', { label: 'Ola Restart' });
  });
  await database.release();
}, 120_000);

afterAll(async () => {
  await database.close();
});

describe('a worker process killed in the middle of a job', () => {
  it('leaves the job to the restarted worker, which finishes it and the jobs enqueued meanwhile', async () => {
    const first = startWorkerProcess();
    await first.waitFor('started 1');
    first.proc.kill('SIGKILL');
    await exited(first.proc);

    // While no worker runs: the job is still marked running, and a new job is enqueued.
    await withDb(async (db) => {
      const job = await db
        .selectFrom('jobs')
        .selectAll()
        .where('name', '=', 'test.slow')
        .executeTakeFirstOrThrow();
      expect(job).toMatchObject({ state: 'running', attempts: 1 });
      await inTenant(db, '941', (tx) => enqueue(tx, 'break-glass.notify', { grantId }));
    });

    const second = startWorkerProcess();
    await second.waitFor('finished 2');
    // The notification job was claimed with it; stopping gracefully waits for running jobs.
    await new Promise((r) => setTimeout(r, 2_000));
    second.proc.kill('SIGTERM');
    await exited(second.proc);

    await withDb(async (db) => {
      const jobs = await db
        .selectFrom('jobs')
        .select(['name', 'state', 'attempts', 'last_error'])
        // The app's recurring jobs (the index's notices every minute) may also run meanwhile.
        .where('name', 'in', ['test.slow', 'break-glass.notify'])
        .orderBy('seq')
        .execute();
      expect(jobs).toEqual([
        { name: 'test.slow', state: 'done', attempts: 2, last_error: null },
        { name: 'break-glass.notify', state: 'done', attempts: 1, last_error: null },
      ]);
      const notified = await db
        .selectFrom('notifications')
        .select(['recipient_user_id', 'message'])
        .execute();
      expect(notified).toEqual([
        {
          recipient_user_id: managerId,
          message:
            'Gus Glass used emergency access to the record of Ola Restart (born 3 February 2017). Reason given: Out of hours call from the hospital',
        },
      ]);
    });
  }, 300_000);
});

describe('waypoint jobs', () => {
  it('lists jobs without their payloads, retries a dead one (audited) and runs what is due', async () => {
    const deadId = await withDb(async (db) => {
      const id = await inTenant(db, '941', (tx) => enqueue(tx, 'test.slow', { label: 'Secret Childname' }));
      await db
        .updateTable('jobs')
        .set({ state: 'dead', attempts: 5, last_error: 'Error: the far end refused' })
        .where('id', '=', id)
        .execute();
      return id;
    });
    const list = cli('list', '--state', 'dead');
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(deadId);
    expect(list.stdout).toContain('Error: the far end refused');
    expect(list.stdout).not.toContain('Secret');
    const json = cli('list', '--json');
    // The test's own jobs (a recurring job of the app's may be listed beside them, by the clock).
    const listed = (JSON.parse(json.stdout) as { name: string }[]).filter((j) => !recurringNames.has(j.name));
    expect(listed).toHaveLength(3);
    expect(json.stdout).not.toContain('Secret');

    expect(cli('list', '--state', 'exploded').stderr).toContain('--state must be one of queued, running');
    expect(cli('retry', 'not-an-id').stderr).toContain('"not-an-id" is not a job id');
    expect(cli('retry', '00000000-0000-4000-8000-000000000000').stderr).toContain('no job');

    const retry = cli('retry', deadId.toUpperCase());
    expect(retry.status).toBe(0);
    expect(retry.stdout).toContain('will run again');
    expect(cli('retry', deadId).stderr).toContain('cannot be retried: it is waiting');

    // `jobs run --once` runs it; `test.slow` is not one of the app's jobs, so register the app's
    // break-glass job instead to see one run: the slow job stays queued for a worker that knows it.
    const notifyId = await withDb((db) =>
      inTenant(db, '941', (tx) => enqueue(tx, 'break-glass.notify', { grantId })),
    );
    const run = cli('run', '--once');
    expect(run.status).toBe(0);
    // It, and any recurring job whose minute came round meanwhile (the index's notices poll each minute).
    expect(run.stdout).toMatch(/^Ran \d+ jobs?\.\n$/);
    await withDb(async (db) => {
      const notify = await db
        .selectFrom('jobs')
        .select('state')
        .where('id', '=', notifyId)
        .executeTakeFirstOrThrow();
      expect(notify.state).toBe('done');
    });
    await withDb(async (db) => {
      const audit = await db
        .selectFrom('audit_events')
        .select(['action', 'actor_user_id', 'record_id', 'reason'])
        .where('action', '=', 'admin.job_retry')
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({
        action: 'admin.job_retry',
        actor_user_id: null,
        record_id: deadId,
        reason: 'test.slow (waypoint jobs command)',
      });
      const slow = await db
        .selectFrom('jobs')
        .select('state')
        .where('id', '=', deadId)
        .executeTakeFirstOrThrow();
      expect(slow.state).toBe('queued');
    });
  }, 300_000); // eight real processes, on a machine shared with others
});
