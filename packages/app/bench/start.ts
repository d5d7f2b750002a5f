/**
 * `npm run bench:start`: how long Waypoint takes to start, as a new user meets it.
 * - first start with the demo (development, fresh data directory): to the first page, to
 *   /health/ready (the demo borough generated in the background), and the server's CPU seconds;
 * - restart on that data (development, demo already there): to the first page;
 * - production (no demo) on a fresh and on an existing data directory: to the first page;
 * - each command's `--help` (best of 5): waypoint, waypoint-link, waypoint-redact, waypoint-returns,
 *   waypoint-pprl, waypoint-index;
 * - requests per second for /health and for the home page.
 * Also prints the load average, since the machine may be shared.
 * Options: --duration SECONDS (default 5), --connections N (default 10), --runs N (default 3).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startServer } from './support/server.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const runs = Number(values.runs);
const port = 4311;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const log = (s: string) => process.stderr.write(`${s}\n`);
const loadAtStart = loadavg();

const dev = { NODE_ENV: 'development', WAYPOINT_SEED_ON_START: 'demo' };
const prod = { NODE_ENV: 'production' };
const firstPage: number[] = [];
const ready: number[] = [];
const cpu: number[] = [];
const restart: number[] = [];
const prodFresh: number[] = [];
const prodExisting: number[] = [];
let dir = '';
for (let i = 0; i < runs; i++) {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-start-'));
  log(`run ${i + 1}/${runs}: first start with the demo…`);
  const a = await startServer({ ...dev, WAYPOINT_DATA_DIR: dir }, port);
  firstPage.push(a.msToFirstPage);
  ready.push(await a.waitReady());
  cpu.push(a.cpuSeconds());
  await a.stop();
  log(`run ${i + 1}/${runs}: restart on that data…`);
  const b = await startServer({ ...dev, WAYPOINT_DATA_DIR: dir }, port);
  restart.push(b.msToFirstPage);
  await b.stop();
  const pdir = mkdtempSync(join(tmpdir(), 'waypoint-bench-start-prod-'));
  log(`run ${i + 1}/${runs}: production, fresh and existing…`);
  const c = await startServer({ ...prod, WAYPOINT_DATA_DIR: pdir }, port);
  prodFresh.push(c.msToFirstPage);
  await c.stop();
  const d = await startServer({ ...prod, WAYPOINT_DATA_DIR: pdir }, port);
  prodExisting.push(d.msToFirstPage);
  await d.stop();
  rmSync(pdir, { recursive: true, force: true });
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const commands = [
  ['waypoint', 'packages/app/bin/waypoint.js'],
  ['waypoint-link', 'packages/linkage/bin/waypoint-link.js'],
  ['waypoint-redact', 'packages/redaction/bin/waypoint-redact.js'],
  ['waypoint-returns', 'packages/returns/bin/waypoint-returns.js'],
  ['waypoint-pprl', 'packages/pprl/bin/waypoint-pprl.js'],
  ['waypoint-index', 'packages/index/bin/waypoint-index.js'],
] as const;
const commandMs = commands.map(([name, bin]) => {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(root, bin), '--help'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name} --help exited ${r.status}: ${r.stderr}`);
    if (i > 0) times.push(performance.now() - t); // the first may (re)build
  }
  return { name, best: Math.min(...times), median: median(times) };
});

const server = await startServer({ ...dev, WAYPOINT_DATA_DIR: dir }, port);
async function load(path: string): Promise<autocannon.Result> {
  log(`load: ${path} for ${duration}s with ${connections} connections…`);
  return autocannon({ url: `${server.baseUrl}${path}`, connections, duration });
}
const health = await load('/health');
const page = await load('/');
await server.stop();
rmSync(dir, { recursive: true, force: true });

const fmt = (xs: number[]) =>
  `${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)}`;
const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(
  `\nbench:start — ${new Date().toISOString()}, Node ${process.version}, PGlite, ${cpus().length} CPUs, ${runs} runs`,
);
console.log(`load average at start ${la(loadAtStart)}, at end ${la(loadavg())} (1, 5, 15 min)`);
console.log(
  '\n| start-up (ms from spawning `waypoint serve`) | median | min | max | aim |\n| --- | --- | --- | --- | --- |',
);
console.log(`| first start with the demo: first page | ${fmt(firstPage)} | ≤ 20000 |`);
console.log(`| first start with the demo: /health/ready (demo generated) | ${fmt(ready)} | |`);
console.log(`| restart on existing data (development, demo there): first page | ${fmt(restart)} | ≤ 3000 |`);
console.log(`| production, fresh data directory: first page | ${fmt(prodFresh)} | |`);
console.log(`| production, existing data directory: first page | ${fmt(prodExisting)} | |`);
console.log(
  `\nCPU seconds of the first start until ready: median ${median(cpu).toFixed(1)} (min ${Math.min(...cpu).toFixed(1)}, max ${Math.max(...cpu).toFixed(1)})`,
);
console.log('\n| command `--help` (ms, 5 runs) | best | median | aim |\n| --- | --- | --- | --- |');
for (const c of commandMs)
  console.log(`| ${c.name} | ${c.best.toFixed(0)} | ${c.median.toFixed(0)} | ≤ 500 |`);
const row = (name: string, r: autocannon.Result) =>
  `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`;
console.log(
  `\n| throughput (${connections} connections, ${duration}s) | requests/s | p50 ms | p99 ms | non-2xx |\n| --- | --- | --- | --- | --- |`,
);
console.log(row('GET /health (queries the database)', health));
console.log(row('GET / (rendered page)', page));
console.log('\nMeasured by: npm run bench:start');
