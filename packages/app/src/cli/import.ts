/**
 * `waypoint import cin`: a council's CIN census file checked against Waypoint's record, as a named
 * data team member (`--as EMAIL`, who must hold the returns capability). Built so far: the dry run
 * (`--dry-run --report report.html`), which refuses a file that fails the schema and says for each
 * child whether it would be created, matched (by the duplicate check) or refused, with reasons;
 * and the write (`data-import/write-cin.ts`): each child in one transaction through the journey's
 * steps and the audit, resumable (a child already imported is skipped), progress on stderr. A run
 * with refused children exits 1 after writing the rest (the report, when asked, lists them).
 *
 *   waypoint import cin --la 990 --input cin.xml --as EMAIL --dry-run --report report.html
 *   waypoint import cin --la 990 --input cin.xml --as EMAIL [--report report.html]
 *
 * `waypoint import 903 --la 990 --input-dir 903/ --as EMAIL [--dry-run] [--report report.html]`: the
 * SSDA903 return's care, reviews and missing episodes onto children already in the record (import
 * the CIN census first), the same way (`data-import/import-903.ts`).
 */
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { exitOnKnownError, openFromEnv } from './context.ts';

const err = (s: string) => process.stderr.write(`${s}\n`);
let command = 'cin';
const usage = (s: string): never => {
  err(`waypoint import ${command}: ${s}`);
  process.exit(2);
};

