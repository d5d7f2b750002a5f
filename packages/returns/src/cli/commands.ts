/** The CLI's commands, separate from argument parsing so that tests can call them. */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { blankProblems, buildAnnexA } from '../annex-a/build.ts';
import { csvName, toCsv, toXlsx } from '../annex-a/write.ts';
import { CinParseError, parseCinXmlFile } from '../cin/parse-xml.ts';
import { censusFromInput } from '../cin/scope.ts';
import { validateCinCensus } from '../cin/validate/validate.ts';
import { writeCinXml } from '../cin/write-xml.ts';
import { validateXsd, XsdRunError } from '../cin/xsd.ts';
import { isoOrNull } from '../dates.ts';
import { generateInput } from '../generate/generate.ts';
import { InputError, parseInputJson } from '../model/json.ts';
import type { ReturnsInput } from '../model/types.ts';
import { renderHtmlReport } from '../report/html.ts';
import { build903 } from '../ssda903/build.ts';
import { readSsda903Dir, Ssda903ReadError } from '../ssda903/read.ts';
import type { Tables903 } from '../ssda903/validate/types.ts';
import { validate903Return } from '../ssda903/validate/validate.ts';
import { SSDA903_TABLES, type Ssda903Table, ssda903Csv } from '../ssda903/tables.ts';
import { COLLECTION_YEARS, type CollectionYear, isCollectionYear } from '../years.ts';

/** A mistake in how the tool was called or in its input. */
export class UsageError extends Error {}

export type Options = Partial<
  Record<
    | 'input'
    | 'out'
    | 'out-dir'
    | 'input-dir'
    | 'last-dir'
    | 'year'
    | 'html'
    | 'inspection-date'
    | 'csv-dir'
    | 'children'
    | 'seed',
    string
  >
>;
export type Log = (line: string) => void;

function need(opts: Options, name: keyof Options): string {
  const v = opts[name];
  if (!v) throw new UsageError(`--${name} is required`);
  return v;
}

function checkInput(path: string): void {
  if (!existsSync(path)) throw new UsageError(`input file not found: ${path}`);
  if (statSync(path).isDirectory()) throw new UsageError(`input is a directory, not a file: ${path}`);
}

function readInput(path: string): string {
  checkInput(path);
  return readFileSync(path, 'utf8');
}

function year(opts: Options, required: boolean): CollectionYear | undefined {
  const y = opts.year;
  if (!y) {
    if (required) throw new UsageError('--year is required (e.g. 2025-26)');
    return undefined;
  }
  if (!isCollectionYear(y))
    throw new UsageError(`unknown year ${y}: use one of ${COLLECTION_YEARS.join(', ')}`);
  return y;
}

/** Writes the file whole or not at all: to a temporary name, then renamed. */
function writeAtomic(path: string, data: string | Buffer): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

