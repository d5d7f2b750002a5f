/**
 * `waypoint audit verify` and the chain it checks: intact passes; a changed, a deleted, a reordered
 * and a truncated event are each caught, and every break is named, not only the first. Tampering is
 * done as a DBA would: switching the insert-only trigger off.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql, type RawBuilder } from 'kysely';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/audit/record-audit.ts';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { buildLocalAuthority, buildUser } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));

async function chainOf(events: number): Promise<TestDatabase> {
  const database = await createTestDatabase();
  const la = await buildLocalAuthority(database.db, '901');
  const user = await buildUser(database.db, la, ['social_worker']);
  const who = { userId: user.id, organisationId: la.organisationId, laCode: '901' };
  for (let i = 0; i < events; i++) {
    await inTenant(database.db, '901', (tx) =>
      recordAudit(
        tx,
        who,
        { ip: '10.0.0.1', requestId: `r${i}` },
        { action: 'record.search', outcome: 'success', reason: `search ${i}` },
      ),
    );
  }
  return database;
}

async function tamper(database: TestDatabase, statement: RawBuilder<unknown>): Promise<void> {
  await sql`alter table audit_events disable trigger audit_events_insert_only`.execute(database.db);
  await statement.execute(database.db);
  await sql`alter table audit_events enable trigger audit_events_insert_only`.execute(database.db);
}

async function expectBreak(database: TestDatabase, seq: number, problem: RegExp): Promise<void> {
  const found = (await verifyAuditChain(database.db)).firstBreak;
  expect(found?.laCode).toBe('901');
  expect(found?.seq).toBe(seq);
  expect(found?.problem).toMatch(problem);
}

/** Runs the real command against the test database (closing PGlite first: one process at a time). */
async function runVerify(database: TestDatabase) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  const { dataDir, databaseUrl } = database.location;
  if (databaseUrl === undefined) {
    env.WAYPOINT_DATA_DIR = dataDir;
    delete env.DATABASE_URL;
    await database.release();
  } else env.DATABASE_URL = databaseUrl;
  return spawnSync(process.execPath, [bin, 'audit', 'verify'], { env, encoding: 'utf8' });
}

describe('audit chain verification', () => {
  it('passes an intact chain (exit 0)', async () => {
    const database = await chainOf(5);
    expect((await verifyAuditChain(database.db)).firstBreak).toBeNull();
    const r = await runVerify(database);
    expect(r.stdout).toContain('Audit chain intact: 5 events in 1 tenant(s)');
    expect(r.status).toBe(0);
    await database.close();
  });

  it('catches a changed event, naming it (exit 3)', async () => {
    const database = await chainOf(6);
    await tamper(database, sql`update audit_events set reason = 'nothing to see' where seq = 3`);
    await expectBreak(database, 3, /altered/);
    const id = (
      await database.db.selectFrom('audit_events').select('id').where('seq', '=', 3).executeTakeFirstOrThrow()
    ).id;
    const r = await runVerify(database);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain(`at event 3 (id ${id})`);
    await database.close();
  });

  it('names every break, not only the first (CLI: one line each, the count, exit 3)', async () => {
    const database = await chainOf(12);
    await tamper(
      database,
      sql`update audit_events set reason = 'nothing to see' where seq in (2, 9); delete from audit_events where seq = 6`,
    );
    const { breaks, firstBreak } = await verifyAuditChain(database.db);
    expect(breaks.map((b) => [b.seq, b.problem])).toEqual([
      [2, 'its contents do not match its hash (altered)'],
      [6, 'event 6 is missing (next is 7)'],
      [9, 'its contents do not match its hash (altered)'],
    ]);
    expect(firstBreak).toEqual(breaks[0]);
    const r = await runVerify(database);
    expect(r.status).toBe(3);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('Audit chain BROKEN in LA 901'))).toHaveLength(3);
    expect(r.stdout).toMatch(/at event 2 \(id [0-9a-f-]{36}\): its contents do not match its hash/);
    expect(r.stdout).toContain('at event 6: event 6 is missing (next is 7).');
    expect(r.stdout).toMatch(/at event 9 \(id [0-9a-f-]{36}\)/);
    expect(lines.at(-1)).toBe('3 break(s) found in 11 events in 1 tenant(s).');
    await database.close();
  });

  it('catches a deleted event', async () => {
    const database = await chainOf(6);
    await tamper(database, sql`delete from audit_events where seq = 4`);
    await expectBreak(database, 4, /missing/);
    await database.close();
  });

  it('catches reordered events', async () => {
    const database = await chainOf(6);
    await tamper(
      database,
      sql`update audit_events set seq = -2 where seq = 2; update audit_events set seq = 2 where seq = 5; update audit_events set seq = 5 where seq = -2`,
    );
    await expectBreak(database, 2, /reordered/);
    await database.close();
  });

  it('catches events removed from the end', async () => {
    const database = await chainOf(6);
    await tamper(database, sql`delete from audit_events where seq >= 5`);
    await expectBreak(database, 5, /removed from the end/);
    await database.close();
  });
});
