/**
 * Authentication secrets at rest: each user's TOTP secret and each LA's single sign-on client
 * secret are sealed with the settings key (AES-256-GCM, `la-settings/credentials.ts`), bound to
 * their row (the user's id, the LA's code), so a copy of the database alone neither signs anyone
 * in nor impersonates the council to its identity provider, and a sealed value moved to another
 * row does not open. A stored value without the `sealed:v1:` prefix is one written before sealing
 * (or put in by hand, as single sign-on providers are today): it is still read, and
 * `sealStoredSecrets`, run by `waypoint serve` at every start, seals it.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Schema } from '../db/schema.ts';
import { seal, settingsKey, unseal } from '../la-settings/credentials.ts';

/** How a sealed value begins (a stored value without it is plaintext from before sealing). */
export const SEALED_PREFIX = 'sealed:v1:';
const PREFIX = SEALED_PREFIX;

/** Where the key comes from (the settings key: WAYPOINT_SECRETS_KEY or the key file). */
export type SecretsConfig = Pick<Config, 'secretsKey' | 'dataDir'>;

function keyOf(config: SecretsConfig): Buffer {
  return settingsKey({ secretsKey: config.secretsKey, dataDir: config.dataDir });
}

const totpAad = (userId: string) => `totp:${userId}`;
const clientAad = (laCode: string) => `oidc_client_secret:${laCode}`;

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

function sealWith(key: Buffer, aad: string, plaintext: string): string {
  return PREFIX + seal(key, aad, plaintext);
}

/** The plaintext of a stored value, or null when it does not open with this key (wrong key, altered). */
function openWith(key: Buffer, aad: string, stored: string): string | null {
  if (!isSealed(stored)) return stored;
  try {
    return unseal(key, aad, stored.slice(PREFIX.length));
  } catch {
    return null;
  }
}

/** A TOTP secret sealed for storing on the user's row. */
export function sealTotpSecret(config: SecretsConfig, userId: string, secret: string): string {
  return sealWith(keyOf(config), totpAad(userId), secret);
}

/** A user's TOTP secret as stored, opened; null when it does not open with this installation's key. */
export function openTotpSecret(config: SecretsConfig, userId: string, stored: string): string | null {
  return openWith(keyOf(config), totpAad(userId), stored);
}

/** An LA's single sign-on client secret as stored, opened; null when it does not open. */
export function openClientSecret(config: SecretsConfig, laCode: string, stored: string): string | null {
  return openWith(keyOf(config), clientAad(laCode), stored);
}

/** A single sign-on client secret sealed for storing on the LA's provider row. */
export function sealClientSecret(config: SecretsConfig, laCode: string, secret: string): string {
  return sealWith(keyOf(config), clientAad(laCode), secret);
}

/**
 * Seals every TOTP secret and single sign-on client secret still stored in plaintext. Each update
 * only replaces the value it read, so a secret changed meanwhile is left for the next start.
 * @returns how many of each were sealed
 */
export async function sealStoredSecrets(
  db: Kysely<Schema>,
  config: SecretsConfig,
): Promise<{ totp: number; clientSecrets: number }> {
  const key = keyOf(config);
  const users = await db
    .selectFrom('users')
    .select(['id', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .where('totp_secret', 'not like', `${PREFIX}%`)
    .execute();
  let totp = 0;
  for (const u of users) {
    const plain = u.totp_secret!;
    const done = await db
      .updateTable('users')
      .set({ totp_secret: sealWith(key, totpAad(u.id), plain) })
      .where('id', '=', u.id)
      .where('totp_secret', '=', plain)
      .executeTakeFirst();
    totp += Number(done.numUpdatedRows);
  }
  const providers = await db
    .selectFrom('oidc_providers')
    .select(['la_code', 'client_secret'])
    .where('client_secret', 'not like', `${PREFIX}%`)
    .execute();
  let clientSecrets = 0;
  for (const p of providers) {
    const done = await db
      .updateTable('oidc_providers')
      .set({ client_secret: sealWith(key, clientAad(p.la_code), p.client_secret) })
      .where('la_code', '=', p.la_code)
      .where('client_secret', '=', p.client_secret)
      .executeTakeFirst();
    clientSecrets += Number(done.numUpdatedRows);
  }
  return { totp, clientSecrets };
}
