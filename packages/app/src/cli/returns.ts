/**
 * `waypoint returns cin|903|annex-a`: the statutory returns built from the database for one LA, as
 * a named data team member (`--as EMAIL`, who must hold the returns capability: a performance
 * officer or a manager), through the caller-bound repository and audited as one read of every
 * child in the return. Progress on stderr; files written to a temporary name and renamed, so a
 * failed run leaves nothing behind. Bad input: one line on stderr, exit 2.
 *
 *   waypoint returns cin --la 990 --year 2025-26 --as EMAIL --out cin.xml [--report report.json] [--html report.html]
 *   waypoint returns 903 --la 990 --year 2025-26 --as EMAIL --out-dir 903/ [--report report.json]
 *   waypoint returns annex-a --la 990 --inspection-date 2026-01-15 --as EMAIL --out annex-a.xlsx
 *   waypoint returns dfe-push --la 990 --as EMAIL [--dry-run --out DIR]
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { checkDate } from '../http/forms/dates.ts';
import { exitOnKnownError, openFromEnv } from './context.ts';

const err = (s: string) => process.stderr.write(`${s}\n`);

class UsageError extends Error {}

interface Common {
  la: string;
  as: string;
}

function laOf(opts: Common): string {
  if (!/^\d{3}$/.test(opts.la ?? ''))
    throw new UsageError(`--la must be a three-digit LA code, not ${opts.la}`);
  return opts.la;
}

/** Checked when the command runs, against the years `@waypoint/returns` knows (loaded only then). */
async function yearOf(y: string) {
  const { COLLECTION_YEARS, isCollectionYear } = await import('@waypoint/returns');
  if (!isCollectionYear(y))
    throw new UsageError(`--year must be one of ${COLLECTION_YEARS.join(', ')}, not ${y}`);
  return y;
}

function outFile(path: string | undefined, flag: string): string {
  if (path === undefined || path.trim() === '') throw new UsageError(`${flag} is required`);
  const full = resolve(path);
  if (!existsSync(dirname(full))) throw new UsageError(`${flag}: the folder ${dirname(full)} does not exist`);
  if (existsSync(full) && statSync(full).isDirectory()) throw new UsageError(`${flag}: ${path} is a folder`);
  return full;
}

/** Writes files through temporary names, then renames them all (nothing is left half written). */
function writeAll(files: { path: string; data: string | Buffer }[]): void {
  const tmps = files.map((f) => ({ ...f, tmp: `${f.path}.tmp-${process.pid}` }));
  try {
    for (const f of tmps) writeFileSync(f.tmp, f.data);
    for (const f of tmps) renameSync(f.tmp, f.path);
  } catch (e) {
    for (const f of tmps) rmSync(f.tmp, { force: true });
    throw e;
  }
}

