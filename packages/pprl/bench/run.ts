// `npm run bench:pprl`: linking on encodings beside the plaintext engine on the same records.
//
// For each data set (the synthetic generator of @waypoint/linkage at each size, seed 2026, and the
// FEBRL development sets when ../shared/dev-data/linkage is present) it runs the real command-line
// code paths: `waypoint-link dedupe` on the CSV (plaintext), then `waypoint-pprl encode` and
// `waypoint-pprl dedupe` on the encodings (threshold chosen without labels), and scores both
// pairs.csv against the truth. Then it times the Dice kernel alone on one thread in CPU time.
//
//   npm run bench:pprl                                   # 10k and 100k synthetic, FEBRL, kernel
//   npm run bench:pprl -- --sizes 10000,100000,1000000  # chosen sizes
//   npm run bench:pprl -- --schema my-schema.json        # another schema
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generatePeople, SYNTHETIC_MAP, syntheticCsv } from '@waypoint/linkage';
import { runCli as runLink } from '@waypoint/linkage/cli/main.ts';
import { runCli } from '../src/cli/main.ts';
import { diceWords } from '../src/kernel/reference.ts';
import { instantiateKernel, sharedMemory } from '../src/kernel/wasm.ts';
import type { LinkResult } from '../src/link.ts';
import { threadCpuSeconds } from '../src/parallel/cpu.ts';
import { countTruePairs, scorePairsCsv, type Scores } from './metrics.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    seed: { type: 'string', default: '2026' },
    schema: { type: 'string' },
    workers: { type: 'string' },
    'skip-plaintext': { type: 'boolean', default: false },
  },
});
const dir = join(import.meta.dirname, '..', '.bench');
mkdirSync(dir, { recursive: true });
const secret = join(dir, 'bench-key.txt');
writeFileSync(secret, 'fictional benchmark secret, 32+ bytes long\n');
const workers = values.workers ?? String(availableParallelism());

class Tee {
  text = '';
  isTTY = false;
  write(s: string): boolean {
    this.text += s;
    process.stderr.write(s);
    return true;
  }
}

function findDevData(): string | null {
  const env = process.env.WAYPOINT_SHARED;
  if (env && existsSync(join(env, 'dev-data', 'linkage'))) return join(env, 'dev-data', 'linkage');
  for (let d = resolve(import.meta.dirname); d !== dirname(d); d = dirname(d)) {
    const p = join(d, 'shared', 'dev-data', 'linkage');
    if (existsSync(p)) return p;
  }
  return null;
}

interface Row {
  data: string;
  records: number;
  plaintext: Scores | null;
  plaintextSeconds: number;
  encodings: Scores;
  threshold: number;
  /** The best F1 any threshold would have given (chosen with the truth: a ceiling, not a result). */
  bestThreshold: { threshold: number; f1: number };
  encodingsPerSecond: number;
  encodeSeconds: number;
  linkSeconds: number;
  comparisons: number;
  comparisonsPerCpuSecond: number;
  threads: number;
  guarded: number;
  maxRssMb: number;
}

const rows: Row[] = [];

