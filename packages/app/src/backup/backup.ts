/**
 * `waypoint backup`: the app database (every table, PGlite or PostgreSQL, one logical dump
 * through the same code), the involvement index's database when it runs in this installation
 * (`<data dir>/index/`), encrypted with a fresh data key; and, in a separate key file, that data
 * key and the linkage and settings keys. Documents and uploads are rows of the app database, so
 * they are in it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  BackupError,
  DumpWriter,
  dumpDatabase,
  newDataKey,
  newHeader,
  openIndexDatabase,
  writeKeyFile,
  type Progress,
} from '@waypoint/index';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { isUninitialised } from '../db/pglite-template.ts';
import type { Schema } from '../db/schema.ts';
import { existingLinkageSecret } from '../involvement/linkage-secret.ts';
import { existingSettingsKey } from '../la-settings/credentials.ts';
import { carriedKeys, type KeyMaterial, type Manifest } from './backup-file.ts';
import { keyFingerprint, type KeyName } from './installation-keys.ts';

export type { Progress } from '@waypoint/index';
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
export const APP_MIGRATIONS = 'schema_migrations';
export const INDEX_MIGRATIONS = 'index_migrations';

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
  const dataKey = newDataKey();
  const header = newHeader('waypoint', dataKey, randomUUID(), new Date().toISOString());
  let writer: DumpWriter | undefined;
  try {
    const migrated = await sql<{
      t: string | null;
    }>`select to_regclass('public.installation_keys')::text as t`.execute(database.db);
    if (migrated.rows[0]?.t == null)
      throw new BackupError(
        'the database is not migrated to this version of Waypoint: run `waypoint migrate` first.',
      );
    const keys = await collectKeys(database.db, config);
    writer = new DumpWriter(opts.out, dataKey, header);
    say(`Backing up the app database (${database.engine})…`);
    const app = await dumpDatabase(writer, 'app', database.db, APP_MIGRATIONS, say);
    let rows = app.rows;
    let index: Manifest['index'] = null;
    const indexDir = join(config.dataDir, 'index');
    if (config.index === undefined && existsSync(indexDir)) {
      say('Backing up the involvement index…');
      const opened = await openIndexDatabase({ dataDir: indexDir }, 1);
      try {
        const dumped = await dumpDatabase(writer, 'index', opened.db, INDEX_MIGRATIONS, say);
        rows += dumped.rows;
        index = { migrations: dumped.migrations, sequences: dumped.sequences };
      } finally {
        await opened.close();
      }
    } else if (config.index !== undefined) {
      say(
        `The involvement index runs elsewhere (${new URL(config.index.url).origin}): back it up where it runs (waypoint-index backup).`,
      );
    }
    const manifest = await writer.finish((sections, bodySha256): Manifest => ({
      format: 'waypoint-backup',
      version: 2,
      backupId: header.backupId,
      createdAt: header.createdAt,
      engine: database.engine,
      app: { migrations: app.migrations, sequences: app.sequences },
      index,
      keys: keys.map((k) => ({ name: k.name, fingerprint: keyFingerprint(k.name, k.bytes) })),
      sections,
      bodySha256,
    }));
    writer = undefined;
    writeKeyFile(opts.keysOut, header, dataKey, carriedKeys(keys));
    return { manifest, rows };
  } finally {
    await writer?.abort();
    await database.close();
  }
}
