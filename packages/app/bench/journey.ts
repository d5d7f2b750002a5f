/**
 * `npm run bench:journey`: seeds a fictional LA of 20,000 children (with one child of ~1,000
 * timeline events) through the domain model, starts `waypoint serve` on it, and measures server
 * time (the `Server-Timing: app;dur` header) and client-observed latency, p50 and p95, for:
 * the journey page of the long child, search by a mistyped or partial name (page and API), and
 * recording a visit through the API, each at 1 and 50 concurrent users, on PGlite and PostgreSQL.
 * Prints a table and writes .bench/journey.json. The aim (issue 4): p95 under 100 ms for the
 * journey page and search at 50 users.
 * Options: --children N (20000), --engines pglite,postgres, --postgres URL
 * (postgres://postgres@127.0.0.1:5432; the bench creates and drops its own database),
 * --duration S per run (10), --users 1,50, --seed N (1), --think MS (2000): beyond 1 user, each
 * count is run twice: back to back (every user always has a request in flight) and as working
 * users who pause between requests (exponential, mean MS; runs of at least 30 s).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { progressLine } from '../src/cli/seed.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { generateFictionalLas, LONG_CHILD_ID } from '../src/seed/generate/index.ts';
import { bearer, sessionCookie } from '../test/support/factories.ts';
import { startServer } from './support/server.ts';

const { values } = parseArgs({
  options: {
    children: { type: 'string', default: '20000' },
    engines: { type: 'string', default: 'pglite,postgres' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    duration: { type: 'string', default: '10' },
    users: { type: 'string', default: '1,50' },
    seed: { type: 'string', default: '1' },
    // Mean pause (ms) between one user's requests, for the "working users" runs; 0 for none.
    think: { type: 'string', default: '2000' },
  },
});
const think = Number(values.think);
const children = Number(values.children);
const duration = Number(values.duration) * 1000;
const userCounts = values.users.split(',').map(Number);
const log = (s: string) => process.stderr.write(`${s}\n`);
const port = 4317;

interface Run {
  engine: string;
  scenario: string;
  users: number;
  /** Mean pause between a user's requests (0: back to back). */
  thinkMs: number;
  requests: number;
  errors: number;
  server: { p50: number; p95: number; mean: number };
  client: { p50: number; p95: number; mean: number };
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const stats = (xs: number[]) => ({
  p50: percentile(xs, 50),
  p95: percentile(xs, 95),
  mean: xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length),
});

type Request = () => { path: string; init: RequestInit };

/** `users` loops sending requests for `ms`, recording client latency and the server's own timing. */
async function load(base: string, users: number, ms: number, next: Request, thinkMs = 0) {
  const client: number[] = [];
  const server: number[] = [];
  let errors = 0;
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (performance.now() < until) {
        // Working users pause between requests (exponential, mean thinkMs), starting out of step.
        if (thinkMs > 0) await new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * thinkMs));
        if (performance.now() >= until) break;
        const { path, init } = next();
        const t0 = performance.now();
        let res: Response;
        try {
          res = await fetch(`${base}${path}`, {
            ...init,
            redirect: 'manual',
            signal: AbortSignal.timeout(60_000),
          });
          await res.arrayBuffer();
        } catch {
          // A request that fails or takes over a minute counts as an error, at its time so far.
          client.push(performance.now() - t0);
          errors++;
          continue;
        }
        client.push(performance.now() - t0);
        const dur = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1];
        if (dur !== undefined) server.push(Number(dur));
        if (res.status >= 300) errors++;
      }
    }),
  );
  return { requests: client.length, errors, client: stats(client), server: stats(server) };
}

