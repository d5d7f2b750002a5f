// `npm run bench:linkage`: every development set separately, out of the box — the two public FEBRL
// sets (../shared/dev-data/linkage), the package's own generator and the second, independently
// written generator — each run once through the real `waypoint-link dedupe` code path with the
// same defaults (no per-set option but the column map), scored against the truth, and reported
// with the engine's own estimates beside the measured precision, recall and F1.
//
//   npm run bench:linkage                                   # the default sets
//   npm run bench:linkage -- --sets febrl1,own-1000000      # chosen sets (own-SIZE, second-SIZE[-SEED])
//   npm run bench:linkage -- --workers 1                    # scoring threads (default: one per core)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../src/cli/main.ts';
import type { LinkResult } from '../src/pipeline.ts';
import { devSet } from './datasets.ts';
import { score, type Scores } from './metrics.ts';

const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: 'febrl1,febrl2,own-10000,own-100000,second-5000,second-50000' },
    workers: { type: 'string' },
    report: { type: 'boolean', default: false },
  },
});
const dir = join(import.meta.dirname, '..', '.bench');
mkdirSync(dir, { recursive: true });
const workers = values.workers ? Number(values.workers) : availableParallelism();
console.log(
  `waypoint-link development benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), scoring threads up to ${workers}, load average ${loadavg()[0]!.toFixed(1)}`,
);
const fmt = (s: { precision: number; recall: number; f1: number }): string =>
  `P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)}`;
const rows: Record<string, unknown>[] = [];
for (const spec of values.sets.split(',')) {
  const set = devSet(spec.trim(), dir);
  const out = join(dir, `pairs-${spec}.csv`);
  const clustersOut = join(dir, `clusters-${spec}.csv`);
  let result: LinkResult | undefined;
  const t = performance.now();
  const args = [
    'dedupe',
    '--input',
    set.csv,
    '--id',
    set.id,
    '--map',
    set.map,
    '--out',
    out,
    '--clusters',
    clustersOut,
  ];
  if (values.report) args.push('--report', join(dir, `report-${spec}.html`));
  let log = '';
  const sink = { write: (x: string) => ((log += x), true) } as unknown as NodeJS.WriteStream;
  const code = await runCli([...args, '--workers', String(workers)], sink, (r) => (result = r));
  const totalSeconds = (performance.now() - t) / 1000;
  if (code !== 0 || !result) throw new Error(`waypoint-link exited with ${code}: ${log}`);
  writeFileSync(join(dir, `log-${spec}.txt`), log);
  const s: { pairs: Scores; clusters: Scores } = score(
    set.truth,
    readFileSync(out, 'utf8'),
    readFileSync(clustersOut, 'utf8'),
  );
  const r = result;
  const est = r.thresholdChoice.estimate;
  const st = r.stats;
  console.log(
    `${set.name.padEnd(26)} ${st.records.toLocaleString('en-GB').padStart(9)} records, threshold ${r.threshold}` +
      `\n    estimated ${fmt(est)} | measured pairs ${fmt(s.pairs)} | clusters ${fmt(s.clusters)}` +
      `\n    blocking recall estimated ${(100 * r.blockingRecall.recall).toFixed(1)}%` +
      ` | ${st.comparisons.toLocaleString('en-GB')} comparisons, ${Math.round(st.comparisonsPerCpuSecond).toLocaleString('en-GB')} per CPU second of the scoring threads (${st.scoringCpuSeconds.toFixed(2)} CPU s, ${st.scoringThreads} thread(s); wall ${Math.round(st.comparisonsPerSecond).toLocaleString('en-GB')}/s)` +
      ` | end to end ${totalSeconds.toFixed(1)} s | EM converged: ${r.model.json.training?.converged ?? false}${(r.model.json.training?.fallbacks ?? []).length > 0 ? `, fallbacks: ${r.model.json.training!.fallbacks!.join('; ')}` : ''}`,
  );
  rows.push({
    set: set.name,
    spec,
    threshold: r.threshold,
    estimated: est,
    measured: s,
    blockingRecall: r.blockingRecall,
    stats: st,
    totalSeconds,
  });
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
