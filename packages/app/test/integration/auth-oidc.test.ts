/** Single sign-on with OpenID Connect, end to end against a real identity provider on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_STATE_COOKIE } from '../../src/auth/oidc/state-cookie.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { buildLocalAuthority, buildUser, type BuiltLa } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { followToCallback, startTestIdp, type TestIdp } from './auth-oidc-idp.ts';

const redirectUri = 'http://localhost/sign-in/sso/callback';
let t: TestApp;
let idp: TestIdp;
let la: BuiltLa;

beforeAll(async () => {
  t = await createTestApp();
  idp = await startTestIdp(redirectUri);
  la = await buildLocalAuthority(t.database.db, '807', 'Test Borough 807');
  await t.database.db
    .insertInto('oidc_providers')
    .values({
      la_code: '807',
      display_name: 'Test Borough staff account',
      issuer: idp.issuer,
      client_id: idp.clientId,
      client_secret: idp.clientSecret,
    })
    .execute();
});
afterAll(async () => {
  await t.close();
  await idp.close();
});

function cookieFrom(setCookie: string | string[] | undefined, name: string): string | undefined {
  const c = [setCookie].flat().find((x) => x?.startsWith(`${name}=`));
  return c?.split(';')[0]?.slice(name.length + 1);
}

/** Starts single sign-on in the app, logs in at the IdP, and returns the app's answer to the callback. */
async function roundTrip(next = '/account', tamper = false) {
  const start = await t.app.inject({
    method: 'GET',
    url: `/sign-in/sso/807?next=${encodeURIComponent(next)}`,
    headers: { host: 'localhost' },
  });
  expect(start.statusCode).toBe(302);
  const location = String(start.headers.location);
  expect(location.startsWith(`${idp.issuer}/auth?`)).toBe(true);
  const params = new URL(location).searchParams;
  expect(params.get('code_challenge_method')).toBe('S256');
  expect(params.get('state')).toBeTruthy();
  expect(params.get('nonce')).toBeTruthy();
  let state = cookieFrom(start.headers['set-cookie'], OIDC_STATE_COOKIE)!;
  if (tamper) state = state.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'));
  const callback = await followToCallback(location, redirectUri);
  return t.app.inject({
    method: 'GET',
    url: `${callback.pathname}${callback.search}`,
    headers: { host: 'localhost', cookie: `${OIDC_STATE_COOKIE}=${state}` },
  });
}

describe('OpenID Connect single sign-on', () => {
  it('shows the LA provider on the sign-in page', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    expect(page.body).toContain('href="/sign-in/sso/807"');
    expect(page.body).toContain('Sign in with Test Borough staff account');
  });

  it('signs in an existing active user matched by email, with a verified session, and audits it', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    idp.loginAs = { sub: 'idp-subject-1', email: user.email.toUpperCase() };
    const res = await roundTrip('/account');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    const session = cookieFrom(res.headers['set-cookie'], SESSION_COOKIE)!;
    const account = await t.app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: `${SESSION_COOKIE}=${session}` },
    });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain(user.email);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('record_id', '=', user.id)
      .execute();
    expect(audit).toEqual([
      { action: 'auth.sign_in', reason: 'single sign-on (Test Borough staff account)' },
    ]);
  });

  it('returns to a local path only: the probe /sign-in/sso?next=%2F%09%2Fevil.example ends at /', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    idp.loginAs = { sub: 'idp-subject-5', email: user.email };
    const res = await roundTrip('/\t/evil.example');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('does not create accounts: an unknown email is refused', async () => {
    idp.loginAs = { sub: 'idp-subject-2', email: 'stranger@example.test' };
    const res = await roundTrip();
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('There is no Waypoint account for your email address');
    expect(cookieFrom(res.headers['set-cookie'], SESSION_COOKIE)).toBeFalsy();
    const count = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'stranger@example.test')
      .execute();
    expect(count).toEqual([]);
  });

  it('refuses a deactivated account', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
    idp.loginAs = { sub: 'idp-subject-3', email: user.email };
    expect((await roundTrip()).statusCode).toBe(401);
  });

  it('refuses a callback whose state cookie was altered', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    idp.loginAs = { sub: 'idp-subject-4', email: user.email };
    const res = await roundTrip('/account', true);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Your sign-in took too long or was interrupted');
  });

  it('answers 404 for an LA without single sign-on', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sign-in/sso/999' });
    expect(res.statusCode).toBe(404);
  });
});
