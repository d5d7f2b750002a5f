/**
 * The keys kept outside the database, checked against the fingerprints the database holds
 * (`installation_keys`, migration 0037) before the app starts:
 *
 * - the linkage key (`WAYPOINT_LINKAGE_SECRET` or `<data dir>/keys/linkage.key`): every encoding
 *   the app has published to the involvement index was made with it. A start without it used to
 *   make a new one silently, and the index's encodings never matched again. Now, once the database
 *   has recorded a linkage key (when it is first made or first seen), a missing or different key
 *   stops the start with one line saying what to restore.
 * - the settings key (`WAYPOINT_SECRETS_KEY` or `<data dir>/keys/settings.key`): it seals the LA's
 *   stored credentials. When sealed credentials exist, the key must be there and must open them.
 *
 * A fingerprint is the first 128 bits of SHA-256 over a label, the key's name and its bytes: it
 * names a key (in the database, in a backup's manifest) without giving it away.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Schema } from '../db/schema.ts';
import { existingLinkageSecret, linkageKeyPath, linkageSecret } from '../involvement/linkage-secret.ts';
import { openTotpSecret, SEALED_PREFIX } from '../auth/sealed-secrets.ts';
import { existingSettingsKey, keyFilePath, unseal } from '../la-settings/credentials.ts';

export type KeyName = 'linkage' | 'settings';

/** A key missing or different from the one the database was used with: the message says what to do. */
export class KeyMismatchError extends Error {
  override name = 'KeyMismatchError';
}

/** The fingerprint of a key: 32 hex digits, never the key. */
export function keyFingerprint(name: KeyName, key: Uint8Array): string {
  return createHash('sha256')
    .update(`waypoint-key-fingerprint\0${name}\0`)
    .update(key)
    .digest('hex')
    .slice(0, 32);
}

type KeyConfig = Pick<Config, 'dataDir' | 'linkageSecret' | 'secretsKey'>;

/** Jobs that sent encodings to the index: an installation from before 0037 that published has a key in use. */
const PUBLISHING_JOBS = ['involvement.publish', 'involvement.publish-all', 'cpis.publish'];

function linkageWhere(config: KeyConfig): string {
  return config.linkageSecret !== undefined ? 'WAYPOINT_LINKAGE_SECRET' : linkageKeyPath(config.dataDir);
}

function settingsWhere(config: KeyConfig): string {
  return config.secretsKey !== undefined ? 'WAYPOINT_SECRETS_KEY' : keyFilePath(config.dataDir);
}

async function recorded(db: Kysely<Schema>, name: KeyName): Promise<string | undefined> {
  const row = await db
    .selectFrom('installation_keys')
    .select('fingerprint')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.fingerprint;
}

