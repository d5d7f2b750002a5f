/** Details: names and addresses history, the restricted-address rule, and editing with optimistic locking. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, sessionCookie } from '../support/factories.ts';
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
const child = () => w.children.child1;
const page = async (user: AccessWorld['users']['workerA'], url: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: await sessionCookie(db(), user) } });

describe('addresses and names', () => {
  it('adds a restricted address and a previous name, and shows the address only to those who may see restricted fields', async () => {
    const worker = await sessionCookie(db(), w.users.workerA);
    const base = `/children/${child()}/details`;
    const bad = await submitForm(t.app, `${base}/address/new`, worker, { line1: '', postcode: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#line1"');
    expect(bad.body).toContain('href="#postcode"');
    expect(bad.body).toContain('href="#startedOn-day"');

    const first = await submitForm(t.app, `${base}/address/new`, worker, {
      line1: '12 Mill Lane',
      town: 'Northbrook',
      postcode: 'nb1 2ab',
      'startedOn-day': '1',
      'startedOn-month': '1',
      'startedOn-year': '2020',
    });
    expect(first.statusCode).toBe(303);
    const refuge = await submitForm(t.app, `${base}/address/new`, worker, {
      line1: 'Safe House, 3 Quiet Road',
      postcode: 'NB9 9ZZ',
      'startedOn-day': '5',
      'startedOn-month': '10',
      'startedOn-year': '2026',
      isRestricted: 'yes',
    });
    expect(refuge.statusCode).toBe(303);
    const name = await submitForm(t.app, `${base}/names/new`, worker, {
      kind: 'previous',
      givenName: 'Jayden',
      familyName: 'Smith',
      'endedOn-day': '1',
      'endedOn-month': '9',
      'endedOn-year': '2022',
    });
    expect(name.statusCode).toBe(303);

    const own = await page(w.users.workerA, base);
    expect(own.body).toContain('Safe House, 3 Quiet Road');
    expect(own.body).toContain('12 Mill Lane, Northbrook, NB1 2AB');
    expect(own.body).toContain('Jayden Smith');
    expect(own.body).toContain('Previous name');

    const colleague = await page(w.users.colleagueA, base);
    expect(colleague.statusCode).toBe(200);
    expect(colleague.body).not.toContain('Safe House');
    expect(colleague.body).not.toContain('NB9 9ZZ');
    expect(colleague.body).toContain('Restricted address');
    expect(colleague.body).toContain('12 Mill Lane');

    const addresses = await db()
      .selectFrom('addresses')
      .selectAll()
      .where('person_id', '=', child())
      .orderBy('started_on')
      .execute();
    expect(addresses.map((a) => [a.postcode, a.ended_on, a.is_restricted])).toEqual([
      ['NB1 2AB', '2026-10-05', false],
      ['NB9 9ZZ', null, true],
    ]);
  });

  it('does not let someone who may not see restricted fields record a restricted address', async () => {
    const res = await submitForm(
      t.app,
      `/children/${child()}/details/address/new`,
      await sessionCookie(db(), w.users.colleagueA),
      {
        line1: '1 Other Road',
        postcode: 'NB2 2BB',
        'startedOn-day': '1',
        'startedOn-month': '11',
        'startedOn-year': '2026',
        isRestricted: 'yes',
      },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Ask the allocated worker to record a restricted address');
  });

  it('is not found for someone without access', async () => {
    expect((await page(w.users.workerB, `/children/${child()}/details`)).statusCode).toBe(404);
    expect((await page(w.users.workerB, `/children/${child()}/details/edit`)).statusCode).toBe(404);
  });
});

describe('editing details with optimistic locking', () => {
  it('two people load version 1; the first saves; the second gets the conflict with both versions and nothing is overwritten', async () => {
    const url = `/children/${child()}/details/edit`;
    const ada = await sessionCookie(db(), w.users.workerA);
    const colleague = await sessionCookie(db(), w.users.colleagueA);
    const before = await db()
      .selectFrom('people')
      .select('version')
      .where('id', '=', child())
      .executeTakeFirstOrThrow();
    const form = await t.app.inject({ method: 'GET', url, headers: { cookie: colleague } });
    expect(form.body).toContain(`name="version" value="${before.version}"`);
    expect(form.body).toContain('value="Jayden"');

    const common = {
      version: String(before.version),
      kind: 'child',
      familyName: 'Okafor',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2015',
    };
    const first = await submitForm(t.app, url, ada, {
      ...common,
      givenName: 'Jayden',
      firstLanguage: 'Igbo',
    });
    expect(first.statusCode).toBe(303);

    const second = await submitForm(t.app, url, colleague, { ...common, givenName: 'Jaydon', sex: 'male' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else changed this record while you were editing it');
    expect(second.body).toContain('What you entered');
    expect(second.body).toContain('Different');
    expect(second.body).toContain('Igbo');
    // The form keeps what the second person typed and carries the version now saved.
    expect(second.body).toContain('value="Jaydon"');
    expect(second.body).toContain(`name="version" value="${before.version + 1}"`);

    const saved = await db()
      .selectFrom('people')
      .selectAll()
      .where('id', '=', child())
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      given_name: 'Jayden',
      first_language: 'Igbo',
      sex: null,
      version: before.version + 1,
    });
    const failure = await db()
      .selectFrom('audit_events')
      .select(['outcome', 'reason'])
      .where('action', '=', 'record.update')
      .where('actor_user_id', '=', w.users.colleagueA.id)
      .where('outcome', '=', 'failure')
      .executeTakeFirstOrThrow();
    expect(failure.reason).toMatch(/^version conflict/);

    // Re-submitting deliberately, on the current version, saves.
    const again = await submitForm(t.app, url, colleague, {
      ...common,
      version: String(before.version + 1),
      givenName: 'Jayden',
      firstLanguage: 'Igbo',
      sex: 'male',
    });
    expect(again.statusCode).toBe(303);
    const after = await db()
      .selectFrom('people')
      .selectAll()
      .where('id', '=', child())
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      sex: 'male',
      version: before.version + 2,
      updated_by: w.users.colleagueA.id,
    });
  });

  it('through the API: PATCH with the version read; a stale version gets 409 with the saved record', async () => {
    const auth = { authorization: await bearer(db(), w.users.workerA) };
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/children/${child()}`, headers: auth });
    const { version } = read.json<{ version: number }>();
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/children/${child()}`,
      headers: auth,
      payload: { version, nhsNumber: '943 476 5919' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      version: version + 1,
      nhsNumber: '943 476 5919',
      givenName: 'Jayden',
      sex: 'male',
    });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/children/${child()}`,
      headers: auth,
      payload: { version, givenName: 'Overwritten' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: { id: 'conflict', data: { current: { givenName: 'Jayden', version: version + 1 } } },
    });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/children/${child()}`,
      headers: auth,
      payload: { version: version + 1, nhsNumber: '1234567890' },
    });
    expect(bad.statusCode).toBe(400);
    const denied = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/children/${child()}`,
      headers: { authorization: await bearer(db(), w.users.workerB) },
      payload: { version: version + 1, givenName: 'X' },
    });
    expect(denied.statusCode).toBe(404);
    const now = await db()
      .selectFrom('people')
      .select(['given_name', 'nhs_number'])
      .where('id', '=', child())
      .executeTakeFirstOrThrow();
    expect(now).toEqual({ given_name: 'Jayden', nhs_number: '9434765919' });
  });
});
