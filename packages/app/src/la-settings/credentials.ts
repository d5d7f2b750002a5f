/**
 * The LA's credentials for GOV.UK Notify and the DfE, sealed with AES-256-GCM. The key is never in
 * the database: `WAYPOINT_SECRETS_KEY` (64 hex characters) or, without it, a key file created on
 * first use at `<WAYPOINT_DATA_DIR>/keys/settings.key` (mode 0600), which a backup keeps apart from the
 * data. A saved credential is never shown again: pages only say when it was set and by whom.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { auditWho } from '../auth/admin/access.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';

export const credentialNames = ['notify_api_key', 'dfe_api_key'] as const;
export type CredentialName = (typeof credentialNames)[number];

/** Where the settings key comes from. */
export interface KeySource {
  secretsKey?: string | undefined;
  dataDir: string;
}

/** The path of the key file used when WAYPOINT_SECRETS_KEY is not set. */
export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'keys', 'settings.key');
}

/** The key from the variable or the key file, or null when neither is there (nothing is made). */
export function existingSettingsKey(source: KeySource): Buffer | null {
  if (source.secretsKey === undefined && !existsSync(keyFilePath(source.dataDir))) return null;
  return settingsKey(source);
}

/**
 * The 32-byte key: from the variable, else the key file (created with a random key when absent).
 * @throws Error when the variable or the file holds anything but 64 hex characters.
 */
export function settingsKey(source: KeySource): Buffer {
  const fromHex = (hex: string, where: string) => {
    const clean = hex.trim();
    if (!/^[0-9a-fA-F]{64}$/.test(clean))
      throw new Error(`${where} must be 64 hex characters (a 256-bit key)`);
    return Buffer.from(clean, 'hex');
  };
  if (source.secretsKey !== undefined) return fromHex(source.secretsKey, 'WAYPOINT_SECRETS_KEY');
  const file = keyFilePath(source.dataDir);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return fromHex(readFileSync(file, 'utf8'), file);
}

/** Seals a value: base64url of iv (12) ‖ tag (16) ‖ ciphertext, bound to the LA and the name. */
export function seal(key: Buffer, aad: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens a sealed value. @throws Error when the key is wrong or the value was altered. */
export function unseal(key: Buffer, aad: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Stores (or replaces) a credential for the administrator's LA, audited without its value. */
export async function setCredential(
  db: Kysely<Schema>,
  key: Buffer,
  admin: Actor,
  name: CredentialName,
  value: string,
  meta: RequestMeta,
): Promise<void> {
  const sealed = seal(key, `${admin.laCode}:${name}`, value);
  await inTenant(db, admin.laCode, async (tx) => {
    await tx
      .insertInto('la_credentials')
      .values({ la_code: admin.laCode, name, sealed, set_by: admin.userId })
      .onConflict((oc) =>
        oc.columns(['la_code', 'name']).doUpdateSet({ sealed, set_by: admin.userId, set_at: new Date() }),
      )
      .execute();
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'admin.credential_set',
      outcome: 'success',
      recordType: 'la_credential',
      reason: name,
    });
  });
}

/** When each credential was set and by whom (never the value). */
export async function credentialStatus(
  db: Kysely<Schema>,
  laCode: string,
): Promise<{ name: CredentialName; setAt: Date; setBy: string | null }[]> {
  const rows = await db
    .selectFrom('la_credentials')
    .leftJoin('users', 'users.id', 'la_credentials.set_by')
    .select(['la_credentials.name', 'la_credentials.set_at', 'users.name as set_by_name'])
    .where('la_credentials.la_code', '=', laCode)
    .execute();
  return rows.map((r) => ({ name: r.name, setAt: r.set_at, setBy: r.set_by_name }));
}

/** A credential's value, for server-side use only (the Notify transport, the DfE upload). Null when unset. */
export async function getCredential(
  db: Kysely<Schema>,
  key: Buffer,
  laCode: string,
  name: CredentialName,
): Promise<string | null> {
  const row = await db
    .selectFrom('la_credentials')
    .select('sealed')
    .where('la_code', '=', laCode)
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined ? null : unseal(key, `${laCode}:${name}`, row.sealed);
}
