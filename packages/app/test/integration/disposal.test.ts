/**
 * Disposal under the retention schedule, on the engine under test, with the real involvement
 * index: the daily job proposes what is due (never a record on hold), nothing is disposed of
 * without the data protection officer's approval, approval only enqueues the work, disposal leaves
 * none of the child's personal data in any table of the app (every text, JSON, array, bytes and
 * uuid column searched for their names, date of birth, identifiers and contact details) and
 * withdraws them from the index, the audit chain still verifies and says only that a record of
 * that kind was disposed of under that rule on that day, and a legal hold stops disposal, also
 * one placed after approval or while the job is waiting for the record.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { cpisFlagAdapter, flagsRef, setFlagIndexPort } from '../../src/cpis/flag-index.ts';
import { enqueuePublishFlags } from '../../src/cpis/publish.ts';
import type { Schema } from '../../src/db/schema.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { DISPOSAL_PROPOSE, proposeBatch, runDisposal } from '../../src/disposal/index.ts';
import { today } from '../../src/http/forms/dates.ts';
import { enqueuePublish } from '../../src/involvement/publish.ts';
import '../../src/jobs/definitions.ts';
import { jobDefinition } from '../../src/jobs/registry.ts';
import { fireSchedules } from '../../src/jobs/schedule.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { placeLegalHoldIn } from '../../src/la-settings/index.ts';
import type { Actor } from '../../src/auth/actor.ts';
import { buildDisposalWorld, LA, type DisposalWorld } from '../support/disposal-world.ts';
import { sessionCookie, type BuiltUser } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createTestIndex, TEST_LINKAGE_SECRET, type TestIndex } from '../support/test-index.ts';
import { TestBrowser } from './auth-browser.ts';

let t: TestApp;
let w: DisposalWorld;
let index: TestIndex;
let n = 0;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  index = await createTestIndex();
  setFlagIndexPort(cpisFlagAdapter(index.index.client, TEST_LINKAGE_SECRET));
  w = await buildDisposalWorld(db(), today());
  // The subject's partner involvement and CP-IS flag are in the index before disposal.
  await inTenant(db(), LA, async (tx) => {
    await enqueuePublish(tx, w.involvementId);
    await enqueuePublishFlags(tx, w.subject.id);
  });
  await runDueJobs(db());
}, 600_000);
afterAll(async () => {
  setFlagIndexPort(null);
  await index.close();
  await t.close();
});

async function as(user: BuiltUser): Promise<TestBrowser> {
  const b = new TestBrowser(t.app, `10.29.0.${++n}`);
  b.cookies.set(...((await sessionCookie(db(), user)).split('=') as [string, string]));
  return b;
}

const actorOf = (u: BuiltUser, name: string): Actor =>
  ({
    userId: u.id,
    name,
    email: u.email,
    organisationId: u.organisationId,
    laCode: u.laCode,
    homeLaCode: u.laCode,
    roles: ['data_protection_officer'],
  }) as unknown as Actor;

const batchOfToday = () =>
  db()
    .selectFrom('disposal_batches')
    .selectAll()
    .where('la_code', '=', LA)
    .where('proposed_on', '=', today())
    .executeTakeFirst();

const itemsOf = (batchId: string) =>
  db().selectFrom('disposal_items').selectAll().where('batch_id', '=', batchId).execute();

const personExists = async (id: string) =>
  (await db().selectFrom('people').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

/**
 * Every place in the app's database (as its owner: every tenant, no row-level security) where a
 * needle is found: text, character, JSON, text arrays and bytes columns (case-insensitive), and
 * uuid columns equal to `personId`. Answers "table.column" for each hit.
 */
async function traces(database: Kysely<Schema>, needles: string[], personId: string): Promise<string[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
     order by c.table_name, c.ordinal_position`.execute(database);
  const patterns = needles.map((s) => `%${s.toLowerCase()}%`);
  const hits: string[] = [];
  for (const c of columns) {
    const col = sql.ref(`${c.table_name}.${c.column_name}`);
    let where;
    if (c.data_type === 'uuid') where = sql`${col} = ${personId}`;
    else if (c.data_type === 'bytea')
      where = sql`lower(encode(${col}, 'escape')) like any (${patterns}::text[])`;
    else if (['text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY'].includes(c.data_type))
      where = sql`lower(${col}::text) like any (${patterns}::text[])`;
    else continue;
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(c.table_name)} where ${where}`.execute(database);
    if ((rows[0]?.n ?? 0) > 0) hits.push(`${c.table_name}.${c.column_name}`);
  }
  return hits;
}

