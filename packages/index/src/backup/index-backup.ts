/**
 * `waypoint-index backup` and `waypoint-index restore`: the index's own database (PGlite
 * directory or PostgreSQL), encrypted with a fresh data key that only the key file holds. The
 * index keeps no key outside its database (its API clients' secrets are stored as SHA-256 only,
 * in `index_clients`), so its key file holds the data key alone.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { openIndexDatabase, readIndexMigrations, type Engine } from '../db.ts';
import { databasePartSchema, dumpDatabase, loadDatabase, type Progress } from './database-dump.ts';
import { BackupError, DumpWriter, dumpManifestSchema, verifyDump } from './dump-file.ts';
import { writeKeyFile } from './key-file.ts';
import { tablesWithRows, listTables } from './logical-dump.ts';
import { openBackup } from './open-backup.ts';
import { newDataKey, newHeader } from './sealed-stream.ts';

export const indexManifestSchema = dumpManifestSchema.extend({
  format: z.literal('waypoint-index-backup'),
  version: z.literal(2),
  engine: z.enum(['pglite', 'postgres']),
  index: databasePartSchema,
});
export type IndexManifest = z.infer<typeof indexManifestSchema>;

export type IndexLocation = { dataDir: string } | { url: string };
const MIGRATIONS = 'index_migrations';
const nothing = 'nothing was restored';
const HINT = 'waypoint-index backup --keys-out';

/**
 * Writes the index's database to `out` (encrypted) and its data key to `keysOut`.
 * @throws BackupError when there is no index there
 */
export async function createIndexBackup(
  where: IndexLocation,
  opts: { out: string; keysOut: string; progress?: Progress },
): Promise<{ manifest: IndexManifest; rows: number }> {
  const say = opts.progress ?? (() => {});
  if ('dataDir' in where && !existsSync(where.dataDir))
    throw new BackupError(`there is no involvement index in ${where.dataDir} to back up.`);
  const database = await openIndexDatabase(where, 2);
  const key = newDataKey();
  const header = newHeader('waypoint-index', key, randomUUID(), new Date().toISOString());
  const writer = new DumpWriter(opts.out, key, header);
  try {
    say(`Backing up the involvement index (${database.engine})…`);
    const index = await dumpDatabase(writer, 'index', database.db, MIGRATIONS, say);
    const manifest = await writer.finish((sections, bodySha256): IndexManifest => ({
      format: 'waypoint-index-backup',
      version: 2,
      backupId: header.backupId,
      createdAt: header.createdAt,
      engine: database.engine,
      index: { migrations: index.migrations, sequences: index.sequences },
      sections,
      bodySha256,
    }));
    writeKeyFile(opts.keysOut, header, key, []);
    return { manifest, rows: index.rows };
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    await database.close();
  }
}

/** True when the backup's index migrations are exactly this version's (same files, same order). */
export function sameIndexMigrations(migrations: readonly { version: number; checksum: string }[]): boolean {
  const ours = readIndexMigrations();
  return (
    migrations.length === ours.length &&
    migrations.every((m) => ours.find((o) => o.version === m.version)?.checksum === m.checksum)
  );
}

/**
 * Restores an index backup. Every check before any write: the key file is this backup's, the
 * backup decrypts and matches its checksums, it was made at this version's migrations, and the
 * target index is empty (unless `force`).
 * @throws BackupError (one line ending "nothing was restored")
 */
export async function restoreIndexBackup(
  where: IndexLocation,
  opts: { input: string; keys: string | undefined; force?: boolean; progress?: Progress },
): Promise<{ manifest: IndexManifest; rows: number; engine: Engine }> {
  const say = opts.progress ?? (() => {});
  const { header, dataKey } = await openBackup(opts.input, opts.keys, 'waypoint-index', HINT);
  say(`Checking ${opts.input}…`);
  const manifest = await verifyDump(opts.input, dataKey, indexManifestSchema, (n) => {
    say(`checked ${n.toLocaleString('en-GB')} rows`, true);
  });
  if (manifest.backupId !== header.backupId)
    throw new BackupError(`the backup ${opts.input} changed while it was read: ${nothing}.`);
  if (!sameIndexMigrations(manifest.index.migrations))
    throw new BackupError(
      `the backup was made by another version of the involvement index: restore it with the version that made it; ${nothing}.`,
    );
  const database = await openIndexDatabase(where, 2);
  try {
    const tables = (await listTables(database.db, [MIGRATIONS])).map((t) => t.table);
    const busy = await tablesWithRows(database.db, tables);
    if (busy.length > 0 && opts.force !== true)
      throw new BackupError(
        `the involvement index is not empty (${busy.join(', ')} hold rows): restore into an empty one, or use --force to replace everything in it; ${nothing}.`,
      );
    say(`Restoring the involvement index (${database.engine})…`);
    const rows = await loadDatabase(
      database.db,
      opts.input,
      dataKey,
      'index',
      MIGRATIONS,
      manifest.index.sequences,
      say,
    );
    say(`index: ${rows.toLocaleString('en-GB')} rows restored`);
    return { manifest, rows, engine: database.engine };
  } finally {
    await database.close();
  }
}
