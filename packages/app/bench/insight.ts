/**
 * `npm run bench:insight`: seeds a fictional LA (20,000 children by default) through the domain
 * model, adds fictional "What got in the way?" reports and feedback answers in bulk, starts
 * `waypoint serve` on it and measures the principal social worker's pages (the reports by page
 * and theme, families' feedback, is help working?, the burden of recording, with form openings
 * added in bulk) and a team manager's (families' feedback, is help working?): server time (the
 * `Server-Timing: app;dur` header) and client latency, p50 and p95, at 1 and 20 concurrent users,
 * on PGlite and PostgreSQL. Aim: p95 ≤ 200 ms.
 * Options: --children N (20000), --engines pglite,postgres, --postgres URL (the bench creates and
 * drops its own database), --duration S per run (10), --users 1,20, --reports N (2000), --answers N (5000),
 * --openings N (50000), --port N (4318, the server's), --only A,B (only the pages whose path
 * contains one of them, e.g. /account,/insight/reports for the baseline and the two report pages),
 * --keep NAME: keep the seeded data, and use it as it is when it is already there (seeding 20,000
 * children takes minutes, so measure before and after a change on the same data): on PostgreSQL
 * the database NAME, with its data directory (its keys, the index) `.bench/NAME/postgres-data`; on
 * PGlite the directory `.bench/NAME/pglite`, made the first time as a copy of the PostgreSQL
 * database NAME (seeded first when it is not there yet): `waypoint backup` of it, then `waypoint
 * restore` into the directory, a few minutes where seeding PGlite's one connection takes half an
 * hour; `--pglite-from seed` seeds the PGlite directory instead.
 * --think-ms N (2000): 20 users are measured twice, with no pause between requests (saturated)
 * and pausing N ms on average between pages (0 skips the paced run).
 * Before the pages, it times working each kind of figures out once (what the job queue does every
 * 10 minutes and after a change, insight/summaries.ts). Each line ends with the machine's load
 * average (1 minute) when the run ended: the machine may be shared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { Random } from '@waypoint/random';
import { progressLine } from '../src/cli/seed.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import type { Schema } from '../src/db/schema.ts';
import { inTenant } from '../src/db/tenant.ts';
import { refreshSummary, summaryKinds } from '../src/insight/summaries.ts';
import '../src/insight/summary-kinds.ts';
import { generateFictionalLas } from '../src/seed/generate/index.ts';
import { sessionCookie } from '../test/support/factories.ts';
import { startServer } from './support/server.ts';

const { values } = parseArgs({
  options: {
    children: { type: 'string', default: '20000' },
    engines: { type: 'string', default: 'pglite,postgres' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    duration: { type: 'string', default: '10' },
    users: { type: 'string', default: '1,20' },
    reports: { type: 'string', default: '2000' },
    answers: { type: 'string', default: '5000' },
    openings: { type: 'string', default: '50000' },
    keep: { type: 'string' },
    'think-ms': { type: 'string', default: '2000' },
    port: { type: 'string', default: '4318' },
    'pglite-from': { type: 'string', default: 'postgres' },
    only: { type: 'string', default: '' },
  },
});
if (values['pglite-from'] !== 'postgres' && values['pglite-from'] !== 'seed')
  throw new Error('--pglite-from must be postgres (a copy of the kept PostgreSQL database) or seed');
const THINK = Number(values['think-ms']);
const rng = Random.of('bench:insight', 'think');
/** A person's pause before their next page: exponential with mean THINK ms. */
const thinkTime = () => -Math.log(1 - rng.next()) * THINK;
const log = (s: string) => process.stderr.write(`${s}\n`);
const port = Number(values.port);
const load1 = () => `load ${loadavg()[0]!.toFixed(1)}`;
const bin = fileURLToPath(new URL('../bin/waypoint.js', import.meta.url));
const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function load(base: string, users: number, ms: number, path: string, cookie: string, paced = false) {
  const client: number[] = [];
  const server: number[] = [];
  let errors = 0;
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
          await res.arrayBuffer();
          client.push(performance.now() - t0);
          const dur = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1];
          if (dur !== undefined) server.push(Number(dur));
          if (res.status !== 200) errors++;
        } catch {
          client.push(performance.now() - t0);
          errors++;
        }
        if (paced) await new Promise((r) => setTimeout(r, thinkTime()));
      }
    }),
  );
  return {
    requests: client.length,
    errors,
    clientP50: percentile(client, 50),
    clientP95: percentile(client, 95),
    serverP95: percentile(server, 95),
  };
}

const SEEDED = 'seeded by bench:insight';

