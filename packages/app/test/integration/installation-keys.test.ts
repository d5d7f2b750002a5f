/**
 * The keys kept outside the database (backup/installation-keys.ts): the linkage key's fingerprint
 * is recorded when it is first made, and a start whose linkage key is missing or different is
 * refused with one line instead of silently making a new secret (the defect: the index's encodings
 * never matched again). The same for the settings key once sealed credentials exist. The CLI case
 * runs the real `waypoint serve`.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkInstallationKeys,
  checkedLinkageSecret,
  checkSettingsKey,
  keyFingerprint,
  KeyMismatchError,
} from '../../src/backup/installation-keys.ts';
import { linkageKeyPath } from '../../src/involvement/linkage-secret.ts';
import { keyFilePath, seal } from '../../src/la-settings/credentials.ts';
import { buildLocalAuthority } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));
const dirs: string[] = [];
const keysDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'waypoint-keys-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const cfg = (dataDir: string) => ({ dataDir, linkageSecret: undefined, secretsKey: undefined });

describe('the linkage key', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('is made once and its fingerprint recorded; the same key is accepted again', async () => {
    const dir = keysDir();
    const first = await checkedLinkageSecret(database.db, cfg(dir));
    expect(existsSync(linkageKeyPath(dir))).toBe(true);
    const row = await database.db.selectFrom('installation_keys').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'linkage', fingerprint: keyFingerprint('linkage', first) });
    // The fingerprint never is the key.
    expect(row.fingerprint).not.toContain(Buffer.from(first).toString('utf8').trim().slice(0, 16));
    expect(await checkedLinkageSecret(database.db, cfg(dir))).toEqual(first);
  });

  it('missing: the start is refused, naming the file, and no new key is made', async () => {
    const dir = keysDir();
    await database.db.deleteFrom('installation_keys').execute();
    await checkedLinkageSecret(database.db, cfg(dir));
    unlinkSync(linkageKeyPath(dir));
    const refused = checkInstallationKeys(database.db, cfg(dir));
    await expect(refused).rejects.toBeInstanceOf(KeyMismatchError);
    await expect(refused).rejects.toThrow(
      new RegExp(
        `the linkage key ${linkageKeyPath(dir)} is missing, but this database's encodings were made with a linkage key`,
      ),
    );
    expect(existsSync(linkageKeyPath(dir))).toBe(false);
  });

  it('different (another file, or WAYPOINT_LINKAGE_SECRET): refused with both fingerprints', async () => {
    const dir = keysDir();
    await database.db.deleteFrom('installation_keys').execute();
    const secret = await checkedLinkageSecret(database.db, cfg(dir));
    writeFileSync(linkageKeyPath(dir), randomBytes(32).toString('hex') + '\n');
    await expect(checkedLinkageSecret(database.db, cfg(dir))).rejects.toThrow(
      `(fingerprint ${keyFingerprint('linkage', secret)})`,
    );
    await expect(
      checkedLinkageSecret(database.db, { ...cfg(dir), linkageSecret: 'a different secret altogether' }),
    ).rejects.toThrow(
      /the linkage key in WAYPOINT_LINKAGE_SECRET \(fingerprint [0-9a-f]{32}\) is not the one/,
    );
  });

  it('an installation from before the fingerprint that published encodings and lost its key is refused', async () => {
    const dir = keysDir();
    await database.db.deleteFrom('installation_keys').execute();
    const la = await buildLocalAuthority(database.db, '871');
    await database.db
      .insertInto('jobs')
      .values({ la_code: la.laCode, name: 'involvement.publish', state: 'done', payload: '{}' })
      .execute();
    await expect(checkedLinkageSecret(database.db, cfg(dir))).rejects.toThrow(
      /is missing, but this database has published encodings to the involvement index/,
    );
    expect(existsSync(linkageKeyPath(dir))).toBe(false);
    await database.db.deleteFrom('jobs').execute();
  });
});

describe('the settings key', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await buildLocalAuthority(database.db, '872');
  });
  afterAll(async () => database.close());

  it('without sealed credentials nothing is needed; with them the key must be there and open them', async () => {
    const dir = keysDir();
    await checkSettingsKey(database.db, cfg(dir));
    expect(existsSync(keyFilePath(dir))).toBe(false);

    const key = randomBytes(32);
    await database.db
      .insertInto('la_credentials')
      .values({
        la_code: '872',
        name: 'notify_api_key',
        sealed: seal(key, '872:notify_api_key', 'fictional-key'),
      })
      .execute();
    await expect(checkSettingsKey(database.db, cfg(dir))).rejects.toThrow(
      new RegExp(
        `the settings key ${keyFilePath(dir)} is missing, but this database holds credentials sealed with one`,
      ),
    );
    expect(existsSync(keyFilePath(dir))).toBe(false);

    const wrong = randomBytes(32).toString('hex');
    await expect(checkSettingsKey(database.db, { ...cfg(dir), secretsKey: wrong })).rejects.toThrow(
      /the settings key in WAYPOINT_SECRETS_KEY \(fingerprint [0-9a-f]{32}\) is not the one this database's credentials were sealed with/,
    );

    await checkSettingsKey(database.db, { ...cfg(dir), secretsKey: key.toString('hex') });
    const row = await database.db
      .selectFrom('installation_keys')
      .select('fingerprint')
      .where('name', '=', 'settings')
      .executeTakeFirstOrThrow();
    expect(row.fingerprint).toBe(keyFingerprint('settings', key));
  });
});

describe('waypoint serve', () => {
  it('refuses to start when the linkage key recorded in the database is missing (exit 1, one line)', async () => {
    const database = await createTestDatabase();
    const keys = keysDir();
    const dataDir = database.location.databaseUrl === undefined ? database.location.dataDir : keys;
    await checkedLinkageSecret(database.db, cfg(dataDir));
    const before = readFileSync(linkageKeyPath(dataDir));
    unlinkSync(linkageKeyPath(dataDir));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      WAYPOINT_SEED_ON_START: 'none',
      PORT: '0',
      WAYPOINT_DATA_DIR: dataDir,
    };
    delete env.WAYPOINT_LINKAGE_SECRET;
    if (database.location.databaseUrl === undefined) {
      delete env.DATABASE_URL;
      await database.release();
    } else env.DATABASE_URL = database.location.databaseUrl;
    const r = spawnSync(process.execPath, [bin, 'serve'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr.trim()).toMatch(
      /^waypoint: the linkage key .*linkage\.key is missing, but this database's encodings were made with a linkage key \(fingerprint [0-9a-f]{32}\): restore it from the backup's key file .* Waypoint has not started\.$/,
    );
    expect(r.stdout).not.toContain('Waypoint is running');
    expect(r.status).toBe(1);
    expect(existsSync(linkageKeyPath(dataDir))).toBe(false);
    // With the key put back, the check passes.
    writeFileSync(linkageKeyPath(dataDir), before);
    const reopened = await (async () => {
      if (database.location.databaseUrl !== undefined) return database;
      const { openDatabase } = await import('../../src/db/database.ts');
      return openDatabase({ databaseUrl: undefined, dataDir });
    })();
    expect(Buffer.from(await checkInstallationKeys(reopened.db, cfg(dataDir)))).toEqual(before);
    await reopened.close();
    if (reopened !== database) rmSync(dataDir, { recursive: true, force: true });
  });
});
