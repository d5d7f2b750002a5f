/**
 * `npm run bench:audit`: the cost of audit on reads. Requests per second and latency for a child's
 * record page through the caller-bound repository (which writes a hash-chained audit event in the
 * same transaction), against the same page with the audit write left out. The second route exists
 * only inside this script; the application has no way to switch audit off.
 * Options: --duration S (10), --connections N (10), --children N (2000), --postgres URL (default: PGlite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { requestMeta, requireActor } from '../src/auth/actor.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { AppError } from '../src/http/errors.ts';
import { presentPerson } from '../src/presenters/person.ts';
import { PersonRecords } from '../src/records/person-records.ts';
import {
  allocate,
  buildChild,
  buildLocalAuthority,
  buildTeam,
  buildUser,
  sessionCookie,
} from '../test/support/factories.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    children: { type: 'string', default: '2000' },
    postgres: { type: 'string' },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
const dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-audit-'));
const database = await openDatabase({ databaseUrl: values.postgres, dataDir: dir });
await migrate(database.db);
const db = database.db;

log(`seeding ${values.children} fictional children…`);
const la = await buildLocalAuthority(db, '990', 'Bench Borough');
const team = await buildTeam(db, la);
const worker = await buildUser(db, la, ['social_worker'], { teamId: team });
const ids: string[] = [];
for (let i = 0; i < Number(values.children); i++) {
  const id = await buildChild(db, '990', { givenName: `Child${i}`, familyName: 'Benchmark' });
  await allocate(db, '990', id, team, i % 2 === 0 ? worker.id : null);
  ids.push(id);
}
const cookie = await sessionCookie(db, worker);

const config = {
  ...loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'production' }),
  databaseUrl: values.postgres,
};
const app = await buildApp({ config, database });
// The same page without the audit write: load + decide access + present + render, nothing else.
app.get('/bench/children/:id', async (req, reply) => {
  const records = new PersonRecords(db, requireActor(req), requestMeta(req));
  const { id } = req.params as { id: string };
  const opened = await records.transaction(async (tx, ctx) => records.loadIn(tx, ctx, id, 'view'));
  if (opened === null) throw new AppError('not_found', 'Page not found');
  return reply.view('pages/children/record.njk', {
    person: presentPerson(opened.person, opened.abilities),
    abilities: opened.abilities,
  });
});
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as { port: number };

let k = 0;
async function load(label: string, prefix: string): Promise<autocannon.Result> {
  log(`load: ${label} for ${values.duration}s with ${values.connections} connections…`);
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: Number(values.connections),
    duration: Number(values.duration),
    headers: { cookie },
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: `${prefix}/${ids[(k++ * 2) % ids.length]!}` }),
      },
    ],
  });
}
await load('warm-up', '/children'); // JIT and caches
const withAudit = await load('record page, audited', '/children');
const withoutAudit = await load('record page, audit write left out', '/bench/children');
const events = await db
  .selectFrom('audit_events')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
await app.close();
await database.close();
rmSync(dir, { recursive: true, force: true });

const row = (name: string, r: autocannon.Result) =>
  `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`;
console.log(
  `\nbench:audit — ${new Date().toISOString()}, Node ${process.version}, ${values.postgres ? 'PostgreSQL' : 'PGlite'}, ${values.children} children, ${values.connections} connections, ${values.duration}s each`,
);
console.log(
  '\n| GET a child record page | requests/s | p50 ms | p99 ms | non-2xx |\n| --- | --- | --- | --- | --- |',
);
console.log(row('with audit (hash-chained event in the same transaction)', withAudit));
console.log(row('audit write left out (same path otherwise)', withoutAudit));
const cost = 1 - withAudit.requests.average / withoutAudit.requests.average;
console.log(
  `\nAudit costs ${(cost * 100).toFixed(1)}% of throughput on reads; ${events.n} audit events were written.`,
);
console.log('Measured by: npm run bench:audit' + (values.postgres ? ` -- --postgres <url>` : ''));
