/**
 * `waypoint-index backup` and `waypoint-index restore` as real processes, on the engine under
 * test (PGlite directories, or PostgreSQL databases when a URL is given): an index with
 * publications, a look-up (its audit, hits and notices) and an API client, backed up and
 * restored into an empty index, holds the same rows in every table, and the client's secret
 * still gets a token. The
 * backup is encrypted (no row of it in the clear), and a restore without the key file, with
 * another backup's key file, of a backup with a flipped byte or cut short, or of another kind of
 * backup, is refused with one line and writes nothing; a non-empty index is refused unless --force.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDigests } from '../src/backup/logical-dump.ts';
import { issueToken, addClient } from '../src/clients.ts';
import { openIndexDatabase } from '../src/db.ts';
import { caller, engineName, maya, POSTGRES_URL, publication, publisher } from './helpers.ts';

const bin = fileURLToPath(new URL('../bin/waypoint-index.js', import.meta.url));
const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `waypoint-index-backup-${name}-`));
  dirs.push(d);
  return d;
};
const databases: string[] = [];

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: POSTGRES_URL });
  await c.connect();
  await c.query(statement);
  await c.end();
}

/** A place for an index that does not exist yet: a directory never made, or a new empty database. */
async function place(): Promise<{ args: string[]; where: { dataDir: string } | { url: string } }> {
  if (POSTGRES_URL === undefined) {
    const dataDir = join(tmp('place'), 'index');
    return { args: ['--data-dir', dataDir], where: { dataDir } };
  }
  const name = `waypoint_index_backup_${process.pid}_${databases.length}`;
  await admin(`create database ${name}`);
  databases.push(name);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { args: ['--url', url.toString()], where: { url: url.toString() } };
}

/** The command as a process; `refusal` is the last line of stderr (progress lines come before it). */
function run(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.WAYPOINT_INDEX_DATABASE_URL;
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  return { ...r, refusal: `${r.stderr.trimEnd().split('\n').at(-1) ?? ''}\n` };
}

/** Nothing written: the directory was never made, or the database has no table. */
async function expectNothingWritten(where: { dataDir: string } | { url: string }): Promise<void> {
  if ('dataDir' in where) {
    expect(existsSync(where.dataDir)).toBe(false);
    return;
  }
  const c = new pg.Client({ connectionString: where.url });
  await c.connect();
  const r = await c.query<{ n: number }>(
    "select count(*)::int as n from pg_tables where schemaname = 'public'",
  );
  await c.end();
  expect(r.rows[0]?.n).toBe(0);
}

const leeds = publisher('la-leeds', 'Leeds City Council', 'local_authority', 'E08000035');
const police = publisher('police-wy', 'West Yorkshire Police', 'police');

let source: Awaited<ReturnType<typeof place>>;
let before: Record<string, string>;
let secret: { clientId: string; clientSecret: string };
let backup: string;
let keys: string;

beforeAll(async () => {
  source = await place();
  const { openIndex } = await import('../src/open.ts');
  const index = await openIndex({ ...source.where, poolSize: 2 });
  await index.client.publish(publication(leeds, 'inv-1', maya));
  await index.client.publish(publication(police, 'inv-2', { ...maya, given_name: 'Mya' }));
  await index.client.lookup({
    encoding: publication(leeds, 'q', maya).encoding,
    caller: caller('school-qb', 'Quarry Bank Primary'),
    reason: 'welfare_concern',
    reasonText: null,
  });
  secret = await addClient(index.database.db, { name: 'Fictional LA system', organisations: ['la-leeds'] });
  before = await tableDigests(index.database.db, ['index_migrations']);
  await index.close();
  const out = tmp('files');
  backup = join(out, 'index.backup');
  keys = join(out, 'index.keys');
  const b = run(['backup', ...source.args, '--out', backup, '--keys-out', keys]);
  expect(b.stderr).toContain('index: ');
  expect(b.stdout).toMatch(/^Backup written: .*index\.backup\n {2}[\d,]+ rows in \d+ tables, migration \d+/);
  expect(b.status).toBe(0);
});

