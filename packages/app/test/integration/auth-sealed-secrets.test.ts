/**
 * TOTP and single sign-on client secrets at rest: sealed with the settings key, bound to their
 * row; plaintext written before sealing still works and is sealed by the start-up sweep.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { providerFor } from '../../src/auth/oidc/providers.ts';
import { checkSettingsKey, KeyMismatchError } from '../../src/backup/installation-keys.ts';
import { openTotpSecret, sealStoredSecrets } from '../../src/auth/sealed-secrets.ts';
import { buildLocalAuthority, buildUser, type BuiltLa } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { givePassword, GOOD_PASSWORD, signInThroughPages, TestBrowser } from './auth-browser.ts';

let t: TestApp;
let la: BuiltLa;
let ip = 1;

beforeAll(async () => {
  t = await createTestApp();
  la = await buildLocalAuthority(t.database.db, '811', 'Test Borough 811');
});
afterAll(async () => t.close());

const storedSecret = async (userId: string) =>
  (
    await t.database.db
      .selectFrom('users')
      .select('totp_secret')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
  ).totp_secret!;

describe('TOTP secrets at rest', () => {
  it('seals a plaintext secret at start, and the user still signs in with their authenticator', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    const { totpSecret } = await givePassword(t.database.db, user.id, GOOD_PASSWORD, { totp: true });
    expect(await storedSecret(user.id)).toBe(totpSecret);
    // Before the sweep (a value from before sealing), the code still passes.
    const before = await signInThroughPages(
      new TestBrowser(t.app, `10.8.0.${ip++}`),
      user,
      GOOD_PASSWORD,
      totpSecret!,
    );
    expect(before.status).toBe(303);
    expect(before.location).toBe('/');

    const sealed = await sealStoredSecrets(t.database.db, t.app.deps.config);
    expect(sealed.totp).toBeGreaterThanOrEqual(1);
    const stored = await storedSecret(user.id);
    expect(stored).toMatch(/^sealed:v1:/);
    expect(stored).not.toContain(totpSecret!);
    expect(openTotpSecret(t.app.deps.config, user.id, stored)).toBe(totpSecret);
    // A second sweep finds nothing left to seal.
    expect((await sealStoredSecrets(t.database.db, t.app.deps.config)).totp).toBe(0);

    const after = await signInThroughPages(
      new TestBrowser(t.app, `10.8.0.${ip++}`),
      user,
      GOOD_PASSWORD,
      totpSecret!,
      1,
    );
    expect(after.location).toBe('/');
  });

  it('refuses the second step when the sealed secret is another user’s or the key is not this installation’s', async () => {
    const a = await buildUser(t.database.db, la, ['social_worker']);
    const b = await buildUser(t.database.db, la, ['social_worker']);
    const { totpSecret } = await givePassword(t.database.db, a.id, GOOD_PASSWORD, { totp: true });
    await givePassword(t.database.db, b.id, GOOD_PASSWORD, { totp: true });
    await sealStoredSecrets(t.database.db, t.app.deps.config);
    // a's sealed secret copied onto b's row: it does not open there, so a's codes do not sign b in.
    await t.database.db
      .updateTable('users')
      .set({ totp_secret: await storedSecret(a.id) })
      .where('id', '=', b.id)
      .execute();
    const moved = await signInThroughPages(
      new TestBrowser(t.app, `10.8.0.${ip++}`),
      b,
      GOOD_PASSWORD,
      totpSecret!,
    );
    expect(moved.status).toBe(303);
    expect(moved.location).toBe('/sign-in');
    // Another installation's key opens nothing.
    const other = { ...t.app.deps.config, secretsKey: randomBytes(32).toString('hex') };
    expect(openTotpSecret(other, a.id, await storedSecret(a.id))).toBeNull();
  });

  it('stores a newly set-up secret sealed', async () => {
    const user = await buildUser(t.database.db, la, ['team_manager']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD);
    const b = new TestBrowser(t.app, `10.8.0.${ip++}`);
    await b.get('/sign-in');
    await b.post('/sign-in', { email: user.email, password: GOOD_PASSWORD });
    const page = await b.get('/sign-in/set-up-two-factor');
    const shown = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    const stored = await storedSecret(user.id);
    expect(stored).toMatch(/^sealed:v1:/);
    expect(openTotpSecret(t.app.deps.config, user.id, stored)).toBe(shown);
    // Showing the set-up page again shows the same secret (it is opened, not replaced).
    const again = await b.get('/sign-in/set-up-two-factor');
    expect(again.body).toContain(shown);
  });
});

describe('the settings key, once two-factor secrets are sealed with it', () => {
  it('is required at start: missing or another key stops the start, naming the key', async () => {
    const user = await buildUser(t.database.db, la, ['social_worker']);
    await givePassword(t.database.db, user.id, GOOD_PASSWORD, { totp: true });
    await sealStoredSecrets(t.database.db, t.app.deps.config);
    await checkSettingsKey(t.database.db, t.app.deps.config);
    const noKey = {
      ...t.app.deps.config,
      secretsKey: undefined,
      dataDir: mkdtempSync(join(tmpdir(), 'wp-nokey-')),
    };
    await expect(checkSettingsKey(t.database.db, noKey)).rejects.toThrow(KeyMismatchError);
    await expect(checkSettingsKey(t.database.db, noKey)).rejects.toThrow(/two-factor secrets sealed/);
    const other = { ...t.app.deps.config, secretsKey: randomBytes(32).toString('hex') };
    await expect(checkSettingsKey(t.database.db, other)).rejects.toThrow(/is not the one/);
  });
});

describe('single sign-on client secrets at rest', () => {
  it('seals a client secret put in by hand, and the provider still reads it', async () => {
    await buildLocalAuthority(t.database.db, '812', 'Test Borough 812');
    await t.database.db
      .insertInto('oidc_providers')
      .values({
        la_code: '812',
        display_name: 'Test Borough 812 staff account',
        issuer: 'https://idp.example.test',
        client_id: 'waypoint-812',
        client_secret: 'a client secret put in by hand',
      })
      .execute();
    expect((await providerFor(t.database.db, t.app.deps.config, '812'))?.clientSecret).toBe(
      'a client secret put in by hand',
    );
    expect((await sealStoredSecrets(t.database.db, t.app.deps.config)).clientSecrets).toBe(1);
    const row = await t.database.db
      .selectFrom('oidc_providers')
      .select('client_secret')
      .where('la_code', '=', '812')
      .executeTakeFirstOrThrow();
    expect(row.client_secret).toMatch(/^sealed:v1:/);
    expect(row.client_secret).not.toContain('by hand');
    expect((await providerFor(t.database.db, t.app.deps.config, '812'))?.clientSecret).toBe(
      'a client secret put in by hand',
    );
    // With another key the provider is unavailable, not broken.
    const other = { ...t.app.deps.config, secretsKey: randomBytes(32).toString('hex') };
    expect(await providerFor(t.database.db, other, '812')).toBeNull();
  });
});
