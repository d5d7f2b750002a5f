/** `waypoint seed` as a real process on an embedded data directory: seeds, summarises, and leaves a seeded LA alone. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/waypoint.js', import.meta.url));
let dir: string;

function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WAYPOINT_DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [bin, 'seed', ...args], { env, encoding: 'utf8' });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'waypoint-seed-cli-'));
  cpSync(inject('templateDataDir'), dir, { recursive: true });
});

describe('waypoint seed', () => {
  it('generates the borough and its neighbour, with progress, a summary and a corpus', () => {
    const corpus = join(dir, 'corpus.jsonl');
    const res = run('--children', '40', '--seed', '7', '--today', '2026-11-01', '--corpus', corpus);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/LA 990: 40 \/ 40 children/);
    expect(res.stderr).toMatch(/LA 990: \d+ children, \d+ unborn, \d+ adults/);
    expect(res.stderr).toMatch(/LA 991: \d+ children/);
    expect(existsSync(corpus)).toBe(true);
    const first = JSON.parse(readFileSync(corpus, 'utf8').split('\n')[0]!) as {
      text: string;
      gold: unknown[];
    };
    expect(first.text.length).toBeGreaterThan(0);
  });

  it('enqueues the CP-IS derivation of each LA it generated, for the next worker to run at once', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WAYPOINT_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    };
    delete env.DATABASE_URL;
    const res = spawnSync(process.execPath, [bin, 'jobs', 'list', '--json'], { env, encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    const jobs = JSON.parse(res.stdout) as {
      name: string;
      laCode?: string;
      la_code?: string;
      state: string;
    }[];
    const rederive = jobs.filter((j) => j.name === 'cpis.rederive' && j.state === 'queued');
    expect(rederive.map((j) => j.laCode).sort()).toEqual(['990', '991']);
  });

  it('leaves an LA generated before as it is', () => {
    const res = run('--children', '40', '--seed', '7', '--today', '2026-11-01', '--quiet');
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).toContain('LA 990: generated before; left as it is');
  });

  it('refuses bad options with exit code 2', () => {
    expect(run('--children', 'lots').status).toBe(2);
    expect(run('--today', '1 May').status).toBe(2);
  });
});
