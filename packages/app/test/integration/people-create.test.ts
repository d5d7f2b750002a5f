/** Adding a person on the page: the duplicate check first, then "none of these", allocation and audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../support/factories.ts';
import { submitForm } from '../support/forms.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
});
afterAll(async () => t.close());
const db = () => t.database.db;
const peopleNamed = (given: string, family: string) =>
  db()
    .selectFrom('people')
    .selectAll()
    .where('given_name', '=', given)
    .where('family_name', '=', family)
    .execute();

const child = {
  kind: 'child',
  givenName: 'Jaden',
  familyName: 'Okafor',
  'dateOfBirth-day': '1',
  'dateOfBirth-month': '6',
  'dateOfBirth-year': '2015',
  sex: 'male',
};

describe('adding a person on the page', () => {
  it('names each bad field in a GOV.UK error summary and saves nothing', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const res = await submitForm(t.app, '/people/new', cookie, {
      kind: 'child',
      givenName: '',
      familyName: 'Okafor',
      nhsNumber: '1234567890',
      upn: 'X',
      line1: '1 High Street',
      postcode: 'NOT A CODE',
      'startedOn-day': '1',
      'startedOn-month': '1',
      'startedOn-year': '2020',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    for (const href of ['#givenName', '#dateOfBirth-day', '#nhsNumber', '#upn', '#postcode'])
      expect(res.body).toContain(`href="${href}"`);
    expect(res.body).toContain('Enter a real UK postcode');
    expect(await peopleNamed('', 'Okafor')).toEqual([]);
  });

  it('shows possible duplicates with their chance and why, name and age only for records the caller may not open', async () => {
    const cookie = await sessionCookie(db(), w.users.workerB);
    const res = await submitForm(t.app, '/people/new', cookie, child);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Is this one of these people?');
    expect(res.body).toContain('Jayden Okafor');
    expect(res.body).toContain('Date of birth: exact');
    expect(res.body).toContain('Request emergency access');
    expect(res.body).not.toContain(`href="/children/${w.children.child1}"`);
    expect(res.body).toContain('name="confirmNoDuplicate" value="yes"');
    expect(res.body).toContain('name="givenName" value="Jaden"');
    // Nadia Okafor's record is restricted: never a candidate for someone it is hidden from.
    expect(res.body).not.toContain('Nadia');
    expect(await peopleNamed('Jaden', 'Okafor')).toEqual([]);
    const audit = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('actor_user_id', '=', w.users.workerB.id)
      .where('action', '=', 'record.search')
      .executeTakeFirstOrThrow();
    expect(audit.reason).toMatch(/^duplicate check; candidates=\d+$/);
  });

  it('links to the existing record when the caller may open it', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const res = await submitForm(t.app, '/people/new', cookie, child);
    expect(res.body).toContain(`href="/children/${w.children.child1}"`);
  });

  it('creates the record after "none of these", allocated to the social worker and their team, and audited', async () => {
    const cookie = await sessionCookie(db(), w.users.workerB);
    const res = await submitForm(t.app, '/people/new', cookie, {
      ...child,
      confirmNoDuplicate: 'yes',
      disabilities: 'NONE',
      line1: '4 Elm Close',
      town: 'Northbrook',
      postcode: 'ls115ab',
      'startedOn-day': '2',
      'startedOn-month': '3',
      'startedOn-year': '2021',
    });
    expect(res.statusCode).toBe(303);
    const [person] = await peopleNamed('Jaden', 'Okafor');
    expect(person).toMatchObject({
      kind: 'child',
      date_of_birth: '2015-06-01',
      created_by: w.users.workerB.id,
    });
    expect(res.headers.location).toBe(`/children/${person!.id}`);
    const allocation = await db()
      .selectFrom('allocations')
      .selectAll()
      .where('person_id', '=', person!.id)
      .executeTakeFirstOrThrow();
    expect(allocation).toMatchObject({
      team_id: w.teams.teamB,
      worker_user_id: w.users.workerB.id,
      ended_at: null,
    });
    const address = await db()
      .selectFrom('addresses')
      .selectAll()
      .where('person_id', '=', person!.id)
      .executeTakeFirstOrThrow();
    expect(address).toMatchObject({ postcode: 'LS11 5AB', line1: '4 Elm Close', is_restricted: false });
    const audit = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'record.create')
      .where('subject_person_id', '=', person!.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ outcome: 'success', actor_user_id: w.users.workerB.id });
    const open = await t.app.inject({ method: 'GET', url: `/children/${person!.id}`, headers: { cookie } });
    expect(open.statusCode).toBe(200);
  });

  it('creates straight away when nobody is similar, and sends a front door officer on to record the contact', async () => {
    const cookie = await sessionCookie(db(), w.users.frontDoor);
    const res = await submitForm(t.app, '/people/new', cookie, {
      kind: 'unborn',
      givenName: 'Baby',
      familyName: 'Quennell',
      'expectedDateOfBirth-day': '1',
      'expectedDateOfBirth-month': '3',
      'expectedDateOfBirth-year': '2027',
    });
    expect(res.statusCode).toBe(303);
    const [person] = await peopleNamed('Baby', 'Quennell');
    expect(person).toMatchObject({
      kind: 'unborn',
      expected_date_of_birth: '2027-03-01',
      date_of_birth: null,
    });
    expect(res.headers.location).toBe(`/children/${person!.id}/record/contact`);
    const allocations = await db()
      .selectFrom('allocations')
      .select('id')
      .where('person_id', '=', person!.id)
      .execute();
    expect(allocations).toEqual([]);
  });

  it('is refused to roles that do not record contacts', async () => {
    const cookie = await sessionCookie(db(), w.users.psw);
    const res = await t.app.inject({ method: 'GET', url: '/people/new', headers: { cookie } });
    expect(res.statusCode).toBe(403);
  });
});
