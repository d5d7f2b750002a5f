/**
 * Practice insight's figures worked out ahead (insight/summaries.ts) on a real database: worked
 * out at the first read, kept and shown with when they were worked out, worked out again by the
 * job queue after a change and when older than the limit (the recurring job for every kind),
 * each LA's own, and each worker's own figures apart from the council's.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { computeFrictionSummary, frictionOverview } from '../../src/insight/friction-summary.ts';
import { reportFriction } from '../../src/insight/friction.ts';
import { recordingBurden } from '../../src/insight/recording.ts';
import { SUMMARY_MAX_AGE_MINUTES, readSummary, summaryKinds } from '../../src/insight/summaries.ts';
import '../../src/insight/summary-kinds.ts';
import { enqueue } from '../../src/jobs/index.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const db = () => t.database.db;
let psw: Actor;
let otherPsw: Actor;
let worker: Actor;

const actor = (u: BuiltUser, roles: Actor['roles']): Actor => ({
  userId: u.id,
  name: 'Test',
  email: u.email,
  organisationId: u.organisationId,
  laCode: u.laCode,
  roles,
  teamIds: [],
  via: 'cli',
});

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), '957', 'Summary Borough');
  const other = await buildLocalAuthority(db(), '958', 'Other Borough');
  psw = actor(await buildUser(db(), la, ['principal_social_worker']), ['principal_social_worker']);
  otherPsw = actor(await buildUser(db(), other, ['principal_social_worker']), ['principal_social_worker']);
  worker = actor(await buildUser(db(), la, ['social_worker']), ['social_worker']);
});
afterAll(async () => t.close());

const stored = (laCode: string) =>
  db()
    .selectFrom('insight_summaries')
    .select(['kind', 'scope', 'computed_at'])
    .where('la_code', '=', laCode)
    .orderBy('kind')
    .execute();

describe('insight summaries', () => {
  it('are worked out at the first read, then read as stored until a change is worked out by a job', async () => {
    await reportFriction(db(), psw, { body: 'The chronology took ages to print', from: '/caseload' });
    const first = await frictionOverview(db(), psw);
    expect(first.summary.data.total).toBe(1);
    expect(first.summary.refreshing).toBe(false);
    expect((await stored('957')).map((r) => r.kind)).toEqual(['friction']);

    await reportFriction(db(), worker, { body: 'The printer jammed twice', from: '/search' });
    const changed = await frictionOverview(db(), psw);
    expect(changed.summary.data.total).toBe(1);
    expect(changed.summary.refreshing).toBe(true);
    expect(changed.latest.map((r) => r.body)).toContain('The printer jammed twice');

    expect(await runDueJobs(db())).toBeGreaterThan(0);
    const after = await frictionOverview(db(), psw);
    expect(after.summary.data.total).toBe(2);
    expect(after.summary.refreshing).toBe(false);
    expect(after.summary.data).toEqual(
      JSON.parse(
        JSON.stringify(await inTenant(db(), '957', (tx) => computeFrictionSummary(tx, '957', new Date()))),
      ),
    );
  });

  it('are worked out again when older than the limit, one job however many pages ask', async () => {
    const later = new Date(Date.now() + (SUMMARY_MAX_AGE_MINUTES + 1) * 60_000);
    const reads = await inTenant(db(), '957', async (tx) => [
      await readSummary(tx, '957', 'friction', 'la', later),
      await readSummary(tx, '957', 'friction', 'la', later),
    ]);
    expect(reads.every((r) => r.refreshing)).toBe(true);
    const queued = await db()
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', 'insight.refresh-summary')
      .where('state', '=', 'queued')
      .execute();
    expect(queued).toHaveLength(1);
    await runDueJobs(db());
  });

  it('are each LA’s own', async () => {
    const other = await frictionOverview(db(), otherPsw);
    expect(other.summary.data.total).toBe(0);
    expect(other.latest).toEqual([]);
    const { rows } = await inTenant(db(), '958', (tx) =>
      sql<{ n: number }>`select count(*)::int as n from insight_summaries where la_code = '957'`.execute(tx),
    );
    expect(rows[0]!.n).toBe(0);
    const groups = (la: string) =>
      inTenant(db(), la, (tx) =>
        sql<{
          n: number;
        }>`select count(*)::int as n from insight_friction_groups where la_code = '957'`.execute(tx),
      );
    expect((await groups('957')).rows[0]!.n).toBeGreaterThan(0);
    expect((await groups('958')).rows[0]!.n).toBe(0);
  });

  it('keep a worker’s own recording figures apart from the council’s, and refuse the council’s to a worker', async () => {
    const mine = await recordingBurden(db(), worker, 'mine');
    expect(mine.data.scope).toBe('mine');
    await expect(recordingBurden(db(), worker, 'la')).rejects.toThrow('Page not found');
    expect((await stored('957')).map((r) => `${r.kind}:${r.scope}`)).toContain(`recording:${worker.userId}`);
  });

  it('are all worked out for every LA by the recurring job', async () => {
    const before = new Date();
    await inTenant(db(), '957', (tx) => enqueue(tx, 'insight.refresh-summaries', {}));
    await runDueJobs(db());
    const rows = (await stored('957')).filter((r) => r.scope === 'la');
    expect(rows.map((r) => r.kind).sort()).toEqual([...summaryKinds].sort());
    for (const r of rows)
      expect(new Date(r.computed_at).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });
});
