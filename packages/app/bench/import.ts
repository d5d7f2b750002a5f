/**
 * `npm run bench:import [-- --children N]`: a fictional LA's history brought into an empty
 * Waypoint LA, on each engine. The CIN census XML and the SSDA903 CSV folder are generated once
 * (the returns package's generator and builders, as the import round-trip test does:
 * generateInput → censusFromInput → writeCinXml; build903 → ssda903Csv), then each engine runs in
 * its own process (so its peak memory is its own) through `waypoint import cin` and `import 903`'s
 * code: readCinFile, planCinImport, writeCinImport (each child one transaction through the
 * journey's steps and the audit), then read903Dir, plan903Import, write903Import, as a performance
 * officer of an empty LA 823 (a real code, fictional data). Prints, per engine, each phase's time, the children and episodes
 * written, and the process's peak RSS and peak JS heap; then the machine's load average.
 *
 * Options: --children N (default 20000), --seed N (1), --engines pglite,postgres (default both
 * when --postgres or DATABASE_URL is given, else pglite), --postgres URL (its database is dropped
 * and made again for the run), --profile (each statement's count and time, per phase, printed to
 * stderr: where the write's statements go per child).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  build903,
  censusFromInput,
  generateInput,
  ssda903Csv,
  SSDA903_TABLES,
  writeCinXml,
  type Ssda903Table,
} from '@waypoint/returns';

const { values } = parseArgs({
  options: {
    children: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    engines: { type: 'string' },
    postgres: { type: 'string' },
    // Internal: one engine's run in its own process.
    run: { type: 'string' },
    files: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
// A real LA code (as the import tests use): the UPN check refuses UPNs whose first digits are not an LA's.
const LA = '823';
const YEAR = '2025-26';
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface RunResult {
  engine: string;
  phases: { name: string; ms: number }[];
  cin: { created: number; added: number; skipped: number; refused: number };
  ssda903: { created: number; added: number; skipped: number; refused: number };
  rows: { people: number; cin_episodes: number; care_episodes: number; audit_events: number };
  peakRssBytes: number;
  peakHeapBytes: number;
  /** The plan's counts, and the commonest refusal reasons with how many children each. */
  plan: Record<string, number>;
  refusals: [string, number][];
  /** What the imports took as the files record them, by kind, with how many times each. */
  findings: [string, number][];
}

const MONTHS = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/g;

/** The commonest refusal reasons (or, with `findings`, the findings), per kind: numbers, dates and months out. */
function commonest(
  children: readonly { outcome: string; reasons: string[]; findings?: string[] }[],
  findings = false,
): [string, number][] {
  const by = new Map<string, number>();
  for (const c of children)
    if (findings || c.outcome === 'refused' || c.outcome === 'refuse')
      for (const r of findings ? (c.findings ?? []) : c.reasons) {
        const kind = r
          .replace(/\d[\d-]*/g, '#')
          .replace(MONTHS, 'M')
          .slice(0, 160);
        by.set(kind, (by.get(kind) ?? 0) + 1);
      }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, 8);
}

