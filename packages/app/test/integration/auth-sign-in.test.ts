/** Sign-in with password and TOTP: session rotation, cookies, lockout, rate limits, timeouts, sign-out. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTotpSecret } from '../../src/auth/sealed-secrets.ts';
import { sha256 } from '../../src/auth/secrets.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { buildLocalAuthority, buildUser, type BuiltLa } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { codeFor, givePassword, GOOD_PASSWORD, TestBrowser } from './auth-browser.ts';

let t: TestApp;
let la: BuiltLa;
let ipCounter = 1;
const freshIp = () => `10.0.0.${ipCounter++}`;

beforeAll(async () => {
  t = await createTestApp();
  la = await buildLocalAuthority(t.database.db, '801');
});
afterAll(async () => t.close());

async function auditActions(userId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_events')
    .select(['action', 'outcome'])
    .where('record_id', '=', userId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => `${r.action}:${r.outcome}`);
}

describe('password and two-factor sign-in', () => {
  it('signs a social worker in with password then TOTP, rotating the session id, and audits it', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    const { totpSecret } = await givePassword(t.database.db, user.id, GOOD_PASSWORD, { totp: true });
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in?next=/account');
    const r1 = await b.post('/sign-in', {
      email: user.email.toUpperCase(),
      password: GOOD_PASSWORD,
      next: '/account',
    });
    expect(r1.status).toBe(303);
    expect(r1.location).toBe('/sign-in/two-factor?next=%2Faccount');
    const pending = b.cookies.get(SESSION_COOKIE)!;
    // Not signed in yet: the account page sends the browser to sign in.
    expect((await b.get('/account')).location).toMatch(/^\/sign-in/);
    expect((await b.get('/sign-in/two-factor?next=%2Faccount')).status).toBe(200);
    const r2 = await b.post('/sign-in/two-factor', { code: codeFor(totpSecret!), next: '/account' });
    expect(r2.status).toBe(303);
    expect(r2.location).toBe('/account');
    const full = b.cookies.get(SESSION_COOKIE)!;
    expect(full).not.toBe(pending);
    const old = await t.database.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('id_hash', '=', sha256(pending))
      .executeTakeFirstOrThrow();
    expect(old.revoked_at).not.toBeNull();
    const account = await b.get('/account');
    expect(account.status).toBe(200);
    expect(account.body).toContain(user.email);
    expect(await auditActions(user.id)).toEqual(['auth.two_factor:success', 'auth.sign_in:success']);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax (Secure only behind TLS or in production)', async () => {
    const user = await buildUser(t.database.db, la, ['system_administrator']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD);
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in');
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: freshIp(),
      headers: {
        cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: b.csrf, email: user.email, password: GOOD_PASSWORD }).toString(),
    });
    expect(res.statusCode).toBe(303);
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('sends a first-time user of a children-data role to set up two-factor, with a QR code made locally', async () => {
    const user = await buildUser(t.database.db, la, ['team_manager']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD);
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in');
    const r1 = await b.post('/sign-in', { email: user.email, password: GOOD_PASSWORD });
    expect(r1.location).toBe('/sign-in/set-up-two-factor');
    const page = await b.get('/sign-in/set-up-two-factor');
    expect(page.body).toContain('src="data:image/svg+xml;base64,');
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    const wrong = await b.post('/sign-in/set-up-two-factor', { code: codeFor(secret, 10) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('The code is not right');
    const ok = await b.post('/sign-in/set-up-two-factor', { code: codeFor(secret) });
    expect(ok.location).toBe('/');
    const row = await t.database.db
      .selectFrom('users')
      .select(['totp_confirmed_at', 'totp_secret'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_confirmed_at).not.toBeNull();
    // Stored sealed with the settings key, bound to this user: never the secret itself.
    expect(row.totp_secret).toMatch(/^sealed:v1:/);
    expect(row.totp_secret).not.toContain(secret);
    expect(openTotpSecret(t.app.deps.config, user.id, row.totp_secret!)).toBe(secret);
    // Moved to another user's row, it does not open.
    expect(openTotpSecret(t.app.deps.config, crypto.randomUUID(), row.totp_secret!)).toBeNull();
  });

  it('refuses a wrong TOTP code and a replayed one', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    const { totpSecret } = await givePassword(t.database.db, user.id, GOOD_PASSWORD, { totp: true });
    const signIn = async () => {
      const b = new TestBrowser(t.app, freshIp());
      await b.get('/sign-in');
      await b.post('/sign-in', { email: user.email, password: GOOD_PASSWORD });
      await b.get('/sign-in/two-factor');
      return b;
    };
    const b1 = await signIn();
    const bad = await b1.post('/sign-in/two-factor', {
      code: '000000' === codeFor(totpSecret!) ? '111111' : '000000',
    });
    expect(bad.status).toBe(401);
    expect(bad.body).toContain('govuk-error-summary');
    const code = codeFor(totpSecret!);
    expect((await b1.post('/sign-in/two-factor', { code })).status).toBe(303);
    const b2 = await signIn();
    const replay = await b2.post('/sign-in/two-factor', { code });
    expect(replay.status).toBe(401);
    const actions = await auditActions(user.id);
    expect(actions).toContain('auth.two_factor:failure');
    expect(actions.at(-1)).toBe('auth.two_factor:denied');
    // A replay is refused but does not count towards lockout (the wrong code before it does).
    const row = await t.database.db
      .selectFrom('users')
      .select('failed_sign_ins')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.failed_sign_ins).toBe(0);
  });

  it('lets only one of two concurrent submissions of one right code through (the step is taken atomically)', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    const { totpSecret } = await givePassword(t.database.db, user.id, GOOD_PASSWORD, { totp: true });
    const signIn = async () => {
      const b = new TestBrowser(t.app, freshIp());
      await b.get('/sign-in');
      await b.post('/sign-in', { email: user.email, password: GOOD_PASSWORD });
      await b.get('/sign-in/two-factor');
      return b;
    };
    const [b1, b2, b3] = [await signIn(), await signIn(), await signIn()];
    const code = codeFor(totpSecret!);
    const answers = await Promise.all([b1, b2, b3].map((b) => b.post('/sign-in/two-factor', { code })));
    expect(answers.map((a) => a.status).sort()).toEqual([303, 401, 401]);
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === 'auth.two_factor:success')).toHaveLength(1);
    expect(actions.filter((a) => a === 'auth.two_factor:denied')).toHaveLength(2);
  });

  it('answers an unknown email and a wrong password the same way, and only redirects to local paths', async () => {
    const user = await buildUser(t.database.db, la, ['system_administrator']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD);
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in');
    const unknown = await b.post('/sign-in', { email: 'nobody@example.test', password: GOOD_PASSWORD });
    const wrong = await b.post('/sign-in', { email: user.email, password: 'not the password at all' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toContain('Enter a correct email address and password');
    expect(wrong.body).toContain('Enter a correct email address and password');
    const evil = await b.post('/sign-in', {
      email: user.email,
      password: GOOD_PASSWORD,
      next: '//evil.example/x',
    });
    // On to two-factor set-up, without the other site as `next`.
    expect(evil.location).toBe('/sign-in/set-up-two-factor');
  });

  it('never leaves the site after sign-in: the probe next=%2F%09%2Fevil.example ends at /, not //evil.example', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    const { totpSecret } = await givePassword(t.database.db, user.id, GOOD_PASSWORD, { totp: true });
    const b = new TestBrowser(t.app, freshIp());
    const form = await b.get('/sign-in?next=%2F%09%2Fevil.example');
    expect(form.body).toContain('name="next" value="/"');
    // The password step, given the decoded value as a form would post it.
    const r1 = await b.post('/sign-in', {
      email: user.email,
      password: GOOD_PASSWORD,
      next: '/\t/evil.example',
    });
    expect(r1.location).toBe('/sign-in/two-factor');
    // The two-factor step, given it in the query and in the form.
    await b.get('/sign-in/two-factor?next=%2F%09%2Fevil.example');
    const r2 = await b.post('/sign-in/two-factor?next=%2F%09%2Fevil.example', {
      code: codeFor(totpSecret!),
      next: '/\t/evil.example',
    });
    expect(r2.status).toBe(303);
    expect(r2.location).toBe('/');
    // Signed in, /sign-in?next= redirects at once: still local.
    for (const probe of [
      '%2F%09%2Fevil.example',
      '%2F%5Cevil.example',
      '%2F.%2F%2Fevil.example',
      '%09%2F%2Fevil.example',
    ])
      expect((await b.get(`/sign-in?next=${probe}`)).location).toBe('/');
    expect((await b.get('/sign-in?next=%2Faccount')).location).toBe('/account');
  });

  it('shows field errors for an empty form', async () => {
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in');
    const res = await b.post('/sign-in', {});
    expect(res.status).toBe(400);
    expect(res.body).toContain('href="#email"');
    expect(res.body).toContain('href="#password"');
  });
});

describe('lockout and rate limiting', () => {
  it('locks the account for 15 minutes after 5 failures, even for the right password, and audits it', async () => {
    const user = await buildUser(t.database.db, la, ['system_administrator']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD);
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in');
    for (let i = 0; i < 4; i++)
      expect((await b.post('/sign-in', { email: user.email, password: `wrong ${i} password` })).status).toBe(
        401,
      );
    const fifth = await b.post('/sign-in', { email: user.email, password: 'wrong 5 password' });
    expect(fifth.body).toContain('Enter a correct email address and password');
    const right = await b.post('/sign-in', { email: user.email, password: GOOD_PASSWORD });
    expect(right.status).toBe(401);
    expect(right.body).toContain('Enter a correct email address and password');
    const row = await t.database.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    const minutes = (row.locked_until!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === 'auth.sign_in:failure')).toHaveLength(5);
    expect(actions).toContain('auth.lockout:denied');
    expect(actions.at(-1)).toBe('auth.sign_in:denied');
    // When the lock has passed, the right password works again.
    await t.database.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', user.id)
      .execute();
    expect((await b.post('/sign-in', { email: user.email, password: GOOD_PASSWORD })).status).toBe(303);
  });

  it('answers a locked account with the same words and status as an unknown email', async () => {
    const user = await buildUser(t.database.db, la, ['system_administrator']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD);
    await t.database.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 10 * 60_000) })
      .where('id', '=', user.id)
      .execute();
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in');
    const errorOf = (body: string) => /govuk-error-message">([\s\S]*?)<\/p>/.exec(body)?.[1]?.trim();
    const locked = await b.post('/sign-in', { email: user.email, password: GOOD_PASSWORD });
    const unknown = await b.post('/sign-in', {
      email: 'nobody-at-all@example.test',
      password: GOOD_PASSWORD,
    });
    const wrong = await b.post('/sign-in', { email: user.email, password: 'not the password at all' });
    expect(locked.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(errorOf(locked.body)).toBeDefined();
    expect(errorOf(locked.body)).toBe(errorOf(unknown.body));
    expect(errorOf(wrong.body)).toBe(errorOf(unknown.body));
    expect(locked.body).not.toContain('Your account is locked');
  });

  it('checks at most 5 of 11 concurrent wrong passwords, refuses the rest, and locks once', async () => {
    const user = await buildUser(t.database.db, la, ['system_administrator']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD);
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in');
    const burst = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        b.post('/sign-in', { email: user.email, password: `wrong ${i} password` }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(11).fill(401));
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === 'auth.sign_in:failure')).toHaveLength(5);
    expect(actions.filter((a) => a === 'auth.sign_in:denied')).toHaveLength(6);
    expect(actions.filter((a) => a === 'auth.lockout:denied')).toHaveLength(1);
    expect((await b.post('/sign-in', { email: user.email, password: GOOD_PASSWORD })).status).toBe(401);
  });

  it('does not let a right password in a burst of wrong ones be checked beyond the 5 attempts', async () => {
    const user = await buildUser(t.database.db, la, ['system_administrator']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD);
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in');
    const passwords = [...Array.from({ length: 11 }, (_, i) => `wrong ${i} password`), GOOD_PASSWORD];
    const burst = await Promise.all(
      passwords.map((password) => b.post('/sign-in', { email: user.email, password })),
    );
    const actions = await auditActions(user.id);
    const checkedWrong = actions.filter((a) => a === 'auth.sign_in:failure').length;
    const passed = burst.filter((r) => r.status === 303).length;
    // Every password checked took one of the 5 attempts: at most 5 wrong ones, and the right one
    // only got through if it was among the first attempts (as it would one at a time).
    expect(checkedWrong).toBeLessThanOrEqual(5);
    expect(actions.filter((a) => a === 'auth.sign_in:denied').length).toBe(12 - checkedWrong - passed);
    expect(passed).toBeLessThanOrEqual(1);
  });

  it('rate-limits sign-in attempts per IP address (30 a minute)', async () => {
    const ip = freshIp();
    const b = new TestBrowser(t.app, ip);
    await b.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (await b.post('/sign-in', { email: `x${i}@example.test`, password: 'whatever password' })).status,
      );
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another address is not affected.
    const other = new TestBrowser(t.app, freshIp());
    await other.get('/sign-in');
    expect(
      (await other.post('/sign-in', { email: 'y@example.test', password: 'whatever password' })).status,
    ).toBe(401);
  });
});

describe('accounts that may not sign in', () => {
  it('refuses a deactivated user with the right password', async () => {
    const user = await buildUser(t.database.db, la, ['system_administrator']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD);
    await t.database.db
      .updateTable('users')
      .set({ active: false, deactivated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    const b = new TestBrowser(t.app, freshIp());
    await b.get('/sign-in');
    const res = await b.post('/sign-in', { email: user.email, password: GOOD_PASSWORD });
    expect(res.status).toBe(401);
    expect(await auditActions(user.id)).toEqual(['auth.sign_in:denied']);
  });
});
