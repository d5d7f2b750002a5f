/**
 * A backup's key file: a small JSON file (mode 0600), kept apart from the backup, holding the
 * backup's own data key (fresh for each backup: without it the backup cannot be read) and the
 * installation's keys that live outside its database (the app's linkage and settings keys; none
 * for an index). Bound to one backup by the data key's fingerprint, which the backup's header
 * names in the clear.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { BackupError } from './dump-file.ts';
import { dataKeyFingerprint, type SealedHeader } from './sealed-stream.ts';

export const KEYS_FORMAT = 'waypoint-keys';

const keyFileSchema = z.object({
  format: z.literal(KEYS_FORMAT),
  version: z.literal(2),
  kind: z.enum(['waypoint', 'waypoint-index']),
  backupId: z.uuid(),
  createdAt: z.string(),
  dataKey: z.object({ fingerprint: z.string(), material: z.string() }),
  keys: z.array(z.object({ name: z.string(), fingerprint: z.string(), material: z.string() })),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

/** A key the key file carries besides the data key: its name, fingerprint and bytes. */
export interface CarriedKey {
  name: string;
  fingerprint: string;
  bytes: Uint8Array;
}

/** Writes the key file (mode 0600, through `path.partial`). */
export function writeKeyFile(
  path: string,
  header: SealedHeader,
  dataKey: Uint8Array,
  keys: readonly CarriedKey[],
): void {
  const file: KeyFile = {
    format: KEYS_FORMAT,
    version: 2,
    kind: header.kind,
    backupId: header.backupId,
    createdAt: header.createdAt,
    dataKey: { fingerprint: dataKeyFingerprint(dataKey), material: Buffer.from(dataKey).toString('base64') },
    keys: keys.map((k) => ({
      name: k.name,
      fingerprint: k.fingerprint,
      material: Buffer.from(k.bytes).toString('base64'),
    })),
  };
  writeFileSync(`${path}.partial`, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(`${path}.partial`, 0o600);
  renameSync(`${path}.partial`, path);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads the key file and checks it is this backup's: its data key matches its own fingerprint and
 * the one the backup's header names.
 * @param hint how the key file was made, for the messages (e.g. "waypoint backup --keys-out")
 * @throws BackupError when the file is missing, unreadable or another backup's
 */
export function readKeyFile(
  path: string | undefined,
  header: SealedHeader,
  hint: string,
): { dataKey: Buffer; keys: CarriedKey[] } {
  const need = `the key file written with the backup (${hint})`;
  const nothing = 'nothing was restored';
  if (path === undefined) throw new BackupError(`a restore needs --keys KEYFILE, ${need}: ${nothing}.`);
  if (!existsSync(path))
    throw new BackupError(`the key file ${path} does not exist; a restore needs ${need}: ${nothing}.`);
  const json = safeJson(readFileSync(path, 'utf8')) as { format?: unknown; version?: unknown } | undefined;
  if (json?.format === KEYS_FORMAT && json.version === 1)
    throw new BackupError(
      `the key file ${path} is of an unencrypted backup (format 1) and holds no data key; this backup needs ${need}: ${nothing}.`,
    );
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success)
    throw new BackupError(`${path} is not a Waypoint key file; a restore needs ${need}: ${nothing}.`);
  const file = parsed.data;
  const dataKey = Buffer.from(file.dataKey.material, 'base64');
  if (dataKey.length !== 32 || dataKeyFingerprint(dataKey) !== file.dataKey.fingerprint)
    throw new BackupError(
      `the key file ${path} is damaged (its data key does not match its fingerprint): ${nothing}.`,
    );
  if (file.dataKey.fingerprint !== header.keyFingerprint)
    throw new BackupError(
      `the key file ${path} is another backup's (${file.backupId}, made ${file.createdAt}); this backup (${header.backupId}, made ${header.createdAt}) needs the key file with data key ${header.keyFingerprint}: ${nothing}.`,
    );
  return {
    dataKey,
    keys: file.keys.map((k) => ({
      name: k.name,
      fingerprint: k.fingerprint,
      bytes: new Uint8Array(Buffer.from(k.material, 'base64')),
    })),
  };
}