async function bench(
  data: string,
  csv: string,
  idColumn: string,
  map: string,
  dateFormat: string,
  truth: Map<string, string>,
): Promise<void> {
  const records = truth.size;
  let plaintext: Scores | null = null;
  let plaintextSeconds = 0;
  if (!values['skip-plaintext']) {
    const out = join(dir, `${data}-plain-pairs.csv`);
    const t = performance.now();
    const code = await runLink(
      [
        'dedupe',
        '--input',
        csv,
        '--id',
        idColumn,
        '--map',
        map,
        '--date-format',
        dateFormat,
        '--out',
        out,
        '--workers',
        workers,
      ],
      process.stderr,
    );
    if (code !== 0) throw new Error(`waypoint-link exited with ${code}`);
    plaintextSeconds = (performance.now() - t) / 1000;
    plaintext = scorePairsCsv(truth, readFileSync(out, 'utf8'));
  }
  const clk = join(dir, `${data}.clk.jsonl`);
  const tee = new Tee();
  let t = performance.now();
  const schemaArgs = values.schema ? ['--schema', values.schema] : [];
  let code = await runCli(
    [
      'encode',
      '--input',
      csv,
      '--id',
      idColumn,
      '--map',
      map,
      '--date-format',
      dateFormat,
      '--secret-file',
      secret,
      '--out',
      clk,
      ...schemaArgs,
    ],
    tee,
  );
  if (code !== 0) throw new Error(`waypoint-pprl encode exited with ${code}`);
  const encodeSeconds = (performance.now() - t) / 1000;
  const rate = /\(([\d,]+) encodings\/s\)/.exec(tee.text);
  const pairsOut = join(dir, `${data}-pprl-pairs.csv`);
  let result: LinkResult | undefined;
  t = performance.now();
  code = await runCli(
    ['dedupe', '--input', clk, '--out', pairsOut, '--workers', workers],
    tee,
    (r) => (result = r),
  );
  if (code !== 0 || !result) throw new Error(`waypoint-pprl dedupe exited with ${code}`);
  const linkSeconds = (performance.now() - t) / 1000;
  const encodings = scorePairsCsv(truth, readFileSync(pairsOut, 'utf8'));
  // The ceiling: the best F1 over thresholds, from the pairs kept (all at or above the chosen one)
  // and a rerun at a low threshold. Uses the truth, so it is reported apart, never as the result.
  if (records > 200_000) {
    // Pairs down to 0.5 at a million records do not fit in memory: no ceiling there.
    finish(
      data,
      records,
      plaintext,
      plaintextSeconds,
      encodings,
      result,
      { threshold: Number.NaN, f1: Number.NaN },
      rate,
      encodeSeconds,
      linkSeconds,
    );
    return;
  }
  const low = join(dir, `${data}-pprl-low.csv`);
  const lowResult: { r?: LinkResult } = {};
  await runCli(
    [
      'dedupe',
      '--input',
      clk,
      '--out',
      low,
      '--threshold',
      // Dice down to 0.5, or every candidate the field-level model scores.
      result.model ? '0.000001' : '0.5',
      '--workers',
      workers,
    ],
    { write: () => true, isTTY: false },
    (r) => (lowResult.r = r),
  );
  const ids = lowResult.r!.store.ids;
  const sorted = lowResult.r!.pairs.map((p) => ({
    s: p.score,
    ok: truth.get(ids[p.left]!) === truth.get(ids[p.right]!),
  }));
  sorted.sort((x, y) => y.s - x.s);
  const tp = countTruePairs(truth);
  let correct = 0;
  let best = { threshold: 1, f1: 0 };
  sorted.forEach((p, k) => {
    if (p.ok) correct++;
    const next = sorted[k + 1];
    if (next && next.s === p.s) return;
    const P = correct / (k + 1);
    const R = correct / tp;
    const f1 = P + R === 0 ? 0 : (2 * P * R) / (P + R);
    if (f1 > best.f1) best = { threshold: p.s, f1 };
  });
  finish(
    data,
    records,
    plaintext,
    plaintextSeconds,
    encodings,
    result,
    best,
    rate,
    encodeSeconds,
    linkSeconds,
  );
}

