import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DATE_FORMATS, type DateFormat } from '@waypoint/linkage';
import { readCsv } from '@waypoint/linkage/cli/csv-input.ts';
import { InputError } from '@waypoint/linkage/cli/errors.ts';
import { checkOutputPath, csvField, writeAll } from '@waypoint/linkage/cli/output.ts';
import { ProgressBar } from '@waypoint/linkage/cli/progress.ts';
import { type Encoding, Encoder } from '../encode.ts';
import { EncodingFileError, encodingToJson, parseEncodings } from '../file.ts';
import { SecretError } from '../keys.ts';
import { CANDIDATE_FLOOR, type LinkResult, linkEncodings } from '../link.ts';
import { EncodingInputError, normaliseField, type PprlRecord } from '../normalise.ts';
import { defaultSchema, type LinkageSchema, SchemaError, validateSchema } from '../schema.ts';
import { VersionMismatchError } from '../store.ts';
import { parseMap } from './mapping.ts';

export const USAGE = `usage: waypoint-pprl encode --input FILE.csv --id COLUMN --map FIELD=COL[+COL],... --secret-file KEY --out FILE.clk.jsonl
                     [--schema schema.json] [--date-format ${DATE_FORMATS.join('|')}]
       waypoint-pprl link --input A.clk.jsonl --input B.clk.jsonl --out pairs.csv [--threshold T] [--workers N]
       waypoint-pprl dedupe --input A.clk.jsonl --out pairs.csv [--clusters clusters.csv] [--threshold T] [--workers N]`;

