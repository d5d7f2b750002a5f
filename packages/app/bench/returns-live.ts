/**
 * `npm run bench:returns-live`: the statutory returns built from the database on the seeded
 * fictional LA (990, 20,000 children by default), on PGlite and PostgreSQL: time and peak memory to
 * read the LA (one audited read as the demo performance officer), build and validate the CIN census
 * (DfE rules and the XSD), the SSDA903 return (903 rules) and Annex A; and the point-of-recording
 * check on one child (its rows, the adapter, the census and 903 rules) for many children, p50/p95.
 * And the DfE daily feed: the LA read and its first push planned (every child new: each record
 * built and validated alone, then every request of ≤ 100 validated with Ajv), then a day's changes
 * (--dfe-changes per cent of the children changed in the model, one in a thousand gone) against that
 * pushed state: time, peak memory, children and requests. Nothing is written or sent.
 * Aims (issue 18): each return under 60 s; the per-step check p95 ≤ 20 ms.
 * Options: --engines pglite,postgres; --pglite-dir DIR (.bench/returns-live-pglite; seeded when
 * empty); --postgres URL (postgres://postgres@127.0.0.1:5432/waypoint_bench_returns; created and
 * seeded when absent); --children N (20000); --seed N (7); --checks N (300); --year (2025-26);
 * --only check,cin,903,annex-a,dfe (all); --dfe-changes P (2).
 * Prints a table and writes .bench/returns-live.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { isCollectionYear, type Child, type DfePushedChild } from '@waypoint/returns';
import { planChanges } from '../src/dfe-feed/plan.ts';
import { loadActor } from '../src/auth/load-actor.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { inTenant } from '../src/db/tenant.ts';
import { today } from '../src/http/forms/dates.ts';
import { PersonRecords } from '../src/records/person-records.ts';
import { buildAnnexAReturn, buildCinReturn, build903Return } from '../src/returns/build.ts';
import { censusQueries } from '../src/returns/point-check.ts';
import { readLaForReturns } from '../src/returns/read-la.ts';
import { namedYear } from '../src/returns/years.ts';
import { generateFictionalLas } from '../src/seed/generate/index.ts';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'pglite,postgres' },
    'pglite-dir': { type: 'string', default: '.bench/returns-live-pglite' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/waypoint_bench_returns' },
    children: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '7' },
    checks: { type: 'string', default: '300' },
    year: { type: 'string', default: '2025-26' },
    only: { type: 'string', default: 'check,cin,903,annex-a,dfe' },
    'dfe-changes': { type: 'string', default: '2' },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
if (!isCollectionYear(values.year)) throw new Error(`--year ${values.year} is not a collection year`);
const year = namedYear(values.year);
const LA = '990';
const only = new Set(values.only.split(','));
const OFFICER = 'performance.officer@demo.waypoint.example';

interface Measured {
  engine: string;
  what: string;
  seconds: number;
  /** Peak resident set size during the build, MB. */
  peakRssMb: number;
  detail: string;
}