const dayAfter = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const needlesOf = (s: DisposalWorld['subject']) =>
  [
    `${s.givenName} ${s.familyName}`,
    `${s.givenName} Oldname`,
    s.dateOfBirth,
    '14 March 1999',
    s.nhsNumber,
    s.upn,
    s.laChildId,
    s.email,
    s.mobile,
    s.id,
  ].filter((v): v is string => v !== null && v.length > 0);

describe('the daily proposal', () => {
  it('is a recurring job that proposes the records due, none on hold, once a day', async () => {
    expect(jobDefinition(DISPOSAL_PROPOSE)?.recurring?.cron).toBe('30 2 * * *');
    // The held child's hold is placed before the proposal; the subject is due.
    await inTenant(db(), LA, (tx) =>
      placeLegalHoldIn(tx, actorOf(w.admin, 'Adam Admin'), w.held.id, 'Claim in litigation', {
        ip: null,
        requestId: null,
      }),
    );
    // The schedule seen for the first time starts from now; a day later it fires.
    await fireSchedules(db());
    await fireSchedules(db(), new Date(Date.now() + 26 * 3600_000));
    const queued = await db()
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', DISPOSAL_PROPOSE)
      .where('la_code', '=', LA)
      .execute();
    expect(queued).toHaveLength(1);
    // It is due at tomorrow's 02:30: brought forward to now.
    await db().updateTable('jobs').set({ run_at: new Date() }).where('id', '=', queued[0]!.id).execute();
    await runDueJobs(db());
    const ran = await db()
      .selectFrom('jobs')
      .select(['state', 'last_error'])
      .where('name', '=', DISPOSAL_PROPOSE)
      .where('la_code', '=', LA)
      .executeTakeFirstOrThrow();
    expect(ran).toEqual({ state: 'done', last_error: null });
    const batch = await batchOfToday();
    expect(batch?.status).toBe('proposed');
    const items = await itemsOf(batch!.id);
    expect(items.map((i) => i.person_id)).toEqual([w.subject.id]);
    expect(items[0]).toMatchObject({
      record_kind: 'child_protection',
      rule_basis: 'birthday',
      rule_years: 26,
      kept_until: '2025-03-14',
      status: 'proposed',
    });
    expect(await proposeBatch(db(), LA, today())).toBeNull();
  });
});

