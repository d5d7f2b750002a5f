/** `waypoint serve` and `waypoint migrate` on PostgreSQL (DATABASE_URL), as a real process. */
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

describe('waypoint on PostgreSQL', () => {
  it('migrates, serves /health with database "postgres", and stops on SIGTERM', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: database.location.databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'warn',
      WAYPOINT_SEED_ON_START: 'none',
    };
    const m = spawnSync(process.execPath, [bin, 'migrate'], { env, encoding: 'utf8' });
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/Database is up to date \(PostgreSQL at 127\.0\.0\.1/);
    expect(m.stdout).not.toMatch(/postgres:\/\//); // never prints the connection string

    const proc = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /running at (http:\/\/\S+)/.exec(out);
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 50);
      proc.on('exit', (code) => {
        reject(new Error(`exited ${code}: ${out}`));
      });
    });
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok', database: 'postgres' });
    const exited = new Promise((resolve) => proc.on('exit', resolve));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