function loadModel(path: string, log: Log): ReturnsInput {
  const text = readInput(path);
  try {
    const input = parseInputJson(text);
    log(`read ${input.children.length} children from ${path}`);
    return input;
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
}

/** Runs `cin validate|build`, `annex-a build` or `903 build|validate`. */
export async function runCommand(positionals: string[], opts: Options, log: Log): Promise<void> {
  const [area, action] = positionals;
  const command = `${area ?? ''} ${action ?? ''}`.trim();
  switch (command) {
    case 'cin validate':
      await cinValidate(opts, log);
      return;
    case 'cin build':
      cinBuild(opts, log);
      return;
    case 'annex-a build':
      await annexABuild(opts, log);
      return;
    case '903 build':
      ssda903Build(opts, log);
      return;
    case '903 validate':
      ssda903Validate(opts, log);
      return;
    case 'generate':
      generate(opts, log);
      return;
    default:
      throw new UsageError(
        `unknown command "${command}": use cin validate, cin build, annex-a build, 903 build, 903 validate or generate`,
      );
  }
}

async function cinValidate(opts: Options, log: Log): Promise<void> {
  const input = need(opts, 'input');
  const out = need(opts, 'out');
  const y = year(opts, false);
  checkInput(input);
  log(`reading ${input} (${(statSync(input).size / 1e6).toFixed(1)} MB)`);
  let census;
  try {
    census = await parseCinXmlFile(input, (n) => {
      log(`read ${n} children`);
    });
  } catch (e) {
    if (e instanceof CinParseError) throw new UsageError(`${input}: ${e.message}`);
    throw e;
  }
  log(`parsed ${census.children.length} children`);
  let report;
  try {
    report = validateCinCensus(census, {
      year: y,
      onProgress: (done, total) => {
        log(`validated ${done}/${total} children`);
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  // The DfE's collection checks the file against its schema before any rule: an impossible date
  // (2025-04-31) or a code outside a list is reported there, with its line, and not again by a rule.
  log(`checking ${input} against the ${report.year} schema`);
  let xsd;
  try {
    xsd = await validateXsd(readFileSync(input), report.year, { fileName: input.split('/').pop() ?? input });
  } catch (e) {
    if (e instanceof XsdRunError) throw new UsageError(`${input}: ${e.message}`);
    throw e;
  }
  const full = { ...report, schema: { valid: xsd.valid, errors: xsd.errors } };
  writeAtomic(out, `${JSON.stringify(full, null, 1)}\n`);
  const errors = report.issues.filter((i) => i.kind === 'error').length;
  log(
    `${report.year}: ${report.children} children, ${xsd.errors.length} schema errors, ${errors} errors, ${report.issues.length - errors} queries; wrote ${out}`,
  );
  if (opts.html) {
    writeAtomic(opts.html, renderHtmlReport(full, input));
    log(`wrote ${opts.html}`);
  }
}

function cinBuild(opts: Options, log: Log): void {
  const y = year(opts, true)!;
  const out = need(opts, 'out');
  const input = loadModel(need(opts, 'input'), log);
  const census = censusFromInput(input, y);
  writeAtomic(out, writeCinXml(census, y));
  log(`wrote ${out}: ${census.children.length} children in the ${y} census`);
}

async function annexABuild(opts: Options, log: Log): Promise<void> {
  const date = need(opts, 'inspection-date');
  if (!isoOrNull(date)) throw new UsageError(`--inspection-date must be a date as YYYY-MM-DD, not ${date}`);
  const out = need(opts, 'out');
  if (!out.endsWith('.xlsx')) throw new UsageError('--out must name an .xlsx file');
  const input = loadModel(need(opts, 'input'), log);
  const lists = buildAnnexA(input, date);
  writeAtomic(out, await toXlsx(lists));
  log(`wrote ${out}: ${lists.map((l) => `${l.name} ${l.rows.length}`).join(', ')}`);
  if (opts['csv-dir']) {
    for (const l of lists) writeAtomic(join(opts['csv-dir'], csvName(l)), toCsv(l.columns, l.rows));
    log(`wrote 11 CSV files to ${opts['csv-dir']}`);
  }
  const blanks = blankProblems(lists);
  if (blanks.length > 0)
    log(
      `note: ${blanks.length} cells are blank in columns Ofsted expects filled, e.g. ${blanks[0]!.list} "${blanks[0]!.column}" for ${blanks[0]!.child}`,
    );
}

/** Reads a 903 return's folder (files by their columns, whatever their names), or names the problem. */
function read903(dir: string, what: string, log: Log): Tables903 {
  try {
    const { tables, files } = readSsda903Dir(dir);
    log(
      `${what}: ${Object.entries(files)
        .map(([table, name]) => `${name} (${table})`)
        .join(', ')}`,
    );
    return tables;
  } catch (e) {
    if (e instanceof Ssda903ReadError) throw new UsageError(e.message);
    throw e;
  }
}

function ssda903Validate(opts: Options, log: Log): void {
  const dir = need(opts, 'input-dir');
  const out = need(opts, 'out');
  const y = year(opts, true)!;
  const tables = read903(dir, `read ${dir}`, log);
  const last = opts['last-dir']
    ? read903(opts['last-dir'], `last year, read ${opts['last-dir']}`, log)
    : undefined;
  const report = validate903Return(tables, {
    year: y,
    ...(last === undefined ? {} : { last }),
    onProgress: (done, total) => {
      log(`validated ${done}/${total} children`);
    },
  });
  writeAtomic(out, `${JSON.stringify(report, null, 1)}\n`);
  const errors = report.issues.filter((i) => i.kind === 'error').length;
  log(
    `${report.year}: ${report.children} children, ${errors} errors, ${report.issues.length - errors} queries, ${report.skipped.length} rules not run (see "skipped"); wrote ${out}`,
  );
  if (opts.html) {
    writeAtomic(opts.html, renderHtmlReport(report, dir, 'SSDA903 return'));
    log(`wrote ${opts.html}`);
  }
}

function ssda903Build(opts: Options, log: Log): void {
  const y = year(opts, true)!;
  const dir = need(opts, 'out-dir');
  const input = loadModel(need(opts, 'input'), log);
  const tables = build903(input, y);
  const tmp = join(dirname(join(dir, 'x')), `.903-tmp-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  try {
    for (const t of Object.keys(SSDA903_TABLES) as Ssda903Table[])
      writeFileSync(join(tmp, `${t}.csv`), ssda903Csv(t, tables[t] as never));
    for (const t of Object.keys(SSDA903_TABLES)) renameSync(join(tmp, `${t}.csv`), join(dir, `${t}.csv`));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  log(
    `wrote 11 files to ${dir}: ${Object.entries(tables)
      .map(([t, rows]) => `${t} ${rows.length}`)
      .join(', ')}`,
  );
}

function generate(opts: Options, log: Log): void {
  const n = Number(need(opts, 'children'));
  if (!Number.isInteger(n) || n < 1) throw new UsageError('--children must be a positive whole number');
  const seed = Number(opts.seed ?? '1');
  const out = need(opts, 'out');
  const input = generateInput({ children: n, seed, year: year(opts, false) ?? '2025-26' });
  writeAtomic(out, JSON.stringify(input));
  log(`wrote ${out}: ${input.children.length} fictional children (seed ${seed})`);
}
