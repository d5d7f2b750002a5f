/**
 * `npm run bench:start`: time from process start to the first successful /health on a fresh and on
 * an existing PGlite data directory, then requests per second for /health and for a rendered page.
 * Options: --duration SECONDS (default 10), --connections N (default 10), --runs N (default 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startServer } from './support/server.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
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
const fresh: number[] = [];
const existing: number[] = [];
let dir = '';
for (let i = 0; i < runs; i++) {
  dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-start-'));
  log(`run ${i + 1}/${runs}: fresh data directory…`);
  const a = await startServer({ WAYPOINT_DATA_DIR: dir }, port);
  fresh.push(a.msToHealthy);
  await a.stop();
  log(`run ${i + 1}/${runs}: existing data directory…`);
  const b = await startServer({ WAYPOINT_DATA_DIR: dir }, port);
  existing.push(b.msToHealthy);
  await b.stop();
  if (i < runs - 1) rmSync(dir, { recursive: true, force: true });
}

const server = await startServer({ WAYPOINT_DATA_DIR: dir }, port);
async function load(path: string): Promise<autocannon.Result> {
  log(`load: ${path} for ${duration}s with ${connections} connections…`);
  return autocannon({ url: `${server.baseUrl}${path}`, connections, duration });
}
const health = await load('/health');
const page = await load('/');
await server.stop();
rmSync(dir, { recursive: true, force: true });

const row = (name: string, r: autocannon.Result) =>
  `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`;
console.log(`\nbench:start — ${new Date().toISOString()}, Node ${process.version}, PGlite, ${runs} runs`);
console.log(
  '\n| start-up to first healthy /health | median ms | min ms | max ms |\n| --- | --- | --- | --- |',
);
console.log(
  `| fresh data directory (initdb + migrations) | ${median(fresh).toFixed(0)} | ${Math.min(...fresh).toFixed(0)} | ${Math.max(...fresh).toFixed(0)} |`,
);
console.log(
  `| existing data directory | ${median(existing).toFixed(0)} | ${Math.min(...existing).toFixed(0)} | ${Math.max(...existing).toFixed(0)} |`,
);
console.log(
  `\n| throughput (${connections} connections, ${duration}s) | requests/s | p50 ms | p99 ms | non-2xx |\n| --- | --- | --- | --- | --- |`,
);
console.log(row('GET /health (queries the database)', health));
console.log(row('GET / (rendered page)', page));
console.log('\nMeasured by: npm run bench:start');
