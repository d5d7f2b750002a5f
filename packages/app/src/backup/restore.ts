/**
 * `waypoint restore`: checks everything first, then writes. In order:
 *
 * 1. the key file: present, a Waypoint key file, and holding the data key the backup's header
 *    names (a missing key file, or another backup's, is refused here, before the backup is read);
 * 2. the backup: it decrypts (every part's authentication tag), every table's checksum and row
 *    count and the whole body's checksum; then the key file holds every installation key the
 *    manifest names, with the manifest's fingerprint;
 * 3. this Waypoint can restore it: every migration the backup was made at is one of ours, unchanged;
 * 4. the target: the app database (and the index's) empty of any LA's data, its migration level not
 *    beyond the backup's, and no different key file in `<data dir>/keys/`, unless --force.
 *
 * Only then: the app database's tables are emptied and loaded in one transaction (triggers and
 * foreign keys off for the load), then the index's, then the key files are written (mode 0600),
 * then the remaining migrations of this version are applied.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  BackupError,
  listTables,
  loadDatabase,
  openBackup,
  openIndexDatabase,
  sameIndexMigrations,
  tablesWithRows,
  verifyDump,
  type IndexDatabase,
} from '@waypoint/index';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate, readMigrations, type MigrationFile } from '../db/migrate.ts';
import { linkageKeyPath } from '../involvement/linkage-secret.ts';
import { keyFilePath } from '../la-settings/credentials.ts';
import {
  installationKeys,
  KEYS_HINT,
  manifestSchema,
  type KeyMaterial,
  type Manifest,
} from './backup-file.ts';
import { APP_MIGRATIONS, INDEX_MIGRATIONS, type Progress } from './backup.ts';

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

/**
 * Restores a backup into this installation's database (and index, and key files).
 * @throws BackupError (one line) when any check fails; nothing is written then
 */
export async function restoreBackup(config: RestoreConfig, opts: RestoreOptions): Promise<RestoreResult> {
  const say = opts.progress ?? (() => {});
  // 1 and 2: the key file is this backup's (its data key), then the whole backup decrypts and
  // matches its checksums, then the installation's keys match the manifest's fingerprints.
  const opened = await openBackup(opts.input, opts.keys, 'waypoint', KEYS_HINT);
  say(`Checking ${opts.input}…`);
  const manifest = await verifyDump(opts.input, opened.dataKey, manifestSchema, (n) => {
    say(`checked ${n.toLocaleString('en-GB')} rows`, true);
  });
  if (manifest.backupId !== opened.header.backupId)
    throw new BackupError(`the backup ${opts.input} changed while it was read: ${nothing}.`);
  const keys = installationKeys(opts.keys ?? '', opened.keys, manifest);
  // 3: this version can hold it.
  const appFiles = appMigrationsFor(manifest);
  const wantIndex = manifest.index !== null && config.index === undefined;
  if (manifest.index !== null && config.index !== undefined)
    say(
      'The backup holds the involvement index, but this installation uses one over HTTP: the index is not restored.',
    );
  if (wantIndex && !sameIndexMigrations(manifest.index?.migrations ?? []))
    throw new BackupError(
      `the backup's involvement index was made by another version of Waypoint: restore it with the version that made it; ${nothing}.`,
    );
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
  let index: IndexDatabase | undefined;
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
      index = await openIndexDatabase({ dataDir: join(config.dataDir, 'index') }, 1);
      const tables = (await listTables(index.db, [INDEX_MIGRATIONS])).map((t) => t.table);
      const indexBusy = await tablesWithRows(index.db, tables);
      if (indexBusy.length > 0 && opts.force !== true)
        throw new BackupError(
          `the involvement index in ${join(config.dataDir, 'index')} is not empty (${indexBusy.join(', ')}): use --force to replace it; ${nothing}.`,
        );
    }

    // Every check passed: write.
    say(`Restoring the app database (${database.engine})…`);
    const load = (
      db: Kysely<unknown>,
      which: 'app' | 'index',
      table: string,
      seq: Manifest['app']['sequences'],
    ) => loadDatabase(db, opts.input, opened.dataKey, which, table, seq, say);
    let rows = await load(database.db as Kysely<unknown>, 'app', APP_MIGRATIONS, manifest.app.sequences);
    say(`app: ${rows.toLocaleString('en-GB')} rows restored`);
    if (index !== undefined && manifest.index !== null) {
      say('Restoring the involvement index…');
      const n = await load(index.db as Kysely<unknown>, 'index', INDEX_MIGRATIONS, manifest.index.sequences);
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
    // Planner statistics: a restored database has none, and PGlite has no autovacuum to gather
    // them, so every query would be planned as if its tables were empty (a 20,000-child LA's
    // per-step returns check ran a sequential plan until analysed).
    say('Gathering the planner statistics…');
    await sql`analyze`.execute(database.db);
    if (index !== undefined && manifest.index !== null) await sql`analyze`.execute(index.db);
    return { manifest, rows, migrated };
  } finally {
    await index?.close();
    await database?.close();
  }
}
