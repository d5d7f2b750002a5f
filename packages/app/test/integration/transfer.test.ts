/**
 * A child who moves to another LA, on the engine under test: the sending LA asks, the receiving LA
 * (another tenant) reads the package and accepts or declines, and the sending LA's access ends at
 * the acceptance. Two- and three-LA stories: who sees what before and after, the audit in both
 * chains, a second acceptance refused, bad input named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.ts';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../src/http/errors.ts';
import { addWorkingDays } from '@waypoint/returns/calendar';
import { today } from '../../src/http/forms/dates.ts';
import { recordStep } from '../../src/journey/record-step.ts';
import { PersonRecords } from '../../src/records/person-records.ts';
import {
  acceptTransfer,
  declineTransfer,
  incomingTransfer,
  incomingTransfers,
  outgoingTransfers,
  recordTransfers,
  requestTransfer,
  withdrawTransfer,
} from '../../src/transfer/index.ts';
import {
  allocate,
  buildChild,
  buildLocalAuthority,
  buildTeam,
  buildUser,
  sessionCookie,
  type BuiltLa,
  type BuiltUser,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { TestBrowser } from './auth-browser.ts';
import type { Role } from '../../src/access/roles.ts';

let t: TestApp;
const db = () => t.database.db;
const A = '931';
const B = '932';
const C = '933';
const NHS = '9434765919';

interface Person {
  user: BuiltUser;
  roles: Role[];
  teamIds: string[];
}
let la: Record<'a' | 'b' | 'c', BuiltLa>;
let teamA: string;
let teamB: string;
let managerA: Person;
let workerA: Person;
let dpoA: Person;
let frontDoorB: Person;
let workerB: Person;
let frontDoorC: Person;
let childA: string;
let child2A: string;

const records = (p: Person) =>
  new PersonRecords(
    db(),
    {
      userId: p.user.id,
      name: 'Test',
      email: p.user.email,
      organisationId: p.user.organisationId,
      laCode: p.user.laCode,
      roles: p.roles,
      teamIds: p.teamIds,
      via: 'session',
    } satisfies Actor,
    { ip: '127.0.0.1', requestId: 'transfer-test' },
  );

async function person(l: BuiltLa, roles: Role[], teamId?: string, isManager = false): Promise<Person> {
  const user = await buildUser(db(), l, roles, {
    ...(teamId !== undefined ? { teamId, isManager } : {}),
  });
  return { user, roles, teamIds: teamId === undefined ? [] : [teamId] };
}

async function page(p: Person, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), p.user) } });
}

/** A child in LA A on a child protection plan, allocated to the worker. */
async function childOnPlan(givenName: string, nhsNumber?: string): Promise<string> {
  const id = await buildChild(db(), A, { givenName, familyName: 'Moverley', dateOfBirth: '2018-05-04' });
  if (nhsNumber !== undefined)
    await db().updateTable('people').set({ nhs_number: nhsNumber }).where('id', '=', id).execute();
  await allocate(db(), A, id, teamA, workerA.user.id);
  await db()
    .insertInto('addresses')
    .values({
      la_code: A,
      person_id: id,
      line1: '4 Harbour Row',
      postcode: 'ZZ1 1AA',
      started_on: '2024-01-01',
    })
    .execute();
  const ep = await db()
    .insertInto('cin_episodes')
    .values({
      la_code: A,
      person_id: id,
      referral_on: '2025-01-10',
      source: '2A',
      reason: 'School concern',
      recorded_by: workerA.user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const conf = await db()
    .insertInto('conferences')
    .values({
      la_code: A,
      person_id: id,
      cin_episode_id: ep.id,
      kind: 'initial',
      held_on: '2025-02-20',
      decision: 'plan',
      category: 'NEG',
      reason: 'Neglect at home',
      recorded_by: workerA.user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('cp_plans')
    .values({
      la_code: A,
      person_id: id,
      cin_episode_id: ep.id,
      conference_id: conf.id,
      started_on: '2025-02-20',
      initial_category: 'NEG',
      latest_category: 'NEG',
    })
    .execute();
  return id;
}

const events = (laCode: string, action: string) =>
  db()
    .selectFrom('audit_events')
    .selectAll()
    .where('la_code', '=', laCode)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  la = {
    a: await buildLocalAuthority(db(), A, 'Sendborough'),
    b: await buildLocalAuthority(db(), B, 'Receivington'),
    c: await buildLocalAuthority(db(), C, 'Thirdshire'),
  };
  teamA = await buildTeam(db(), la.a);
  teamB = await buildTeam(db(), la.b, { name: 'Receivington Front Door' });
  const teamC = await buildTeam(db(), la.c);
  managerA = await person(la.a, ['team_manager'], teamA, true);
  workerA = await person(la.a, ['social_worker'], teamA);
  dpoA = await person(la.a, ['data_protection_officer']);
  frontDoorB = await person(la.b, ['front_door'], teamB);
  workerB = await person(la.b, ['social_worker'], await buildTeam(db(), la.b));
  frontDoorC = await person(la.c, ['front_door'], teamC);
  childA = await childOnPlan('Rowan', NHS);
  child2A = await childOnPlan('Skye');
}, 600_000);
afterAll(async () => t.close());

describe('asking for a transfer', () => {
  it('refuses bad input, naming the field, and writes nothing', async () => {
    const r = records(managerA);
    const cases: [unknown, string][] = [
      [{ receivingLaCode: '', reason: 'Moved' }, 'receivingLaCode'],
      [{ receivingLaCode: 'abc', reason: 'Moved' }, 'receivingLaCode'],
      [{ receivingLaCode: '999', reason: 'Moved' }, 'receivingLaCode'],
      [{ receivingLaCode: A, reason: 'Moved' }, 'receivingLaCode'],
      [{ receivingLaCode: B, reason: '   ' }, 'reason'],
      [{ receivingLaCode: B, reason: 'x'.repeat(2_001) }, 'reason'],
      [{ receivingLaCode: B, reason: 'Moved', extra: 1 }, ''],
    ];
    for (const [input, field] of cases) {
      const e = await requestTransfer(r, childA, input).catch((x: unknown) => x);
      expect(e, JSON.stringify(input)).toBeInstanceOf(ValidationError);
      if (field !== '') expect((e as ValidationError).options.fields?.map((f) => f.field)).toContain(field);
    }
    expect(await db().selectFrom('transfers').select('id').execute()).toEqual([]);
  });

  it('is for those who may allocate: a social worker is refused, a stranger gets not found', async () => {
    await expect(
      requestTransfer(records(workerA), childA, { receivingLaCode: B, reason: 'Moved' }),
    ).rejects.toThrow(AppError);
    const other = await person(la.a, ['team_manager'], await buildTeam(db(), la.a), true);
    await expect(
      requestTransfer(records(other), childA, { receivingLaCode: B, reason: 'Moved' }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('a transfer accepted', () => {
  let transferId: string;
  let newId: string;

  it('is asked for once: the package is sealed and the conference due is on the record', async () => {
    ({ id: transferId } = await requestTransfer(records(managerA), childA, {
      receivingLaCode: B,
      reason: 'Moved with her mother to Receivington',
    }));
    const again = await requestTransfer(records(managerA), childA, {
      receivingLaCode: C,
      reason: 'Again',
    }).catch((x: unknown) => x);
    expect(again).toBeInstanceOf(ValidationError);
    const row = await db()
      .selectFrom('transfers')
      .selectAll()
      .where('id', '=', transferId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ la_code: A, receiving_la_code: B, status: 'requested', person_id: childA });
    expect(row.package_sha256).toMatch(/^[0-9a-f]{64}$/);
    const timescale = await db()
      .selectFrom('timescales')
      .selectAll()
      .where('person_id', '=', childA)
      .execute();
    expect(timescale.map((s) => s.subject)).toEqual([
      'Transfer-in child protection conference in Receivington',
    ]);
    const asked = (await events(A, 'transfer.request')).filter((e) => e.outcome === 'success');
    expect(asked.map((e) => e.subject_person_id)).toEqual([childA]);
  });

  it('offers the sending LA the transfer-out conference once while the transfer waits: a review, the plan continuing', async () => {
    const record = await page(workerA, `/children/${childA}`);
    expect(record.body).toContain(`/children/${childA}/record/transfer-out-conference`);
    const noReason = await recordStep(records(workerA), childA, 'transfer-out-conference', {
      heldOn: today(),
    }).catch((x: unknown) => x);
    expect((noReason as ValidationError).options.fields?.map((f) => f.field)).toEqual(['reason']);
    const saved = await recordStep(records(workerA), childA, 'transfer-out-conference', {
      heldOn: today(),
      reason: 'The plan continues here until Receivington accepts; the core group meets weekly meanwhile',
    });
    const conf = await db()
      .selectFrom('conferences')
      .selectAll()
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    expect(conf).toMatchObject({
      la_code: A,
      kind: 'review',
      decision: 'continue',
      s47_enquiry_id: null,
      transfer_id: transferId,
    });
    const plan = await db()
      .selectFrom('cp_plans')
      .select('ended_on')
      .where('person_id', '=', childA)
      .executeTakeFirstOrThrow();
    expect(plan.ended_on).toBeNull();
    const again = await recordStep(records(workerA), childA, 'transfer-out-conference', {
      heldOn: today(),
      reason: 'Again',
    }).catch((x: unknown) => x);
    expect(again).toBeInstanceOf(ValidationError);
    const after = await page(workerA, `/children/${childA}`);
    expect(after.body).not.toContain(`/children/${childA}/record/transfer-out-conference`);
  });

  it('before acceptance: the receiving LA sees the package, not the record; a third LA sees nothing', async () => {
    expect((await page(frontDoorB, `/children/${childA}`)).statusCode).toBe(404);
    const record = await page(managerA, `/children/${childA}`);
    expect(record.body).toContain('Transfer to Receivington waiting');
    expect((await page(workerA, `/children/${childA}`)).body).not.toContain(`/children/${childA}/transfer"`);
    const list = await incomingTransfers(records(frontDoorB));
    expect(list.map((x) => [x.id, x.childName, x.otherLa.name, x.status])).toEqual([
      [transferId, 'Rowan Moverley', 'Sendborough', 'requested'],
    ]);
    const one = await incomingTransfer(records(frontDoorB), transferId);
    expect(one.package.child).toMatchObject({
      givenName: 'Rowan',
      dateOfBirth: '2018-05-04',
      nhsNumber: NHS,
    });
    expect(one.package.plans).toEqual([
      expect.objectContaining({ kind: 'cp', since: '2025-02-20', category: 'NEG' }),
    ]);
    expect(one.package.chronology.map((e) => e.date)).toContain('2025-02-20');
    expect(one.package.professionals.map((p) => p.role)).toEqual([
      expect.stringContaining('Allocated worker'),
    ]);
    expect(one.candidates).toEqual([]);
    expect(await incomingTransfers(records(frontDoorC))).toEqual([]);
    await expect(incomingTransfer(records(frontDoorC), transferId)).rejects.toThrow(NotFoundError);
    await expect(acceptTransfer(db(), records(frontDoorC), transferId, {})).rejects.toThrow(NotFoundError);
    await expect(declineTransfer(records(frontDoorC), transferId, { reason: 'No' })).rejects.toThrow(
      NotFoundError,
    );
    // Only the two LAs' tenants see the row at all (row-level security, not only the query).
    expect(
      await records(frontDoorC).transaction((tx) => tx.selectFrom('transfers').select('id').execute()),
    ).toEqual([]);
    // The receiving LA cannot withdraw it, nor can a worker without the capability see the list.
    await expect(withdrawTransfer(records(frontDoorB), transferId)).rejects.toThrow(AppError);
    await expect(incomingTransfers(records(workerB))).rejects.toThrow(NotFoundError);
  });

  it('shows the pages to each side, and not found to anyone else', async () => {
    const form = await page(managerA, `/children/${childA}/transfer`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('is waiting for that local authority to accept it');
    expect((await page(workerA, `/children/${childA}/transfer`)).statusCode).toBe(200);
    const list = await page(frontDoorB, '/transfers');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Rowan Moverley');
    const one = await page(frontDoorB, `/transfers/${transferId}`);
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('Child protection plan since');
    expect(one.body).toContain('Accept the transfer');
    expect((await page(frontDoorC, `/transfers/${transferId}`)).statusCode).toBe(404);
    expect((await page(frontDoorC, `/transfers/not-a-uuid`)).statusCode).toBe(404);
    expect((await page(workerB, '/transfers')).statusCode).toBe(404);
    expect((await page(frontDoorB, `/children/${childA}/transfer`)).statusCode).toBe(404);
  });

  it('creates the child in the receiving LA, with the package and the transfer-in conference due', async () => {
    const result = await acceptTransfer(db(), records(frontDoorB), transferId, {});
    expect(result).toMatchObject({
      accepted: true,
      matched: false,
      conferenceDue: addWorkingDays(today(), 15),
    });
    if (!result.accepted) throw new Error('not accepted');
    newId = result.personId;
    const created = await db()
      .selectFrom('people')
      .selectAll()
      .where('id', '=', newId)
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({
      la_code: B,
      given_name: 'Rowan',
      nhs_number: NHS,
      date_of_birth: '2018-05-04',
    });
    const res = await page(frontDoorB, `/children/${newId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Transfer-in child protection conference');
    expect(res.body).toContain(`href="/children/${newId}/transferred-in"`);
    const came = await recordTransfers(records(frontDoorB), newId);
    expect(came.cameWith?.package.plans.map((p) => p.kind)).toEqual(['cp']);
    expect(came.cameWith?.package.chronology.length).toBeGreaterThan(0);
    const episode = await db()
      .selectFrom('cin_episodes')
      .selectAll()
      .where('person_id', '=', newId)
      .executeTakeFirstOrThrow();
    expect(episode).toMatchObject({ source: '5C', closed_on: null });
  });

  it('ends the sending LA’s access: not found for its workers and managers, allocations ended, episode closed RC5', async () => {
    for (const p of [workerA, managerA]) {
      expect((await page(p, `/children/${childA}`)).statusCode, p.roles.join()).toBe(404);
      await expect(records(p).open(childA)).rejects.toThrow(NotFoundError);
      const found = await records(p).search({ name: 'Rowan Moverley' });
      expect(found.map((f) => f.person.id)).not.toContain(childA);
    }
    // Break glass is no way back in.
    await expect(records(workerA).open(childA, 'break_glass')).rejects.toThrow(NotFoundError);
    // What the law needs kept: the record itself, its audit for the data protection officer.
    const kept = await records(dpoA).open(childA, 'view_audit');
    expect(kept.abilities).toMatchObject({ view: false, edit: false, view_audit: true, export_audit: true });
    const audited = await records(dpoA).search({ name: 'Rowan Moverley' });
    expect(audited.map((f) => f.person.id)).toContain(childA);
    const allocations = await db()
      .selectFrom('allocations')
      .selectAll()
      .where('person_id', '=', childA)
      .execute();
    expect(allocations.every((a) => a.ended_at !== null)).toBe(true);
    const ep = await db()
      .selectFrom('cin_episodes')
      .selectAll()
      .where('person_id', '=', childA)
      .executeTakeFirstOrThrow();
    expect(ep).toMatchObject({ closure_reason: 'RC5', closed_on: today() });
    const plan = await db()
      .selectFrom('cp_plans')
      .selectAll()
      .where('person_id', '=', childA)
      .executeTakeFirstOrThrow();
    expect(plan.ended_on).toBe(today());
    const row = await db()
      .selectFrom('transfers')
      .selectAll()
      .where('id', '=', transferId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'accepted',
      decided_by: frontDoorB.user.id,
      received_person_id: newId,
    });
    expect(row.sender_closed_at).not.toBeNull();
  });

  it('offers the receiving LA the transfer-in conference once, linked to the transfer, which meets the timescale', async () => {
    const record = await page(frontDoorB, `/children/${newId}`);
    expect(record.body).toContain(`/children/${newId}/record/transfer-in-conference`);
    const early = await recordStep(records(frontDoorB), newId, 'transfer-in-conference', {
      heldOn: '2025-01-01',
      decision: 'plan',
      category: 'NEG',
      reason: 'Fictional',
    }).catch((x: unknown) => x);
    expect(early).toBeInstanceOf(ValidationError);
    const noCategory = await recordStep(records(frontDoorB), newId, 'transfer-in-conference', {
      heldOn: today(),
      decision: 'plan',
      reason: 'Fictional',
    }).catch((x: unknown) => x);
    expect((noCategory as ValidationError).options.fields?.map((f) => f.field)).toEqual(['category']);
    const saved = await recordStep(records(frontDoorB), newId, 'transfer-in-conference', {
      heldOn: today(),
      decision: 'plan',
      category: 'NEG',
      reason: 'The risks continue in the new home',
    });
    const conf = await db()
      .selectFrom('conferences')
      .selectAll()
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    expect(conf).toMatchObject({
      la_code: B,
      kind: 'initial',
      s47_enquiry_id: null,
      transfer_id: transferId,
    });
    const plan = await db()
      .selectFrom('cp_plans')
      .selectAll()
      .where('person_id', '=', newId)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ started_on: today(), ended_on: null, conference_id: saved.id });
    const open = await db()
      .selectFrom('timescales')
      .select('subject')
      .where('person_id', '=', newId)
      .where('completed_on', 'is', null)
      .execute();
    expect(open).toEqual([]);
    const again = await recordStep(records(frontDoorB), newId, 'transfer-in-conference', {
      heldOn: today(),
      decision: 'no-plan',
      reason: 'Again',
    }).catch((x: unknown) => x);
    expect(again).toBeInstanceOf(ValidationError);
  });

  it('refuses a second acceptance, a decline and a withdrawal cleanly', async () => {
    await expect(acceptTransfer(db(), records(frontDoorB), transferId, { match: 'new' })).rejects.toThrow(
      ConflictError,
    );
    await expect(declineTransfer(records(frontDoorB), transferId, { reason: 'Late' })).rejects.toThrow(
      ConflictError,
    );
    await expect(withdrawTransfer(records(managerA), transferId)).rejects.toThrow(ConflictError);
    expect(await db().selectFrom('people').select('id').where('la_code', '=', B).execute()).toHaveLength(1);
  });

  it('is audited in both chains, which verify', async () => {
    expect((await events(B, 'transfer.accept')).map((e) => [e.subject_person_id, e.actor_user_id])).toEqual([
      [newId, frontDoorB.user.id],
    ]);
    const closed = await events(A, 'transfer.close_out');
    expect(closed.map((e) => [e.subject_person_id, e.record_id, e.actor_user_id])).toEqual([
      [childA, transferId, frontDoorB.user.id],
    ]);
    const denied = await db()
      .selectFrom('audit_events')
      .select('outcome')
      .where('la_code', '=', A)
      .where('actor_user_id', '=', workerA.user.id)
      .where('subject_person_id', '=', childA)
      .where('action', '=', 'record.view')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(denied.outcome).toBe('denied');
    expect((await verifyAuditChain(db())).breaks).toEqual([]);
    const out = await outgoingTransfers(db(), records(managerA));
    expect(out.map((x) => [x.id, x.status, x.otherLa.name])).toEqual([
      [transferId, 'accepted', 'Receivington'],
    ]);
  });
});

describe('a transfer declined, or matched to a child already known', () => {
  it('leaves the sending LA’s access as it was when declined, and the child may be asked for again', async () => {
    const { id } = await requestTransfer(records(managerA), child2A, { receivingLaCode: B, reason: 'Moved' });
    const bad = await declineTransfer(records(frontDoorB), id, { reason: '' }).catch((x: unknown) => x);
    expect(bad).toBeInstanceOf(ValidationError);
    await declineTransfer(records(frontDoorB), id, { reason: 'The family has not moved here' });
    expect((await page(workerA, `/children/${child2A}`)).statusCode).toBe(200);
    const row = await db().selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'declined',
      decline_reason: 'The family has not moved here',
      received_person_id: null,
    });
    await expect(acceptTransfer(db(), records(frontDoorB), id, {})).rejects.toThrow(ConflictError);
    expect((await events(B, 'transfer.decline')).length).toBe(1);
    const open = await db()
      .selectFrom('cin_episodes')
      .select('closed_on')
      .where('person_id', '=', child2A)
      .executeTakeFirstOrThrow();
    expect(open.closed_on).toBeNull();
    // Asked again, then withdrawn by the sending LA: still its child.
    const again = await requestTransfer(records(managerA), child2A, {
      receivingLaCode: C,
      reason: 'Moved on',
    });
    await withdrawTransfer(records(managerA), again.id);
    expect((await page(workerA, `/children/${child2A}`)).statusCode).toBe(200);
  });

  it('offers the receiving LA’s own record of the child and matches to it, creating no second record', async () => {
    const known = await buildChild(db(), B, {
      givenName: 'Skye',
      familyName: 'Moverley',
      dateOfBirth: '2018-05-04',
    });
    await db()
      .insertInto('addresses')
      .values({
        la_code: B,
        person_id: known,
        line1: '4 Harbour Row',
        postcode: 'ZZ1 1AA',
        started_on: '2024-01-01',
      })
      .execute();
    const { id } = await requestTransfer(records(managerA), child2A, {
      receivingLaCode: B,
      reason: 'Moved back',
    });
    const first = await acceptTransfer(db(), records(frontDoorB), id, {});
    expect(first.accepted).toBe(false);
    if (first.accepted) throw new Error('accepted');
    expect(first.candidates.map((c) => c.id)).toContain(known);
    const wrong = await acceptTransfer(db(), records(frontDoorB), id, { match: childA }).catch(
      (x: unknown) => x,
    );
    expect(wrong).toBeInstanceOf(ValidationError);
    const done = await acceptTransfer(db(), records(frontDoorB), id, { match: known });
    expect(done).toMatchObject({ accepted: true, matched: true, personId: known });
    const skyes = await db()
      .selectFrom('people')
      .select('id')
      .where('la_code', '=', B)
      .where('given_name', '=', 'Skye')
      .execute();
    expect(skyes).toEqual([{ id: known }]);
    expect((await page(frontDoorB, `/children/${known}`)).statusCode).toBe(200);
    expect((await page(workerA, `/children/${child2A}`)).statusCode).toBe(404);
  });
});

describe('the pages’ forms, and two decisions at once', () => {
  let n = 0;
  async function browserAs(p: Person): Promise<TestBrowser> {
    const b = new TestBrowser(t.app, `10.38.0.${++n}`);
    b.cookies.set(...((await sessionCookie(db(), p.user)).split('=') as [string, string]));
    return b;
  }

  it('names each bad field on the page, refuses a NUL byte without a 5xx, and saves a good form', async () => {
    const child = await childOnPlan('Quinn');
    const b = await browserAs(managerA);
    expect((await b.get(`/children/${child}/transfer`)).status).toBe(200);
    const empty = await b.post(`/children/${child}/transfer`, { receivingLaCode: '', reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('There is a problem');
    expect(empty.body).toContain('Select the local authority the child has moved to');
    expect(empty.body).toContain('Enter why the child is moving to this local authority');
    const nul = await b.post(`/children/${child}/transfer`, { receivingLaCode: B, reason: 'Moved\u0000' });
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);
    expect(await db().selectFrom('transfers').select('id').where('person_id', '=', child).execute()).toEqual(
      [],
    );
    const ok = await b.post(`/children/${child}/transfer`, {
      receivingLaCode: B,
      reason: 'Moved to Receivington',
    });
    expect(ok.status).toBe(303);
    const row = await db()
      .selectFrom('transfers')
      .selectAll()
      .where('person_id', '=', child)
      .executeTakeFirstOrThrow();
    // The receiving LA: a decline with no reason is named; an accept answers the new record.
    const r = await browserAs(frontDoorB);
    expect((await r.get(`/transfers/${row.id}`)).status).toBe(200);
    const noReason = await r.post(`/transfers/${row.id}/decline`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Enter why your local authority declines the transfer');
    const accepted = await r.post(`/transfers/${row.id}/accept`, { match: 'new' });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toMatch(/^\/children\/[0-9a-f-]{36}/);
    const twice = await r.post(`/transfers/${row.id}/accept`, { match: 'new' });
    expect(twice.status).toBe(400);
    expect(twice.body).toContain('This transfer has already been accepted');
  });

  it('lets exactly one of two acceptances at once win; the other is refused and writes nothing', async () => {
    const child = await childOnPlan('Tove');
    const { id } = await requestTransfer(records(managerA), child, { receivingLaCode: B, reason: 'Moved' });
    const before = await db().selectFrom('people').select('id').where('la_code', '=', B).execute();
    const [x, y] = await Promise.allSettled([
      acceptTransfer(db(), records(frontDoorB), id, { match: 'new' }),
      acceptTransfer(db(), records(frontDoorB), id, { match: 'new' }),
    ]);
    const outcomes = [x, y].map((o) => o.status).sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const refused = [x, y].find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    const after = await db().selectFrom('people').select('id').where('la_code', '=', B).execute();
    expect(after.length - before.length).toBe(1);
    expect((await events(A, 'transfer.close_out')).filter((e) => e.record_id === id)).toHaveLength(1);
  });
});