/** Mistyped and partial names of generated children: a dropped letter, or the start of the surname. */
function searchNames(names: { given_name: string; family_name: string }[]): string[] {
  return names.map((n, i) => {
    const f = n.family_name;
    if (i % 3 === 0) return f.slice(0, Math.max(3, Math.ceil(f.length / 2)));
    const at = Math.max(1, Math.floor(f.length / 2));
    return `${n.given_name} ${f.slice(0, at)}${f.slice(at + 1)}`;
  });
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<Run[]> {
  let dataDir = '';
  let databaseUrl: string | undefined;
  const admin = new URL(values.postgres);
  const dbName = `waypoint_bench_journey_${process.pid}`;
  if (engine === 'pglite') dataDir = mkdtempSync(join(tmpdir(), 'waypoint-bench-journey-'));
  else {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
    const u = new URL(values.postgres);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  try {
    log(`\n[${engine}] seeding ${children.toLocaleString('en-GB')} children…`);
    const database = await openDatabase({ databaseUrl, dataDir });
    await migrate(database.db);
    const started = performance.now();
    await generateFictionalLas(database.db, {
      children,
      seed: Number(values.seed),
      longChild: true,
      concurrency: engine === 'postgres' ? 4 : 1,
      onProgress: (p) => log(`[${engine}] ${progressLine(p)}`),
    });
    const seedSeconds = (performance.now() - started) / 1000;
    const db = database.db;
    const sw = await db
      .selectFrom('users')
      .select(['id', 'email', 'la_code as laCode', 'organisation_id as organisationId'])
      .where('email', '=', 'social.worker@demo.waypoint.example')
      .executeTakeFirstOrThrow();
    const cookie = await sessionCookie(db, sw);
    const token = await bearer(db, sw);
    const caseload = await db
      .selectFrom('allocations')
      .innerJoin('people', 'people.id', 'allocations.person_id')
      .select('people.id')
      .where('allocations.worker_user_id', '=', sw.id)
      .where('allocations.ended_at', 'is', null)
      .where('people.kind', '=', 'child')
      .execute();
    const names = searchNames(
      await db
        .selectFrom('people')
        .select(['given_name', 'family_name'])
        .where('la_code', '=', '990')
        .where('kind', '=', 'child')
        .orderBy('id')
        .limit(60)
        .execute(),
    );
    const events = await db
      .selectFrom('journey_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', LONG_CHILD_ID)
      .executeTakeFirstOrThrow();
    await database.close();
    log(
      `[${engine}] seeded in ${seedSeconds.toFixed(0)} s; long child has ${events.n} timeline events; caseload ${caseload.length}`,
    );

    const server = await startServer(
      {
        ...(databaseUrl !== undefined ? { DATABASE_URL: databaseUrl } : { WAYPOINT_DATA_DIR: dataDir }),
        WAYPOINT_SEED_ON_START: 'none',
        SESSION_IDLE_MINUTES: '600',
      },
      port,
    );
    let k = 0;
    const today = new Date().toISOString().slice(0, 10);
    const scenarios: [string, Request][] = [
      [
        'journey page, 1,000 events (GET /children/{id})',
        () => ({ path: `/children/${LONG_CHILD_ID}`, init: { headers: { cookie } } }),
      ],
      [
        'search page, typo or partial (GET /search?name=)',
        () => ({
          path: `/search?name=${encodeURIComponent(names[k++ % names.length]!)}`,
          init: { headers: { cookie } },
        }),
      ],
      [
        'search API (GET /api/v1/children?name=)',
        () => ({
          path: `/api/v1/children?name=${encodeURIComponent(names[k++ % names.length]!)}`,
          init: { headers: { authorization: token } },
        }),
      ],
      [
        'record a visit (POST /api/v1/children/{id}/visits)',
        () => ({
          path: `/api/v1/children/${caseload[k++ % caseload.length]!.id}/visits`,
          init: {
            method: 'POST',
            headers: { authorization: token, 'content-type': 'application/json' },
            body: JSON.stringify({
              date: today,
              seen: 'seen-alone',
              summary: 'Benchmark visit: saw the child at home.',
              minutesWithChild: 30,
            }),
          },
        }),
      ],
    ];
    const runs: Run[] = [];
    try {
      for (const [scenario, next] of scenarios)
        for (const users of userCounts) {
          log(`[${engine}] ${scenario} at ${users} user(s)…`);
          await load(server.baseUrl, users, Math.min(2000, duration), next); // warm-up
          runs.push({
            engine,
            scenario,
            users,
            thinkMs: 0,
            ...(await load(server.baseUrl, users, duration, next)),
          });
          if (users > 1 && think > 0) {
            log(`[${engine}] ${scenario} at ${users} working user(s), pausing ${think} ms on average…`);
            const long = Math.max(duration, 30_000);
            runs.push({
              engine,
              scenario,
              users,
              thinkMs: think,
              ...(await load(server.baseUrl, users, long, next, think)),
            });
          }
        }
    } finally {
      await server.stop();
    }
    return runs.map((r) => ({ ...r, seedSeconds }));
  } finally {
    if (engine === 'pglite') rmSync(dataDir, { recursive: true, force: true });
    else {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    }
  }
}

const all: Run[] = [];
for (const engine of values.engines.split(',') as ('pglite' | 'postgres')[])
  all.push(...(await benchEngine(engine)));

const ms = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(1));
console.log(
  `\nbench:journey — ${new Date().toISOString()}, Node ${process.version}, ${children.toLocaleString('en-GB')} children, ${values.duration}s a run`,
);
console.log(
  '\n| engine | request | users | pause | requests | server p50 ms | server p95 ms | client p50 ms | client p95 ms | errors |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
);
for (const r of all)
  console.log(
    `| ${r.engine} | ${r.scenario} | ${r.users} | ${r.thinkMs === 0 ? 'none (back to back)' : `${r.thinkMs} ms mean`} | ${r.requests} | ${ms(r.server.p50)} | ${ms(r.server.p95)} | ${ms(r.client.p50)} | ${ms(r.client.p95)} | ${r.errors} |`,
  );
// Judged on what a user waits for: with PGlite the queries run on the server's one thread, so a
// request queued behind others is waiting before the server's clock (Server-Timing) starts.
// Two readings of "50 concurrent users": 50 working users (each pausing between requests, as
// people do) and 50 requests always in flight (a stress test: latency is then 50 / throughput).
const aim = (thinking: boolean) => {
  const aimed = all.filter(
    (r) => r.users >= 50 && !r.scenario.startsWith('record') && r.thinkMs > 0 === thinking,
  );
  const missed = aimed.filter((r) => r.client.p95 >= 100);
  return aimed.length === 0
    ? 'not run'
    : missed.length === 0
      ? 'met'
      : `missed by ${missed.map((r) => `${r.engine} ${r.scenario.split(' (')[0]} (client p95 ${ms(r.client.p95)} ms, server p95 ${ms(r.server.p95)} ms)`).join(', ')}`;
};
console.log(`\nAim: p95 under 100 ms for the journey page and search at 50 users.`);
console.log(`  50 working users (mean pause ${think} ms): ${aim(true)}.`);
console.log(`  50 requests always in flight: ${aim(false)}.`);
console.log(
  'Measured by: npm run bench:journey' +
    (process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''),
);
mkdirSync('.bench', { recursive: true });
writeFileSync(
  '.bench/journey.json',
  JSON.stringify({ at: new Date().toISOString(), children, runs: all }, null, 2),
);