describe('approval', () => {
  it('is only for the data protection officer: the page is not found for anyone else', async () => {
    const batch = (await batchOfToday())!;
    for (const user of [w.admin, w.worker]) {
      const b = await as(user);
      expect((await b.get('/disposal')).status).toBe(404);
      expect((await b.get(`/disposal/${batch.id}`)).status).toBe(404);
    }
    const dpo = await as(w.dpo);
    expect((await dpo.get('/')).body).toContain('href="/disposal"');
    expect((await dpo.get(`/disposal/not-a-uuid`)).status).toBe(404);
  });

  it('is required: the disposal job and the database function refuse a batch not approved', async () => {
    const batch = (await batchOfToday())!;
    const outcomes = await runDisposal(batch.id, {
      laCode: LA,
      jobId: 'test',
      inTenant: (fn) => inTenant(db(), LA, fn),
    });
    expect(outcomes).toEqual([]);
    await expect(
      inTenant(db(), LA, (tx) => sql`select dispose_person(${w.subject.id})`.execute(tx)),
    ).rejects.toThrow(/not in an approved disposal batch/);
    expect(await personExists(w.subject.id)).toBe(true);
  });

  it('asks the named officer to confirm, then only enqueues the disposal', async () => {
    const batch = (await batchOfToday())!;
    const b = await as(w.dpo);
    const page = await b.get(`/disposal/${batch.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`${w.subject.givenName} ${w.subject.familyName}`);
    expect(page.body).toContain('Until the 26th birthday');
    expect(page.body).toContain('14 March 2025');
    expect(page.body).toContain('I, Dana Protection, approve the disposal of the 1 records');
    const unconfirmed = await b.post(`/disposal/${batch.id}/approve`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toContain('href="#confirm"');
    const approved = await b.post(`/disposal/${batch.id}/approve`, { confirm: 'yes' });
    expect(approved.status).toBe(303);
    // Nothing is removed in the request: the job is waiting.
    expect(await personExists(w.subject.id)).toBe(true);
    const job = await db()
      .selectFrom('jobs')
      .select(['state', 'payload'])
      .where('name', '=', 'disposal.run')
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'queued', payload: { batchId: batch.id } });
    expect((await b.post(`/disposal/${batch.id}/approve`, { confirm: 'yes' })).status).toBe(409);
    const removeAfter = await b.post(`/disposal/${batch.id}/items/${(await itemsOf(batch.id))[0]!.id}`, {
      decision: 'remove',
      reason: 'Too late',
    });
    expect(removeAfter.status).toBe(409);
  });
});

describe('disposal', () => {
  let before: string[];
  it('finds the subject in every table that references a person before it runs', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select c.conrelid::regclass::text as table_name, a.attname as column_name
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       where c.contype = 'f' and c.confrelid = 'people'::regclass`.execute(db());
    const missing: string[] = [];
    for (const r of rows) {
      if (['related_person_id', 'key_person_id', 'respondent_person_id'].includes(r.column_name)) continue;
      // Looked-after tables: a looked-after record is kept to the 75th birthday (not due here).
      if (['care_episodes', 'care_reviews'].includes(r.table_name)) continue;
      const found = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(r.table_name)}
        where ${sql.ref(r.column_name)} = ${w.subject.id}`.execute(db());
      if (found.rows[0]!.n === 0) missing.push(`${r.table_name}.${r.column_name}`);
    }
    expect(missing).toEqual([]);
    before = await traces(db(), needlesOf(w.subject), w.subject.id);
    expect(before.length).toBeGreaterThan(30);
    expect((await index.publication(w.involvementId))?.withdrawn).toBe(false);
    const flags = await index.index.database.db
      .selectFrom('cpis_flags')
      .select('ref')
      .where('ref', '=', flagsRef(LA, w.subject.id))
      .execute();
    expect(flags.length).toBeGreaterThan(0);
  });

  it('leaves none of their personal data in any table, and withdraws them from the index', async () => {
    await runDueJobs(db());
    expect(await personExists(w.subject.id)).toBe(false);
    const batch = (await batchOfToday())!;
    expect(batch.status).toBe('disposed');
    const [item] = await itemsOf(batch.id);
    expect(item).toMatchObject({
      person_id: null,
      kept_until: null,
      status: 'disposed',
      disposed_on: today(),
    });
    const after = await traces(db(), needlesOf(w.subject), w.subject.id);
    // Only the record's id, in the job that published its CP-IS flags to the index as none (the
    // index's reference to them); nothing maps it to the child any more.
    expect(after).toEqual(['jobs.payload', 'jobs.ordering_key']);
    const left = await db()
      .selectFrom('jobs')
      .select(['name', 'payload', 'ordering_key'])
      .where(sql<boolean>`payload::text || coalesce(ordering_key, '') like ${`%${w.subject.id}%`}`)
      .execute();
    expect(left).toEqual([
      {
        name: 'cpis.publish',
        payload: { personId: w.subject.id },
        ordering_key: `cpis-publish:${w.subject.id}`,
      },
    ]);
    expect(await index.publication(w.involvementId)).toMatchObject({
      withdrawn: true,
      organisation_name: null,
    });
    const flags = await index.index.database.db
      .selectFrom('cpis_flags')
      .select('ref')
      .where('ref', '=', flagsRef(LA, w.subject.id))
      .execute();
    expect(flags).toEqual([]);
    // The other children are untouched.
    expect(await personExists(w.held.id)).toBe(true);
    expect(await personExists(w.notDue.id)).toBe(true);
  });

  it('takes the transfers this LA sent for them; another LA’s transfer into the record keeps only the day', async () => {
    const rows = await db()
      .selectFrom('transfers')
      .select(['la_code', 'status', 'received_person_id', 'received_disposed_on'])
      .where((eb) => eb.or([eb('la_code', '=', LA), eb('receiving_la_code', '=', LA)]))
      .execute();
    // The declined transfer out (its package was a copy of the record) is gone; the sending LA's
    // accepted transfer in is its own record, kept, without the link to the record disposed of.
    expect(rows).toEqual([
      { la_code: '993', status: 'accepted', received_person_id: null, received_disposed_on: today() },
    ]);
    const sar = await db()
      .selectFrom('subject_access_requests')
      .select('id')
      .where('subject_person_id', '=', w.subject.id)
      .execute();
    expect(sar).toEqual([]);
  });

  it('keeps the audit chain whole, saying only the kind, the rule and the day', async () => {
    const result = await verifyAuditChain(db());
    expect(result.breaks).toEqual([]);
    expect(result.erased).toBeGreaterThan(0);
    const about = await db()
      .selectFrom('audit_events')
      .select('id')
      .where('subject_person_id', '=', w.subject.id)
      .execute();
    expect(about).toEqual([]);
    const disposed = await db()
      .selectFrom('audit_events')
      .select(['record_type', 'reason', 'actor_user_id', 'subject_person_id'])
      .where('action', '=', 'record.dispose')
      .execute();
    expect(disposed).toEqual([
      {
        record_type: 'disposal:child_protection',
        reason: `A child protection (section 47 or a child protection plan) record was disposed of under the rule “until the 26th birthday” on ${today()}`,
        actor_user_id: null,
        subject_person_id: null,
      },
    ]);
    // An event altered after erasure is still caught.
    const erased = await db()
      .selectFrom('audit_events')
      .select(['seq', 'action'])
      .where('erased_on', 'is not', null)
      .executeTakeFirstOrThrow();
    const setAction = async (action: string) => {
      await sql`alter table audit_events disable trigger audit_events_insert_only`.execute(db());
      await sql`update audit_events set action = ${action} where la_code = ${LA} and seq = ${erased.seq}`.execute(
        db(),
      );
      await sql`alter table audit_events enable trigger audit_events_insert_only`.execute(db());
    };
    await setAction('audit.export');
    expect((await verifyAuditChain(db())).breaks.map((b) => b.seq)).toEqual([erased.seq]);
    await setAction(erased.action);
    expect((await verifyAuditChain(db())).breaks).toEqual([]);
  });

  it('refuses any other change to the audit, as before', async () => {
    await expect(
      sql`update audit_events set reason = 'changed' where la_code = ${LA} and seq = 1`.execute(db()),
    ).rejects.toThrow(/insert-only/);
    await expect(
      sql`delete from audit_events where la_code = ${LA} and seq = 1`.execute(db()),
    ).rejects.toThrow(/insert-only/);
  });
});

describe('a legal hold', () => {
  it('placed from the batch page after approval stops disposal of that record', async () => {
    // A batch for the held child, whose hold is lifted and then placed again from the page.
    await db()
      .updateTable('legal_holds')
      .set({ lifted_at: new Date(), lifted_by: w.admin.id })
      .where('person_id', '=', w.held.id)
      .execute();
    // Tomorrow's proposal (today's batch exists).
    const p = await proposeBatch(db(), LA, dayAfter(1));
    expect(p?.records).toBe(1);
    const b = await as(w.dpo);
    await b.get(`/disposal/${p!.batchId}`);
    expect((await b.post(`/disposal/${p!.batchId}/approve`, { confirm: 'yes' })).status).toBe(303);
    const [item] = await itemsOf(p!.batchId);
    const page = await b.get(`/disposal/${p!.batchId}/items/${item!.id}`);
    expect(page.body).not.toContain('value="remove"');
    const bad = await b.post(`/disposal/${p!.batchId}/items/${item!.id}`, { decision: 'hold', reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('href="#reason"');
    const held = await b.post(`/disposal/${p!.batchId}/items/${item!.id}`, {
      decision: 'hold',
      reason: 'An inquiry asked us to keep it',
    });
    expect(held.status).toBe(303);
    await runDueJobs(db());
    expect(await personExists(w.held.id)).toBe(true);
    expect((await itemsOf(p!.batchId))[0]).toMatchObject({
      status: 'held',
      reason: 'An inquiry asked us to keep it',
    });
  });

  it('placed while the disposal job waits for the record (or just before) is found under the lock', async () => {
    await db()
      .updateTable('legal_holds')
      .set({ lifted_at: new Date(), lifted_by: w.admin.id })
      .where('person_id', '=', w.held.id)
      .execute();
    const p = (await proposeBatch(db(), LA, dayAfter(2)))!;
    await db()
      .updateTable('disposal_batches')
      .set({ status: 'approved', approved_by: w.dpo.id, approved_at: new Date() })
      .where('id', '=', p.batchId)
      .execute();
    // The hold's transaction is open (the person row key-share locked, the hold inserted) when the
    // disposal starts; on PostgreSQL the disposal waits on the row lock, on PGlite (one
    // connection) for the transaction.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holdInserted!: () => void;
    const inserted = new Promise<void>((r) => (holdInserted = r));
    const hold = inTenant(db(), LA, async (tx) => {
      await placeLegalHoldIn(tx, actorOf(w.dpo, 'Dana Protection'), w.held.id, 'Litigation just started', {
        ip: null,
        requestId: null,
      });
      holdInserted();
      await gate;
    });
    await inserted;
    let finished = false;
    const disposal = runDisposal(p.batchId, {
      laCode: LA,
      jobId: 'race',
      inTenant: (fn) => inTenant(db(), LA, fn),
    }).then((o) => {
      finished = true;
      return o;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(finished).toBe(false);
    release();
    await hold;
    expect(await disposal).toEqual(['held']);
    expect(await personExists(w.held.id)).toBe(true);
  });
});