function options(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        input: { type: 'string', multiple: true },
        id: { type: 'string' },
        map: { type: 'string' },
        'date-format': { type: 'string' },
        'secret-file': { type: 'string' },
        schema: { type: 'string' },
        out: { type: 'string' },
        clusters: { type: 'string' },
        threshold: { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new InputError((e as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function readText(path: string, option: string): Buffer {
  try {
    if (!statSync(path).isFile()) throw new InputError(`${option} ${path}: not a file`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${option} ${path}: file not found or not readable`);
  }
}

function loadSchema(path: string | undefined): LinkageSchema {
  if (path === undefined) return defaultSchema();
  let doc: unknown;
  try {
    doc = JSON.parse(readText(path, '--schema').toString('utf8'));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`--schema ${path}: not JSON`);
  }
  try {
    return validateSchema(doc);
  } catch (e) {
    if (e instanceof SchemaError) throw new InputError(`--schema ${path}: ${e.message}`);
    throw e;
  }
}

/**
 * Write lines to a temporary file beside `path` in chunks (an encoded file of a million records is
 * larger than one JavaScript string may be), and rename it into place only when complete.
 */
function writeLines(path: string, lines: readonly string[]): void {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(temp, 'w');
    try {
      for (let k = 0; k < lines.length; k += 10_000)
        writeSync(fd, lines.slice(k, k + 10_000).join('\n') + '\n');
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** Output/usage stream: the CLI writes progress and the summary here. */
type Out = Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;

async function encode(o: ReturnType<typeof options>['values'], stderr: Out): Promise<void> {
  const inputs = o.input ?? [];
  if (inputs.length !== 1) throw new InputError('encode takes exactly one --input CSV file');
  if (!o.id) throw new InputError("--id is required (the column holding each record's id)");
  if (!o.map) throw new InputError('--map is required');
  if (!o['secret-file'])
    throw new InputError('--secret-file is required (the shared secret; never given to the index)');
  if (!o.out) throw new InputError('--out is required');
  const dateFormat = (o['date-format'] ?? 'auto') as DateFormat;
  if (!DATE_FORMATS.includes(dateFormat))
    throw new InputError(`--date-format "${dateFormat}" is not one of ${DATE_FORMATS.join(', ')}`);
  const map = parseMap(o.map);
  const schema = loadSchema(o.schema);
  for (const field of map.keys())
    if (schema.fields[field] === undefined)
      throw new InputError(`--map: field "${field}" is not in the schema ${schema.name}`);
  checkOutputPath(o.out, '--out');
  const secretPath = o['secret-file'];
  let encoder: Encoder;
  try {
    encoder = new Encoder(schema, new Uint8Array(readText(secretPath, '--secret-file')), { dateFormat });
  } catch (e) {
    if (e instanceof SecretError) throw new InputError(`--secret-file ${secretPath}: ${e.message}`);
    throw e;
  }
  const bar = new ProgressBar(stderr as NodeJS.WriteStream);
  const started = performance.now();
  bar.update('reading', 0, 0);
  const table = readCsv(inputs[0]!);
  const idIndex = table.header.indexOf(o.id);
  if (idIndex < 0) throw new InputError(`${table.path}: unknown id column "${o.id}"`);
  const columns = [...map].map(([field, cols]) => {
    const idx = cols.map((c) => {
      const k = table.header.indexOf(c);
      if (k < 0) throw new InputError(`${table.path}: unknown column "${c}" (mapped to ${field})`);
      return k;
    });
    return [field, idx] as const;
  });
  const seen = new Set<string>();
  const lines: string[] = [];
  let droppedDates = 0;
  const encodeStarted = performance.now();
  table.rows.forEach((row, k) => {
    const id = row[idIndex]!;
    if (id === '') throw new InputError(`${table.path}: empty id in column "${o.id}" at record ${k + 1}`);
    if (seen.has(id)) throw new InputError(`${table.path}: id "${id}" repeated; ids must be unique`);
    seen.add(id);
    const r: PprlRecord = { id };
    for (const [field, idx] of columns) {
      const value = idx
        .map((c) => row[c]!)
        .filter((v) => v !== '')
        .join(' ');
      if (value !== '') r[field] = value;
    }
    try {
      if (r.dob != null && normaliseField('dob', r.dob, dateFormat) === null) droppedDates++;
      lines.push(encodingToJson(encoder.encode(r)));
    } catch (e) {
      if (e instanceof EncodingInputError)
        throw new InputError(`${table.path}: record ${k + 1} (id "${id}"): ${e.message}`);
      throw e;
    }
    if (k % 1000 === 0) bar.update('encoding', k, table.rows.length);
  });
  const encodeSeconds = (performance.now() - encodeStarted) / 1000;
  writeLines(o.out, lines);
  bar.finish();
  stderr.write(
    [
      `records encoded: ${lines.length.toLocaleString('en-GB')} from ${basename(table.path)} (${Math.round(lines.length / Math.max(encodeSeconds, 1e-9)).toLocaleString('en-GB')} encodings/s)`,
      `dates of birth left out (unparseable or absurd): ${droppedDates}`,
      `schema: ${encoder.schemaId}, key: ${encoder.keyId}, filter: ${schema.bits} bits`,
      `time: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    ].join('\n') + '\n',
  );
}

function readEncodings(path: string): Encoding[] {
  const bytes = readText(path, '--input');
  // Decoded in slices at line breaks: a big encoded file is larger than one string may be.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const chunks: string[] = [];
  try {
    for (let start = 0; start < bytes.length;) {
      let end = Math.min(bytes.length, start + (64 << 20));
      if (end < bytes.length) {
        const nl = bytes.indexOf(0x0a, end);
        end = nl < 0 ? bytes.length : nl + 1;
      }
      chunks.push(decoder.decode(bytes.subarray(start, end)));
      start = end;
    }
  } catch {
    throw new InputError(`${path}: not valid UTF-8`);
  }
  try {
    const seen = new Set<string>();
    const list: Encoding[] = [];
    let line = 0;
    for (const text of chunks) {
      for (const e of parseEncodings(text, path, line, seen)) list.push(e);
      line += text.split('\n').length - 1;
    }
    if (list.length === 0) throw new InputError(`${path}: no encodings`);
    return list;
  } catch (e) {
    if (e instanceof EncodingFileError) throw new InputError(e.message);
    throw e;
  }
}

async function link(
  command: 'link' | 'dedupe',
  o: ReturnType<typeof options>['values'],
  stderr: Out,
  onResult?: (r: LinkResult) => void,
): Promise<void> {
  const inputs = o.input ?? [];
  if (command === 'link' && inputs.length !== 2) throw new InputError('link takes exactly two --input files');
  if (command === 'dedupe' && inputs.length !== 1)
    throw new InputError('dedupe takes exactly one --input file');
  if (!o.out) throw new InputError('--out is required');
  if (o.clusters && command === 'link') throw new InputError('--clusters is for dedupe');
  for (const opt of ['id', 'map', 'secret-file', 'schema', 'date-format'] as const)
    if (o[opt] !== undefined) throw new InputError(`--${opt} is for encode; ${command} reads encodings only`);
  const threshold = o.threshold === undefined ? undefined : Number(o.threshold);
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1))
    throw new InputError('--threshold must be a Dice score above 0 and at most 1');
  const workers = o.workers === undefined ? undefined : Number(o.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1))
    throw new InputError('--workers must be a whole number ≥ 1');
  checkOutputPath(o.out, '--out');
  if (o.clusters) checkOutputPath(o.clusters, '--clusters');
  const bar = new ProgressBar(stderr as NodeJS.WriteStream);
  const started = performance.now();
  bar.update('reading', 0, 0);
  const sets = inputs.map(readEncodings);
  if (sets.length === 2) {
    const ids = new Set(sets[0]!.map((e) => e.id));
    const both = sets[1]!.find((e) => ids.has(e.id));
    if (both) throw new InputError(`id "${both.id}" is in both inputs; ids must be unique across them`);
  }
  let result: LinkResult;
  try {
    result = await linkEncodings(sets, {
      threshold,
      workers,
      onProgress: (phase, done, total) => {
        bar.update(phase, done, total);
      },
      onBlockingReport: (report) => {
        bar.finish();
        stderr.write(
          `blocking: ${report.total.toLocaleString('en-GB')} comparisons\n` +
            report.rules
              .map(
                (r) =>
                  `  ${r.rule}: ${r.comparisons.toLocaleString('en-GB')} comparisons, ${r.newComparisons.toLocaleString('en-GB')} new (largest block ${r.largestBlock}${r.skippedBlocks ? `, ${r.skippedBlocks} blocks over the limit skipped` : ''})`,
              )
              .join('\n') +
            '\n',
        );
      },
    });
  } catch (e) {
    if (e instanceof VersionMismatchError) throw new InputError(e.message);
    throw e;
  }
  const ids = result.store.ids;
  const files = [
    {
      path: o.out,
      content: () =>
        [
          'id_l,id_r,similarity',
          ...result.pairs.map(
            (p) => `${csvField(ids[p.left]!)},${csvField(ids[p.right]!)},${p.score.toFixed(4)}`,
          ),
        ].join('\n') + '\n',
    },
  ];
  const clusterOf = result.clusterOf;
  if (o.clusters && clusterOf) {
    files.push({
      path: o.clusters,
      content: () =>
        ['id,cluster_id', ...ids.map((id, i) => `${csvField(id)},${csvField(ids[clusterOf[i]!]!)}`)].join(
          '\n',
        ) + '\n',
    });
  }
  writeAll(files);
  onResult?.(result);
  bar.finish();
  const s = result.stats;
  const t = result.thresholdReport;
  const clusterCount = clusterOf ? new Set(clusterOf).size : 0;
  stderr.write(
    [
      `records: ${s.records.toLocaleString('en-GB')} (${sets.map((x) => x.length.toLocaleString('en-GB')).join(' + ')}), schema ${result.store.schema}, key ${result.store.key}`,
      `comparisons: ${s.comparisons.toLocaleString('en-GB')} (${Math.round(s.comparisonsPerSecond).toLocaleString('en-GB')}/s on ${s.threads} thread${s.threads > 1 ? 's' : ''})`,
      ...(result.model
        ? [
            `threshold: match probability ${result.threshold} under the field-level Fellegi–Sunter model fitted by EM without labels (${result.model.iterations} iterations${result.model.converged ? '' : ', not converged'}; ${result.model.candidates.toLocaleString('en-GB')} candidate pairs with record-filter Dice ≥ ${CANDIDATE_FLOOR}, ${result.model.patterns.toLocaleString('en-GB')} distinct comparison vectors; u from ${result.model.randomPairs.toLocaleString('en-GB')} random pairs; estimated probability that two records match ${result.model.lambda.toExponential(2)})`,
            `match weights (log2 m/u per level, best level first): ${result.model.comparisons
              .map(
                (c, k) =>
                  `${c} ${result
                    .model!.m[k]!.slice(1)
                    .map((m, l) => Math.log2(m / result.model!.u[k]![l + 1]!).toFixed(1))
                    .join('/')}`,
              )
              .join(', ')}`,
          ]
        : []),
      result.model
        ? null
        : t
          ? `threshold: ${result.threshold.toFixed(4)}, chosen without labels by Otsu's method on each record's best score (histogram dip below it ${t.dip.toFixed(4)}; ${t.below.records.toLocaleString('en-GB')} records below, mean ${t.below.mean.toFixed(3)}; ${t.above.records.toLocaleString('en-GB')} above, mean ${t.above.mean.toFixed(3)}; separation ${t.separation.toFixed(2)})`
          : `threshold: ${result.threshold} (given)`,
      `pairs: ${result.pairs.length.toLocaleString('en-GB')}${command === 'link' ? ' (one to one)' : `, clusters: ${clusterCount.toLocaleString('en-GB')}`}, stopped by the twin guard: ${s.guarded}`,
      `time: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    ]
      .filter((line) => line !== null)
      .join('\n') + '\n',
  );
}

/**
 * The `waypoint-pprl` command. Returns the exit code: 0 done, 2 bad input (one line on stderr, no
 * output written). `onResult` (for the benchmark) receives a link or dedupe run's result.
 */
export async function runCli(
  argv: string[],
  stderr: Out = process.stderr,
  onResult?: (r: LinkResult) => void,
): Promise<number> {
  try {
    const { values: o, positionals } = options(argv);
    if (o.help) {
      stderr.write(`${USAGE}\n`);
      return 0;
    }
    const command = positionals[0];
    if (positionals.length > 1) throw new InputError(`unexpected argument "${positionals[1]}"`);
    if (command === 'encode') await encode(o, stderr);
    else if (command === 'link' || command === 'dedupe') await link(command, o, stderr, onResult);
    else throw new InputError(`unknown or missing command "${command ?? ''}": use encode, link or dedupe`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      stderr.write(`waypoint-pprl: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
