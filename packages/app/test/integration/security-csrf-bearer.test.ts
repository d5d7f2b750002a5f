/**
 * CSRF under /api/: only a valid bearer token skips the check, and a request that sends any
 * Authorization header never authenticates by the session cookie (the probe: a cross-site POST
 * with the victim's cookie and a junk `Authorization` header).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  buildLocalAuthority,
  buildTeam,
  buildUser,
  sessionCookie,
  type BuiltLa,
} from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let la: BuiltLa;
let teamId: string;
beforeAll(async () => {
  t = await createTestApp();
  la = await buildLocalAuthority(t.database.db, '811');
  teamId = await buildTeam(t.database.db, la, { name: 'Assessment' });
});
const newWorker = () => buildUser(t.database.db, la, ['social_worker'], { teamId });
afterAll(async () => t.close());

const person = (familyName: string) => ({
  person: { kind: 'child', givenName: 'Casey', familyName, dateOfBirth: '2016-03-04' },
  confirmNoDuplicate: true,
});
const peopleNamed = async (familyName: string) =>
  (await t.database.db.selectFrom('people').select('id').where('family_name', '=', familyName).execute())
    .length;

describe('CSRF and bearer tokens on the API', () => {
  it('does not let a junk Authorization header carry a session cookie past CSRF', async () => {
    const worker = await newWorker();
    const cookie = await sessionCookie(t.database.db, worker);
    for (const [i, authorization] of [
      'Bearer wpt_not-a-real-token',
      'Bearer ',
      'Basic Zm9vOmJhcg==',
      'junk',
      '',
    ].entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/children',
        headers: { cookie, authorization },
        payload: person(`Forged${i}`),
      });
      expect(res.statusCode, `${authorization}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ error: { id: 'csrf_failed' } });
      expect(await peopleNamed(`Forged${i}`)).toBe(0);
    }
  });

  it('never reads as the cookie’s user when an Authorization header is sent', async () => {
    const worker = await newWorker();
    const cookie = await sessionCookie(t.database.db, worker);
    const withCookieOnly = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(withCookieOnly.statusCode).toBe(200);
    for (const authorization of ['Bearer wpt_not-a-real-token', 'Basic Zm9vOmJhcg==']) {
      const res = await t.app.inject({ url: '/api/v1/me', headers: { cookie, authorization } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('checks CSRF for a session cookie without any Authorization header', async () => {
    const worker = await newWorker();
    const cookie = await sessionCookie(t.database.db, worker);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/children',
      headers: { cookie },
      payload: person('NoToken'),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { id: 'csrf_failed' } });
    expect(await peopleNamed('NoToken')).toBe(0);
  });

  it('lets a valid bearer token through without CSRF, as the token’s user even beside a cookie', async () => {
    const worker = await newWorker();
    const other = await newWorker();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/children',
      headers: {
        cookie: await sessionCookie(t.database.db, other),
        authorization: await bearer(t.database.db, worker),
      },
      payload: person('WithToken'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const me = await t.app.inject({
      url: '/api/v1/me',
      headers: {
        cookie: await sessionCookie(t.database.db, other),
        authorization: await bearer(t.database.db, worker),
      },
    });
    expect(me.json()).toMatchObject({ email: worker.email });
  });

  it('does not accept a bearer token on the pages (they are for browsers with sessions)', async () => {
    const worker = await newWorker();
    const res = await t.app.inject({
      url: '/account',
      headers: { authorization: await bearer(t.database.db, worker) },
    });
    expect(res.statusCode).toBe(302);
  });
});