afterAll(async () => {
  for (const name of databases) await admin(`drop database if exists ${name} with (force)`);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe(`waypoint-index backup and restore (${engineName})`, () => {
  it('encrypts the backup: a header naming the key in the clear, no row readable, the data key only in the key file', () => {
    const bytes = readFileSync(backup);
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as Record<
      string,
      unknown
    >;
    const keyFile = JSON.parse(readFileSync(keys, 'utf8')) as {
      dataKey: { fingerprint: string; material: string };
    };
    expect(header).toMatchObject({
      format: 'waypoint-backup',
      version: 2,
      kind: 'waypoint-index',
      cipher: 'aes-256-gcm',
    });
    expect(header.keyFingerprint).toBe(keyFile.dataKey.fingerprint);
    for (const clear of [
      'la-leeds',
      'Leeds City Council',
      'inv-1',
      'Fictional LA system',
      keyFile.dataKey.material,
    ])
      expect(bytes.includes(clear)).toBe(false);
  });

  it('restores into an empty index the same rows, and the API client still signs in', async () => {
    const target = await place();
    const r = run(['restore', ...target.args, '--in', backup, '--keys', keys]);
    expect(r.stdout).toMatch(/^Restored [\d,]+ rows into the involvement index \((pglite|postgres)\) from /);
    expect(r.status).toBe(0);
    const db = await openIndexDatabase(target.where, 1);
    expect(await tableDigests(db.db, ['index_migrations'])).toEqual(before);
    expect(await issueToken(db.db, secret.clientId, secret.clientSecret)).not.toBeNull();
    await db.close();
    // Into a non-empty index: refused; with --force, replaced.
    const again = run(['restore', ...target.args, '--in', backup, '--keys', keys]);
    expect(again.refusal).toMatch(
      /^waypoint-index: the involvement index is not empty \(.*\): restore into an empty one, or use --force/,
    );
    expect(again.status).toBe(1);
    const forced = run(['restore', ...target.args, '--in', backup, '--keys', keys, '--force']);
    expect(forced.status).toBe(0);
    const after = await openIndexDatabase(target.where, 1);
    expect(await tableDigests(after.db, ['index_migrations'])).toEqual(before);
    await after.close();
  }, 600_000);

  it('without the key file, or with another backup’s, is refused with one line, and nothing is written', async () => {
    const target = await place();
    const none = run(['restore', ...target.args, '--in', backup]);
    expect(none.stderr).toBe(
      'waypoint-index: a restore needs --keys KEYFILE, the key file written with the backup (waypoint-index backup --keys-out): nothing was restored.\n',
    );
    expect(none.status).toBe(1);
    const out = tmp('other');
    const second = run([
      'backup',
      ...source.args,
      '--out',
      join(out, 'b'),
      '--keys-out',
      join(out, 'b.keys'),
    ]);
    expect(second.status).toBe(0);
    const other = run(['restore', ...target.args, '--in', backup, '--keys', join(out, 'b.keys')]);
    expect(other.refusal).toMatch(
      /^waypoint-index: the key file .*b\.keys is another backup's \(.*\); this backup \(.*\) needs the key file with data key [0-9a-f]{32}: nothing was restored\.\n$/,
    );
    expect(other.status).toBe(1);
    await expectNothingWritten(target.where);
  });

  it('of a backup with a flipped byte, cut short, or of another kind, is refused, and nothing is written', async () => {
    const target = await place();
    const dir = tmp('corrupt');
    const bytes = readFileSync(backup);
    const headerEnd = bytes.indexOf(0x0a);
    // In the header, a part's header, the ciphertext's middle, and the last tag.
    for (const at of [headerEnd - 5, headerEnd + 2, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] ?? 0) ^ 0x01;
      writeFileSync(join(dir, 'damaged'), damaged);
      const r = run(['restore', ...target.args, '--in', join(dir, 'damaged'), '--keys', keys]);
      expect(r.refusal, `byte ${at}`).toMatch(
        /^waypoint-index: (the backup .*damaged is corrupt \(.*\)|the key file .* is another backup's .*|.*damaged is not a Waypoint backup): nothing was restored/,
      );
      expect(r.status).toBe(1);
    }
    writeFileSync(join(dir, 'cut'), bytes.subarray(0, bytes.length - 100));
    const cut = run(['restore', ...target.args, '--in', join(dir, 'cut'), '--keys', keys]);
    expect(cut.refusal).toMatch(
      /^waypoint-index: the backup .*cut is corrupt \(it is cut short \(truncated\)\): nothing was restored/,
    );
    // A Waypoint installation's backup (here its header alone) is not restored as an index.
    const header = JSON.parse(bytes.subarray(0, headerEnd).toString('utf8')) as Record<string, unknown>;
    writeFileSync(
      join(dir, 'app'),
      `${JSON.stringify({ ...header, kind: 'waypoint', backupId: randomUUID() })}\n`,
    );
    const app = run(['restore', ...target.args, '--in', join(dir, 'app'), '--keys', keys]);
    expect(app.refusal).toMatch(
      /is a backup of a Waypoint installation: restore it with waypoint restore; nothing was restored\.\n$/,
    );
    await expectNothingWritten(target.where);
  });
});