async function runEngine(
  engine: 'pglite' | 'postgres',
  files: string,
  url: string | undefined,
): Promise<void> {
  // Loaded here: the parent process only generates files.
  const { openDatabase } = await import('../src/db/database.ts');
  const { migrate } = await import('../src/db/migrate.ts');
  const { loadActor } = await import('../src/auth/load-actor.ts');
  const { readCinFile } = await import('../src/data-import/cin-file.ts');
  const { planCinImport } = await import('../src/data-import/plan-cin.ts');
  const { writeCinImport } = await import('../src/data-import/write-cin.ts');
  const { plan903Import, read903Dir, write903Import } = await import('../src/data-import/import-903.ts');
  const { buildLocalAuthority, buildUser } = await import('../test/support/factories.ts');
  const { sql } = await import('kysely');

  let peakHeap = 0;
  const sample = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 250);
  const phases: RunResult['phases'] = [];
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    phases.push({ name, ms: performance.now() - t0 });
    log(`[${engine}] ${name}: ${secs(performance.now() - t0)}`);
    return out;
  };

  // --profile: every statement the pool's clients run, timed from send to result, by its SQL text.
  const statements = new Map<string, { n: number; ms: number }>();
  if (values.profile) {
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const query = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      const q = args[0];
      const text = typeof q === 'string' ? q : String((q as { text?: unknown } | null)?.text);
      const out = query.apply(this, args);
      const done = () => {
        const s = statements.get(text) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += performance.now() - t0;
        statements.set(text, s);
      };
      if (out instanceof Promise) void out.then(done, done);
      return out;
    };
  }
  const profileOf = (name: string, children: number) => {
    if (!values.profile) return;
    const all = [...statements].sort((a, b) => b[1].ms - a[1].ms);
    const n = all.reduce((t, [, s]) => t + s.n, 0);
    const ms = all.reduce((t, [, s]) => t + s.ms, 0);
    log(
      `[${engine}] profile of ${name}: ${n.toLocaleString('en-GB')} statements (${(n / Math.max(children, 1)).toFixed(1)} per child), ${secs(ms)} in the database`,
    );
    for (const [text, s] of all.slice(0, 30))
      log(
        `  ${String(s.n).padStart(7)} × ${(s.ms / s.n).toFixed(2).padStart(7)} ms = ${secs(s.ms).padStart(8)}  ${text.replace(/\s+/g, ' ').slice(0, 220)}`,
      );
    statements.clear();
  };

  let dataDir = '';
  if (engine === 'postgres') {
    const target = new URL(url ?? '');
    const admin = new URL(target);
    admin.pathname = '/postgres';
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    const name = target.pathname.slice(1);
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
    await c.end();
  } else dataDir = mkdtempSync(join(tmpdir(), 'waypoint-bench-import-'));
  const database = await openDatabase({
    databaseUrl: engine === 'postgres' ? url : undefined,
    dataDir,
    fromTemplate: true,
  });
  const db = database.db;
  try {
    await timed('migrate', () => migrate(db));
    const la = await buildLocalAuthority(db, LA, 'Fictional Borough');
    const officer = await buildUser(db, la, ['performance_officer']);
    const actor = await loadActor(db, officer.id, { via: 'cli', actingLaCode: LA });
    if (actor === null) throw new Error('no actor');
    statements.clear();

    const { census } = await timed('CIN census: read and check against the schema', () =>
      readCinFile(join(files, 'cin.xml')),
    );
    const total = census.children.length;
    const cinPlan = await timed('CIN census: plan (duplicate check per child)', () =>
      planCinImport(db, actor, census, (n) => {
        if (n % 1000 === 0)
          log(`[${engine}] checked ${n.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`);
      }),
    );
    const cin = await timed('CIN census: write (one transaction per child)', () =>
      writeCinImport(db, actor, census, cinPlan, YEAR, (n) => {
        if (n % 500 === 0 || n === total)
          log(
            `[${engine}] imported ${n.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} children`,
          );
      }),
    );
    profileOf('the CIN census (plan and write)', total);
    const children903 = await timed('SSDA903: read', async () => read903Dir(join(files, '903')));
    const plan903 = await timed('SSDA903: plan', () => plan903Import(db, actor, children903));
    const total903 = children903.length;
    const ssda903 = await timed('SSDA903: write', () =>
      write903Import(db, actor, children903, plan903, (n) => {
        if (n % 250 === 0 || n === total903)
          log(
            `[${engine}] 903: ${n.toLocaleString('en-GB')} of ${total903.toLocaleString('en-GB')} children`,
          );
      }),
    );
    profileOf('the 903 (plan and write)', total903);
    const counts = await sql<RunResult['rows']>`
      select (select count(*)::int from people where la_code = ${LA}) as people,
        (select count(*)::int from cin_episodes where la_code = ${LA}) as cin_episodes,
        (select count(*)::int from care_episodes where la_code = ${LA}) as care_episodes,
        (select count(*)::int from audit_events where la_code = ${LA}) as audit_events`.execute(db);
    clearInterval(sample);
    const result: RunResult = {
      engine,
      phases,
      cin: cin.counts,
      ssda903: ssda903.counts,
      rows: counts.rows[0] ?? { people: 0, cin_episodes: 0, care_episodes: 0, audit_events: 0 },
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      peakHeapBytes: Math.max(peakHeap, process.memoryUsage().heapUsed),
      plan: cinPlan.counts,
      refusals: [...commonest(cinPlan.children), ...commonest(cin.children), ...commonest(ssda903.children)],
      findings: [...commonest(cin.children, true), ...commonest(ssda903.children, true)],
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    clearInterval(sample);
    await database.close();
    if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
  }
}

