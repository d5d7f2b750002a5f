/**
 * `waypoint restore`: checks everything first, then writes. In order:
 *
 * 1. the key file: present, a Waypoint key file, and every key the backup's manifest names with
 *    the manifest's fingerprint (a missing or wrong key file is refused here, before the backup is
 *    even read);
 * 2. the backup: every table's checksum and row count and the whole body's checksum;
 * 3. this Waypoint can restore it: every migration the backup was made at is one of ours, unchanged;
 * 4. the target: the app database (and the index's) empty of any LA's data, its migration level not
 *    beyond the backup's, and no different key file in `<data dir>/keys/`, unless --force.
 *
 * Only then: the app database's tables are emptied and loaded in one transaction (triggers and
 * foreign keys off for the load), then the index's, then the key files are written (mode 0600),
 * then the remaining migrations of this version are applied.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate, readMigrations, type MigrationFile } from '../db/migrate.ts';
import { linkageKeyPath } from '../involvement/linkage-secret.ts';
import { keyFilePath } from '../la-settings/credentials.ts';
import {
  BackupError,
  readFirstManifest,
  readKeyFile,
  readSections,
  verifyBackupFile,
  type DbName,
  type KeyMaterial,
  type Manifest,
} from './backup-file.ts';
import { APP_SKIP, INDEX_SKIP, type Progress } from './backup.ts';
import { insertRows, listTables, prepareLoad, restoreSequences, tablesWithRows } from './logical-dump.ts';

export interface RestoreOptions {
  input: string;
  keys: string | undefined;
  force?: boolean;
  progress?: Progress;
}

export interface RestoreResult {
  manifest: Manifest;
  rows: number;
  /** Migrations of this version applied after the load. */
  migrated: string[];
}

type RestoreConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'index' | 'linkageSecret' | 'secretsKey'>;

const nothing = 'nothing was restored';

/** The index package's migration files (version and checksum), to compare with the backup's. */
function indexMigrationFiles(): { version: number; checksum: string }[] {
  const dir = fileURLToPath(new URL('./migrations/', import.meta.resolve('@waypoint/index')));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name, i) => ({
      version: i + 1,
      checksum: createHash('sha256')
        .update(readFileSync(join(dir, name), 'utf8'))
        .digest('hex'),
    }));
}

/** The backup's app migrations as this version's files. @throws BackupError when one is unknown or changed */
function appMigrationsFor(manifest: Manifest): MigrationFile[] {
  const ours = new Map(readMigrations().map((m) => [m.version, m]));
  return manifest.app.migrations.map((m) => {
    const file = ours.get(m.version);
    if (file?.checksum !== m.checksum)
      throw new BackupError(
        `the backup was made by another version of Waypoint (its migration ${m.name} is ${file === undefined ? 'not one of this version' : 'different here'}): restore it with the version that made it, then upgrade; ${nothing}.`,
      );
    return file;
  });
}

function keyPath(config: RestoreConfig, name: KeyMaterial['name']): string {
  return name === 'linkage' ? linkageKeyPath(config.dataDir) : keyFilePath(config.dataDir);
}

/** The key file's content as the app reads it: the linkage secret's bytes; the settings key as hex. */
function keyFileContent(key: KeyMaterial): Buffer {
  return key.name === 'linkage'
    ? Buffer.from(key.bytes)
    : Buffer.from(`${Buffer.from(key.bytes).toString('hex')}\n`);
}

async function appliedVersions<DB>(db: Kysely<DB>, table: string): Promise<Map<number, string>> {
  const rows = await sql<{ version: number; checksum: string }>`
    select version, checksum from ${sql.table(table)}`.execute(db);
  return new Map(rows.rows.map((r) => [r.version, r.checksum]));
}

async function load<DB>(
  db: Kysely<DB>,
  file: string,
  which: DbName,
  skip: readonly string[],
  sequences: Manifest['app']['sequences'],
  say: Progress,
): Promise<number> {
  let rows = 0;
  await db.transaction().execute(async (tx) => {
    const tables = (await listTables(tx, skip)).map((t) => t.table);
    await prepareLoad(tx, tables);
    for await (const { info, rows: batch } of readSections(file, which)) {
      if (!tables.includes(info.table))
        throw new BackupError(`the backup's table ${info.table} is not in this database: ${nothing}.`);
      await insertRows(tx, info, batch);
      rows += batch.length;
      say(`${which}: ${info.table} (${rows.toLocaleString('en-GB')} rows loaded)`, true);
    }
    await restoreSequences(tx, sequences);
  });
  return rows;
}

/**
 * Restores a backup into this installation's database (and index, and key files).
 * @throws BackupError (one line) when any check fails; nothing is written then
 */
