/**
 * `npm run bench:redaction`: recall and precision per type on held-out generated reviews, a leak
 * check on the rendered output, and throughput in MB per second on one core.
 * Options: --dev (score the development draw instead), --docs N, --verbose (print misses and false positives).
 */
import { detect } from '../src/detect.ts';
import { render } from '../src/render.ts';
import { generateCase, type GeneratedCase } from '../src/corpus/generate.ts';
import { score, type Scores } from '../src/corpus/evaluate.ts';

const args = process.argv.slice(2);
const isDev = args.includes('--dev');
const verbose = args.includes('--verbose');
const docs = Number(args[args.indexOf('--docs') + 1] ?? 0) || 60;
const draw = isDev ? 'dev' : 'heldout';
const nlpPerMB = args.includes("--nlp") ? Number(args[args.indexOf("--nlp") + 1]) : 10;
const seedBase = isDev ? 'dev-seed' : 'heldout-seed-2026';

/** CPU milliseconds (user + system) of this process since `from`: time on one core, whatever else the machine runs. */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

const cases: GeneratedCase[] = [];
for (let i = 0; i < docs; i++) cases.push(generateCase({ seed: `${seedBase}-${i}`, draw, episodes: 20 + (i % 5) * 10 }));

let scores: Scores | undefined;
let leaks = 0;
let castNames = 0;
let bytes = 0;
let ms = 0;
detect(cases[0]!.text, { cast: cases[0]!.cast }); // warm up the lexicon
for (const c of cases) {
  const t0 = process.cpuUsage();
  const { spans } = detect(c.text, { cast: c.cast, policy: { nlpPerMB } });
  ms += cpuMs(t0);
  bytes += Buffer.byteLength(c.text);
  scores = score(c.text, c.gold, spans, scores);
  // Leak check: no cast name word (three letters or more) may survive in the output.
  const out = render(c.text, spans).text;
  const words = new Set(out.split(/[^\p{L}]+/u));
  for (const p of c.people) {
    for (const w of [p.first, p.last, ...(p.middle ? [p.middle] : [])]) {
      castNames++;
      if (w.length >= 3 && words.has(w)) leaks++;
    }
  }
}

// Throughput on one long review (about 300 pages of 3,000 characters).
const big: string[] = [];
let bigLen = 0;
let k = 0;
while (bigLen < 1_000_000) {
  const c = cases[k++ % cases.length]!;
  big.push(c.text);
  bigLen += c.text.length;
}
const bigText = big.join('\n\n');
const bt0 = process.cpuUsage();
const bw0 = performance.now();
detect(bigText, { cast: cases[0]!.cast, policy: { nlpPerMB } });
const bigMs = cpuMs(bt0);
const bigWall = performance.now() - bw0;

const pct = (f: number, t: number): string => (t === 0 ? '   -  ' : (f / t).toFixed(3).padStart(6));
console.log(`waypoint-redact benchmark: ${docs} ${draw} documents (seed "${seedBase}"), ${(bytes / 1e6).toFixed(2)} MB\n`);
console.log('Recall (gold spans fully covered)'.padEnd(46) + 'recall   found/total');
for (const [k2, t] of [...scores!.recall].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${k2.padEnd(44)}${pct(t.found, t.total)}   ${t.found}/${t.total}`);
console.log('\nPrecision (detected spans overlapping gold)'.padEnd(47) + 'precision   true/detected');
for (const [k2, t] of [...scores!.precision].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${k2.padEnd(44)}${pct(t.found, t.total)}   ${t.found}/${t.total}`);
console.log(`\nLeak check: ${leaks} cast name words left in the rendered output (of ${castNames} checked)`);
console.log(`Throughput (CPU time of this process, i.e. per core): ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s over the corpus`);
console.log(`300-page review: ${(Buffer.byteLength(bigText) / 1e6).toFixed(2)} MB in ${(bigMs / 1000).toFixed(2)} s CPU (${(bigWall / 1000).toFixed(2)} s wall) = ${(Buffer.byteLength(bigText) / 1e6 / (bigMs / 1000)).toFixed(2)} MB/s per core`);
if (verbose) {
  console.log('\nMisses:');
  for (const m of scores!.misses.slice(0, 80)) console.log(`  ${m.type}${m.isCast ? ' (cast)' : ''} ${JSON.stringify(m.text)} [${m.entity}]`);
  console.log('\nFalse positives:');
  for (const f of scores!.falsePositives.slice(0, 80)) console.log(`  ${f.type} ${JSON.stringify(f.text)} ${f.detector} ${f.confidence}`);
}
