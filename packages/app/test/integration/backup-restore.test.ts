/**
 * Backup and restore (backup/): a fictional LA's record, the involvement index's database and the
 * keys backed up and restored into an empty installation give the same rows (a count and a content
 * hash per table, both databases), the audit chain still verifies, and the restored keys pass the
 * start-up check. A restore without the key file, with another installation's key file, or of a
 * corrupted backup is refused with one line and writes nothing; a non-empty target is refused
 * unless --force. On the engine under test (PGlite, or PostgreSQL with DATABASE_URL); the index is
 * PGlite in <data dir>/index/ on both, as `waypoint serve` runs it.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gzipSync } from 'node:zlib';
import {
  addClient,
  openIndexDatabase,
  readLines,
  sealStream,
  sealedHeaderSchema,
  tableDigests,
} from '@waypoint/index';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { BackupError } from '../../src/backup/backup-file.ts';
import { createBackup } from '../../src/backup/backup.ts';
import {
  checkInstallationKeys,
  checkedLinkageSecret,
  checkSettingsKey,
  keyFingerprint,
} from '../../src/backup/installation-keys.ts';
import { restoreBackup } from '../../src/backup/restore.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { linkageKeyPath } from '../../src/involvement/linkage-secret.ts';
import { keyFilePath, seal, settingsKey } from '../../src/la-settings/credentials.ts';
import { generateFictionalLas } from '../../src/seed/generate/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));
const onPostgres = process.env.DATABASE_URL !== undefined;
const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `waypoint-backup-${name}-`));
  dirs.push(d);
  return d;
};

interface Target {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Opens the target's app database. */
  open(): ReturnType<typeof openDatabase>;
  drop(): Promise<void>;
}