/** Where --keep NAME keeps each engine's data. */
function keptAt(keep: string) {
  const root = resolve('.bench', keep);
  return { postgresDataDir: join(root, 'postgres-data'), pgliteDir: join(root, 'pglite'), root };
}

/** The PostgreSQL database `name` (created when absent): its URL and whether the bench seeded it. */
async function postgresDatabase(name: string): Promise<{ databaseUrl: string; seeded: boolean }> {
  const c = new pg.Client({ connectionString: values.postgres });
  await c.connect();
  const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(values.postgres);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  if (exists.rowCount === 0) return { databaseUrl, seeded: false };
  const d = new pg.Client({ connectionString: databaseUrl });
  await d.connect();
  // Marked seeded by a comment on the database, which `waypoint backup` does not carry (a table
  // would be refused by the restore); a database kept before marked by a table is marked anew.
  if ((await d.query(`select 1 from pg_tables where tablename = 'bench_insight_seeded'`)).rowCount !== 0) {
    await d.query(`comment on database ${name} is '${SEEDED}'`);
    await d.query('drop table bench_insight_seeded');
  }
  const comment = await d.query<{ c: string | null }>(
    `select shobj_description(oid, 'pg_database') as c from pg_database where datname = $1`,
    [name],
  );
  await d.end();
  return { databaseUrl, seeded: comment.rows[0]?.c === SEEDED };
}

/** Migrates and seeds a database the bench keeps (or throws away), marking it seeded. */
async function seedInto(
  engine: 'pglite' | 'postgres',
  at: { databaseUrl: string | undefined; dataDir: string },
  mark: (db: Kysely<Schema>) => Promise<void>,
) {
  const database = await openDatabase(at);
  try {
    await migrate(database.db);
    await seed(engine, database.db, Number(values.children));
    await mark(database.db);
    // Autovacuum may be off (it is on the shared bench machine): the planner needs the counts.
    await sql`vacuum analyze`.execute(database.db);
  } finally {
    await database.close();
  }
}

const markPostgres = async (db: Kysely<Schema>) => {
  const { rows } = await sql<{ d: string }>`select current_database() as d`.execute(db);
  await sql.raw(`comment on database ${rows[0]!.d} is '${SEEDED}'`).execute(db);
};

