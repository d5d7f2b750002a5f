// Where the errors are on a development set (see bench/datasets.ts): the true pairs missed — never
// blocked by the rules the run chose (and which candidate rule would have paired them), stopped by
// a guard, or weighed below the threshold — by comparison pattern, and the false matches; then
// the measured precision, recall and F1 at each candidate threshold beside the estimated curve.
// Truth used to evaluate only.
//
//   npx tsx bench/diagnose.ts febrl1|febrl2|own-SIZE|second-SIZE [examples] [top]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { devSet } from './datasets.ts';
import { readCsv } from '../src/cli/csv-input.ts';
import { parseMap } from '../src/cli/mapping.ts';
import { tablesToRecords } from '../src/cli/records.ts';
import { linkRecords } from '../src/pipeline.ts';
import { guard } from '../src/guards.ts';
import { probabilityFromWeight, weightFromProbability } from '../src/model.ts';
import { type BlockingIndex, buildBlocking, PERSON_BLOCKING_RULES } from '../src/blocking.ts';
import { chooseBlockingRules, EXTRA_BLOCKING_RULES } from '../src/adaptive-blocking.ts';

const [spec, ex, tp] = process.argv.slice(2);
const examples = Number(ex ?? 3);
const top = Number(tp ?? 12);
const dir = join(import.meta.dirname, '..', '.bench');
mkdirSync(dir, { recursive: true });
const set = devSet(spec ?? 'febrl1', dir);
const map = parseMap(set.map);
const { records } = tablesToRecords([readCsv(set.csv)], set.id, map, 'auto');
const trueId = (id: string): string => set.truth.get(id)!;
const res = await linkRecords(records, { workers: 1, fields: [...map.keys()] });
const d = res.store.data;
const size = d.size;
const model = res.model;
const minWeight = weightFromProbability(res.threshold);
const chosen = chooseBlockingRules(d, 'dedupe', { base: PERSON_BLOCKING_RULES }).index;
const all = buildBlocking(d, [...PERSON_BLOCKING_RULES, ...EXTRA_BLOCKING_RULES], 'dedupe');
const pairedBy = (index: BlockingIndex, r: number, i: number, j: number): boolean => {
  const k = index.keys[r]!;
  const p = index.probe[r];
  return k[i]! >= 0 && k[i] === k[j] && (!p || p[i] === 1 || p[j] === 1);
};
const blocked = (i: number, j: number): boolean => chosen.rules.some((_, r) => pairedBy(chosen, r, i, j));
const found = new Set<number>();
for (let k = 0; k < res.pairs.length; k++) found.add(res.pairs.left[k]! * size + res.pairs.right[k]!);
const byChild = new Map<string, number[]>();
records.forEach((r, i) => {
  const t = trueId(r.id);
  const list = byChild.get(t);
  if (list) list.push(i);
  else byChild.set(t, [i]);
});
const levels = new Uint8Array(model.defs.length);
const pattern = (i: number, j: number): string => {
  model.levels(d, i, j, levels);
  return model.defs.map((def, c) => `${def.name}=${def.levels[levels[c]!]!.label}`).join('; ');
};
const show = (i: number): string => {
  const r = records[i]!;
  return [
    r.given_name,
    r.family_name,
    r.dob,
    r.sex,
    r.postcode,
    r.address,
    r.town,
    r.nhs_number,
    r.phone,
    r.email,
  ]
    .map((x) => x ?? '–')
    .join('|');
};
type Tally = Map<string, { n: number; shown: string[] }>;
const tally = (t: Tally, key: string, i: number, j: number, w: number): void => {
  const e = t.get(key) ?? { n: 0, shown: [] };
  e.n++;
  if (e.shown.length < examples) e.shown.push(`      ${w.toFixed(2)}  ${show(i)}\n             ${show(j)}`);
  t.set(key, e);
};
const notBlocked: Tally = new Map();
const wouldCatch = new Map<string, number>();
const guarded: Tally = new Map();
const low: Tally = new Map();
const falseMatches: Tally = new Map();
let truePairs = 0;
let notBlockedWouldMatch = 0;
for (const list of byChild.values())
  for (let x = 0; x < list.length; x++)
    for (let y = x + 1; y < list.length; y++) {
      truePairs++;
      const i = Math.min(list[x]!, list[y]!);
      const j = Math.max(list[x]!, list[y]!);
      if (found.has(i * size + j)) continue;
      const w = model.score(d, i, j);
      const g = guard(d, i, j);
      if (!blocked(i, j)) {
        if (w >= minWeight && g === null) notBlockedWouldMatch++;
        tally(notBlocked, pattern(i, j), i, j, w);
        const by = all.rules.filter((_, r) => pairedBy(all, r, i, j));
        const key = by.length === 0 ? '(no candidate rule)' : by.join(' / ');
        wouldCatch.set(key, (wouldCatch.get(key) ?? 0) + 1);
      } else if (g !== null) tally(guarded, `${g}: ${pattern(i, j)}`, i, j, w);
      else tally(low, pattern(i, j), i, j, w);
    }
