// Where the errors are on a development set (see bench/datasets.ts): the true pairs missed, by
// comparison pattern, and the false matches. Truth used to evaluate only.
//
//   npx tsx bench/diagnose.ts febrl1|febrl2|own-SIZE|second-SIZE [examples]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { devSet } from './datasets.ts';
import { readCsv } from '../src/cli/csv-input.ts';
import { parseMap } from '../src/cli/mapping.ts';
import { tablesToRecords } from '../src/cli/records.ts';
import { linkRecords } from '../src/pipeline.ts';
import { guard } from '../src/guards.ts';
import { weightFromProbability } from '../src/model.ts';

const [spec, ex] = process.argv.slice(2);
const examples = Number(ex ?? 3);
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
const guarded: Tally = new Map();
const low: Tally = new Map();
const falseMatches: Tally = new Map();
let truePairs = 0;
for (const list of byChild.values())
  for (let x = 0; x < list.length; x++)
    for (let y = x + 1; y < list.length; y++) {
      truePairs++;
      const i = Math.min(list[x]!, list[y]!);
      const j = Math.max(list[x]!, list[y]!);
      if (found.has(i * size + j)) continue;
      const w = model.score(d, i, j);
      const g = guard(d, i, j);
      if (g !== null) tally(guarded, `${g}: ${pattern(i, j)}`, i, j, w);
      else tally(low, `${w >= minWeight ? 'WOULD MATCH (not blocked?) ' : ''}${pattern(i, j)}`, i, j, w);
    }
for (let k = 0; k < res.pairs.length; k++) {
  const i = res.pairs.left[k]!;
  const j = res.pairs.right[k]!;
  if (trueId(records[i]!.id) !== trueId(records[j]!.id))
    tally(falseMatches, pattern(i, j), i, j, res.pairs.weight[k]!);
}
const total = (t: Tally): number => [...t.values()].reduce((s, e) => s + e.n, 0);
const print = (title: string, t: Tally, top = 12): void => {
  console.log(`\n${title}: ${total(t)}`);
  for (const [key, e] of [...t].sort((a, b) => b[1].n - a[1].n).slice(0, top)) {
    console.log(`${String(e.n).padStart(6)}  ${key}`);
    for (const s of e.shown) console.log(s);
  }
};
console.log(
  `${truePairs} true pairs, ${res.pairs.length} found, ${total(falseMatches)} false; prior ${model.json.priorMatchProbability.toExponential(2)}`,
);
for (const c of model.json.comparisons)
  console.log(
    `  ${c.name}: ${c.levels.map((l) => `${l.label} m=${l.m.toPrecision(2)} u=${l.u.toPrecision(2)}`).join(' | ')}`,
  );
print('missed (not matched)', low);
print('missed, guard', guarded);
print('false matches', falseMatches);
