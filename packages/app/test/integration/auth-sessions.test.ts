/** Sessions after sign-in: idle and absolute timeouts, sign-out, sign-out everywhere, CSRF, forced password change, production rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { sha256 } from '../../src/auth/secrets.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { loadConfig } from '../../src/config.ts';
import { buildLocalAuthority, buildUser, type BuiltLa } from '../support/factories.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { givePassword, GOOD_PASSWORD, signInThroughPages, TestBrowser } from './auth-browser.ts';

let t: TestApp;
let la: BuiltLa;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  la = await buildLocalAuthority(t.database.db, '802');
});
afterAll(async () => t.close());

/** An administrator signed in through the real pages: password, then two-factor. */
async function signedIn(opts: { mustChange?: boolean } = {}) {
  const user = await buildUser(t.database.db, la, ['system_administrator']);
  const { totpSecret } = await givePassword(t.database.db, user.id, GOOD_PASSWORD, { ...opts, totp: true });
  const b = new TestBrowser(t.app, `10.1.0.${++n}`);
  const res = await signInThroughPages(b, user, GOOD_PASSWORD, totpSecret!);
  expect(res.status).toBe(303);
  return { user, b, totpSecret: totpSecret!, idHash: sha256(b.cookies.get(SESSION_COOKIE)!) };
}

describe('session timeouts', () => {
  it('ends a session idle for longer than the idle timeout (30 minutes by default)', async () => {
    const { b, idHash } = await signedIn();
    expect((await b.get('/account')).status).toBe(200);
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 29 * 60_000) })
      .where('id_hash', '=', idHash)
      .execute();
    expect((await b.get('/account')).status).toBe(200);
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('id_hash', '=', idHash)
      .execute();
    const res = await b.get('/account');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/sign-in?next=%2Faccount');
  });

  it('ends a session at its absolute expiry however active it is', async () => {
    const { b, idHash } = await signedIn();
    await t.database.db
      .updateTable('sessions')
      .set({ absolute_expires_at: new Date(Date.now() - 1000) })
      .where('id_hash', '=', idHash)
      .execute();
    expect((await b.get('/account')).location).toMatch(/^\/sign-in/);
  });
});

describe('signing out', () => {
  it('sign-out revokes the session and clears the cookie', async () => {
    const { b, idHash, user } = await signedIn();
    const cookie = b.cookies.get(SESSION_COOKIE)!;
    await b.get('/account');
    const res = await b.post('/sign-out');
    expect(res.location).toBe('/sign-in?signedOut=1');
    expect(b.cookies.has(SESSION_COOKIE)).toBe(false);
    const row = await t.database.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('id_hash', '=', idHash)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    // The old cookie value no longer works.
    const again = await t.app.inject({
      method: 'GET',
      url: '/account',
      headers: { cookie: `${SESSION_COOKIE}=${cookie}` },
    });
    expect(again.statusCode).toBe(302);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_user_id', '=', user.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('auth.sign_out');
  });

  it('sign-out everywhere ends every session of the user, not other users', async () => {
    const { user, b, totpSecret } = await signedIn();
    const second = new TestBrowser(t.app, '10.1.1.1');
    await signInThroughPages(second, user, GOOD_PASSWORD, totpSecret, 1);
    const other = await signedIn();
    expect((await second.get('/account')).status).toBe(200);
    await b.get('/account');
    expect((await b.post('/account/sign-out-everywhere')).location).toBe('/sign-in?signedOut=1');
    expect((await second.get('/account')).status).toBe(302);
    expect((await b.get('/account')).status).toBe(302);
    expect((await other.b.get('/account')).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('rejects a form post without a valid token with a clear 403 page, and runs nothing', async () => {
    const { b, idHash } = await signedIn();
    await b.get('/account');
    const missing = await b.post('/account/sign-out-everywhere', { _csrf: '' });
    expect(missing.status).toBe(403);
    expect(missing.body).toContain('This form has expired');
    const forged = await b.post('/account/sign-out-everywhere', { _csrf: 'abc.def' });
    expect(forged.status).toBe(403);
    const row = await t.database.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('id_hash', '=', idHash)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });

  it('rejects a token from another browser (tokens are bound to the browser secret)', async () => {
    const a = await signedIn();
    const c = await signedIn();
    await a.b.get('/account');
    await c.b.get('/account');
    const res = await a.b.post('/account/sign-out-everywhere', { _csrf: c.b.csrf });
    expect(res.status).toBe(403);
  });

  it('protects the sign-in form itself (login CSRF)', async () => {
    const b = new TestBrowser(t.app, '10.1.2.1');
    const res = await b.post('/sign-in', { email: 'a@example.test', password: 'x' });
    expect(res.status).toBe(403);
  });
});

describe('password change required after an administrator reset', () => {
  it('sends the user to change their password before anything else, then lets them in', async () => {
    const { b, user } = await signedIn({ mustChange: true });
    expect((await b.get('/account')).location).toBe('/account/change-password');
    await b.get('/account/change-password');
    const weak = await b.post('/account/change-password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'password1234',
      confirmPassword: 'password1234',
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('too common');
    const short = await b.post('/account/change-password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'short one',
      confirmPassword: 'short one',
    });
    expect(short.body).toContain('12 characters or more');
    const ok = await b.post('/account/change-password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'orange violin harbour',
      confirmPassword: 'orange violin harbour',
    });
    expect(ok.location).toBe('/account?passwordChanged=1');
    expect((await b.get('/account')).status).toBe(200);
    const row = await t.database.db
      .selectFrom('users')
      .select(['must_change_password', 'password_hash'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(false);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('in production', () => {
  it('refuses demo accounts and sets Secure cookies', async () => {
    const database = await createTestDatabase();
    const config = {
      ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }),
      databaseUrl: database.location.databaseUrl,
    };
    const app = await buildApp({ config, database });
    try {
      const pla = await buildLocalAuthority(database.db, '803');
      const demo = await buildUser(database.db, pla, ['system_administrator']);
      await givePassword(database.db, demo.id, GOOD_PASSWORD, { isDemo: true });
      const real = await buildUser(database.db, pla, ['system_administrator']);
      await givePassword(database.db, real.id, GOOD_PASSWORD);
      const b = new TestBrowser(app, '10.1.3.1');
      const page = await app.inject({ method: 'GET', url: '/sign-in' });
      expect([page.headers['set-cookie']].flat().join(';')).toMatch(/Secure/);
      await b.get('/sign-in');
      const refused = await b.post('/sign-in', { email: demo.email, password: GOOD_PASSWORD });
      expect(refused.status).toBe(401);
      expect(refused.body).toContain('Demonstration accounts cannot sign in');
      expect((await b.post('/sign-in', { email: real.email, password: GOOD_PASSWORD })).status).toBe(303);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
