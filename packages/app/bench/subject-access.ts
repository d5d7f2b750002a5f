/**
 * Subject access bundles on a generated fictional LA: for the children with the longest records,
 * the time to the DPO's review screen (bundle built from the record, the record as cast, detection
 * by @waypoint/redaction, the first time and again with detection cached), the bundle's size and
 * spans. `npx tsx packages/app/bench/subject-access.ts [--children 300] [--top 5] [--postgres URL]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadActor } from '../src/auth/load-actor.ts';
import type { Actor } from '../src/auth/actor.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { today } from '../src/http/forms/dates.ts';
import { PersonRecords } from '../src/records/person-records.ts';
import { generateFictionalLas } from '../src/seed/generate/index.ts';
import { createRequest, readBundle } from '../src/subject-access/index.ts';

const { values } = parseArgs({
  options: {
    children: { type: 'string', default: '300' },
    top: { type: 'string', default: '5' },
    postgres: { type: 'string' },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
const dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-sar-'));
const database = await openDatabase({ databaseUrl: values.postgres, dataDir: dir });
const db = database.db;
const engine = values.postgres === undefined ? 'PGlite' : 'PostgreSQL';
await migrate(db);
const LA = '990';
log(`generating a fictional LA of ${values.children} children (${engine})…`);
await generateFictionalLas(db, { children: Number(values.children), seed: 7, today: today() });
const org = await db
  .selectFrom('organisations')
  .select('id')
  .where('la_code', '=', LA)
  .where('kind', '=', 'local_authority')
  .executeTakeFirstOrThrow();
const { id: dpoId } = await db
  .insertInto('users')
  .values({ la_code: LA, organisation_id: org.id, email: 'bench.dpo@example.test', name: 'Bench DPO' })
  .returning('id')
  .executeTakeFirstOrThrow();
await db.insertInto('user_roles').values({ user_id: dpoId, role: 'data_protection_officer' }).execute();
const actor = (await loadActor(db, dpoId, { via: 'cli', actingLaCode: LA })) as Actor;
const records = new PersonRecords(db, actor, { ip: null, requestId: 'bench' });
const { rows } = await sql<{ id: string; events: number }>`
  select e.person_id as id, count(*)::int as events from journey_events e join people p on p.id = e.person_id
   where p.la_code = ${LA} and p.kind = 'child' and not p.is_restricted
   group by e.person_id order by count(*) desc, e.person_id limit ${Number(values.top)}`.execute(db);
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
for (const r of rows) {
  const id = await createRequest(records, { subjectId: r.id, requester: 'self', receivedOn: today() });
  let t = process.hrtime.bigint();
  const first = await readBundle(records, id, 'review');
  const cold = ms(t);
  t = process.hrtime.bigint();
  await readBundle(records, id, 'review');
  const warm = ms(t);
  const chars = first.bundle.sections.reduce((n, s) => n + s.items.reduce((m, i) => m + i.text.length, 0), 0);
  console.log(
    `${engine}: ${r.events} timeline events, ${(chars / 1024).toFixed(0)} kB redacted text, ${first.bundle.spans.length} spans (${first.bundle.spans.filter((s) => s.redacted).length} taken out): review screen ${cold.toFixed(0)} ms first, ${warm.toFixed(0)} ms cached`,
  );
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await database.close();
rmSync(dir, { recursive: true, force: true });
