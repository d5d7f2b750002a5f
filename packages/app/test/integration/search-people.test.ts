/** Finding people: typos, sound-alikes, nicknames, previous names, date of birth, NHS number and postcode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, bearer, buildChild, sessionCookie } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildAccessWorld, type AccessWorld } from '../support/world.ts';

let t: TestApp;
let w: AccessWorld;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  w = await buildAccessWorld(t.database.db);
  const db = t.database.db;
  const add = async (
    key: string,
    given: string,
    family: string,
    dob: string,
    postcode?: string,
    nhs?: string,
  ) => {
    ids[key] = await buildChild(db, '901', { givenName: given, familyName: family, dateOfBirth: dob });
    await allocate(db, '901', ids[key], w.teams.teamA, w.users.workerA.id);
    if (nhs !== undefined)
      await db.updateTable('people').set({ nhs_number: nhs }).where('id', '=', ids[key]).execute();
    if (postcode !== undefined)
      await db
        .insertInto('addresses')
        .values({
          la_code: '901',
          person_id: ids[key],
          line1: '1 Test Row',
          postcode,
          started_on: '2020-01-01',
        })
        .execute();
  };
  await add('william', 'William', 'Smith', '2014-02-03', 'LS11 5AB', '4857773456');
  await add('jane', 'Jane', 'Smith', '2013-05-06', 'LS12 1AA');
  await add('catherine', 'Catherine', 'Oyelaran', '2015-03-07', 'LS11 9ZZ');
  await add('moved', 'Ruby', 'Fenwick', '2016-08-08');
  await db
    .insertInto('addresses')
    .values({
      la_code: '901',
      person_id: ids.moved!,
      line1: 'Old',
      postcode: 'LS11 5AB',
      started_on: '2019-01-01',
      ended_on: '2020-01-01',
    })
    .execute();
  await db
    .insertInto('person_names')
    .values({
      la_code: '901',
      person_id: ids.catherine!,
      kind: 'previous',
      given_name: 'Catherine',
      family_name: 'Braithwaite',
    })
    .execute();
});
afterAll(async () => t.close());
const db = () => t.database.db;
const find = async (query: string, user = w.users.workerA) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/children?${query}`,
    headers: { authorization: await bearer(db(), user) },
  });
  return {
    status: res.statusCode,
    names:
      res.statusCode === 200 ? res.json<{ results: { name: string }[] }>().results.map((r) => r.name) : [],
  };
};

describe('search', () => {
  it('finds a nickname and ranks it above others with the same family name', async () => {
    const { names } = await find('name=Bill%20Smith');
    expect(names[0]).toBe('William Smith');
    expect(names).toContain('Jane Smith');
    expect((await find('name=Kate%20Oyelaran')).names[0]).toBe('Catherine Oyelaran');
  });

  it('finds typos and sound-alikes', async () => {
    expect((await find('name=Wiliam%20Smyth')).names[0]).toBe('William Smith');
    expect((await find('name=Katherine%20Oyelaren')).names[0]).toBe('Catherine Oyelaran');
  });

  it('finds a previous name', async () => {
    expect((await find('name=Catherine%20Braithwaite')).names).toContain('Catherine Oyelaran');
  });

  it('finds an NHS number with or without spaces, exactly', async () => {
    expect((await find('nhsNumber=485%20777%203456')).names).toEqual(['William Smith']);
    expect((await find('nhsNumber=4857773456')).names).toEqual(['William Smith']);
    expect((await find('nhsNumber=4857773457')).names).toEqual([]);
    expect((await find('nhsNumber=12345')).status).toBe(400);
  });

  it('finds the current postcode, full or outward code, but not a past address', async () => {
    expect((await find('postcode=ls115ab')).names).toEqual(['William Smith']);
    expect((await find('postcode=LS11')).names.sort()).toEqual(['Catherine Oyelaran', 'William Smith']);
    expect((await find('postcode=LS1')).names).toEqual([]);
    expect((await find('postcode=not-a-postcode')).status).toBe(400);
  });

  it('combines criteria', async () => {
    expect((await find('name=Smith&dob=2013-05-06')).names).toEqual(['Jane Smith']);
    expect((await find('name=Smith&postcode=LS12')).names).toEqual(['Jane Smith']);
  });

  it('shows only what the caller may see, and audits each search', async () => {
    expect((await find('name=Bill%20Smith', w.users.partner)).names).toEqual([]);
    expect((await find('name=Bill%20Smith', w.users.workerLa2)).names).toEqual([]);
    const audit = await db()
      .selectFrom('audit_events')
      .select(['reason'])
      .where('actor_user_id', '=', w.users.workerA.id)
      .where('action', '=', 'record.search')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.reason).toMatch(/results=\d+$/);
  });

  it('works on the page, with errors named', async () => {
    const cookie = await sessionCookie(db(), w.users.workerA);
    const ok = await t.app.inject({
      method: 'GET',
      url: '/search?name=Bill+Smith&nhsNumber=&postcode=LS11',
      headers: { cookie },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('William Smith');
    expect(ok.body).not.toContain('Jane Smith');
    const bad = await t.app.inject({ method: 'GET', url: '/search?postcode=zzz', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#postcode"');
  });
});
