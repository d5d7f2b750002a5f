/**
 * What a Waypoint backup's manifest holds, and the installation's keys in its key file. The file
 * itself (a header in the clear, AES-256-GCM parts under a fresh data key, gzip of JSON lines with
 * a SHA-256 per table, the manifest last) and the key file are `@waypoint/index`'s backup module
 * (`packages/index/src/backup/`), shared with `waypoint-index backup`.
 */
import { BackupError, databasePartSchema, dumpManifestSchema, type CarriedKey } from '@waypoint/index';
import { z } from 'zod';
import { keyFingerprint, type KeyName } from './installation-keys.ts';

export { BackupError } from '@waypoint/index';

const keyName = z.enum(['linkage', 'settings']);

export const manifestSchema = dumpManifestSchema.extend({
  format: z.literal('waypoint-backup'),
  version: z.literal(2),
  engine: z.enum(['pglite', 'postgres']),
  app: databasePartSchema,
  /** The involvement index's database when it runs in this installation; null otherwise. */
  index: databasePartSchema.nullable(),
  /** The keys kept outside the database: names and fingerprints, never the keys. */
  keys: z.array(z.object({ name: keyName, fingerprint: z.string() })),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The how of the key file, for the messages. */
export const KEYS_HINT = 'waypoint backup --keys-out';

/** A key kept outside the database: the secret's bytes. */
export interface KeyMaterial {
  name: KeyName;
  bytes: Uint8Array;
}

/** The installation's keys as the key file carries them. */
export function carriedKeys(keys: readonly KeyMaterial[]): CarriedKey[] {
  return keys.map((k) => ({ name: k.name, fingerprint: keyFingerprint(k.name, k.bytes), bytes: k.bytes }));
}

/**
 * The installation's keys from a backup's key file (already bound to the backup by its data key),
 * checked: each matches its own fingerprint, and every key the manifest names is there with the
 * manifest's fingerprint.
 * @throws BackupError naming the key
 */
export function installationKeys(
  path: string,
  carried: readonly CarriedKey[],
  manifest: Manifest,
): KeyMaterial[] {
  const keys: KeyMaterial[] = [];
  for (const k of carried) {
    const name = keyName.safeParse(k.name);
    if (!name.success || keyFingerprint(name.data, k.bytes) !== k.fingerprint)
      throw new BackupError(
        `the key file ${path} is damaged (its ${k.name} key does not match its fingerprint): nothing was restored.`,
      );
    keys.push({ name: name.data, bytes: k.bytes });
  }
  for (const want of manifest.keys) {
    const got = keys.find((k) => k.name === want.name);
    if (got === undefined || keyFingerprint(got.name, got.bytes) !== want.fingerprint)
      throw new BackupError(
        `the key file ${path} does not match the backup: its ${want.name} key is ${got === undefined ? 'missing' : `fingerprint ${keyFingerprint(got.name, got.bytes)}`}, the backup's is fingerprint ${want.fingerprint}. Use the key file written with this backup: nothing was restored.`,
      );
  }
  return keys.filter((k) => manifest.keys.some((m) => m.name === k.name));
}
