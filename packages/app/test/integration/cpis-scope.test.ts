/** CP-IS scope, derived from the journey: each rule, the 12-month look-back, unborn plans, the data team's gaps. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivePerson } from '../../src/cpis/derive.ts';
import { CPIS_GAP_ALERT, CPIS_REDERIVE } from '../../src/cpis/jobs.ts';
import '../../src/cpis/tables.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { today } from '../../src/http/forms/dates.ts';
import { enqueue } from '../../src/jobs/index.ts';
import { jobDefinition } from '../../src/jobs/registry.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { inCare, onPlan, stepOk } from '../support/cpis.ts';
import {
  allocate,
  bearer,
  buildChild,
  buildUser,
  sessionCookie,
  type BuiltUser,
} from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let token: string;
let dataTeam: BuiltUser;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  token = await bearer(t.database.db, w.users.workerA);
  dataTeam = await buildUser(t.database.db, w.la1, ['performance_officer'], { name: 'Dani Data' });
});
afterAll(async () => t.close());
const db = () => t.database.db;

async function newChild(nhs: string | null = null) {
  const id = await buildChild(db(), '901', { dateOfBirth: '2016-01-01' });
  if (nhs !== null) await db().updateTable('people').set({ nhs_number: nhs }).where('id', '=', id).execute();
  await allocate(db(), '901', id, w.teams.teamA, w.users.workerA.id);
  return id;
}
const flagsOf = (id: string) =>
  db().selectFrom('cpis_flags').selectAll().where('person_id', '=', id).orderBy('kind').execute();
const deriveOn = (id: string, day: string) => inTenant(db(), '901', (tx) => derivePerson(tx, id, day));

describe('CP-IS scope from the journey', () => {
  it('a child protection plan puts the child in scope by a job after the step commits', async () => {
    const child = await newChild('9434765919');
    await onPlan(t, token, child);
    expect(await flagsOf(child)).toEqual([]);
    const queued = await db()
      .selectFrom('jobs')
      .select('payload')
      .where('name', '=', 'cpis.derive')
      .execute();
    expect(queued.map((j) => j.payload)).toContainEqual({ personId: child });
    await runDueJobs(db());
    expect(await flagsOf(child)).toMatchObject([
      {
        kind: 'cpp',
        started_on: '2026-02-10',
        ended_on: null,
        key_person_id: child,
        entered_scope_on: today(),
      },
    ]);
  });

  it('an ended plan stays in scope for 12 months, then leaves it', async () => {
    const child = await newChild();
    await onPlan(t, token, child);
    await stepOk(t, token, child, 'review-conference', {
      heldOn: '2026-05-10',
      decision: 'end',
      reason: 'Safe.',
    });
    await runDueJobs(db());
    expect(await flagsOf(child)).toMatchObject([
      { kind: 'cpp', started_on: '2026-02-10', ended_on: '2026-05-10' },
    ]);
    expect((await deriveOn(child, '2027-05-10')).removed).toEqual([]);
    expect((await deriveOn(child, '2027-05-11')).removed).toEqual(['cpp']);
    expect(await flagsOf(child)).toEqual([]);
  });

  it('looked after under s20, s38 or s31 is in scope; other legal statuses are not; leaving care starts the look-back', async () => {
    const v2 = await newChild();
    await inCare(t, token, v2, 'V2');
    const e1 = await newChild();
    await inCare(t, token, e1, 'L1');
    await runDueJobs(db());
    expect(await flagsOf(v2)).toMatchObject([{ kind: 'lac', started_on: '2026-02-01', ended_on: null }]);
    expect(await flagsOf(e1)).toEqual([]);
    await stepOk(t, token, v2, 'care-change', {
      changedOn: '2026-03-01',
      legalStatus: 'C1',
      placementType: 'U6',
    });
    await stepOk(t, token, v2, 'care-end', { endedOn: '2026-04-01', reasonEnd: 'E11' });
    await runDueJobs(db());
    expect(await flagsOf(v2)).toMatchObject([
      { kind: 'lac', started_on: '2026-02-01', ended_on: '2026-04-01' },
    ]);
    expect((await deriveOn(v2, '2027-04-02')).removed).toEqual(['lac']);
  });

  it('an unborn child’s plan is held against the mother’s NHS number, and becomes the born child’s plan', async () => {
    const mother = await buildChild(db(), '901', {
      givenName: 'Maya',
      familyName: 'Stone',
      dateOfBirth: '1996-04-04',
    });
    await db()
      .updateTable('people')
      .set({ kind: 'adult', sex: 'female', nhs_number: '4857773457' })
      .where('id', '=', mother)
      .execute();
    const { id: unborn } = await db()
      .insertInto('people')
      .values({
        la_code: '901',
        kind: 'unborn',
        given_name: 'Baby',
        family_name: 'Stone',
        expected_date_of_birth: '2027-02-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('person_relationships')
      .values({ la_code: '901', person_id: unborn, related_person_id: mother, type: 'mother' })
      .execute();
    await allocate(db(), '901', unborn, w.teams.teamA, w.users.workerA.id);
    await onPlan(t, token, unborn);
    await runDueJobs(db());
    const [before] = await flagsOf(unborn);
    expect(before).toMatchObject({ kind: 'unborn-cpp', started_on: '2026-02-10', key_person_id: mother });

    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/children/${unborn}`,
      headers: { authorization: token },
    });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/children/${unborn}`,
      headers: { authorization: token },
      payload: {
        version: got.json<{ version: number }>().version,
        kind: 'child',
        dateOfBirth: '2026-11-20',
        nhsNumber: '9434765870',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    await runDueJobs(db());
    expect(await flagsOf(unborn)).toMatchObject([
      {
        kind: 'cpp',
        started_on: '2026-02-10',
        key_person_id: unborn,
        entered_scope_on: before?.entered_scope_on,
      },
    ]);
  });

  it('is re-derived every day, for the look-back', () => {
    expect(jobDefinition(CPIS_REDERIVE)?.recurring).toEqual({
      cron: '15 0 * * *',
      timezone: 'Europe/London',
    });
  });
});

describe('the data team’s NHS-number gaps', () => {
  it('lists children in scope without a verified NHS number, verifies one, and refuses others', async () => {
    const missing = await newChild();
    const unverified = await newChild('9434765919');
    await onPlan(t, token, missing);
    await onPlan(t, token, unverified);
    await runDueJobs(db());
    const cookie = await sessionCookie(db(), dataTeam);
    const page = await t.app.inject({ method: 'GET', url: '/cpis/nhs-numbers', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No NHS number recorded');
    expect(page.body).toContain(`/cpis/nhs-numbers/${unverified}`);
    expect(page.body).toContain('NHS number not yet confirmed');

    const wrong = await submitForm(t.app, `/cpis/nhs-numbers/${unverified}`, cookie, {
      nhsNumber: '4857773457',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body, /nhsNumber-error" class[^]*?<\/p>/.exec(wrong.body)?.[0]).toContain(
      'not the NHS number on the record',
    );
    const bad = await submitForm(t.app, `/cpis/nhs-numbers/${unverified}`, cookie, {
      nhsNumber: '1234567890',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a real NHS number');
    const ok = await submitForm(t.app, `/cpis/nhs-numbers/${unverified}`, cookie, {
      nhsNumber: '943 476 5919',
    });
    expect(ok.statusCode).toBe(303);
    const v = await db()
      .selectFrom('cpis_nhs_verifications')
      .selectAll()
      .where('person_id', '=', unverified)
      .execute();
    expect(v).toMatchObject([{ nhs_number: '9434765919', source: 'data_team', verified_by: dataTeam.id }]);
    const after = await t.app.inject({ method: 'GET', url: '/cpis/nhs-numbers', headers: { cookie } });
    expect(after.body).not.toContain(`/cpis/nhs-numbers/${unverified}`);
    expect(after.body).toContain(`/cpis/nhs-numbers/${missing}`);

    const worker = await sessionCookie(db(), w.users.workerA);
    expect(
      (await t.app.inject({ method: 'GET', url: '/cpis/nhs-numbers', headers: { cookie: worker } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/cpis/nhs-numbers/${missing}`,
          headers: { cookie: worker },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('alerts the data team, by a scheduled job, the day a child enters scope without one (once)', async () => {
    const child = await newChild();
    await onPlan(t, token, child);
    await runDueJobs(db());
    expect(jobDefinition(CPIS_GAP_ALERT)?.recurring?.cron).toBe('5 * * * *');
    for (const run of [1, 2]) {
      await inTenant(db(), '901', (tx) => enqueue(tx, CPIS_GAP_ALERT, {}, { idempotencyKey: `test-${run}` }));
      await runDueJobs(db());
    }
    const told = await db()
      .selectFrom('notifications')
      .select(['message'])
      .where('recipient_user_id', '=', dataTeam.id)
      .where('person_id', '=', child)
      .where('kind', '=', 'cpis_gap')
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]?.message).toContain('without a verified NHS number: No NHS number recorded');
  });
});
