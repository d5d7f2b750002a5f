/** CP-IS checks by page and by FHIR: the answer, the audit, the worker told, out of hours, refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScopeNotAllowedError } from '../../src/auth/api-tokens.ts';
import { checkChild } from '../../src/cpis/check.ts';
import { localFlagDirectory } from '../../src/cpis/flag-directory.ts';
import '../../src/cpis/tables.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { onPlan } from '../support/cpis.ts';
import {
  allocate,
  bearer,
  buildChild,
  buildOrganisation,
  buildUser,
  sessionCookie,
  type BuiltUser,
} from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
let clinician: BuiltUser;
let dataTeam: BuiltUser;
let child: string;
let restricted: string;
const NHS = '9434765919';
const DOB = '2016-01-01';
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  const trust = await buildOrganisation(db(), '902', 'nhs_trust', 'Fictional Valley Hospital', [
    '901',
    '902',
  ]);
  // A clinician of another area's trust: the index answers across LAs.
  clinician = await buildUser(db(), w.la2, ['unscheduled_care_clinician'], {
    organisationId: trust,
    name: 'Dr Ed',
  });
  dataTeam = await buildUser(db(), w.la1, ['performance_officer']);
  child = await buildChild(db(), '901', { givenName: 'Kai', familyName: 'Flagged', dateOfBirth: DOB });
  await db().updateTable('people').set({ nhs_number: NHS }).where('id', '=', child).execute();
  await allocate(db(), '901', child, w.teams.teamA, w.users.workerA.id);
  await onPlan(t, await bearer(db(), w.users.workerA), child);
  await db()
    .updateTable('people')
    .set({ nhs_number: '9434765870' })
    .where('id', '=', w.children.restricted)
    .execute();
  restricted = w.children.restricted;
  await onPlan(t, await bearer(db(), w.users.workerB), restricted);
  await runDueJobs(db());
});
afterAll(async () => t.close());
function db() {
  return t.database.db;
}
const check = async (user: BuiltUser, fields: Record<string, string>) =>
  submitForm(t.app, '/cpis/check', await sessionCookie(db(), user), fields);
const form = (nhs: string, dob: string) => {
  const [y, m, d] = dob.split('-');
  return {
    nhsNumber: nhs,
    'dateOfBirth-day': d!,
    'dateOfBirth-month': m!,
    'dateOfBirth-year': y!,
    setting: 'emergency-department',
  };
};

describe('check a child, by page', () => {
  it('answers the flag and the council’s numbers, audits it, and tells the worker and team by a job', async () => {
    const res = await check(clinician, form('943 476 5919', DOB));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Child protection plan');
    expect(res.body).toContain('Northbrook');
    expect(res.body).not.toContain('Kai');
    const attendance = await db()
      .selectFrom('cpis_attendances')
      .selectAll()
      .where('person_id', '=', child)
      .executeTakeFirstOrThrow();
    expect(attendance).toMatchObject({
      la_code: '901',
      flag_kind: 'cpp',
      setting: 'Emergency department, Fictional Valley Hospital',
      clinician_user_id: clinician.id,
      via: 'page',
    });
    const audit = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'cpis.check')
      .where('subject_person_id', '=', child)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      la_code: '901',
      actor_user_id: clinician.id,
      organisation_id: clinician.organisationId,
      outcome: 'success',
    });
    expect(audit.reason).toContain(
      'role=unscheduled_care_clinician; organisation=Fictional Valley Hospital; setting=Emergency department',
    );

    expect(
      await db().selectFrom('notifications').select('id').where('kind', '=', 'cpis_attendance').execute(),
    ).toEqual([]);
    await runDueJobs(db());
    const told = await db()
      .selectFrom('notifications')
      .select(['recipient_user_id', 'message'])
      .where('kind', '=', 'cpis_attendance')
      .where('person_id', '=', child)
      .execute();
    expect(told.map((n) => n.recipient_user_id)).toContain(w.users.workerA.id);
    expect(told.map((n) => n.recipient_user_id)).toContain(w.users.colleagueA.id);
    expect(told[0]?.message).toMatch(
      /^Kai Flagged was seen at Emergency department, Fictional Valley Hospital on \d+ \w+ \d{4} at \d+:\d\d[ap]m/,
    );

    const journey = await t.app.inject({
      method: 'GET',
      url: `/api/v1/children/${child}/journey`,
      headers: { authorization: await bearer(db(), w.users.workerA) },
    });
    const events = journey.json<{ events: { type: string; title: string }[] }>().events;
    expect(events.find((e) => e.type === 'attendance')?.title).toBe(
      'Attendance: seen at Emergency department, Fictional Valley Hospital',
    );
    const list = await t.app.inject({
      method: 'GET',
      url: `/children/${child}/attendances`,
      headers: { cookie: await sessionCookie(db(), w.users.workerA) },
    });
    expect(list.body).toContain('Fictional Valley Hospital');

    const again = await check(clinician, form(NHS, DOB));
    expect(again.body).toContain('data-testid="accesses"');
  });

  it('a restricted child’s flag is shown, its accesses are not', async () => {
    const [y, m, d] = ['2014', '08', '09'];
    await db()
      .updateTable('people')
      .set({ date_of_birth: `${y}-${m}-${d}` })
      .where('id', '=', restricted)
      .execute();
    await runDueJobs(db());
    const { inTenant } = await import('../../src/db/tenant.ts');
    const { derivePerson } = await import('../../src/cpis/derive.ts');
    await inTenant(db(), '901', (tx) => derivePerson(tx, restricted, new Date().toISOString().slice(0, 10)));
    await check(clinician, form('9434765870', '2014-08-09'));
    const res = await check(clinician, form('9434765870', '2014-08-09'));
    expect(res.body).toContain('Child protection plan');
    expect(res.body).toContain('Not shown for this child.');
    expect(res.body).not.toContain('data-testid="accesses"');
  });

  it('another date of birth: "no information held for this NHS number and date of birth", and the data team is told', async () => {
    const res = await check(clinician, form(NHS, '2016-01-02'));
    expect(res.body).toContain('No information held for this NHS number and date of birth');
    expect(res.body).not.toContain('Child protection plan');
    await runDueJobs(db());
    const told = await db()
      .selectFrom('notifications')
      .select('message')
      .where('kind', '=', 'cpis_mismatch')
      .where('recipient_user_id', '=', dataTeam.id)
      .execute();
    expect(told).toHaveLength(1);
  });

  it('a child out of scope: "no child protection or looked-after information held"', async () => {
    const res = await check(clinician, form('4857773457', '2015-05-05'));
    expect(res.body).toContain('No child protection or looked-after information held');
    const audit = await db()
      .selectFrom('audit_events')
      .select('reason')
      .where('action', '=', 'cpis.check')
      .where('la_code', '=', '902')
      .execute();
    expect(audit.map((a) => a.reason).some((r) => r?.endsWith('result=none'))).toBe(true);
  });

  it('a bad NHS number is a field error, and nothing is recorded', async () => {
    const before = await db().selectFrom('cpis_attendances').select('id').execute();
    const res = await check(clinician, form('943 476 5918', DOB));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Enter a real NHS number');
    expect(await db().selectFrom('cpis_attendances').select('id').execute()).toHaveLength(before.length);
  });

  it('a user without the role is refused as not found, and the refusal audited', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    expect((await t.app.inject({ method: 'GET', url: '/cpis/check', headers: { cookie } })).statusCode).toBe(
      404,
    );
    // The form's page is not found for them, so the CSRF token comes from a page they may open.
    const res = await submitForm(t.app, '/account/tokens', cookie, form(NHS, DOB), '/cpis/check');
    expect(res.statusCode).toBe(404);
    const denied = await db()
      .selectFrom('audit_events')
      .select(['outcome', 'reason'])
      .where('action', '=', 'cpis.check')
      .where('actor_user_id', '=', w.users.workerA.id)
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(1);
    expect(denied.every((d) => d.outcome === 'denied')).toBe(true);
  });
});

describe('an unborn child', () => {
  it('is found by the expectant mother’s NHS number and date of birth, with the expected date of birth', async () => {
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
        expected_date_of_birth: '2027-03-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('person_relationships')
      .values({ la_code: '901', person_id: unborn, related_person_id: mother, type: 'mother' })
      .execute();
    await allocate(db(), '901', unborn, w.teams.teamA, w.users.workerA.id);
    await onPlan(t, await bearer(db(), w.users.workerA), unborn);
    await runDueJobs(db());
    const res = await check(clinician, { ...form('4857773457', '1996-04-04'), setting: 'maternity' });
    expect(res.body).toContain('Unborn child protection plan');
    expect(res.body).toContain('Expected date of birth');
    expect(res.body).toContain('1 March 2027');
  });
});

describe('out of office hours', () => {
  it('tells the emergency duty team by email through messaging', async () => {
    const saturday = new Date('2026-11-28T23:30:00Z');
    const answer = await checkChild(
      {
        db: db(),
        actor: {
          userId: clinician.id,
          name: 'Dr Ed',
          email: clinician.email,
          organisationId: clinician.organisationId,
          laCode: '902',
          roles: ['unscheduled_care_clinician'],
          teamIds: [],
          via: 'session',
        },
        meta: { ip: null, requestId: null },
        directory: localFlagDirectory(db()),
        via: 'page',
        now: saturday,
      },
      { nhsNumber: NHS, dateOfBirth: DOB, setting: 'out-of-hours-gp' },
    );
    expect(answer.outcome).toBe('flags');
    if (answer.outcome === 'flags') expect(answer.flags[0]?.la.callNow.kind).toBe('emergency_duty');
    const sent = await db()
      .selectFrom('jobs')
      .select('payload')
      .where('name', '=', 'messaging.send')
      .execute();
    const emails = sent
      .map((j) => j.payload as { template: string; channel: string; personalisation: Record<string, string> })
      .filter(
        (p) => p.template === 'cpis-attendance-out-of-hours' && p.personalisation.date === '28 November 2026',
      );
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      channel: 'email',
      personalisation: {
        setting: 'Out-of-hours GP, Fictional Valley Hospital',
        date: '28 November 2026',
        time: '11:30pm',
      },
    });
    expect(JSON.stringify(emails[0])).not.toContain('Kai');
    const a = await db()
      .selectFrom('cpis_attendances')
      .select('out_of_hours')
      .where('seen_at', '=', saturday)
      .executeTakeFirstOrThrow();
    expect(a.out_of_hours).toBe(true);
  });
});

describe('the council’s own settings', () => {
  it('answer with its saved numbers, and a text to the emergency duty team’s mobile out of hours', async () => {
    const day = { start: '09:00', end: '17:00' };
    await db()
      .insertInto('la_settings')
      .values({
        la_code: '901',
        name: 'Northbrook Council',
        service_name: 'Children’s Social Care',
        office_hours: JSON.stringify({
          monday: day,
          tuesday: day,
          wednesday: day,
          thursday: day,
          friday: day,
          saturday: null,
          sunday: null,
        }),
        office_phone: '01632 960123',
        office_email: null,
        emergency_duty_phone: '01632 960456',
        emergency_duty_email: 'edt@northbrook.example.gov.uk',
        emergency_duty_sms: '07700 900123',
      })
      .execute();
    const sunday = new Date('2026-11-29T03:00:00Z');
    const answer = await checkChild(
      {
        db: db(),
        actor: {
          userId: clinician.id,
          name: 'Dr Ed',
          email: clinician.email,
          organisationId: clinician.organisationId,
          laCode: '902',
          roles: ['unscheduled_care_clinician'],
          teamIds: [],
          via: 'session',
        },
        meta: { ip: null, requestId: null },
        directory: localFlagDirectory(db()),
        via: 'page',
        now: sunday,
      },
      { nhsNumber: NHS, dateOfBirth: DOB, setting: 'ambulance' },
    );
    expect(answer.outcome === 'flags' && answer.flags[0]?.la).toMatchObject({
      name: 'Northbrook Council',
      officePhone: '01632 960123',
      emergencyDutyPhone: '01632 960456',
      callNow: { kind: 'emergency_duty', phone: '01632 960456' },
    });
    const sent = await db()
      .selectFrom('jobs')
      .select('payload')
      .where('name', '=', 'messaging.send')
      .execute();
    const mine = sent
      .map((j) => j.payload as { channel: string; to: string; personalisation: Record<string, string> })
      .filter((p) => p.personalisation.date === '29 November 2026');
    expect(mine.map((p) => [p.channel, p.to]).sort()).toEqual([
      ['email', 'edt@northbrook.example.gov.uk'],
      ['sms', '07700900123'],
    ]);
  });
});

describe('FHIR', () => {
  const url = (nhs: string, extra = '') =>
    `/api/v1/cpis/Flag?patient.identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhs}`)}${extra}`;

  it('answers a Bundle of Flag for a cpis:read token, audited like the page', async () => {
    const token = await bearer(db(), clinician, ['cpis:read']);
    const res = await t.app.inject({ method: 'GET', url: url(NHS), headers: { authorization: token } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const bundle = res.json<{
      resourceType: string;
      type: string;
      total: number;
      entry: {
        resource: {
          resourceType: string;
          status: string;
          code: { text: string };
          subject: { identifier: { value: string } };
          period: { start: string };
        };
      }[];
    }>();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(bundle.entry[0]?.resource).toMatchObject({
      resourceType: 'Flag',
      status: 'active',
      code: { text: 'Child protection plan' },
      subject: { identifier: { value: NHS } },
      period: { start: '2026-02-10' },
    });
    const viaFhir = await db()
      .selectFrom('cpis_attendances')
      .select('via')
      .where('via', '=', 'fhir')
      .execute();
    expect(viaFhir.length).toBeGreaterThan(0);
    const wrongDob = await t.app.inject({
      method: 'GET',
      url: url(NHS, '&patient.birthdate=2016-01-02'),
      headers: { authorization: token },
    });
    expect(wrongDob.json<{ total: number }>().total).toBe(0);
  });

  it('is in the OpenAPI document; a signed-in worker without the role is refused (404) and audited', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths)).toContain('/api/v1/cpis/Flag');
    const cookie = await sessionCookie(db(), w.users.workerB);
    const res = await t.app.inject({ method: 'GET', url: url(NHS), headers: { cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
    const denied = await db()
      .selectFrom('audit_events')
      .select('reason')
      .where('action', '=', 'cpis.check')
      .where('actor_user_id', '=', w.users.workerB.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.reason)).toEqual([expect.stringContaining('via=fhir')]);
  });

  it('without a token: an OperationOutcome with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: url(NHS) });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
  });

  it('a bad NHS number is an OperationOutcome with 400', async () => {
    const token = await bearer(db(), clinician, ['cpis:read']);
    for (const bad of [
      url('9434765918'),
      '/api/v1/cpis/Flag?patient.identifier=9434765919',
      '/api/v1/cpis/Flag',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: bad, headers: { authorization: token } });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json<{ resourceType: string; issue: { severity: string; code: string }[] }>()).toMatchObject(
        { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] },
      );
    }
  });

  it('only the clinician may hold cpis:read; a token without it is refused', async () => {
    await expect(bearer(db(), w.users.workerA, ['cpis:read'])).rejects.toBeInstanceOf(ScopeNotAllowedError);
    const noScope = await bearer(db(), clinician, ['children:read']);
    const res = await t.app.inject({ method: 'GET', url: url(NHS), headers: { authorization: noScope } });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
  });
});