if (values.run === 'pglite' || values.run === 'postgres') {
  await runEngine(values.run, values.files ?? '', values.postgres);
} else {
  const children = Number(values.children);
  if (!Number.isInteger(children) || children < 1 || children > 200_000)
    throw new Error('--children must be a whole number from 1 to 200,000');
  const url = values.postgres ?? process.env.DATABASE_URL;
  const engines = (values.engines ?? (url === undefined ? 'pglite' : 'pglite,postgres')).split(',');
  if (engines.includes('postgres') && url === undefined)
    throw new Error('postgres needs --postgres URL or DATABASE_URL');
  const files = mkdtempSync(join(tmpdir(), 'waypoint-bench-import-files-'));
  try {
    log(`generating a fictional LA of ${children.toLocaleString('en-GB')} children (seed ${values.seed})…`);
    const t0 = performance.now();
    const input = generateInput({ children, seed: Number(values.seed), year: YEAR, laCode: LA });
    writeFileSync(
      join(files, 'cin.xml'),
      writeCinXml(censusFromInput(input, YEAR, '2026-04-01T09:00:00'), YEAR),
    );
    const tables = build903(input, YEAR);
    mkdirSync(join(files, '903'));
    for (const table of Object.keys(SSDA903_TABLES) as Ssda903Table[])
      writeFileSync(
        join(files, '903', `${table.toLowerCase()}.csv`),
        ssda903Csv(table, tables[table] as never),
      );
    const looked = input.children.filter((c) => (c.lookedAfter ?? []).length > 0).length;
    log(
      `files written in ${secs(performance.now() - t0)}: ${children} children in the census, ${looked} looked after in the 903`,
    );

    const results: RunResult[] = [];
    const self = fileURLToPath(import.meta.url);
    for (const engine of engines) {
      log(`\n${engine}: importing into an empty LA ${LA}…`);
      const args = ['--import', 'tsx', self, '--run', engine, '--files', files];
      if (values.profile) args.push('--profile');
      if (engine === 'postgres' && url !== undefined) args.push('--postgres', url);
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (r.status !== 0) throw new Error(`${engine} run failed (exit ${r.status})`);
      results.push(JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as RunResult);
    }
    const out: string[] = [
      '',
      `bench:import: ${children.toLocaleString('en-GB')} children (${looked} looked after), seed ${values.seed}`,
    ];
    for (const r of results) {
      const totalMs = r.phases.reduce((n, p) => n + p.ms, 0);
      out.push(
        `\n${r.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}: total ${secs(totalMs)} (${(totalMs / 60000).toFixed(1)} min), peak RSS ${mb(r.peakRssBytes)}, peak JS heap ${mb(r.peakHeapBytes)}`,
        ...r.phases.map((p) => `  ${p.name.padEnd(50)} ${secs(p.ms).padStart(9)}`),
        `  CIN: ${r.cin.created} created, ${r.cin.added} added to, ${r.cin.skipped} skipped, ${r.cin.refused} refused; 903: ${r.ssda903.added} added to, ${r.ssda903.refused} refused`,
        `  CIN plan: ${Object.entries(r.plan)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`,
        ...r.refusals.map(([why, n]) => `  refused (${n}): ${why}`),
        ...r.findings.map(([what, n]) => `  finding (${n}): ${what}`),
        `  rows: ${r.rows.people} people, ${r.rows.cin_episodes} CIN episodes, ${r.rows.care_episodes} care episodes, ${r.rows.audit_events} audit events`,
      );
    }
    const [l1, l5, l15] = loadavg();
    out.push(
      `\nload average ${l1?.toFixed(2)} ${l5?.toFixed(2)} ${l15?.toFixed(2)} on ${cpus().length} cores`,
    );
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}
