// The README's worked example: a model trained (unsupervised) on 10,000 fictional synthetic
// records (seed 2026) plus two records of one girl, and the explanation of that pair, printed as
// the README's table.
//
//   npx tsx bench/worked-example.ts
import { explainPair } from '../src/explain.ts';
import { LinkageModel } from '../src/model.ts';
import { RecordStore } from '../src/store.ts';
import { generatePeople } from '../src/synthetic/generate.ts';
import { trainModel } from '../src/training/train.ts';

const a = {
  id: 'a',
  given_name: 'Katherine',
  family_name: 'Oyelaran',
  dob: '2015-03-07',
  sex: 'F',
  postcode: 'LS11 5AB',
  address: '3 Elm Close',
  town: 'Leeds',
  nhs_number: '9434765919',
};
const b = { ...a, id: 'b', given_name: 'Kate', dob: '2015-07-03', address: '3 Elm Cl', nhs_number: null };
const d = RecordStore.from([...generatePeople({ size: 10_000, seed: 2026 }), a, b]).data;
const model = trainModel(d, LinkageModel.untrained());
const e = explainPair(model, d, d.size - 2, d.size - 1);
const f = (x: number, digits = 2): string => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(digits);
const m = (x: number): string => x.toFixed(4);
const u = (x: number): string => (x < 0.1 ? x.toExponential(2) : x.toFixed(3));
console.log('| comparison | record A | record B | level | m | u | log2(m/u) | tf adj. | weight |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
console.log(
  `| prior λ = ${model.json.priorMatchProbability.toExponential(2)} | | | | | | | | ${f(e.priorWeight).replace('+', '')} |`,
);
for (const t of e.terms) {
  const scored = t.level !== 0;
  console.log(
    `| ${t.comparison} | ${t.valueL ?? '–'} | ${t.valueR ?? '–'} | ${t.label} | ${scored ? m(t.m) : ''} | ${scored ? u(t.u) : ''} | ${scored ? t.levelWeight.toFixed(2) : ''} | ${scored ? (t.tfAdjustment === 0 ? '0' : f(t.tfAdjustment)) : ''} | ${scored ? f(t.weight) : '0'} |`,
  );
}
console.log(`| **total** | | | | | | | | **${f(e.matchWeight)}** → p = ${e.matchProbability.toFixed(7)} |`);
console.log(`guard: ${e.guard ?? 'none'}`);