/** Runs a `waypoint` command as its own process with `env`; throws with its output when it fails. */
function waypoint(args: string[], env: Record<string, string>) {
  const full: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  if (env.DATABASE_URL === undefined) delete full.DATABASE_URL;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { env: full, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`waypoint ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  log(`  waypoint ${args[0] ?? ''}: ${((performance.now() - t0) / 1000).toFixed(0)} s; ${r.stdout.trim()}`);
}

/**
 * The kept PostgreSQL database copied into an empty PGlite directory: `waypoint backup` of it (with
 * its data directory's keys) and `waypoint restore` into the directory, as an LA moving would.
 */
async function copyPostgresIntoPglite(keep: string, pgliteDir: string) {
  const kept = keptAt(keep);
  const { databaseUrl, seeded } = await postgresDatabase(keep);
  if (!seeded) await seedInto('postgres', { databaseUrl, dataDir: kept.postgresDataDir }, markPostgres);
  log(`[pglite] copying the PostgreSQL database ${keep} into ${pgliteDir} (waypoint backup, then restore)…`);
  const file = join(kept.root, 'postgres.backup');
  waypoint(['backup', '--out', file, '--keys-out', `${file}.keys`], {
    DATABASE_URL: databaseUrl,
    WAYPOINT_DATA_DIR: kept.postgresDataDir,
  });
  rmSync(pgliteDir, { recursive: true, force: true });
  mkdirSync(pgliteDir, { recursive: true });
  waypoint(['restore', '--in', file, '--keys', `${file}.keys`], { WAYPOINT_DATA_DIR: pgliteDir });
  rmSync(file, { force: true });
  rmSync(`${file}.keys`, { force: true });
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const keep = values.keep;
  if (keep !== undefined && !/^[a-z][a-z0-9_]{0,40}$/.test(keep))
    throw new Error('--keep must be a lower-case name (letters, digits, underscores)');
  const dbName = keep ?? `waypoint_bench_insight_${process.pid}`;
  let dataDir: string;
  let databaseUrl: string | undefined;
  if (engine === 'pglite') {
    if (keep === undefined) {
      dataDir = mkdtempSync(join(tmpdir(), 'waypoint-bench-insight-'));
      await seedInto('pglite', { databaseUrl: undefined, dataDir }, async () => undefined);
    } else {
      dataDir = keptAt(keep).pgliteDir;
      const marker = `${dataDir}.seeded`;
      if (existsSync(marker)) log(`[pglite] using the data kept in ${dataDir}`);
      else {
        if (values['pglite-from'] === 'postgres') await copyPostgresIntoPglite(keep, dataDir);
        else {
          rmSync(dataDir, { recursive: true, force: true });
          mkdirSync(dataDir, { recursive: true });
          await seedInto('pglite', { databaseUrl: undefined, dataDir }, async () => undefined);
        }
        writeFileSync(marker, `${values.children}\n`);
      }
    }
  } else {
    dataDir =
      keep === undefined
        ? mkdtempSync(join(tmpdir(), 'waypoint-bench-insight-'))
        : keptAt(keep).postgresDataDir;
    mkdirSync(dataDir, { recursive: true });
    const found = await postgresDatabase(dbName);
    databaseUrl = found.databaseUrl;
    if (found.seeded) log(`[postgres] using the data kept as ${dbName}`);
    else await seedInto('postgres', { databaseUrl, dataDir }, markPostgres);
  }
  const rows: string[] = [];
  try {
    const database = await openDatabase({ databaseUrl, dataDir });
    await migrate(database.db);
    await sql`analyze`.execute(database.db);
    const db = database.db;
    const la = '990';
    for (const kind of summaryKinds) {
      const t0 = performance.now();
      await inTenant(db, la, (tx) => refreshSummary(tx, la, kind, 'la'));
      const line =
        `${engine.padEnd(8)} working out the ${kind} figures once (the job's work)`.padEnd(84) +
        `${(performance.now() - t0).toFixed(0)} ms  ${load1()}`;
      log(line);
      rows.push(line);
    }
    const user = (email: string) =>
      db
        .selectFrom('users')
        .select(['id', 'email', 'la_code as laCode', 'organisation_id as organisationId'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
    const psw = await sessionCookie(db, await user('principal.social.worker@demo.waypoint.example'));
    const manager = await sessionCookie(db, await user('team.manager@demo.waypoint.example'));
    await database.close();
    await measure(engine, databaseUrl, dataDir, psw, manager, rows);
  } finally {
    if (keep !== undefined) log(`[${engine}] kept as ${engine === 'pglite' ? dataDir : dbName}`);
    else {
      rmSync(dataDir, { recursive: true, force: true });
      if (engine === 'postgres') {
        const c = new pg.Client({ connectionString: values.postgres });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await c.end();
      }
    }
  }
  return rows;
}

/** Seeds the fictional LA and adds reports, answers and form openings in bulk. */
async function seed(engine: 'pglite' | 'postgres', db: Kysely<Schema>, children: number) {
  log(`\n[${engine}] seeding ${children.toLocaleString('en-GB')} children…`);
  await generateFictionalLas(db, {
    children,
    seed: 1,
    concurrency: engine === 'postgres' ? 4 : 1,
    onProgress: (p) => log(`[${engine}] ${progressLine(p)}`),
  });
  log(`[${engine}] adding ${values.reports} reports and ${values.answers} feedback answers…`);
  const words = [
    'visit form timed out',
    'printer broken',
    'search missed a family',
    'chronology slow to print',
    'plan review page confusing',
    'too many clicks to record a note',
  ];
  await sql`insert into friction_reports (la_code, reporter_user_id, page, body, created_at)
      select '990', (select id from users where la_code = '990' order by id limit 1 offset (g % least(20, (select count(*) from users where la_code = '990')))),
        (array['/caseload','/search','/children/:id','/children/:id/record/visit'])[1 + g % 4],
        (${sql.val(words)}::text[])[1 + g % ${words.length}] || ' (' || g || ')',
        now() - (g % 365) * interval '1 day'
      from generate_series(1, ${Number(values.reports)}) g`.execute(db);
  await sql`with kids as (select id, row_number() over (order by id) as n from people where la_code = '990' and kind = 'child' limit 5000),
      sender as (select id from users where la_code = '990' order by id limit 1),
      req as (
        insert into feedback_requests (la_code, child_id, respondent_person_id, respondent, form, channel, code_hash, expires_at, used_at, team_id, sent_by, created_at)
        select '990', k.id, k.id, 'child', 'standard', 'print', md5(g::text) || md5((g + 1)::text), now(), now() - (g % 365) * interval '1 day',
          (select team_id from allocations a where a.person_id = k.id and a.ended_at is null limit 1), (select id from sender), now() - (g % 365) * interval '1 day'
        from generate_series(1, ${Number(values.answers)}) g join kids k on k.n = 1 + g % (select count(*) from kids)
        returning id, child_id, team_id, used_at)
      insert into feedback_responses (la_code, request_id, child_id, team_id, respondent, form, understand_worries, listened_to, plan_helping, answered_at)
      select '990', id, child_id, team_id, 'child', 'standard', (random() * 4)::int, (random() * 4)::int, (random() * 4)::int, used_at from req`.execute(
    db,
  );
  log(`[${engine}] adding ${values.openings} recording form openings…`);
  await sql`insert into form_openings (id, la_code, user_id, task, field_names, inputs_required, opened_at, saved_at, seconds_to_save, timed_in, inputs_filled)
      select gen_random_uuid(), '990', (select id from users where la_code = '990' order by id limit 1 offset (g % least(40, (select count(*) from users where la_code = '990')))),
        (array['/children/:id/record/visit','/children/:id/visits/new','/children/:id/record/assessment','/children/:id/notes/:id/edit','/people/new'])[1 + g % 5],
        array['date','seen','summary'], 3, now() - (g % 365) * interval '1 day',
        case when g % 9 = 0 then null else now() - (g % 365) * interval '1 day' end,
        case when g % 9 = 0 then null else 30 + (g * 37) % 1200 end,
        case when g % 9 = 0 then null when g % 4 = 0 then 'server' else 'browser' end,
        case when g % 9 = 0 then null else 2 + g % 2 end
      from generate_series(1, ${Number(values.openings)}) g`.execute(db);
}

/**
 * The runs for each page: each number of users with no pause between requests (each user's next
 * request leaves the moment the last one answers, so 20 users keep 20 requests in flight: this
 * measures the machine saturated), and, for more than one user and --think-ms above 0, the same
 * users pausing between pages as people do (exponential, mean --think-ms).
 */
function runsOf(list: string): [number, boolean][] {
  const runs: [number, boolean][] = [];
  for (const users of list.split(',').map(Number)) {
    runs.push([users, false]);
    if (users > 1 && THINK > 0) runs.push([users, true]);
  }
  return runs;
}

/** Starts `waypoint serve` on the data and loads each page at each number of users. */
async function measure(
  engine: 'pglite' | 'postgres',
  databaseUrl: string | undefined,
  dataDir: string,
  psw: string,
  manager: string,
  rows: string[],
) {
  const server = await startServer(
    {
      ...(databaseUrl !== undefined ? { DATABASE_URL: databaseUrl } : {}),
      WAYPOINT_DATA_DIR: dataDir,
      WAYPOINT_SEED_ON_START: 'none',
      SESSION_IDLE_MINUTES: '600',
    },
    port,
  );
  try {
    const scenarios: [string, string, string][] = [
      ['baseline: a signed-in page without figures (GET /account)', '/account', psw],
      ['PSW: what got in the way (GET /insight/reports)', '/insight/reports', psw],
      ['PSW: a theme’s reports (GET /insight/reports/group)', '/insight/reports/group?theme=0', psw],
      ['PSW: families’ feedback (GET /insight/feedback)', '/insight/feedback', psw],
      ['manager: families’ feedback (GET /insight/feedback)', '/insight/feedback', manager],
      ['PSW: is help working? (GET /insight/help)', '/insight/help', psw],
      ['manager: is help working? (GET /insight/help)', '/insight/help', manager],
      ['PSW: burden of recording (GET /insight/recording)', '/insight/recording', psw],
      ['manager: own recording (GET /insight/recording/mine)', '/insight/recording/mine', manager],
    ];
    for (const [name, path, cookie] of scenarios.filter(([, p]) =>
      values.only.split(',').some((o) => p.includes(o)),
    ))
      for (const [users, paced] of runsOf(values.users)) {
        await load(server.baseUrl, 1, 1500, path, cookie);
        const r = await load(server.baseUrl, users, Number(values.duration) * 1000, path, cookie, paced);
        const how = paced ? `paced ${(THINK / 1000).toFixed(1)} s` : users > 1 ? 'no pause' : '';
        const line = `${engine.padEnd(8)} ${name.padEnd(58)} users ${String(users).padStart(2)} ${how.padEnd(11)} n=${String(r.requests).padStart(5)} err=${r.errors}  client p50 ${r.clientP50.toFixed(0)} ms  p95 ${r.clientP95.toFixed(0)} ms  server p95 ${r.serverP95.toFixed(0)} ms  ${load1()}`;
        log(line);
        rows.push(line);
      }
  } finally {
    await server.stop();
  }
}

const all: string[] = [];
for (const engine of values.engines.split(',') as ('pglite' | 'postgres')[])
  all.push(...(await benchEngine(engine)));
process.stdout.write(
  `\nbench:insight (${Number(values.children).toLocaleString('en-GB')} children, ${values.reports} reports, ${values.answers} answers, ${values.openings} form openings; aim p95 ≤ 200 ms)\n${all.join('\n')}\n`,
);
