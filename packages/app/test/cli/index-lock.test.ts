/**
 * `waypoint jobs run` beside `waypoint serve` with the involvement index in-process: both would
 * open the index's one PGlite directory (<data dir>/index), which corrupts it. While another
 * process holds it (here this test process, as `serve` does), `jobs run` refuses with one line
 * naming the directory, the owner and WAYPOINT_INDEX_URL, and exits 1; once it is free the same
 * command runs. On PGlite and, with DATABASE_URL, on PostgreSQL (where the app's own database
 * allows a second process, so only the index's lock stands between them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openIndex } from '@waypoint/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));
let database: TestDatabase;
let dataDir: string;
let ownDir: string | null = null;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.release();
  if (database.location.databaseUrl === undefined) dataDir = database.location.dataDir;
  else dataDir = ownDir = mkdtempSync(join(tmpdir(), 'waypoint-index-lock-'));
});
afterAll(async () => {
  await database.close();
  if (ownDir !== null) rmSync(ownDir, { recursive: true, force: true });
});

function jobsRunOnce() {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', WAYPOINT_DATA_DIR: dataDir };
  delete env.WAYPOINT_INDEX_URL;
  if (database.location.databaseUrl === undefined) delete env.DATABASE_URL;
  else env.DATABASE_URL = database.location.databaseUrl;
  return spawnSync(process.execPath, [bin, 'jobs', 'run', '--once'], { env, encoding: 'utf8' });
}

describe('waypoint jobs run and the in-process index', () => {
  it('refuses while another process holds the index’s directory, then runs once it is free', async () => {
    const held = await openIndex({ dataDir: join(dataDir, 'index') });
    let refused;
    try {
      refused = jobsRunOnce();
    } finally {
      await held.close();
    }
    expect(refused.status, refused.stderr).toBe(1);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`waypoint: The involvement index's directory ${join(dataDir, 'index')}`);
    expect(lines[0]).toContain(`in use by another process (pid ${process.pid})`);
    expect(lines[0]).toContain('WAYPOINT_INDEX_URL');
    expect(refused.stdout).not.toContain('Ran ');

    const ran = jobsRunOnce();
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^Ran \d+ jobs?\.$/m);
  });
});