let counter = 0;
/** An empty installation: a data directory never used (PGlite) or a new empty PostgreSQL database. */
async function emptyTarget(): Promise<Target> {
  const dataDir = join(tmp('target'), 'data');
  if (!onPostgres)
    return {
      databaseUrl: undefined,
      dataDir,
      open: () => openDatabase({ databaseUrl: undefined, dataDir }),
      drop: async () => {},
    };
  const admin = new URL(process.env.DATABASE_URL ?? '');
  admin.pathname = '/postgres';
  const name = `${new URL(process.env.DATABASE_URL ?? '').pathname.slice(1)}_restore_${process.pid}_${++counter}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(statement);
    await c.end();
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 }),
    drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

const cfg = (t: { databaseUrl: string | undefined; dataDir: string }) => ({
  databaseUrl: t.databaseUrl,
  dataDir: t.dataDir,
  index: undefined,
  linkageSecret: undefined,
  secretsKey: undefined,
});

let source: TestDatabase;
let sourceDir: string;
let appBefore: Record<string, string>;
let indexBefore: Record<string, string>;
let linkageBefore: Buffer;
let backupFile: string;
let keysFile: string;

interface KeyFileJson {
  dataKey: { material: string };
  keys: { name: string; fingerprint: string; material: string }[];
}
const keyFileJson = (path = keysFile) => JSON.parse(readFileSync(path, 'utf8')) as KeyFileJson;
const dataKey = () => Buffer.from(keyFileJson().dataKey.material, 'base64');
/** The backup's lines, decrypted with its key file's data key. */
async function plainLines(): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines(backupFile, dataKey())) lines.push(line);
  return lines;
}
const targets: Target[] = [];

beforeAll(async () => {
  source = await createTestDatabase();
  // PGlite: the keys and the index live in the database's own directory, as in an installation.
  sourceDir = onPostgres ? tmp('source') : source.location.dataDir;
  await generateFictionalLas(source.db, { children: 25, seed: 7 });
  await checkedLinkageSecret(source.db, cfg({ databaseUrl: undefined, dataDir: sourceDir }));
  const key = settingsKey({ dataDir: sourceDir });
  await source.db
    .insertInto('la_credentials')
    .values({
      la_code: '990',
      name: 'notify_api_key',
      sealed: seal(key, '990:notify_api_key', 'fictional-notify-key'),
    })
    .execute();
  await checkSettingsKey(source.db, cfg({ databaseUrl: undefined, dataDir: sourceDir }));
  linkageBefore = readFileSync(linkageKeyPath(sourceDir));
  const index = await openIndexDatabase({ dataDir: join(sourceDir, 'index') }, 1);
  await addClient(index.db, { name: 'Fictional partner system', organisations: [randomUUID()] });
  indexBefore = await tableDigests(index.db, ['index_migrations']);
  await index.close();
  appBefore = await tableDigests(source.db, ['schema_migrations']);
  await source.release();
  const out = tmp('files');
  backupFile = join(out, 'waypoint.backup');
  keysFile = join(out, 'waypoint.keys');
  await createBackup(cfg({ databaseUrl: source.location.databaseUrl, dataDir: sourceDir }), {
    out: backupFile,
    keysOut: keysFile,
  });
}, 300_000); // a 25-child LA, two databases and a backup, on a busy machine

afterAll(async () => {
  for (const t of targets) await t.drop();
  if (onPostgres) await source.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (!onPostgres) rmSync(source.location.dataDir, { recursive: true, force: true });
});

async function target(): Promise<Target> {
  const t = await emptyTarget();
  targets.push(t);
  return t;
}

/** Nothing written: no database made (PGlite) or no LA in it (PostgreSQL), and no key files. */
async function expectNothingWritten(t: Target): Promise<void> {
  expect(existsSync(linkageKeyPath(t.dataDir))).toBe(false);
  expect(existsSync(keyFilePath(t.dataDir))).toBe(false);
  if (!onPostgres) {
    expect(existsSync(t.dataDir)).toBe(false);
    return;
  }
  const d = await t.open();
  const tables = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(d.db);
  expect(tables.rows[0]?.n).toBe(0);
  await d.close();
}

describe('backup', () => {
  it('is encrypted, and keeps the keys apart: the key file holds them and the data key, the backup only fingerprints', async () => {
    const bytes = readFileSync(backupFile);
    const header = sealedHeaderSchema.parse(JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString()));
    expect(header).toMatchObject({ kind: 'waypoint', cipher: 'aes-256-gcm' });
    // Nothing of the record in the clear: no table, no LA, no row.
    for (const clear of ['people', 'la_code', 'audit_events', '990'])
      expect(bytes.includes(clear)).toBe(false);
    const keys = keyFileJson();
    expect(keys.keys.map((k) => k.name).sort()).toEqual(['linkage', 'settings']);
    const lines = await plainLines();
    const manifest = JSON.parse(lines.at(-1)?.slice(1) ?? '') as {
      keys: { name: string; fingerprint: string }[];
      app: { migrations: { version: number }[] };
    };
    expect(lines.some((l) => l.startsWith('#{"db":"app","table":"people"'))).toBe(true);
    expect(manifest.keys).toHaveLength(2);
    expect(manifest.app.migrations.at(-1)?.version).toBeGreaterThanOrEqual(37);
    const plain = lines.join('\n');
    for (const k of [...keys.keys, keys.dataKey]) expect(plain).not.toContain(k.material);
    expect(plain).not.toContain(linkageBefore.toString('utf8').trim());
    expect(plain).not.toContain(readFileSync(keyFilePath(sourceDir), 'utf8').trim());
  });
});

describe('restore', () => {
  it('into an empty installation gives the same rows in every table of both databases, the keys, and an intact audit chain', async () => {
    const t = await target();
    const result = await restoreBackup(cfg(t), { input: backupFile, keys: keysFile });
    expect(result.rows).toBeGreaterThan(500);
    const d = await t.open();
    expect(await tableDigests(d.db, ['schema_migrations'])).toEqual(appBefore);
    const audit = await verifyAuditChain(d.db);
    expect(audit.breaks).toEqual([]);
    expect(audit.events).toBeGreaterThan(0);
    // The restored keys are the ones the restored data was used with: the start-up check passes.
    expect(readFileSync(linkageKeyPath(t.dataDir))).toEqual(linkageBefore);
    expect(Buffer.from(await checkInstallationKeys(d.db, cfg(t)))).toEqual(linkageBefore);
    // The sequences go on from where they were, and nothing is left to migrate.
    expect(await migrate(d.db)).toEqual([]);
    // The planner has statistics (restore analyses: PGlite has no autovacuum); never analysed is -1.
    const stats = await sql<{ reltuples: number }>`
      select reltuples::float8 as reltuples from pg_class where relname = 'people' and relkind = 'r'`.execute(
      d.db,
    );
    expect(Number(stats.rows[0]?.reltuples)).toBeGreaterThan(0);
    await d.close();
    const index = await openIndexDatabase({ dataDir: join(t.dataDir, 'index') }, 1);
    expect(await tableDigests(index.db, ['index_migrations'])).toEqual(indexBefore);
    await index.close();

    // A second restore into it is refused: it is not empty. With --force it replaces everything.
    await expect(restoreBackup(cfg(t), { input: backupFile, keys: keysFile })).rejects.toThrow(
      /the database is not empty \(.*\): restore into an empty one, or use --force/,
    );
    await restoreBackup(cfg(t), { input: backupFile, keys: keysFile, force: true });
    const again = await t.open();
    expect(await tableDigests(again.db, ['schema_migrations'])).toEqual(appBefore);
    await again.close();
  }, 300_000);

  it('through the real commands: waypoint backup, then waypoint restore, which reports the audit chain intact', async () => {
    const t = await target();
    const out = tmp('cli');
    const env = (where: { databaseUrl: string | undefined; dataDir: string }): NodeJS.ProcessEnv => {
      const e: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', WAYPOINT_DATA_DIR: where.dataDir };
      if (where.databaseUrl === undefined) delete e.DATABASE_URL;
      else e.DATABASE_URL = where.databaseUrl;
      return e;
    };
    const b = spawnSync(
      process.execPath,
      [bin, 'backup', '--out', join(out, 'b.backup'), '--keys-out', join(out, 'b.keys')],
      { env: env({ databaseUrl: source.location.databaseUrl, dataDir: sourceDir }), encoding: 'utf8' },
    );
    expect(b.stderr).toContain('index: ');
    expect(b.stdout).toMatch(
      /^Backup written: .*b\.backup\n {2}[\d,]+ rows in \d+ tables \(app and involvement index\)/,
    );
    expect(b.stdout).toMatch(/Keys written: .*b\.keys \(linkage [0-9a-f]{32}, settings [0-9a-f]{32}\)/);
    expect(b.status).toBe(0);
    const r = spawnSync(
      process.execPath,
      [bin, 'restore', '--in', join(out, 'b.backup'), '--keys', join(out, 'b.keys')],
      { env: env(t), encoding: 'utf8' },
    );
    expect(r.stdout).toMatch(
      /^Restored [\d,]+ rows from .*, and the keys \(linkage, settings\)\.\nAudit chain intact: \d+ events in 2 tenant\(s\)\.\n$/,
    );
    expect(r.status).toBe(0);
    const d = await t.open();
    expect(await tableDigests(d.db, ['schema_migrations'])).toEqual(appBefore);
    await d.close();
  }, 300_000);

  it('without the key file is refused with one line, and nothing is written', async () => {
    const t = await target();
    await expect(restoreBackup(cfg(t), { input: backupFile, keys: undefined })).rejects.toThrow(
      /^a restore needs --keys KEYFILE/,
    );
    await expect(
      restoreBackup(cfg(t), { input: backupFile, keys: join(tmp('none'), 'x.keys') }),
    ).rejects.toThrow(/^the key file .*x\.keys does not exist/);
    await expectNothingWritten(t);
    // The real command: one line on stderr, exit 1.
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', WAYPOINT_DATA_DIR: t.dataDir };
    if (t.databaseUrl === undefined) delete env.DATABASE_URL;
    else env.DATABASE_URL = t.databaseUrl;
    const r = spawnSync(process.execPath, [bin, 'restore', '--in', backupFile], { env, encoding: 'utf8' });
    expect(r.stderr).toBe(
      'waypoint: a restore needs --keys KEYFILE, the key file written with the backup (waypoint backup --keys-out): nothing was restored.\n',
    );
    expect(r.status).toBe(1);
    await expectNothingWritten(t);
  });

  it("with another backup's key file, or one whose keys are not the backup's, is refused, and nothing is written", async () => {
    const t = await target();
    const dir = tmp('other');
    await createBackup(cfg({ databaseUrl: source.location.databaseUrl, dataDir: sourceDir }), {
      out: join(dir, 'second.backup'),
      keysOut: join(dir, 'second.keys'),
    });
    const refused = restoreBackup(cfg(t), { input: backupFile, keys: join(dir, 'second.keys') });
    await expect(refused).rejects.toBeInstanceOf(BackupError);
    await expect(refused).rejects.toThrow(
      /^the key file .*second\.keys is another backup's \(.*\); this backup \(.*\) needs the key file with data key [0-9a-f]{32}: nothing was restored\.$/,
    );
    // The right data key, but another installation's linkage key (consistent with its fingerprint).
    const original = keyFileJson();
    const stranger = randomBytes(32);
    const other = join(dir, 'other.keys');
    writeFileSync(
      other,
      JSON.stringify({
        ...original,
        keys: original.keys.map((k) =>
          k.name === 'linkage'
            ? {
                name: k.name,
                fingerprint: keyFingerprint('linkage', stranger),
                material: stranger.toString('base64'),
              }
            : k,
        ),
      }),
    );
    await expect(restoreBackup(cfg(t), { input: backupFile, keys: other })).rejects.toThrow(
      /^the key file .*other\.keys does not match the backup: its linkage key is fingerprint [0-9a-f]{32}, the backup's is fingerprint [0-9a-f]{32}/,
    );
    const partial = join(dir, 'partial.keys');
    writeFileSync(
      partial,
      JSON.stringify({ ...original, keys: original.keys.filter((k) => k.name !== 'settings') }),
    );
    await expect(restoreBackup(cfg(t), { input: backupFile, keys: partial })).rejects.toThrow(
      /its settings key is missing/,
    );
    await expectNothingWritten(t);
  }, 300_000);

  it('of a corrupted backup (a flipped byte, an edited row, a truncated file) or an unencrypted one is refused, and nothing is written', async () => {
    const t = await target();
    const dir = tmp('corrupt');
    const bytes = readFileSync(backupFile);
    const damaged = Buffer.from(bytes);
    const at = Math.floor(bytes.length * 0.6);
    damaged[at] = (damaged[at] ?? 0) ^ 0x01;
    writeFileSync(join(dir, 'damaged'), damaged);
    // An edit made with the data key itself: the encryption holds, only the checksums catch it.
    const text = `${(await plainLines()).join('\n')}\n`;
    const edited = text.replace('"la_code":"990"', '"la_code":"991"');
    expect(edited).not.toBe(text);
    const header = sealedHeaderSchema.parse(JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString()));
    writeFileSync(
      join(dir, 'edited'),
      await buffer(Readable.from([gzipSync(edited)]).pipe(sealStream(dataKey(), header))),
    );
    writeFileSync(join(dir, 'truncated'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    for (const name of ['damaged', 'edited', 'truncated'])
      await expect(restoreBackup(cfg(t), { input: join(dir, name), keys: keysFile })).rejects.toThrow(
        new RegExp(`^the backup .*${name} is corrupt \\(.*\\): nothing was restored`),
      );
    await expect(restoreBackup(cfg(t), { input: join(dir, 'damaged'), keys: keysFile })).rejects.toThrow(
      /fails its authentication tag/,
    );
    await expect(restoreBackup(cfg(t), { input: join(dir, 'edited'), keys: keysFile })).rejects.toThrow(
      /does not match its checksum/,
    );
    await expect(restoreBackup(cfg(t), { input: join(dir, 'truncated'), keys: keysFile })).rejects.toThrow(
      /cut short/,
    );
    // A backup of format 1 (gzip in the clear, from before backups were encrypted) is refused.
    writeFileSync(join(dir, 'old'), gzipSync(text));
    await expect(restoreBackup(cfg(t), { input: join(dir, 'old'), keys: keysFile })).rejects.toThrow(
      /^the backup .*old is not encrypted \(format 1, made before backups were encrypted\)/,
    );
    await expectNothingWritten(t);
  });
});
