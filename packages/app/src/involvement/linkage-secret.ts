/**
 * The linkage secret the app encodes children's identities with before anything leaves for the
 * index (which never holds it): `WAYPOINT_LINKAGE_SECRET`, or in the embedded default the key file
 * `<WAYPOINT_DATA_DIR>/keys/linkage.key`, made once with 32 random bytes (as 64 hex digits, mode
 * 0600). The secret is the file's bytes, as `waypoint-pprl encode --secret-file` reads them, so a
 * partner's own system encoding with the same file matches the app's encodings.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The path of the key file used when WAYPOINT_LINKAGE_SECRET is not set. */
export function linkageKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'linkage.key');
}

/** The secret's bytes from the variable or the key file, or null when neither is there (nothing is made). */
export function existingLinkageSecret(source: {
  secret: string | undefined;
  dataDir: string;
}): Uint8Array | null {
  if (source.secret !== undefined) return new Uint8Array(Buffer.from(source.secret, 'utf8'));
  const file = linkageKeyPath(source.dataDir);
  return existsSync(file) ? new Uint8Array(readFileSync(file)) : null;
}

/**
 * The secret's bytes: from the variable, else the key file (created when absent). At start,
 * `checkInstallationKeys` (backup/installation-keys.ts) refuses a missing or different key when the
 * database says one was in use, before this would make a new one.
 * @example linkageSecret({ secret: undefined, dataDir: './data' }) // the bytes of ./data/keys/linkage.key
 */
export function linkageSecret(source: { secret: string | undefined; dataDir: string }): Uint8Array {
  if (source.secret !== undefined) return new Uint8Array(Buffer.from(source.secret, 'utf8'));
  const file = linkageKeyPath(source.dataDir);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    } catch (err) {
      // Another process made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return new Uint8Array(readFileSync(file));
}