/** Adds `import cin` and `import 903` to the program. */
export function registerImportCommands(program: Command): void {
  const imp = program.command('import').description("a council's history brought into Waypoint");
  imp
    .command('cin')
    .description(
      'a CIN census XML file into the record (or, with --dry-run, what would be created, matched and refused)',
    )
    .requiredOption('--la <code>', 'three-digit LA code')
    .requiredOption('--input <file>', 'the CIN census XML')
    .requiredOption('--as <email>', 'the data team member importing it (audited)')
    .option('--dry-run', 'report only; write nothing')
    .option('--report <file>', 'the dry run report (HTML)')
    .action(async (o: { la: string; input: string; as: string; dryRun?: boolean; report?: string }) => {
      if (!/^\d{3}$/.test(o.la)) usage(`--la must be a three-digit LA code, not ${o.la}`);
      const input = resolve(o.input);
      if (!existsSync(input) || !statSync(input).isFile()) usage(`--input: no file ${o.input}`);
      const report = o.report === undefined ? undefined : resolve(o.report);
      if (report !== undefined && !existsSync(dirname(report)))
        usage(`--report: the folder ${dirname(report)} does not exist`);
      const { readCinFile, ImportFileRefused } = await import('../data-import/cin-file.ts');
      let file;
      try {
        file = await readCinFile(input);
      } catch (e) {
        if (e instanceof ImportFileRefused) usage(`refused: ${e.message}`);
        throw e;
      }
      const { database } = await openFromEnv();
      try {
        const { migrate } = await import('../db/migrate.ts');
        await migrate(database.db);
        const { actorForImport } = await import('../data-import/actor.ts');
        const actor = await actorForImport(database.db, o.as, o.la);
        if (typeof actor === 'string') {
          await database.close();
          usage(`--as: ${actor}`);
          return;
        }
        const { planCinImport } = await import('../data-import/plan-cin.ts');
        const plan = await planCinImport(database.db, actor, file.census, (n) => {
          if (n % 1000 === 0) err(`checked ${n.toLocaleString('en-GB')} children`);
        });
        const { importReportHtml, importResultHtml } = await import('../data-import/report-html.ts');
        const writeReport = (html: string) => {
          if (report === undefined) return;
          writeFileSync(`${report}.tmp-${process.pid}`, html);
          renameSync(`${report}.tmp-${process.pid}`, report);
        };
        if (o.dryRun === true) {
          writeReport(importReportHtml(plan, basename(input)));
          err(
            `dry run of ${file.collectionYear} census: ${plan.counts.create} would be created, ${plan.counts.match} matched, ${plan.counts.refuse} refused; nothing written${report === undefined ? '' : `; report ${report}`}`,
          );
        } else {
          const { writeCinImport } = await import('../data-import/write-cin.ts');
          const total = file.census.children.length;
          const res = await writeCinImport(
            database.db,
            actor,
            file.census,
            plan,
            file.collectionYear,
            (n, r) => {
              if (n % 100 === 0 || n === total)
                err(
                  `imported ${n.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} children (${r.counts.created} created, ${r.counts.added} added to, ${r.counts.skipped} already imported, ${r.counts.refused} refused)`,
                );
            },
          );
          writeReport(importResultHtml(res, plan, basename(input)));
          err(
            `${file.collectionYear} census imported: ${res.counts.created} created, ${res.counts.added} existing records added to, ${res.counts.skipped} already imported, ${res.counts.refused} refused, ${res.children.filter((c) => c.findings.length > 0).length} with findings${report === undefined ? '' : `; report ${report}`}`,
          );
          if (res.counts.refused > 0) process.exitCode = 1;
        }
      } catch (e) {
        await database.close();
        exitOnKnownError(e);
      }
      await database.close();
    });
  imp
    .command('903')
    .description(
      "an SSDA903 return's CSV folder onto children already in the record (or, with --dry-run, what would be matched and refused)",
    )
    .requiredOption('--la <code>', 'three-digit LA code')
    .requiredOption('--input-dir <folder>', 'the 903 CSV files')
    .requiredOption('--as <email>', 'the data team member importing it (audited)')
    .option('--dry-run', 'report only; write nothing')
    .option('--report <file>', 'the report (HTML)')
    .action(async (o: { la: string; inputDir: string; as: string; dryRun?: boolean; report?: string }) => {
      command = '903';
      if (!/^\d{3}$/.test(o.la)) usage(`--la must be a three-digit LA code, not ${o.la}`);
      const input = resolve(o.inputDir);
      const report = o.report === undefined ? undefined : resolve(o.report);
      if (report !== undefined && !existsSync(dirname(report)))
        usage(`--report: the folder ${dirname(report)} does not exist`);
      const { ImportFileRefused } = await import('../data-import/cin-file.ts');
      const { read903Dir, plan903Import, write903Import } = await import('../data-import/import-903.ts');
      let children;
      try {
        children = read903Dir(input);
      } catch (e) {
        if (e instanceof ImportFileRefused) usage(`refused: ${e.message}`);
        throw e;
      }
      const { database } = await openFromEnv();
      try {
        const { migrate } = await import('../db/migrate.ts');
        await migrate(database.db);
        const { actorForImport } = await import('../data-import/actor.ts');
        const actor = await actorForImport(database.db, o.as, o.la);
        if (typeof actor === 'string') {
          await database.close();
          usage(`--as: ${actor}`);
          return;
        }
        const plan = await plan903Import(database.db, actor, children);
        const { importReportHtml, importResultHtml } = await import('../data-import/report-html.ts');
        const writeReport = (html: string) => {
          if (report === undefined) return;
          writeFileSync(`${report}.tmp-${process.pid}`, html);
          renameSync(`${report}.tmp-${process.pid}`, report);
        };
        if (o.dryRun === true) {
          writeReport(importReportHtml(plan, basename(input), 'SSDA903'));
          err(
            `dry run of the 903 return: ${plan.counts.match} matched, ${plan.counts.refuse} refused; nothing written${report === undefined ? '' : `; report ${report}`}`,
          );
        } else {
          const total = children.length;
          const res = await write903Import(database.db, actor, children, plan, (n, r) => {
            if (n % 100 === 0 || n === total)
              err(
                `imported ${n.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} children (${r.counts.added} added to, ${r.counts.skipped} already imported, ${r.counts.refused} refused)`,
              );
          });
          writeReport(importResultHtml(res, plan, basename(input), 'SSDA903'));
          err(
            `903 return imported: care added to ${res.counts.added} records, ${res.counts.skipped} already imported, ${res.counts.refused} refused, ${res.children.filter((c) => c.findings.length > 0).length} with findings${report === undefined ? '' : `; report ${report}`}`,
          );
          if (res.counts.refused > 0) process.exitCode = 1;
        }
      } catch (e) {
        await database.close();
        exitOnKnownError(e);
      }
      await database.close();
    });
}
