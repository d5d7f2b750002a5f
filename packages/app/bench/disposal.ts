/**
 * `npx tsx packages/app/bench/disposal.ts`: disposal of records under the retention schedule at
 * an LA's scale. A fictional LA from the generator (`--children`, default 2,000), `--dispose` of its children
 * (default 100, never looked after) made due by their date of birth, an audit filled with
 * `--audit` extra search events (default 200,000; written straight to the table, so that part of
 * the chain is not valid: this bench measures time, `npm test` checks the chain), then the
 * proposal, approval and disposal as the jobs run them. Prints the proposal time, each record's
 * disposal time (p50, p95, max), the total, and the machine's load.
 * Options: --children N, --dispose N, --audit N, --postgres URL (default: PGlite in a temporary directory).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { inTenant } from '../src/db/tenant.ts';
import { disposeItem } from '../src/disposal/dispose.ts';
import { proposeBatch } from '../src/disposal/index.ts';
import '../src/jobs/definitions.ts';
import { today } from '../src/http/forms/dates.ts';
import { generateFictionalLas } from '../src/seed/generate/index.ts';

const { values } = parseArgs({
  options: {
    children: { type: 'string', default: '2000' },
    dispose: { type: 'string', default: '100' },
    audit: { type: 'string', default: '200000' },
    postgres: { type: 'string' },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
const dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-disposal-'));
const database = await openDatabase({ databaseUrl: values.postgres, dataDir: dir });
const db = database.db;
const engine = values.postgres === undefined ? 'PGlite' : 'PostgreSQL';
await migrate(db);
const LA = '990';
const day = today();

log(`generating a fictional LA of ${values.children} children (${engine})…`);
await generateFictionalLas(db, { children: Number(values.children), seed: 7, today: day });
const { rows: chosen } = await sql<{ id: string }>`
  select p.id from people p where p.la_code = ${LA} and p.kind = 'child'
    and exists (select 1 from cin_episodes e where e.person_id = p.id)
    and not exists (select 1 from care_episodes c where c.person_id = p.id)
  order by p.id limit ${Number(values.dispose)}`.execute(db);
await db
  .updateTable('people')
  .set({ date_of_birth: '1990-01-01' })
  .where(
    'id',
    'in',
    chosen.map((c) => c.id),
  )
  .execute();
log(`filling the audit with ${values.audit} search events…`);
await sql`
  insert into audit_events (id, la_code, seq, occurred_at, action, outcome, reason, chain_version, payload_digest, payload_salt, prev_hash, hash)
  select gen_random_uuid(), ${LA}, 1000000000 + g, now(), 'record.search', 'success',
    'name=someone ' || g || '; dob=2012-01-01; nhs=; postcode=; results=1', 2, md5(g::text), md5(g::text), '', ''
  from generate_series(1, ${Number(values.audit)}::int) g`.execute(db);
await sql`analyze`.execute(db);
const counts = await sql<{ audit: number; jobs: number; people: number }>`
  select (select count(*)::int from audit_events where la_code = ${LA}) as audit,
    (select count(*)::int from jobs where la_code = ${LA}) as jobs,
    (select count(*)::int from people where la_code = ${LA}) as people`.execute(db);
const c = counts.rows[0]!;

let t0 = performance.now();
const proposal = await proposeBatch(db, LA, day);
const proposeMs = performance.now() - t0;
if (proposal === null) throw new Error('nothing was proposed');
const approver = await db
  .selectFrom('users')
  .select('id')
  .where('la_code', '=', LA)
  .executeTakeFirstOrThrow();
await db
  .updateTable('disposal_batches')
  .set({ status: 'approved', approved_by: approver.id, approved_at: new Date() })
  .where('id', '=', proposal.batchId)
  .execute();
const items = await db
  .selectFrom('disposal_items')
  .select(['id', 'batch_id', 'person_id', 'record_kind', 'rule_basis', 'rule_years'])
  .where('batch_id', '=', proposal.batchId)
  .execute();
const times: number[] = [];
t0 = performance.now();
for (const item of items) {
  const start = performance.now();
  await inTenant(db, LA, (tx) => disposeItem(tx, LA, { ...item, person_id: item.person_id! }, day, 'bench'));
  times.push(performance.now() - start);
}
const totalMs = performance.now() - t0;
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const ms = (v: number) => `${v.toFixed(0)} ms`;
process.stdout.write(
  [
    `bench:disposal on ${engine}: ${c.people} people, ${c.audit} audit events and ${c.jobs} jobs in LA ${LA}`,
    `  proposal of ${proposal.records} records due: ${ms(proposeMs)}`,
    `  disposal per record: p50 ${ms(at(0.5))}, p95 ${ms(at(0.95))}, max ${ms(times.at(-1)!)}; ${items.length} records in ${(totalMs / 1000).toFixed(1)} s`,
    `  load average (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  ].join('\n') + '\n',
);
await database.close();
rmSync(dir, { recursive: true, force: true });