export async function restoreBackup(config: RestoreConfig, opts: RestoreOptions): Promise<RestoreResult> {
  const say = opts.progress ?? (() => {});
  // 1 and 2: the key file against the manifest, then the whole backup against its checksums.
  const peeked = await readFirstManifest(opts.input);
  const keys = readKeyFile(opts.keys, peeked);
  say(`Checking ${opts.input}…`);
  const manifest = await verifyBackupFile(opts.input, (n) => {
    say(`checked ${n.toLocaleString('en-GB')} rows`, true);
  });
  if (manifest.backupId !== peeked.backupId)
    throw new BackupError(`the backup ${opts.input} changed while it was read: ${nothing}.`);
  // 3: this version can hold it.
  const appFiles = appMigrationsFor(manifest);
  const wantIndex = manifest.index !== null && config.index === undefined;
  if (manifest.index !== null && config.index !== undefined)
    say(
      'The backup holds the involvement index, but this installation uses one over HTTP: the index is not restored.',
    );
  if (wantIndex) {
    const ours = indexMigrationFiles();
    const same =
      manifest.index?.migrations.every(
        (m) => ours.find((o) => o.version === m.version)?.checksum === m.checksum,
      ) === true && manifest.index.migrations.length === ours.length;
    if (!same)
      throw new BackupError(
        `the backup's involvement index was made by another version of Waypoint: restore it with the version that made it; ${nothing}.`,
      );
  }
  // 4: the target.
  for (const key of keys) {
    const path = keyPath(config, key.name);
    if (existsSync(path) && !readFileSync(path).equals(keyFileContent(key)) && opts.force !== true)
      throw new BackupError(
        `${path} holds a different ${key.name} key from the backup's: restoring would replace it (use --force to replace it); ${nothing}.`,
      );
  }
  if (config.linkageSecret !== undefined && keys.some((k) => k.name === 'linkage'))
    say(
      "WAYPOINT_LINKAGE_SECRET is set: the restored key file is written, but the variable wins; it must hold the backup's linkage key or Waypoint will refuse to start.",
    );
  const sameAsCode = appFiles.length === readMigrations().length;
  let database: Database | undefined;
  let index: { db: Kysely<unknown>; close(): Promise<void> } | undefined;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: 2,
      fromTemplate: sameAsCode,
    });
    await migrate(database.db, appFiles);
    const applied = await appliedVersions(database.db, 'schema_migrations');
    if (applied.size !== appFiles.length)
      throw new BackupError(
        `this database is at a later migration level (${Math.max(...applied.keys())}) than the backup (${Math.max(...appFiles.map((f) => f.version))}): restore into an empty database; ${nothing}.`,
      );
    // Any LA's data (every tenant row needs its local authority) or any user or audit event.
    const busy = await tablesWithRows(database.db, ['local_authorities', 'users', 'audit_events', 'people']);
    if (busy.length > 0 && opts.force !== true)
      throw new BackupError(
        `the database is not empty (${busy.join(', ')} hold rows): restore into an empty one, or use --force to replace everything in it; ${nothing}.`,
      );
    if (wantIndex) {
      const lib = await import('@waypoint/index');
      index = (await lib.openIndexDatabase({ dataDir: join(config.dataDir, 'index') }, 1)) as unknown as {
        db: Kysely<unknown>;
        close(): Promise<void>;
      };
      const tables = (await listTables(index.db, INDEX_SKIP)).map((t) => t.table);
      const indexBusy = await tablesWithRows(index.db, tables);
      if (indexBusy.length > 0 && opts.force !== true)
        throw new BackupError(
          `the involvement index in ${join(config.dataDir, 'index')} is not empty (${indexBusy.join(', ')}): use --force to replace it; ${nothing}.`,
        );
    }

    // Every check passed: write.
    say(`Restoring the app database (${database.engine})…`);
    let rows = await load(database.db, opts.input, 'app', APP_SKIP, manifest.app.sequences, say);
    say(`app: ${rows.toLocaleString('en-GB')} rows restored`);
    if (index !== undefined && manifest.index !== null) {
      say('Restoring the involvement index…');
      const n = await load(index.db, opts.input, 'index', INDEX_SKIP, manifest.index.sequences, say);
      say(`index: ${n.toLocaleString('en-GB')} rows restored`);
      rows += n;
    }
    for (const key of keys) {
      const path = keyPath(config, key.name);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, keyFileContent(key), { mode: 0o600 });
      chmodSync(path, 0o600);
    }
    const migrated = await migrate(database.db);
    return { manifest, rows, migrated };
  } finally {
    await index?.close();
    await database?.close();
  }
}
