import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { linkageReport } from '../report.ts';
import { parseArgs } from 'node:util';
import { DATE_FORMATS, type DateFormat } from '../dates.ts';
import { LinkageModel } from '../model.ts';
import { type LinkResult, linkRecords } from '../pipeline.ts';
import { readCsv } from './csv-input.ts';
import { InputError } from './errors.ts';
import { parseMap } from './mapping.ts';
import { checkOutputPath, csvField, writeAll } from './output.ts';
import { ProgressBar } from './progress.ts';
import { KEY_THRESHOLDS } from '../threshold.ts';
import { tablesToRecords } from './records.ts';

export const USAGE = `usage: waypoint-link dedupe|link --input FILE [--input FILE ...] --id COLUMN --map FIELD=COL[+COL],... --out pairs.csv
       [--clusters clusters.csv] [--threshold P | --min-precision P] [--report report.html] [--date-format ${DATE_FORMATS.join('|')}]
       [--model model.json] [--save-model model.json] [--workers N]
fields: given_name family_name full_name dob sex postcode address town nhs_number email phone`;

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
        out: { type: 'string' },
        clusters: { type: 'string' },
        threshold: { type: 'string' },
        'min-precision': { type: 'string' },
        report: { type: 'string' },
        model: { type: 'string' },
        'save-model': { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new InputError((e as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function loadModel(path: string): LinkageModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`--model ${path}: file not found or not readable`);
  }
  try {
    return LinkageModel.fromJSON(JSON.parse(text));
  } catch (e) {
    throw new InputError(`--model ${path}: ${(e as Error).message}`);
  }
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Lines saying where training fell back to the shipped defaults, and why. */
function trainingWarnings(result: LinkResult): string[] {
  return (result.model.json.training?.fallbacks ?? []).map((f) => `WARNING: ${f}`);
}

/**
 * The `waypoint-link` command. Returns the exit code: 0 done, 2 bad input (one line on stderr, no
 * output written). Progress and the summary go to stderr; `onResult` (for the benchmark) receives
 * the run's result and statistics.
 */
export async function runCli(
  argv: string[],
  stderr: NodeJS.WriteStream = process.stderr,
  onResult?: (result: LinkResult) => void,
): Promise<number> {
  try {
    const { values: o, positionals } = options(argv);
    if (o.help) {
      stderr.write(`${USAGE}\n`);
      return 0;
    }
    const command = positionals[0];
    if (command !== 'dedupe' && command !== 'link')
      throw new InputError(`unknown or missing command "${command ?? ''}": use dedupe or link`);
    if (positionals.length > 1) throw new InputError(`unexpected argument "${positionals[1]}"`);
    const inputs = o.input ?? [];
    if (inputs.length === 0) throw new InputError('--input is required');
    if (command === 'link' && inputs.length < 2)
      throw new InputError('link needs at least two --input files');
    if (!o.id) throw new InputError("--id is required (the column holding each record's id)");
    if (!o.map) throw new InputError('--map is required');
    if (!o.out) throw new InputError('--out is required');
    const dateFormat = (o['date-format'] ?? 'auto') as DateFormat;
    if (!DATE_FORMATS.includes(dateFormat))
      throw new InputError(`--date-format "${dateFormat}" is not one of ${DATE_FORMATS.join(', ')}`);
    const threshold = o.threshold === undefined ? undefined : Number(o.threshold);
    if (threshold !== undefined && !(threshold > 0 && threshold < 1))
      throw new InputError('--threshold must be a probability between 0 and 1');
    const minPrecision = o['min-precision'] === undefined ? undefined : Number(o['min-precision']);
    if (minPrecision !== undefined && !(minPrecision > 0 && minPrecision <= 1))
      throw new InputError('--min-precision must be a number above 0 and at most 1');
    if (minPrecision !== undefined && threshold !== undefined)
      throw new InputError('give --threshold or --min-precision, not both');
    const workers = o.workers === undefined ? undefined : Number(o.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1))
      throw new InputError('--workers must be a whole number ≥ 1');
    const map = parseMap(o.map);
    const model = o.model ? loadModel(o.model) : undefined;
    for (const [path, name] of [
      [o.out, '--out'],
      [o.clusters, '--clusters'],
      [o['save-model'], '--save-model'],
      [o.report, '--report'],
    ] as const) {
      if (path) checkOutputPath(path, name);
    }

    const bar = new ProgressBar(stderr);
    const started = performance.now();
    bar.update('reading', 0, 0);
    const tables = inputs.map((p) => readCsv(p));
    const { records, unparseableDates, unparsedExamples } = tablesToRecords(tables, o.id, map, dateFormat);
    const result = await linkRecords(records, {
      mode: command === 'link' ? 'link' : 'dedupe',
      model,
      threshold,
      minPrecision,
      workers,
      fields: [...map.keys()],
      onProgress: (phase, done, total) => {
        bar.update(phase, done, total);
      },
      onBlockingReport: (report, chosenRules) => {
        bar.finish();
        const skipped = chosenRules
          .filter((c) => !c.used)
          .map(
            (c) =>
              `  not used: ${c.rule} (${c.reason}${c.comparisons > 0 ? `, ${c.comparisons.toLocaleString('en-GB')} comparisons` : ''})`,
          );
        const rows = report.rules.map(
          (r) =>
            `  ${r.rule}: ${r.comparisons.toLocaleString('en-GB')} comparisons, ${r.newComparisons.toLocaleString('en-GB')} new (largest block ${r.largestBlock})`,
        );
        stderr.write(
          `blocking: ${report.total.toLocaleString('en-GB')} comparisons to score\n${[...rows, ...skipped].join('\n')}\n`,
        );
      },
    });
    const d = result.store.data;
    const files = [
      {
        path: o.out,
        content: () => {
          const lines = ['id_l,id_r,match_probability,match_weight'];
          for (const k of result.pairs.byWeight()) {
            const p = result.pairs.get(d, k);
            lines.push(
              `${csvField(p.idL)},${csvField(p.idR)},${p.matchProbability.toFixed(6)},${p.matchWeight.toFixed(4)}`,
            );
          }
          return lines.join('\n') + '\n';
        },
      },
    ];
    if (o.clusters) {
      files.push({
        path: o.clusters,
        content: () =>
          [
            'id,cluster_id',
            ...d.ids.map((id, i) => `${csvField(id)},${csvField(d.ids[result.clusterOf[i]!]!)}`),
          ].join('\n') + '\n',
      });
    }
    if (o.report) {
      const title = `Record linkage report: ${inputs.map((p) => basename(p)).join(', ')}`;
      files.push({ path: o.report, content: () => linkageReport(result, { title }) });
    }
    if (o['save-model'])
      files.push({
        path: o['save-model'],
        content: () => JSON.stringify(result.model.toJSON(), null, 2) + '\n',
      });
    writeAll(files);
    onResult?.(result);
    bar.finish();
    const s = result.stats;
    const training = result.model.json.training;
    const est = result.thresholdChoice.estimate;
    stderr.write(
      [
        `records: ${s.records.toLocaleString('en-GB')} (${tables.length} file${tables.length > 1 ? 's' : ''}), unparseable dates: ${unparseableDates}${unparsedExamples.length > 0 ? ` (treated as missing; for example ${unparsedExamples.map((x) => JSON.stringify(x)).join(', ')})` : ''}`,
        `comparisons: ${s.comparisons.toLocaleString('en-GB')} (${Math.round(s.comparisonsPerSecond).toLocaleString('en-GB')}/s on ${s.scoringThreads} thread${s.scoringThreads > 1 ? 's' : ''}, ${Math.round(s.comparisonsPerCpuSecond).toLocaleString('en-GB')} per CPU second)`,
        model
          ? `model: ${o.model}`
          : `model: trained here, EM ${training?.converged ? 'converged' : 'did NOT converge'} (${training?.sessions.map((x) => `${x.blockingRule}: ${x.iterations} iterations`).join('; ') ?? ''})`,
        `blocking recall: an estimated ${pct(result.blockingRecall.recall)} of matches are blocked (from ${result.blockingRecall.sampledRecords.toLocaleString('en-GB')} sampled records against every record sharing any one fact with them: ${result.blockingRecall.candidatePairs.toLocaleString('en-GB')} pairs, ${result.blockingRecall.expectedMatches.toFixed(1)} expected matches, ${result.blockingRecall.expectedMissed.toFixed(1)} of them not blocked)`,
        ...trainingWarnings(result),
        `threshold: ${result.threshold} (${result.thresholdChoice.reason}); estimated precision ${est.precision.toFixed(4)}, recall ${est.recall.toFixed(4)}, F1 ${est.f1.toFixed(4)}`,
        `  estimated curve: ${result.thresholdChoice.curve
          .filter((c) => KEY_THRESHOLDS.includes(c.threshold))
          .map(
            (c) =>
              `${c.threshold}: P ${c.precision.toFixed(3)} R ${c.recall.toFixed(3)} F1 ${c.f1.toFixed(3)}`,
          )
          .join(' · ')}`,
        `pairs found: ${s.pairsFound.toLocaleString('en-GB')} at threshold ${result.threshold}, clusters: ${s.clusters.toLocaleString('en-GB')}`,
        `time: ${((performance.now() - started) / 1000).toFixed(1)} s`,
      ].join('\n') + '\n',
    );
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      stderr.write(`waypoint-link: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
