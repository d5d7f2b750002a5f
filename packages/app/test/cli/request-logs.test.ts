/**
 * Request logs as a person starting Waypoint sees them: in development the one line per request
 * is at debug (so the first start's demo accounts table is not buried), static files are never
 * logged, and warnings still are. A real `waypoint serve` process on an embedded data directory.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));

/** Serves, makes the requests, stops, and returns everything the process printed. */
async function logsOf(extra: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-logs-'));
  if (process.env.DATABASE_URL === undefined) cpSync(inject('templateDataDir'), dir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WAYPOINT_DATA_DIR: dir,
    PORT: '0',
    WAYPOINT_SEED_ON_START: 'none',
    NODE_ENV: 'development',
  };
  delete env.DATABASE_URL;
  delete env.LOG_LEVEL;
  Object.assign(env, extra);
  const proc = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${String(code)}: ${out}`));
    });
  });
  expect((await fetch(`${url}/sign-in?name=Secret`)).status).toBe(200);
  expect((await fetch(`${url}/static/app/application.css`)).status).toBe(200);
  // A form post without its CSRF token: refused, with a warning in the log.
  const refused = await fetch(`${url}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=a%40example.test&password=x',
  });
  expect(refused.status).toBe(403);
  proc.kill('SIGTERM');
  expect(await exited).toBe(0);
  return out;
}

const lines = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string; req?: { path: string } });

describe('request logs', () => {
  it('in development at the default level: no request lines, the warning kept', async () => {
    const logs = lines(await logsOf({}));
    expect(logs.filter((l) => l.msg === 'request completed' || l.msg === 'incoming request')).toEqual([]);
    expect(logs.some((l) => l.msg === 'CSRF check failed' && l.level === 40)).toBe(true);
  });

  it('at LOG_LEVEL=debug: one line per request at debug, none for static files, no query strings', async () => {
    const out = await logsOf({ LOG_LEVEL: 'debug' });
    const requests = lines(out).filter((l) => l.msg === 'request completed');
    expect(requests.map((l) => l.req?.path)).toEqual(['/sign-in', '/sign-in']);
    expect(requests.every((l) => l.level === 20)).toBe(true);
    expect(out).not.toContain('application.css');
    expect(out).not.toContain('Secret');
  });

  it('in production: the request lines at info', async () => {
    const requests = lines(await logsOf({ NODE_ENV: 'production' })).filter(
      (l) => l.msg === 'request completed',
    );
    expect(requests.map((l) => [l.req?.path, l.level])).toEqual([
      ['/sign-in', 30],
      ['/sign-in', 30],
    ]);
  });
});