function finish(
  data: string,
  records: number,
  plaintext: Scores | null,
  plaintextSeconds: number,
  encodings: Scores,
  result: LinkResult,
  best: { threshold: number; f1: number },
  rate: RegExpExecArray | null,
  encodeSeconds: number,
  linkSeconds: number,
): void {
  const s = result.stats;
  const row: Row = {
    data,
    records,
    plaintext,
    plaintextSeconds,
    encodings,
    threshold: result.threshold,
    bestThreshold: best,
    encodingsPerSecond: rate ? Number(rate[1]!.replace(/,/g, '')) : records / encodeSeconds,
    encodeSeconds,
    linkSeconds,
    comparisons: s.comparisons,
    comparisonsPerCpuSecond: s.comparisonsPerCpuSecond,
    threads: s.threads,
    guarded: s.guarded,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  rows.push(row);
  const f = (x: Scores | null): string =>
    x ? `P ${x.precision.toFixed(4)} R ${x.recall.toFixed(4)} F1 ${x.f1.toFixed(4)}` : 'skipped';
  console.log(
    `${data.padEnd(16)} ${records.toLocaleString('en-GB').padStart(9)} records | plaintext ${f(plaintext)} (${plaintextSeconds.toFixed(1)} s)` +
      ` | encodings ${f(encodings)} at threshold ${row.threshold.toFixed(4)} (best possible F1 ${best.f1.toFixed(4)} at ${best.threshold.toFixed(4)})` +
      ` | ${Math.round(s.comparisonsPerCpuSecond).toLocaleString('en-GB')} comparisons per CPU second of the scoring threads` +
      ` | encode ${Math.round(row.encodingsPerSecond).toLocaleString('en-GB')}/s (${encodeSeconds.toFixed(1)} s), dedupe ${linkSeconds.toFixed(1)} s, ${s.comparisons.toLocaleString('en-GB')} comparisons (every scoring pass) on ${s.threads} thread(s), guard stopped ${s.guarded}` +
      ` | max RSS ${row.maxRssMb.toFixed(0)} MB, load ${loadavg()[0]!.toFixed(1)}`,
  );
}

console.log(
  `waypoint-pprl benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]!.toFixed(1)}`,
);
for (const size of values.sizes.split(',').map((x) => Number(x.replace(/_/g, '')))) {
  const people = generatePeople({ size, seed: Number(values.seed) });
  const csv = join(dir, `people-${size}.csv`);
  writeFileSync(csv, syntheticCsv(people));
  await bench(
    `synthetic-${size}`,
    csv,
    'record_ref',
    SYNTHETIC_MAP,
    'YYYYMMDD',
    new Map(people.map((p) => [p.id, p.trueId])),
  );
}
const dev = findDevData();
if (dev) {
  for (const name of ['febrl-dataset1', 'febrl-dataset2']) {
    const csv = join(dev, `${name}.csv`);
    if (!existsSync(csv)) continue;
    const text = readFileSync(csv, 'utf8');
    const truth = new Map(
      text
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => {
          const id = l.split(',')[0]!.trim();
          return [id, /^rec-(\d+)-/.exec(id)![1]!] as [string, string];
        }),
    );
    await bench(
      name,
      csv,
      'rec_id',
      'given_name=given_name,family_name=surname,address=street_number+address_1+address_2,town=suburb,postcode=postcode,dob=date_of_birth,nhs_number=soc_sec_id',
      'YYYYMMDD',
      truth,
    );
  }
} else console.log('FEBRL development data not found (set WAYPOINT_SHARED): skipped');

// The kernel alone: one thread, CPU time, 1,024-bit filters, one query against a run of filters.
{
  const n = 100_000;
  const stride = 128;
  const mem = sharedMemory(n * stride + 4 * n + 65536);
  const u8 = new Uint8Array(mem.buffer, 0, n * stride);
  let x = 99;
  for (let i = 0; i < u8.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    u8[i] = x >>> 24;
  }
  const k = instantiateKernel(mem);
  const pop = new Int32Array(n).fill(512);
  const out = new Int32Array(mem.buffer, n * stride, n);
  const scan = (queries: number): number => {
    let kept = 0;
    for (let q = 0; q < queries; q++) {
      k.and_range(q * stride, 0, n, stride, n * stride);
      const pq = pop[q]!;
      for (let i = 0; i < n; i++) if ((2 * out[i]!) / (pq + pop[i]!) >= 0.9) kept++;
    }
    return kept;
  };
  scan(20);
  const queries = 300;
  let cpu = threadCpuSeconds();
  let wall = performance.now();
  scan(queries);
  cpu = threadCpuSeconds() - cpu;
  wall = (performance.now() - wall) / 1000;
  const wasmRate = (queries * n) / cpu;
  const words = new Uint32Array(mem.buffer, 0, (n * stride) / 4);
  const jsQueries = 40;
  let jsCpu = threadCpuSeconds();
  let sink = 0;
  for (let q = 0; q < jsQueries; q++)
    for (let i = 0; i < n; i++) sink += diceWords(words, q * 32, words, i * 32, 32);
  jsCpu = threadCpuSeconds() - jsCpu;
  const jsRate = (jsQueries * n) / jsCpu;
  console.log(
    `Dice kernel, 1,024-bit filters, one thread: WebAssembly i64.popcnt ${(wasmRate / 1e6).toFixed(1)}M comparisons per CPU second (${((queries * n) / wall / 1e6).toFixed(1)}M/s wall clock, ${(queries * n).toLocaleString('en-GB')} comparisons)` +
      ` | JavaScript 32-bit SWAR ${(jsRate / 1e6).toFixed(1)}M per CPU second (checksum ${sink.toFixed(0)})`,
  );
  rows.push({ data: 'kernel', wasmPerCpuSecond: wasmRate, jsPerCpuSecond: jsRate } as unknown as Row);
}
writeFileSync(
  join(dir, 'results.json'),
  JSON.stringify({ node: process.version, when: new Date().toISOString(), rows }, null, 2),
);
console.log(`results written to ${join(dir, 'results.json')}`);