/** The commonest rules of a report's findings, "8606 ×120, …": what the seeded data gets wrong. */
function byRule(issues: readonly { rule: string }[]): string {
  const counts = new Map<string, number>();
  for (const i of issues) counts.set(i.rule, (counts.get(i.rule) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([rule, n]) => `${rule} ×${n}`)
    .join(', ');
}

/** Runs `fn`, sampling the resident set size every 20 ms; returns its value, seconds and peak MB. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, seconds: (performance.now() - started) / 1000, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function ensurePostgres(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = new pg.Client({ connectionString: `${u.protocol}//${u.username}@${u.host}/postgres` });
  await admin.connect();
  const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (found.rowCount === 0) await admin.query(`create database "${name.replace(/"/g, '')}"`);
  await admin.end();
}

async function open(engine: string): Promise<Database> {
  if (engine === 'postgres') {
    await ensurePostgres(values.postgres);
    return openDatabase({ databaseUrl: values.postgres, dataDir: values['pglite-dir'] });
  }
  mkdirSync(values['pglite-dir'], { recursive: true });
  return openDatabase({ databaseUrl: undefined, dataDir: values['pglite-dir'] });
}

/**
 * The DfE daily feed: the first push (every child new), then a day's changes against its state,
 * each from the LA read from the database (one audited read), built and validated; nothing sent.
 */
async function dfe(
  records: PersonRecords,
  add: (what: string, m: { seconds: number; peakRssMb: number }, detail: string) => void,
): Promise<void> {
  const day = today();
  const first = await measure(async () => {
    const la = await readLaForReturns(records, 'bench dfe-push', day);
    return { la, plan: planChanges(new Map(), la.input) };
  });
  const p = first.value.plan;
  add(
    'DfE feed, first push',
    first,
    `${first.value.la.input.children.length} children read, ${p.counts.new} new, ${p.refused.length} refused by the schema, ${p.batches.length} requests validated`,
  );
  const state = new Map<string, DfePushedChild>();
  for (const c of p.batches.flat())
    if (c.hash !== null) state.set(c.laChildId, { hash: c.hash, parts: c.parts });
  const every = Math.max(1, Math.round(100 / Number(values['dfe-changes'])));
  const daily = await measure(async () => {
    const la = await readLaForReturns(records, 'bench dfe-push', day);
    // A day's work on the model: some children's details or latest episode changed, a few gone.
    const children: Child[] = [];
    la.input.children.forEach((c, i) => {
      if (i % 1000 === 999) return;
      if (i % every !== 0) children.push(c);
      else if (i % (every * 2) === 0) children.push({ ...c, postcode: 'ZZ99 9ZZ' });
      else {
        const episodes = c.cinEpisodes.map((e, j) =>
          j === c.cinEpisodes.length - 1
            ? { ...e, closureDate: e.closureDate ?? day, closureReason: e.closureReason ?? 'RC1' }
            : e,
        );
        children.push({
          ...c,
          cinEpisodes: episodes,
          ethnicity: episodes.length === 0 ? 'WOTH' : c.ethnicity,
        });
      }
    });
    return planChanges(state, { ...la.input, children });
  });
  const d = daily.value;
  add(
    "DfE feed, a day's changes",
    daily,
    `${d.counts.changed} changed, ${d.counts.deleted} deleted (purge), ${d.counts.new} new, ${d.unchanged} unchanged, ${d.refused.length} refused; ${d.batches.length} requests validated`,
  );
}

async function run(
  engine: string,
): Promise<{ measured: Measured[]; checks: { p50: number; p95: number; n: number } }> {
  const database = await open(engine);
  const db = database.db;
  try {
    await migrate(db);
    log(
      `${engine}: seeding LA ${LA} with ${values.children} children if not done before (the first run takes minutes)…`,
    );
    await generateFictionalLas(db, {
      children: Number(values.children),
      seed: Number(values.seed),
      concurrency: engine === 'postgres' ? 4 : 1,
      onProgress: (p) => {
        if (p.children % 2000 === 0) log(`  ${p.laCode}: ${p.children} / ${p.total}`);
      },
    });
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', OFFICER)
      .executeTakeFirstOrThrow();
    const actor = await loadActor(db, user.id, { via: 'cli', actingLaCode: LA });
    if (actor === null) throw new Error('no performance officer');
    const records = new PersonRecords(db, actor, { ip: null, requestId: 'bench-returns-live' });
    const measured: Measured[] = [];
    const add = (what: string, m: { seconds: number; peakRssMb: number }, detail: string) => {
      measured.push({ engine, what, seconds: m.seconds, peakRssMb: m.peakRssMb, detail });
      log(
        `  ${engine} ${what}: ${m.seconds.toFixed(2)} s, peak RSS ${m.peakRssMb.toFixed(0)} MB (${detail})`,
      );
    };

    // The point-of-recording check, as the journey page runs it: one child, in a tenant transaction.
    // Measured first, as the server runs it: a long-running process whose code is warm (the first
    // 20 checks warm it and are not counted) and which is not holding a whole LA's return in its
    // heap (run after the builds, its tail was their garbage collection, not the check).
    const ids = (
      await inTenant(db, LA, (tx) =>
        tx
          .selectFrom('cin_episodes')
          .select('person_id')
          .distinct()
          .orderBy('person_id')
          .limit(Number(values.checks))
          .execute(),
      )
    ).map((r) => r.person_id);
    const day = today();
    const times: number[] = [];
    let queries = 0;
    if (only.has('check'))
      for (const id of ids.slice(0, 20)) await inTenant(db, LA, (tx) => censusQueries(tx, LA, id, day));
    for (const id of only.has('check') ? ids : []) {
      const t0 = performance.now();
      const q = await inTenant(db, LA, (tx) => censusQueries(tx, LA, id, day));
      times.push(performance.now() - t0);
      queries += q.length;
    }
    const checks = { p50: pct(times, 50), p95: pct(times, 95), n: times.length };
    if (checks.n > 0)
      log(
        `  ${engine} point-of-recording check: ${checks.n} children, p50 ${checks.p50.toFixed(1)} ms, p95 ${checks.p95.toFixed(1)} ms (${queries} queries found)`,
      );
    if (only.has('dfe')) await dfe(records, add);
    if (only.has('cin')) {
      const cin = await measure(async () => {
        const la = await readLaForReturns(records, `bench cin ${year.label}`, year.referenceDate);
        return { la, cin: await buildCinReturn(la.input, year) };
      });
      log(`    CIN findings by rule: ${byRule(cin.value.cin.report.issues)}`);
      add(
        `CIN census ${year.label}`,
        cin,
        `${cin.value.la.input.children.length} children read, ${cin.value.cin.report.children} in the census, ${cin.value.cin.report.issues.length} findings, XSD ${cin.value.cin.xsd.valid ? 'valid' : `${cin.value.cin.xsd.errors.length} errors`}`,
      );
    }
    if (only.has('903')) {
      const s903 = await measure(async () => {
        const la = await readLaForReturns(records, `bench 903 ${year.label}`, year.referenceDate);
        return build903Return(la.input, year);
      });
      log(`    903 findings by rule: ${byRule(s903.value.report.issues)}`);
      add(
        `SSDA903 ${year.label}`,
        s903,
        `${s903.value.report.children} children, ${s903.value.report.issues.length} findings`,
      );
    }
    if (only.has('annex-a')) {
      const inspection = '2026-01-15';
      const annex = await measure(async () => {
        const la = await readLaForReturns(records, `bench annex-a ${inspection}`, inspection);
        return buildAnnexAReturn(la.input, inspection);
      });
      add(
        `Annex A ${inspection}`,
        annex,
        `${annex.value.lists.reduce((n, l) => n + l.rows, 0)} rows in 11 lists, ${(annex.value.xlsx.length / 1024).toFixed(0)} KB`,
      );
    }

    return { measured, checks };
  } finally {
    await database.close();
  }
}

const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
for (const engine of values.engines.split(',')) {
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`unknown engine ${engine}`);
  results[engine] = await run(engine);
}
const lines = ['| engine | what | seconds | peak RSS (MB) | detail |', '| --- | --- | ---: | ---: | --- |'];
for (const r of Object.values(results)) {
  for (const m of r.measured)
    lines.push(
      `| ${m.engine} | ${m.what} | ${m.seconds.toFixed(2)} | ${m.peakRssMb.toFixed(0)} | ${m.detail} |`,
    );
}
if (Object.values(results).some((r) => r.checks.n > 0)) {
  lines.push(
    '',
    '| engine | point-of-recording check | children | p50 (ms) | p95 (ms) |',
    '| --- | --- | ---: | ---: | ---: |',
  );
  for (const [engine, r] of Object.entries(results).filter(([, r]) => r.checks.n > 0))
    lines.push(
      `| ${engine} | census + 903 rules on one child | ${r.checks.n} | ${r.checks.p50.toFixed(1)} | ${r.checks.p95.toFixed(1)} |`,
    );
}
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync('.bench', { recursive: true });
writeFileSync(
  '.bench/returns-live.json',
  `${JSON.stringify({ year: year.label, children: Number(values.children), results }, null, 2)}\n`,
);
