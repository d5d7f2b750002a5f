/**
 * The first checks of every restore, before the backup is read: the file is there, is an
 * encrypted backup of the expected kind, and the key file given is this backup's.
 */
import { existsSync } from 'node:fs';
import { BackupError } from './dump-file.ts';
import { readKeyFile, type CarriedKey } from './key-file.ts';
import { readSealedHeader, type SealedHeader } from './sealed-stream.ts';

const COMMANDS: Record<SealedHeader['kind'], string> = {
  waypoint: 'waypoint restore',
  'waypoint-index': 'waypoint-index restore',
};

/**
 * @param kind what this command restores
 * @param hint how the key file was made, for the messages
 * @throws BackupError (one line ending "nothing was restored")
 */
export async function openBackup(
  file: string,
  keys: string | undefined,
  kind: SealedHeader['kind'],
  hint: string,
): Promise<{ header: SealedHeader; dataKey: Buffer; keys: CarriedKey[] }> {
  const nothing = 'nothing was restored';
  if (!existsSync(file)) throw new BackupError(`the backup ${file} does not exist: ${nothing}.`);
  const head = await readSealedHeader(file);
  if (head.kind === 'gzip')
    throw new BackupError(
      `the backup ${file} is not encrypted (format 1, made before backups were encrypted): this version restores only encrypted backups; restore it with the version that made it, then make a new backup and destroy the old one: ${nothing}.`,
    );
  if (head.kind === 'other') throw new BackupError(`${file} is not a Waypoint backup: ${nothing}.`);
  if (head.header.kind !== kind)
    throw new BackupError(
      `${file} is a backup of ${head.header.kind === 'waypoint' ? 'a Waypoint installation' : 'an involvement index'}: restore it with ${COMMANDS[head.header.kind]}; ${nothing}.`,
    );
  return { header: head.header, ...readKeyFile(keys, head.header, hint) };
}
