/**
 * Sign out everywhere ends every session and revokes the person's own API tokens (after a lost
 * laptop every credential should stop working); a partner system's client-credential token is not
 * the person's and keeps working. One audit event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/auth/api-tokens.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { bearer, buildLocalAuthority, buildUser, sessionCookie, type BuiltLa } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { TestBrowser } from './auth-browser.ts';

let t: TestApp;
let la: BuiltLa;
beforeAll(async () => {
  t = await createTestApp();
  la = await buildLocalAuthority(t.database.db, '813');
});
afterAll(async () => t.close());

const me = async (authorization: string) =>
  (await t.app.inject({ url: '/api/v1/me', headers: { authorization } })).statusCode;

describe('sign out everywhere', () => {
  it('ends the sessions and revokes personal tokens, not client-credential tokens, with one audit event', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    const other = await buildUser(t.database.db, la, ['social_worker']);
    const personal = await bearer(t.database.db, user, ['children:read']);
    const othersToken = await bearer(t.database.db, other, ['children:read']);
    const client = await issueApiToken(t.database.db, {
      userId: user.id,
      actingLaCode: la.laCode,
      kind: 'client',
      name: 'Case system',
      scopes: ['children:read'],
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const secondSession = await sessionCookie(t.database.db, user);
    expect(await me(personal)).toBe(200);

    const b = new TestBrowser(t.app, '10.3.0.1');
    b.cookies.set(...((await sessionCookie(t.database.db, user)).split('=') as [string, string]));
    const page = await b.get('/account');
    expect(page.body).toContain('revokes your personal API tokens');
    const res = await b.post('/account/sign-out-everywhere');
    expect(res.location).toBe('/sign-in?signedOut=1');

    expect(await me(personal)).toBe(401);
    expect(await me(`Bearer ${client.token}`)).toBe(200);
    expect(await me(othersToken)).toBe(200);
    const again = await t.app.inject({ url: '/account', headers: { cookie: secondSession } });
    expect(again.statusCode).toBe(302);
    expect(b.cookies.has(SESSION_COOKIE)).toBe(false);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('record_id', '=', user.id)
      .where('action', '=', 'auth.sign_out_everywhere')
      .execute();
    expect(audit).toEqual([
      { action: 'auth.sign_out_everywhere', reason: '2 session(s) ended, 1 personal API token(s) revoked' },
    ]);
  });
});
