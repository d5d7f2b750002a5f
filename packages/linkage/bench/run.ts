// `npm run bench:linkage`: the synthetic benchmark. For each size it generates fictional child
// records with their true identities, writes them as CSV, runs the real `waypoint-link dedupe` code
// path on it (read CSV, train unsupervised, block, score, cluster, write pairs.csv and
// clusters.csv), and scores the output against the truth.
//
//   npm run bench:linkage                                # 10k, 100k and 1M records
//   npm run bench:linkage -- --sizes 10000,100000        # chosen sizes
//   npm run bench:linkage -- --workers 1                 # scoring threads (default: one per core)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../src/cli/main.ts';
import type { LinkResult } from '../src/pipeline.ts';
import { SYNTHETIC_MAP, syntheticCsv } from '../src/synthetic/csv.ts';
import { generatePeople } from '../src/synthetic/generate.ts';
import { score, type Scores } from './metrics.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    workers: { type: 'string' },
    seed: { type: 'string', default: '2026' },
  },
});
const sizes = values.sizes.split(',').map((s) => Number(s.replace(/_/g, '')));
const dir = join(import.meta.dirname, '..', '.bench');
mkdirSync(dir, { recursive: true });

interface Row {
  records: number;
  generateSeconds: number;
  totalSeconds: number;
  phases: LinkResult['stats']['seconds'];
  comparisons: number;
  comparisonsPerSecond: number;
  comparisonsPerCpuSecond: number;
  /** CPU seconds of the scoring threads, and of the whole process during the scoring phase. */
  scoringCpuSeconds: number;
  scoringProcessCpuSeconds: number;
  threads: number;
  threshold: number;
  converged: boolean;
  pairs: Scores;
  clusters: Scores;
}

const rows: Row[] = [];
const workers = values.workers ? Number(values.workers) : availableParallelism();
console.log(
  `waypoint-link synthetic benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), scoring threads up to ${workers}, load average ${loadavg()[0]!.toFixed(1)}`,
);
for (const size of sizes) {
  let t = performance.now();
  const records = generatePeople({ size, seed: Number(values.seed) });
  const csv = join(dir, `people-${size}.csv`);
  writeFileSync(csv, syntheticCsv(records));
  const generateSeconds = (performance.now() - t) / 1000;
  const out = join(dir, `pairs-${size}.csv`);
  const clustersOut = join(dir, `clusters-${size}.csv`);
  let result: LinkResult | undefined;
  t = performance.now();
  const args = [
    'dedupe',
    '--input',
    csv,
    '--id',
    'record_ref',
    '--map',
    SYNTHETIC_MAP,
    '--date-format',
    'YYYYMMDD',
    '--out',
    out,
    '--clusters',
    clustersOut,
  ];
  const code = await runCli([...args, '--workers', String(workers)], process.stderr, (r) => (result = r));
  const totalSeconds = (performance.now() - t) / 1000;
  if (code !== 0 || !result) throw new Error(`waypoint-link exited with ${code}`);
  const truth = new Map(records.map((r) => [r.id, r.trueId]));
  const s = score(truth, readFileSync(out, 'utf8'), readFileSync(clustersOut, 'utf8'));
  rows.push({
    records: size,
    generateSeconds,
    totalSeconds,
    phases: result.stats.seconds,
    comparisons: result.stats.comparisons,
    comparisonsPerSecond: result.stats.comparisonsPerSecond,
    comparisonsPerCpuSecond: result.stats.comparisonsPerCpuSecond,
    scoringCpuSeconds: result.stats.scoringCpuSeconds,
    scoringProcessCpuSeconds: result.stats.scoringProcessCpuSeconds,
    threads: result.stats.scoringThreads,
    threshold: result.threshold,
    converged: result.model.json.training?.converged ?? false,
    ...s,
  });
  const r = rows[rows.length - 1]!;
  console.log(
    `${size.toLocaleString('en-GB').padStart(9)} records | pairs P ${r.pairs.precision.toFixed(4)} R ${r.pairs.recall.toFixed(4)} F1 ${r.pairs.f1.toFixed(4)}` +
      ` | clusters P ${r.clusters.precision.toFixed(4)} R ${r.clusters.recall.toFixed(4)} F1 ${r.clusters.f1.toFixed(4)}` +
      ` | ${r.comparisons.toLocaleString('en-GB')} comparisons, ${Math.round(r.comparisonsPerSecond).toLocaleString('en-GB')}/s on ${r.threads} thread(s),` +
      ` ${Math.round(r.comparisonsPerCpuSecond).toLocaleString('en-GB')} per CPU second of the scoring threads (${r.scoringCpuSeconds.toFixed(2)} CPU s; process ${r.scoringProcessCpuSeconds.toFixed(2)} CPU s)` +
      ` | end to end ${r.totalSeconds.toFixed(1)} s (prepare ${r.phases.preparing.toFixed(1)}, block ${r.phases.blocking.toFixed(1)}, train ${r.phases.training.toFixed(1)}, score ${r.phases.scoring.toFixed(1)}, cluster ${r.phases.clustering.toFixed(1)})` +
      ` | threshold ${r.threshold}, EM converged: ${r.converged}, load average ${loadavg()[0]!.toFixed(1)}`,
  );
}
writeFileSync(
  join(dir, 'results.json'),
  JSON.stringify(
    { node: process.version, cores: cpus().length, when: new Date().toISOString(), rows },
    null,
    2,
  ),
);
console.log(`results written to ${join(dir, 'results.json')}`);