/** The named user as an actor working in `la`, or a usage error naming why not. */
async function actorFor(db: Kysely<Schema>, email: string, la: string): Promise<Actor> {
  const { loadActor } = await import('../auth/load-actor.ts');
  const user = await db
    .selectFrom('users')
    .select(['id', 'la_code'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  if (user === undefined) throw new UsageError(`--as: no user ${email}`);
  if (user.la_code !== la) throw new UsageError(`--as: ${email} works for LA ${user.la_code}, not ${la}`);
  const actor = await loadActor(db, user.id, { via: 'cli', actingLaCode: la });
  if (actor === null) throw new UsageError(`--as: ${email} is deactivated or their access has ended`);
  const { can } = await import('../access/capabilities.ts');
  if (!can(actor.roles, 'see_returns'))
    throw new UsageError(`--as: ${email} may not build returns (a performance officer or a manager may)`);
  return actor;
}

type Build = (ctx: { db: Kysely<Schema>; progress: (line: string) => void }) => Promise<void>;

async function run(label: string, validate: () => Promise<void>, build: Build): Promise<void> {
  try {
    await validate();
  } catch (e) {
    if (e instanceof UsageError) {
      err(`waypoint returns ${label}: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const { database } = await openFromEnv();
  try {
    const { migrate } = await import('../db/migrate.ts');
    await migrate(database.db);
    const started = Date.now();
    await build({
      db: database.db,
      progress: (line) => err(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`),
    });
  } catch (e) {
    await database.close();
    if (e instanceof UsageError) {
      err(`waypoint returns ${label}: ${e.message}`);
      process.exit(2);
    }
    exitOnKnownError(e);
  }
  await database.close();
}

async function readLa(
  db: Kysely<Schema>,
  actor: Actor,
  what: string,
  asAt: string,
  progress: (l: string) => void,
) {
  const { PersonRecords } = await import('../records/person-records.ts');
  const { readLaForReturns } = await import('../returns/read-la.ts');
  const records = new PersonRecords(db, actor, { ip: null, requestId: `cli-returns-${process.pid}` });
  progress(`reading LA ${actor.laCode} as ${actor.email}`);
  const la = await readLaForReturns(records, what, asAt);
  progress(`read ${la.input.children.length.toLocaleString('en-GB')} children (audited as one read)`);
  return la;
}

/** Adds `returns cin|903|annex-a` to the program. */
export function registerReturnsCommands(program: Command): void {
  const returns = program.command('returns').description('statutory returns built from the record');

  returns
    .command('cin')
    .description('the CIN census XML of a year, with its DfE validation report')
    .requiredOption('--la <code>', 'three-digit LA code')
    .requiredOption('--year <year>', 'collection year, e.g. 2025-26')
    .requiredOption('--as <email>', 'the data team member building it (audited)')
    .requiredOption('--out <file>', 'the census XML')
    .option('--report <file>', 'the validation report (JSON)')
    .option('--html <file>', 'the validation report (HTML)')
    .action(async (o: Common & { year: string; out: string; report?: string; html?: string }) => {
      let out = '';
      let report: string | undefined;
      let html: string | undefined;
      await run(
        'cin',
        async () => {
          laOf(o);
          await yearOf(o.year);
          out = outFile(o.out, '--out');
          report = o.report === undefined ? undefined : outFile(o.report, '--report');
          html = o.html === undefined ? undefined : outFile(o.html, '--html');
        },
        async ({ db, progress }) => {
          const year = await yearOf(o.year);
          const actor = await actorFor(db, o.as, laOf(o));
          const { namedYear } = await import('../returns/years.ts');
          const { buildCinReturn } = await import('../returns/build.ts');
          const y = namedYear(year);
          const la = await readLa(db, actor, `cin ${year}`, y.referenceDate, progress);
          const cin = await buildCinReturn(la.input, y, progress);
          const files: { path: string; data: string }[] = [{ path: out, data: cin.xml }];
          if (report !== undefined)
            files.push({ path: report, data: `${JSON.stringify(cin.report, null, 2)}\n` });
          if (html !== undefined) files.push({ path: html, data: cin.html });
          writeAll(files);
          const errors = cin.report.issues.filter((i) => i.kind === 'error').length;
          progress(
            `wrote ${files.map((f) => f.path).join(', ')}: ${cin.report.children} children, ${errors} errors, ${cin.report.issues.length - errors} queries; XSD ${cin.xsd.valid ? 'valid' : `invalid: ${cin.xsd.errors.length} errors, first: line ${cin.xsd.errors[0]?.line}: ${cin.xsd.errors[0]?.message}`}`,
          );
        },
      );
    });

  returns
    .command('903')
    .description('the SSDA903 return of a year (one CSV per table), with its validation report')
    .requiredOption('--la <code>', 'three-digit LA code')
    .requiredOption('--year <year>', 'collection year, e.g. 2025-26')
    .requiredOption('--as <email>', 'the data team member building it (audited)')
    .requiredOption('--out-dir <dir>', 'folder for the CSV files (created if missing)')
    .option('--report <file>', 'the validation report (JSON)')
    .action(async (o: Common & { year: string; outDir: string; report?: string }) => {
      let dir = '';
      let report: string | undefined;
      await run(
        '903',
        async () => {
          laOf(o);
          await yearOf(o.year);
          if (o.outDir.trim() === '') throw new UsageError('--out-dir is required');
          dir = resolve(o.outDir);
          if (existsSync(dir) && !statSync(dir).isDirectory())
            throw new UsageError(`--out-dir: ${o.outDir} is a file`);
          if (!existsSync(dirname(dir)))
            throw new UsageError(`--out-dir: the folder ${dirname(dir)} does not exist`);
          report = o.report === undefined ? undefined : outFile(o.report, '--report');
        },
        async ({ db, progress }) => {
          const year = await yearOf(o.year);
          const actor = await actorFor(db, o.as, laOf(o));
          const { namedYear } = await import('../returns/years.ts');
          const { build903Return } = await import('../returns/build.ts');
          const y = namedYear(year);
          const la = await readLa(db, actor, `903 ${year}`, y.referenceDate, progress);
          const r = build903Return(la.input, y, progress);
          mkdirSync(dir, { recursive: true });
          const files: { path: string; data: string }[] = r.files.map((f) => ({
            path: join(dir, f.name),
            data: f.csv,
          }));
          if (report !== undefined)
            files.push({ path: report, data: `${JSON.stringify(r.report, null, 2)}\n` });
          writeAll(files);
          const errors = r.report.issues.filter((i) => i.kind === 'error').length;
          progress(
            `wrote ${r.files.length} files to ${dir}: ${r.report.children} children, ${errors} errors, ${r.report.issues.length - errors} queries, ${r.report.skipped.length} rules not run (need last year's return or reference data)`,
          );
        },
      );
    });

  returns
    .command('annex-a')
    .description("Ofsted's Annex A lists for an inspection date, as an xlsx workbook")
    .requiredOption('--la <code>', 'three-digit LA code')
    .requiredOption('--inspection-date <date>', 'YYYY-MM-DD')
    .requiredOption('--as <email>', 'the data team member building it (audited)')
    .requiredOption('--out <file>', 'the workbook (.xlsx)')
    .action(async (o: Common & { inspectionDate: string; out: string }) => {
      let out = '';
      let date = '';
      await run(
        'annex-a',
        async () => {
          laOf(o);
          const d = checkDate(o.inspectionDate, 'the inspection date', { earliest: '2000-01-01' });
          if ('message' in d) throw new UsageError(`--inspection-date: ${d.message} (YYYY-MM-DD)`);
          date = d.iso;
          out = outFile(o.out, '--out');
        },
        async ({ db, progress }) => {
          const actor = await actorFor(db, o.as, laOf(o));
          const { buildAnnexAReturn } = await import('../returns/build.ts');
          const la = await readLa(db, actor, `annex-a ${date}`, date, progress);
          const r = await buildAnnexAReturn(la.input, date, progress);
          writeAll([{ path: out, data: r.xlsx }]);
          progress(
            `wrote ${out}: ${r.lists.length} lists, ${r.blanks.length} cells blank that Ofsted asks to be filled`,
          );
        },
      );
    });
  returns
    .command('dfe-push')
    .description(
      "the DfE daily feed's changes since the last accepted push: --dry-run writes each request's JSON (validated) and a summary; otherwise they are queued and sent",
    )
    .requiredOption('--la <code>', 'three-digit LA code')
    .requiredOption('--as <email>', 'the data team member pushing (audited)')
    .option('--dry-run', 'write the requests to --out and send nothing')
    .option(
      '--out <dir>',
      'with --dry-run: folder for request-001.json … and summary.json (created if missing)',
    )
    .action(async (o: Common & { dryRun?: boolean; out?: string }) => {
      let dir = '';
      await run(
        'dfe-push',
        async () => {
          laOf(o);
          if (o.dryRun === true) {
            if (o.out === undefined || o.out.trim() === '') throw new UsageError('--dry-run needs --out DIR');
            dir = resolve(o.out);
            if (existsSync(dir) && !statSync(dir).isDirectory())
              throw new UsageError(`--out: ${o.out} is a file`);
            if (!existsSync(dirname(dir)))
              throw new UsageError(`--out: the folder ${dirname(dir)} does not exist`);
          } else {
            if (o.out !== undefined)
              throw new UsageError('--out is only for --dry-run (a push sends, it writes nothing)');
            const { dfeFeedSettings } = await import('../dfe-feed/settings.ts');
            if (dfeFeedSettings().baseUrl === undefined)
              throw new UsageError(
                'DFE_API_URL is not set, so nothing can be sent (--dry-run --out DIR writes the requests)',
              );
          }
        },
        async ({ db, progress }) => {
          const actor = await actorFor(db, o.as, laOf(o));
          const { PersonRecords } = await import('../records/person-records.ts');
          const { readLaInTx } = await import('../returns/read-la.ts');
          const { today } = await import('../http/forms/dates.ts');
          const plan = await import('../dfe-feed/plan.ts');
          const records = new PersonRecords(db, actor, {
            ip: null,
            requestId: `cli-dfe-push-${process.pid}`,
          });
          const day = today();
          progress(`reading LA ${actor.laCode} as ${actor.email}`);
          if (o.dryRun === true) {
            const p = await records.readForReturn('dfe-push dry run', async (tx, laCode) => {
              const { input, children } = await readLaInTx(tx, laCode, day);
              progress(`read ${children.size.toLocaleString('en-GB')} children (audited as one read)`);
              const value = plan.planChanges(await plan.readPushedState(tx, laCode), input);
              return { value, children: [...children.keys()] };
            });
            mkdirSync(dir, { recursive: true });
            const name = (n: number) => `request-${String(n).padStart(3, '0')}.json`;
            const files = p.batches.map((b, i) => ({
              path: join(dir, name(i + 1)),
              data: `${JSON.stringify(
                b.map((c) => c.record),
                null,
                2,
              )}\n`,
            }));
            const summary = {
              la: actor.laCode,
              day,
              dryRun: true,
              children: { ...p.counts, unchanged: p.unchanged, refused: p.refused.length },
              requests: p.batches.map((b, i) => ({ file: name(i + 1), children: b.length })),
              refused: p.refused,
            };
            files.push({ path: join(dir, 'summary.json'), data: `${JSON.stringify(summary, null, 2)}\n` });
            writeAll(files);
            progress(
              `wrote ${p.batches.length} request${p.batches.length === 1 ? '' : 's'} (each valid against the DfE schema) and summary.json to ${dir}: ${p.counts.new} new, ${p.counts.changed} changed, ${p.counts.deleted} deleted, ${p.unchanged} unchanged, ${p.refused.length} refused by the schema; nothing sent`,
            );
            for (const r of p.refused.slice(0, 10))
              progress(
                `  refused ${r.laChildId}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
              );
            return;
          }
          // Every job the queue may run here (the push enqueues returns.dfe-send).
          await import('../jobs/definitions.ts');
          const planned = await records.readForReturn('dfe-push', async (tx, laCode) => {
            const { input, children } = await readLaInTx(tx, laCode, day);
            progress(`read ${children.size.toLocaleString('en-GB')} children (audited as one read)`);
            const value = await plan.planPushInTx(tx, laCode, input, {
              trigger: 'command',
              userId: actor.userId,
            });
            return { value, children: [...children.keys()] };
          });
          const c = planned.counts;
          progress(
            `push ${planned.pushId}: ${planned.status}; ${c.new} new, ${c.changed} changed, ${c.deleted} deleted, ${planned.unchanged} unchanged, ${planned.refused.length} refused by the schema; ${planned.requests} request${planned.requests === 1 ? '' : 's'} queued`,
          );
          if (planned.reason !== null) progress(planned.reason);
          if (planned.requests === 0) return;
          const { runDueJobs } = await import('../jobs/worker.ts');
          progress('sending (the job queue: in order, 429 and 5xx retried with backoff)');
          await runDueJobs(db, {
            concurrency: 1,
            log: {
              info: () => {},
              warn: (_o, m) => {
                progress(m);
              },
              error: (_o, m) => {
                progress(m);
              },
            },
          });
          const { inTenant } = await import('../db/tenant.ts');
          const { requests, push } = await inTenant(db, actor.laCode, async (tx) => ({
            requests: await tx
              .selectFrom('dfe_push_requests')
              .select(['request_no', 'children', 'status', 'http_status', 'receipt', 'reason'])
              .where('push_id', '=', planned.pushId)
              .orderBy('request_no')
              .execute(),
            push: await tx
              .selectFrom('dfe_pushes')
              .select(['status', 'reason'])
              .where('id', '=', planned.pushId)
              .executeTakeFirstOrThrow(),
          }));
          for (const r of requests)
            progress(
              `  request ${r.request_no} (${r.children} children): ${r.status}${r.http_status === null ? '' : `, HTTP ${r.http_status}`}${r.receipt === null ? '' : `, receipt ${r.receipt}`}${r.reason === null ? '' : `: ${r.reason}`}`,
            );
          progress(
            push.status === 'sending'
              ? 'some requests wait to be retried: the job worker (waypoint serve, or waypoint jobs run) sends them'
              : `push ${push.status}${push.reason === null ? '' : `: ${push.reason}`}`,
          );
          if (push.status === 'rejected') process.exitCode = 1;
        },
      );
    });
}
