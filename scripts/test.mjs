#!/usr/bin/env node
// `npm test`: every test layer, totalled into one closing line "N passed, N failed".
//
// 1. Vitest: unit and integration tests of every package (integration on PGlite, or on
//    PostgreSQL when DATABASE_URL is set).
// 2. When TEST_POSTGRES_URL is set (CI sets it): the app's integration tests again, on a
//    fresh PostgreSQL database created for this run, and the involvement index's tests.
// 3. Playwright in Debian's Chromium with axe, when /usr/bin/chromium exists; otherwise
//    it says how to install it and runs the rest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const out = mkdtempSync(join(tmpdir(), 'waypoint-test-'));
const runs = [];

function run(name, cmd, args, env, countFile, count) {
  console.log(`\n=== ${name} ===`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  let passed = 0;
  let failed = 0;
  if (existsSync(countFile)) {
    ({ passed, failed } = count(JSON.parse(readFileSync(countFile, 'utf8'))));
  }
  // A runner that crashed before reporting counts as one failure, never as a pass.
  if (res.status !== 0 && failed === 0) failed = 1;
  runs.push({ name, passed, failed });
}

const vitestCount = (j) => ({
  passed: j.numPassedTests ?? 0,
  failed: (j.numFailedTests ?? 0) + (j.numRuntimeErrorTests ?? 0),
});
function vitest(name, extraArgs, env) {
  const file = join(out, `${name.replace(/\W+/g, '-')}.json`);
  run(
    name,
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...extraArgs],
    env,
    file,
    vitestCount,
  );
}

vitest('unit and integration (' + (process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite') + ')', [], {});

if (process.env.TEST_POSTGRES_URL) {
  const base = new URL(process.env.TEST_POSTGRES_URL);
  const db = `waypoint_test_${Date.now()}_${process.pid}`;
  const create = spawnSync(
    'psql',
    [base.toString(), '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${db}`],
    { stdio: 'inherit' },
  );
  if (create.status !== 0) {
    runs.push({ name: 'integration (PostgreSQL)', passed: 0, failed: 1 });
    console.error(`Could not create database ${db} on ${base.host}`);
  } else {
    const url = new URL(base);
    url.pathname = `/${db}`;
    vitest(
      'integration (PostgreSQL)',
      ['--project', 'app', 'packages/app/test/integration', 'packages/app/test/postgres'],
      {
        DATABASE_URL: url.toString(),
      },
    );
    spawnSync('psql', [base.toString(), '-qc', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`], {
      stdio: 'inherit',
    });
  }
  // The involvement index's tests on PostgreSQL: each file creates (and drops) its own database.
  vitest('involvement index (PostgreSQL)', ['--project', 'index'], {
    INDEX_TEST_POSTGRES_URL: process.env.TEST_POSTGRES_URL,
  });
}

if (existsSync(chromium)) {
  const file = join(out, 'playwright.json');
  run(
    'browser (Chromium + axe)',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_FILE: file, CHROMIUM_PATH: chromium },
    file,
    (j) => ({
      passed: (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0),
      failed: j.stats?.unexpected ?? 0,
    }),
  );
} else {
  console.log(`\n=== browser tests skipped: no Chromium at ${chromium} ===`);
  console.log("Install Debian's Chromium to run them: sudo apt-get install -y chromium");
}

console.log('\nSummary:');
for (const r of runs) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