async function record(db: Kysely<Schema>, name: KeyName, fingerprint: string): Promise<void> {
  await db
    .insertInto('installation_keys')
    .values({ name, fingerprint })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * The linkage secret this database's encodings were made with: the configured key when it matches
 * the recorded fingerprint; on first use made (as before) and recorded.
 * @throws KeyMismatchError when the database recorded a key (or published encodings) and the key is missing or different
 */
export async function checkedLinkageSecret(db: Kysely<Schema>, config: KeyConfig): Promise<Uint8Array> {
  const source = { secret: config.linkageSecret, dataDir: config.dataDir };
  const expected = await recorded(db, 'linkage');
  const present = existingLinkageSecret(source);
  const restore =
    "restore it from the backup's key file (waypoint restore) or set WAYPOINT_LINKAGE_SECRET to it; a new key would never match the involvement index's encodings again";
  if (expected !== undefined) {
    if (present === null)
      throw new KeyMismatchError(
        `the linkage key ${linkageWhere(config)} is missing, but this database's encodings were made with a linkage key (fingerprint ${expected}): ${restore}. Waypoint has not started.`,
      );
    const actual = keyFingerprint('linkage', present);
    if (actual !== expected)
      throw new KeyMismatchError(
        `the linkage key in ${linkageWhere(config)} (fingerprint ${actual}) is not the one this database's encodings were made with (fingerprint ${expected}): ${restore}. Waypoint has not started.`,
      );
    return present;
  }
  if (present === null) {
    const published = await db
      .selectFrom('jobs')
      .select(sql<number>`count(*)`.as('n'))
      .where('name', 'in', PUBLISHING_JOBS)
      .where('state', '=', 'done')
      .executeTakeFirstOrThrow();
    if (published.n > 0)
      throw new KeyMismatchError(
        `the linkage key ${linkageWhere(config)} is missing, but this database has published encodings to the involvement index: ${restore}. Waypoint has not started.`,
      );
  }
  const secret = linkageSecret(source);
  await record(db, 'linkage', keyFingerprint('linkage', secret));
  // Two processes starting together: the first recorded wins, and the other must hold the same key.
  const stored = await recorded(db, 'linkage');
  if (stored !== keyFingerprint('linkage', secret))
    throw new KeyMismatchError(
      `the linkage key in ${linkageWhere(config)} is not the one another process recorded (fingerprint ${stored ?? 'none'}). Waypoint has not started.`,
    );
  return secret;
}

/**
 * When sealed credentials or sealed TOTP secrets exist: the settings key must be there, match the
 * recorded fingerprint and open them (the first time, the fingerprint is recorded). Without them,
 * nothing: the key is made when the first is sealed.
 * @throws KeyMismatchError when the key is missing or is not the one that sealed them
 */
export async function checkSettingsKey(db: Kysely<Schema>, config: KeyConfig): Promise<void> {
  const sealed = await db
    .selectFrom('la_credentials')
    .select(['la_code', 'name', 'sealed'])
    .limit(1)
    .execute();
  // Without a new key nobody with two-factor could sign in (auth/sealed-secrets.ts).
  const sealedTotp =
    sealed.length > 0
      ? []
      : await db
          .selectFrom('users')
          .select(['id', 'totp_secret'])
          .where('totp_secret', 'like', `${SEALED_PREFIX}%`)
          .limit(1)
          .execute();
  const expected = await recorded(db, 'settings');
  if (sealed.length === 0 && sealedTotp.length === 0 && expected === undefined) return;
  const restore =
    "restore it from the backup's key file (waypoint restore) or set WAYPOINT_SECRETS_KEY to it; the LA's stored credentials cannot be opened without it";
  let key: Buffer | null;
  try {
    key = existingSettingsKey({ secretsKey: config.secretsKey, dataDir: config.dataDir });
  } catch (err) {
    throw new KeyMismatchError(`${(err as Error).message}: ${restore}. Waypoint has not started.`);
  }
  if (key === null)
    throw new KeyMismatchError(
      `the settings key ${settingsWhere(config)} is missing, but this database holds ${sealed.length > 0 ? 'credentials' : 'two-factor secrets'} sealed with one${expected === undefined ? '' : ` (fingerprint ${expected})`}: ${restore}. Waypoint has not started.`,
    );
  const actual = keyFingerprint('settings', key);
  const opens = (row: { la_code: string; name: string; sealed: string }) => {
    try {
      unseal(key, `${row.la_code}:${row.name}`, row.sealed);
      return true;
    } catch {
      return false;
    }
  };
  const totp = sealedTotp[0];
  const totpOpens = totp === undefined || openTotpSecret(config, totp.id, totp.totp_secret!) !== null;
  if (
    (expected !== undefined && actual !== expected) ||
    (sealed[0] !== undefined && !opens(sealed[0])) ||
    !totpOpens
  )
    throw new KeyMismatchError(
      `the settings key in ${settingsWhere(config)} (fingerprint ${actual}) is not the one this database's credentials were sealed with${expected === undefined ? '' : ` (fingerprint ${expected})`}: ${restore}. Waypoint has not started.`,
    );
  if (expected === undefined) await record(db, 'settings', actual);
}

/** Both checks, at the start of `waypoint serve` and `waypoint jobs run`. Returns the linkage secret. */
export async function checkInstallationKeys(db: Kysely<Schema>, config: KeyConfig): Promise<Uint8Array> {
  await checkSettingsKey(db, config);
  return checkedLinkageSecret(db, config);
}
