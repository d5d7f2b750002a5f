/**
 * The `waypoint` command as a person runs it: a real process on an embedded data directory.
 * A second process on the same directory is refused with a clear message; SIGTERM and SIGINT
 * stop the server cleanly, releasing the directory, and the data is intact on the next start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));

/** A migrated PGlite directory (a copy of the template; empty, so created on start, when the run is on PostgreSQL). */
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'waypoint-cli-'));
  if (process.env.DATABASE_URL === undefined) cpSync(inject('templateDataDir'), dir, { recursive: true });
  return dir;
}

function env(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    WAYPOINT_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    WAYPOINT_SEED_ON_START: 'none',
    ...extra,
  };
  delete e.DATABASE_URL;
  return e;
}

async function startServer(
  dataDir: string,
): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const proc = spawn(process.execPath, [bin, 'serve'], {
    env: env(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    proc.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
  return { proc, url, output: () => out };
}

function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    proc.on('exit', (code) => {
      resolve(code);
    }),
  );
}

describe('waypoint serve on PGlite', () => {
  it('refuses a second process on the same data directory, then stops cleanly on SIGTERM', async () => {
    const dir = freshDataDir();
    const server = await startServer(dir);
    expect(server.output()).toContain(`PGlite (embedded) in ${dir}`);
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });

    const second = spawnSync(process.execPath, [bin, 'migrate'], { env: env(dir), encoding: 'utf8' });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/already in use by another Waypoint process \(pid \d+\)/);
    expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

    const exited = exitOf(server.proc);
    server.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('stopped cleanly');
    expect(existsSync(join(dir, 'waypoint.lock'))).toBe(false);

    // The directory opens again, intact.
    const again = spawnSync(process.execPath, [bin, 'migrate'], { env: env(dir), encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Database is up to date');
  });

  it('stops cleanly on SIGINT (Ctrl+C)', async () => {
    const server = await startServer(freshDataDir());
    const exited = exitOf(server.proc);
    server.proc.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = freshDataDir();
    spawnSync('sh', ['-c', `echo 999999 > ${join(dir, 'waypoint.lock')}`]);
    const r = spawnSync(process.execPath, [bin, 'migrate'], { env: env(dir), encoding: 'utf8' });
    expect(r.status).toBe(0);
  });
});

describe('waypoint configuration errors', () => {
  it('stop the app with a message naming the variable', () => {
    const r = spawnSync(process.execPath, [bin, 'serve'], {
      env: env(freshDataDir(), { PORT: 'eighty' }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT must be a whole number');
    expect(r.stderr).toContain('(got "eighty")');
  });
});
