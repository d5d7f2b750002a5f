/**
 * A council that sets DATABASE_URL and forgets NODE_ENV=production: `waypoint serve` runs as
 * production and seeds no demo accounts (their password is published); asking for the demo in
 * production stops with a message.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.location.databaseUrl, PORT: '0' };
  delete env.NODE_ENV;
  delete env.WAYPOINT_SEED_ON_START;
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

describe('waypoint serve with DATABASE_URL and no NODE_ENV', () => {
  it('is production: no demo authority, no demo accounts, no table of passwords', async () => {
    const proc = spawn(process.execPath, [bin, 'serve'], {
      env: envWith({}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((resolve) => proc.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/running at http/.test(out)) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      void exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`exited ${String(code)}: ${out}`));
      });
    });
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).not.toMatch(/Demo accounts/);
    const demo = await database.db.selectFrom('users').select('id').where('is_demo', '=', true).execute();
    expect(demo).toEqual([]);
    const las = await database.db.selectFrom('local_authorities').select('la_code').execute();
    expect(las.map((l) => l.la_code)).not.toContain('990');
  });

  it('refuses WAYPOINT_SEED_ON_START=demo, naming the variable and what to set', () => {
    const r = spawnSync(process.execPath, [bin, 'serve'], {
      env: envWith({ WAYPOINT_SEED_ON_START: 'demo' }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /WAYPOINT_SEED_ON_START may not be demo in production.*Set NODE_ENV=development/,
    );
  });
});
