/**
 * `waypoint backup`: the app database (every table, PGlite or PostgreSQL, one logical dump
 * through the same code), the involvement index's database when it runs in this installation
 * (`<data dir>/index/`), and, in a separate key file, the linkage and settings keys.
 * Documents and uploads are rows of the app database, so they are in it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { isUninitialised } from '../db/pglite-template.ts';
import type { Schema } from '../db/schema.ts';
import { existingLinkageSecret } from '../involvement/linkage-secret.ts';
import { existingSettingsKey } from '../la-settings/credentials.ts';
import {
  assemble,
  BackupError,
  BodyWriter,
  removeQuietly,
  writeKeyFile,
  type KeyMaterial,
  type Manifest,
} from './backup-file.ts';
import { keyFingerprint, type KeyName } from './installation-keys.ts';
import { dumpTables } from './logical-dump.ts';

export type Progress = (message: string, transient?: boolean) => void;

export interface BackupOptions {
  out: string;
  keysOut: string;
  progress?: Progress;
}

export interface BackupResult {
  manifest: Manifest;
  rows: number;
}

/** The migration bookkeeping tables: their rows are the manifest's migration levels, not data. */
export const APP_SKIP = ['schema_migrations'];
export const INDEX_SKIP = ['index_migrations'];

type BackupConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'index' | 'linkageSecret' | 'secretsKey'>;

/** The keys this installation uses, checked against the fingerprints its database recorded. */
async function collectKeys(db: Kysely<Schema>, config: BackupConfig): Promise<KeyMaterial[]> {
  const recorded = new Map(
    (await db.selectFrom('installation_keys').select(['name', 'fingerprint']).execute()).map((r) => [
      r.name,
      r.fingerprint,
    ]),
  );
  const found: [KeyName, Uint8Array | null][] = [
    ['linkage', existingLinkageSecret({ secret: config.linkageSecret, dataDir: config.dataDir })],
    ['settings', existingSettingsKey({ secretsKey: config.secretsKey, dataDir: config.dataDir })],
  ];
  const keys: KeyMaterial[] = [];
  for (const [name, bytes] of found) {
    const expected = recorded.get(name);
    if (bytes === null) {
      if (expected !== undefined)
        throw new BackupError(
          `the ${name} key is missing, but the database recorded one (fingerprint ${expected}): a backup without it could not be used. Nothing was written.`,
        );
      continue;
    }
    const actual = keyFingerprint(name, bytes);
    if (expected !== undefined && actual !== expected)
      throw new BackupError(
        `the ${name} key (fingerprint ${actual}) is not the one the database recorded (fingerprint ${expected}). Nothing was written.`,
      );
    keys.push({ name, bytes });
  }
  return keys;
}

async function migrationsOf<DB>(db: Kysely<DB>, table: string): Promise<Manifest['app']['migrations']> {
  const rows = await sql<{ version: number; name: string; checksum: string }>`
    select version, name, checksum from ${sql.table(table)} order by version`.execute(db);
  return rows.rows.map((r) => ({ version: r.version, name: r.name, checksum: r.checksum }));
}

/**
 * Writes the backup to `out` and the keys to `keysOut`.
 * @throws BackupError (one line) when there is nothing to back up or a key does not fit the data
 */
export async function createBackup(config: BackupConfig, opts: BackupOptions): Promise<BackupResult> {
  const say = opts.progress ?? (() => {});
  if (config.databaseUrl === undefined && isUninitialised(config.dataDir))
    throw new BackupError(`there is no Waypoint database in ${config.dataDir} to back up.`);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  const bodyPath = `${opts.out}.body.partial`;
  let total = 0;
  try {
    const migrated = await sql<{
      t: string | null;
    }>`select to_regclass('public.installation_keys')::text as t`.execute(database.db);
    if (migrated.rows[0]?.t == null)
      throw new BackupError(
        'the database is not migrated to this version of Waypoint: run `waypoint migrate` first.',
      );
    const keys = await collectKeys(database.db, config);
    const body = new BodyWriter(bodyPath);
    const step = (db: string) => (table: string, rows: number) => {
      say(`${db}: ${table} ${rows.toLocaleString('en-GB')} rows`, true);
    };
    say(`Backing up the app database (${database.engine})…`);
    const app = await dumpTables(
      database.db,
      APP_SKIP,
      { table: (info) => body.table('app', info), row: (json) => body.row(json) },
      step('app'),
    );
    total += app.tables.reduce((n, t) => n + t.rows, 0);
    say(`app: ${app.tables.length} tables, ${total.toLocaleString('en-GB')} rows`);
    const appMigrations = await migrationsOf(database.db, 'schema_migrations');

    let index: Manifest['index'] = null;
    const indexDir = join(config.dataDir, 'index');
    if (config.index === undefined && existsSync(indexDir)) {
      const lib = await import('@waypoint/index');
      say('Backing up the involvement index…');
      const opened = await lib.openIndexDatabase({ dataDir: indexDir }, 1);
      try {
        const dumped = await dumpTables(
          opened.db,
          INDEX_SKIP,
          { table: (info) => body.table('index', info), row: (json) => body.row(json) },
          step('index'),
        );
        const rows = dumped.tables.reduce((n, t) => n + t.rows, 0);
        total += rows;
        say(`index: ${dumped.tables.length} tables, ${rows.toLocaleString('en-GB')} rows`);
        index = {
          migrations: await migrationsOf(opened.db, 'index_migrations'),
          sequences: dumped.sequences,
        };
      } finally {
        await opened.close();
      }
    } else if (config.index !== undefined) {
      say(
        `The involvement index runs elsewhere (${new URL(config.index.url).origin}): back up its database where it runs.`,
      );
    }
    const bodySha256 = await body.finish();
    const manifest: Manifest = {
      format: 'waypoint-backup',
      version: 1,
      backupId: randomUUID(),
      createdAt: new Date().toISOString(),
      engine: database.engine,
      app: { migrations: appMigrations, sequences: app.sequences },
      index,
      keys: keys.map((k) => ({ name: k.name, fingerprint: keyFingerprint(k.name, k.bytes) })),
      sections: body.sections,
      bodySha256,
    };
    await assemble(opts.out, manifest, bodyPath);
    writeKeyFile(opts.keysOut, manifest.backupId, manifest.createdAt, keys);
    return { manifest, rows: total };
  } finally {
    removeQuietly(bodyPath);
    await database.close();
  }
}