for (let k = 0; k < res.pairs.length; k++) {
  const i = res.pairs.left[k]!;
  const j = res.pairs.right[k]!;
  if (trueId(records[i]!.id) !== trueId(records[j]!.id))
    tally(falseMatches, pattern(i, j), i, j, res.pairs.weight[k]!);
}
const total = (t: Tally): number => [...t.values()].reduce((s, e) => s + e.n, 0);
const print = (title: string, t: Tally): void => {
  console.log(`\n${title}: ${total(t)}`);
  for (const [key, e] of [...t].sort((a, b) => b[1].n - a[1].n).slice(0, top)) {
    console.log(`${String(e.n).padStart(6)}  ${key}`);
    for (const s of e.shown) console.log(s);
  }
};
console.log(
  `${truePairs} true pairs, ${res.pairs.length} found, ${total(falseMatches)} false; prior ${model.json.priorMatchProbability.toExponential(2)}; threshold ${res.threshold}`,
);
console.log(
  `blocking recall estimated ${res.blockingRecall.recall.toFixed(4)}, measured ${(1 - total(notBlocked) / truePairs).toFixed(4)} (of true pairs; ${total(notBlocked)} never blocked, ${notBlockedWouldMatch} of them would match)`,
);
for (const c of model.json.comparisons)
  console.log(
    `  ${c.name}: ${c.levels.map((l) => `${l.label} m=${l.m.toPrecision(2)} u=${l.u.toPrecision(2)}`).join(' | ')}`,
  );
console.log('\nthreshold: estimated P/R/F1 | measured P/R/F1 (pairs)');
const truthPairs = new Set<number>();
for (const list of byChild.values())
  for (const a of list) for (const b of list) if (a < b) truthPairs.add(a * size + b);
for (const c of res.thresholdChoice.curve) {
  const w = weightFromProbability(c.threshold);
  let n = 0;
  let ok = 0;
  const s = res.scoredPairs;
  for (let k = 0; k < s.length; k++)
    if (s.weight[k]! >= w) {
      n++;
      if (truthPairs.has(s.left[k]! * size + s.right[k]!)) ok++;
    }
  const p = ok / Math.max(1, n);
  const r = ok / truePairs;
  console.log(
    `  ${c.threshold.toFixed(3)}: ${c.precision.toFixed(4)} ${c.recall.toFixed(4)} ${c.f1.toFixed(4)} | ${p.toFixed(4)} ${r.toFixed(4)} ${((2 * p * r) / (p + r)).toFixed(4)}  (${n} pairs)`,
  );
}
// Calibration: measured share of true matches among scored pairs by predicted probability.
console.log('\ncalibration (scored pairs): predicted p bin → pairs, mean p, measured share true');
const bins = [0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 0.999, 1.0001];
for (let b = 0; b + 1 < bins.length; b++) {
  let n = 0;
  let sp = 0;
  let ok = 0;
  const s = res.scoredPairs;
  for (let k = 0; k < s.length; k++) {
    const p = probabilityFromWeight(s.weight[k]!);
    if (p >= bins[b]! && p < bins[b + 1]!) {
      n++;
      sp += p;
      if (truthPairs.has(s.left[k]! * size + s.right[k]!)) ok++;
    }
  }
  console.log(
    `  [${bins[b]}, ${bins[b + 1]}): ${n}, ${(sp / Math.max(1, n)).toFixed(3)}, ${(ok / Math.max(1, n)).toFixed(3)}`,
  );
}
print('missed, blocked, weight below the threshold', low);
print('missed, blocked, stopped by a guard', guarded);
print('missed, never blocked', notBlocked);
console.log('\nnever blocked: candidate rules that would pair them');
for (const [k, n] of [...wouldCatch].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${String(n).padStart(6)}  ${k}`);
print('false matches', falseMatches);
