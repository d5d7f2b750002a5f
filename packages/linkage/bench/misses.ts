// Where the errors are: runs linkRecords on fictional synthetic records and sorts the true pairs it
// misses into "no blocking rule pairs them", "a guard stops them" and "weight below the threshold",
// with the commonest comparison-level patterns of each and of the false matches. The truth is used
// here only to evaluate, never to train or to choose anything.
//
//   npx tsx bench/misses.ts [records] [examples]
import { linkRecords } from '../src/pipeline.ts';
import { guard } from '../src/guards.ts';
import { weightFromProbability } from '../src/model.ts';
import { buildBlocking, PERSON_BLOCKING_RULES } from '../src/blocking.ts';
import { generatePeople } from '../src/synthetic/generate.ts';

const size = Number(process.argv[2] ?? 100_000);
const examples = Number(process.argv[3] ?? 0);
const records = generatePeople({ size, seed: 2026 });
const res = await linkRecords(records, { workers: 1 });
const d = res.store.data;
const model = res.model;
const minWeight = weightFromProbability(res.threshold);
const index = buildBlocking(d, PERSON_BLOCKING_RULES, 'dedupe');
const blocked = (i: number, j: number): boolean =>
  index.keys.some((k, r) => {
    const p = index.probe[r];
    return k[i]! >= 0 && k[i] === k[j] && (!p || p[i] === 1 || p[j] === 1);
  });

const found = new Set<number>();
for (let k = 0; k < res.pairs.length; k++) found.add(res.pairs.left[k]! * size + res.pairs.right[k]!);
const byChild = new Map<string, number[]>();
records.forEach((r, i) => {
  const list = byChild.get(r.trueId);
  if (list) list.push(i);
  else byChild.set(r.trueId, [i]);
});

const levels = new Uint8Array(model.defs.length);
const pattern = (i: number, j: number): string => {
  model.levels(d, i, j, levels);
  return model.defs.map((def, c) => `${def.name}=${def.levels[levels[c]!]!.label}`).join('; ');
};
const show = (i: number): string => {
  const r = records[i]!;
  return [r.given_name, r.family_name, r.dob, r.sex, r.postcode, r.address, r.town, r.nhs_number, r.phone]
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
const guarded: Tally = new Map();
const low: Tally = new Map();
const falseMatches: Tally = new Map();
let truePairs = 0;
let wouldMatch = 0;
for (const list of byChild.values()) {
  for (let x = 0; x < list.length; x++)
    for (let y = x + 1; y < list.length; y++) {
      truePairs++;
      const i = Math.min(list[x]!, list[y]!);
      const j = Math.max(list[x]!, list[y]!);
      if (found.has(i * size + j)) continue;
      const w = model.score(d, i, j);
      const g = guard(d, i, j);
      if (!blocked(i, j)) {
        if (w >= minWeight && g === null) wouldMatch++;
        tally(notBlocked, pattern(i, j), i, j, w);
      } else if (g !== null) tally(guarded, `${g}: ${pattern(i, j)}`, i, j, w);
      else tally(low, pattern(i, j), i, j, w);
    }
}
for (let k = 0; k < res.pairs.length; k++) {
  const i = res.pairs.left[k]!;
  const j = res.pairs.right[k]!;
  if (records[i]!.trueId !== records[j]!.trueId)
    tally(falseMatches, pattern(i, j), i, j, res.pairs.weight[k]!);
}
const total = (t: Tally): number => [...t.values()].reduce((s, e) => s + e.n, 0);
const print = (title: string, t: Tally, top = 15): void => {
  console.log(`\n${title}: ${total(t)}`);
  for (const [key, e] of [...t].sort((a, b) => b[1].n - a[1].n).slice(0, top)) {
    console.log(`${String(e.n).padStart(6)}  ${key}`);
    for (const s of e.shown) console.log(s);
  }
};
const fp = total(falseMatches);
const tp = res.pairs.length - fp;
const p = tp / res.pairs.length;
const r = tp / truePairs;
console.log(
  `${size} records: ${truePairs} true pairs, ${res.pairs.length} found, precision ${p.toFixed(4)} recall ${r.toFixed(4)} F1 ${((2 * p * r) / (p + r)).toFixed(4)}`,
);
console.log(`missed and not blocked: ${total(notBlocked)} (${wouldMatch} of them would score as matches)`);
print('missed, blocked, weight below the threshold', low);
print('missed, blocked, stopped by a guard', guarded);
print('missed, not blocked', notBlocked);
print('false matches', falseMatches);
