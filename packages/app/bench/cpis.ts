/**
 * `npm run bench:cpis`: the CP-IS check against a national-size store of flags (CP plans, looked
 * after, unborn plans and 12-month look-backs across 150 fictional LAs), p50/p95 at 1 and 50
 * concurrent clinicians, and the time from a check to the social worker's notification with the
 * job worker as `waypoint serve` runs it (polling every 500 ms). Each check is the whole thing:
 * look-up, date-of-birth confirmation, attendance, audit in the LA's chain, jobs enqueued.
 * Options: --flags N (150000), --checks N (500), --postgres URL (default: PGlite in a temp dir).
 * Aims: check p95 ≤ 30 ms; notification within 5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nhsNumberCheckDigit } from '@waypoint/identifiers';
import { sql } from 'kysely';
import { checkChild, type CheckContext } from '../src/cpis/check.ts';
import { localFlagDirectory } from '../src/cpis/flag-directory.ts';
import '../src/cpis/tables.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import '../src/jobs/definitions.ts';
import { startWorker } from '../src/jobs/worker.ts';
import {
  allocate,
  buildLocalAuthority,
  buildOrganisation,
  buildTeam,
  buildUser,
  type BuiltLa,
  type BuiltUser,
} from '../test/support/factories.ts';

const { values } = parseArgs({
  options: {
    flags: { type: 'string', default: '150000' },
    checks: { type: 'string', default: '500' },
    postgres: { type: 'string' },
  },
});
const FLAGS = Number(values.flags);
const CHECKS = Number(values.checks);
const LAS = 150;
const log = (s: string) => process.stderr.write(`${s}\n`);
const dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-cpis-'));
const database = await openDatabase({ databaseUrl: values.postgres, dataDir: dir });
await migrate(database.db);
const db = database.db;
const engine = values.postgres === undefined ? 'PGlite' : 'PostgreSQL';

/** The i-th fictional NHS number with a valid check digit (9 digits from i, skipping invalid ones). */
function nhsFor(i: number): string {
  for (let k = 0; ; k++) {
    const first9 = String(100_000_000 + i * 7 + k).slice(0, 9);
    const check = nhsNumberCheckDigit(first9);
    if (check !== null) return `${first9}${check}`;
  }
}
const dobFor = (i: number) =>
  `20${String(8 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

log(`${engine}: seeding ${FLAGS.toLocaleString()} fictional flags across ${LAS} LAs…`);
const t0 = performance.now();
const laCodes = Array.from({ length: LAS }, (_, i) => String(100 + i));
const las: BuiltLa[] = [];
for (const code of laCodes) las.push(await buildLocalAuthority(db, code, `Bench Borough ${code}`));
const kinds = ['cpp', 'lac', 'cpp', 'lac', 'unborn-cpp'] as const;
const BATCH = 5_000;
for (let start = 0; start < FLAGS; start += BATCH) {
  const n = Math.min(BATCH, FLAGS - start);
  const idx = Array.from({ length: n }, (_, j) => start + j);
  const la = idx.map((i) => laCodes[i % LAS]!);
  const nhs = idx.map(nhsFor);
  const dob = idx.map(dobFor);
  const kind = idx.map((i) => kinds[i % kinds.length]!);
  // A third are 12-month look-backs: ended in the last year.
  const ended = idx.map((i) => (i % 3 === 0 ? '2026-06-01' : null));
  await sql`
    with p as (
      insert into people (la_code, kind, given_name, family_name, date_of_birth, nhs_number)
      select la, 'child', 'Bench', 'Child', dob::date, nhs
        from unnest(${la}::text[], ${dob}::text[], ${nhs}::text[]) as u(la, dob, nhs)
      returning id, la_code, nhs_number, date_of_birth
    )
    insert into cpis_flags (la_code, person_id, kind, started_on, ended_on, key_person_id, entered_scope_on, nhs_number, key_date_of_birth)
    select p.la_code, p.id, k.kind, '2025-09-01', k.ended::date, p.id, '2025-09-01', p.nhs_number, p.date_of_birth
      from p join unnest(${nhs}::text[], ${kind}::text[], ${ended}::text[]) as k(nhs, kind, ended) on k.nhs = p.nhs_number`.execute(
    db,
  );
  if ((start / BATCH) % 6 === 0) log(`  ${(start + n).toLocaleString()} flags`);
}
await sql`analyze`.execute(db);
log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const trust = await buildOrganisation(db, '100', 'nhs_trust', 'Bench Valley Hospital', laCodes);
const clinicians: BuiltUser[] = [];
for (let i = 0; i < 50; i++)
  clinicians.push(await buildUser(db, las[0]!, ['unscheduled_care_clinician'], { organisationId: trust }));
// The children checked have an allocated worker and team, so each check notifies someone.
const sample = Array.from({ length: Math.min(FLAGS, 2_000) }, (_, j) => Math.floor((j * FLAGS) / 2_000));
const workers = new Map<string, { team: string; worker: string }>();
for (const i of sample) {
  const code = laCodes[i % LAS]!;
  if (!workers.has(code)) {
    const la = las[i % LAS]!;
    const team = await buildTeam(db, la);
    const worker = await buildUser(db, la, ['social_worker'], { teamId: team });
    workers.set(code, { team, worker: worker.id });
  }
  const person = await db
    .selectFrom('people')
    .select('id')
    .where('nhs_number', '=', nhsFor(i))
    .executeTakeFirstOrThrow();
  const w = workers.get(code)!;
  await allocate(db, code, person.id, w.team, w.worker);
}

const directory = localFlagDirectory(db);
const contextFor = (k: number): CheckContext => {
  const u = clinicians[k % clinicians.length]!;
  return {
    db,
    actor: {
      userId: u.id,
      name: 'Bench clinician',
      email: u.email,
      organisationId: u.organisationId,
      laCode: u.laCode,
      roles: ['unscheduled_care_clinician'],
      teamIds: [],
      via: 'session',
    },
    meta: { ip: null, requestId: null },
    directory,
    via: 'page',
  };
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function run(concurrency: number, checks: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const one = async (k: number) => {
    const i = sample[k % sample.length]!;
    // One in five asks for a child who is not in scope.
    const nhs = k % 5 === 4 ? nhsFor(FLAGS + k) : nhsFor(i);
    const s = performance.now();
    await checkChild(contextFor(k), {
      nhsNumber: nhs,
      dateOfBirth: dobFor(i),
      setting: 'emergency-department',
    });
    times.push(performance.now() - s);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const k = next++;
        if (k >= checks) return;
        await one(k);
        if (k % 100 === 99) log(`  ${k + 1}/${checks} checks`);
      }
    }),
  );
  return times;
}

log('warming up…');
await run(1, 20);
for (const c of [1, 50]) {
  const n = c === 1 ? Math.min(CHECKS, 300) : CHECKS;
  const times = await run(c, n);
  process.stdout.write(
    `${engine} ${FLAGS} flags, ${c} concurrent: ${n} checks, p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (aim p95 ≤ 30 ms)\n`,
  );
}

log('check → worker notification, with the job worker running (poll 500 ms)…');
await db.deleteFrom('jobs').execute();
const worker = startWorker(db, { pollMs: 500 });
const delays: number[] = [];
for (let k = 0; k < 20; k++) {
  const i = sample[(k * 37) % sample.length]!;
  const at = Date.now();
  await checkChild(contextFor(k), {
    nhsNumber: nhsFor(i),
    dateOfBirth: dobFor(i),
    setting: 'walk-in-centre',
  });
  const person = await db
    .selectFrom('people')
    .select('id')
    .where('nhs_number', '=', nhsFor(i))
    .executeTakeFirstOrThrow();
  for (;;) {
    const n = await db
      .selectFrom('notifications')
      .select('created_at')
      .where('person_id', '=', person.id)
      .where('kind', '=', 'cpis_attendance')
      .where('created_at', '>=', new Date(at))
      .executeTakeFirst();
    if (n !== undefined) {
      delays.push(Date.now() - at);
      break;
    }
    if (Date.now() - at > 30_000) {
      delays.push(Infinity);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
await worker.stop();
process.stdout.write(
  `${engine} check → notification: ${delays.length} checks, p50 ${pct(delays, 50)} ms, p95 ${pct(delays, 95)} ms, max ${Math.max(...delays)} ms (aim ≤ 5,000 ms)\n`,
);
await database.close();
rmSync(dir, { recursive: true, force: true });
