/**
 * Fits the default field model (src/default-field-model.json) the index uses for a key version of
 * pprl's default schema (only that schema: the model records its `schema` identifier) until it
 * holds enough encodings with field filters to fit its own (`fieldModel.minEncodings`), and while
 * the first fit of a larger version runs: the same method (src/field-model.ts) on a synthetic population
 * from `@waypoint/linkage`'s generator, encoded under the default schema, never on real data.
 *
 *   npx tsx packages/index/bench/fit-default-model.ts [--size 20000] [--seed 4242]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generatePeople } from '@waypoint/linkage';
import { defaultSchema, Encoder, encodingToJson, pprlRecordOf } from '@waypoint/pprl';
import { compareFields, COMPARISONS, type FieldSide } from '../src/field-compare.ts';
import { unpackFields } from '../src/field-filters.ts';
import { fitFieldModel } from '../src/field-model.ts';
import { readEncoding } from '../src/service.ts';

const { values: args } = parseArgs({
  options: { size: { type: 'string', default: '20000' }, seed: { type: 'string', default: '4242' } },
});
const size = Number(args.size);
const encoder = new Encoder(
  defaultSchema(),
  new TextEncoder().encode('default field model: a fictional secret'),
);
const log = (s: string): void =>
  void process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

log(`encoding ${size.toLocaleString()} synthetic records…`);
const people = generatePeople({ size, seed: Number(args.seed) });
const held = people.map((r, i) => {
  if (i % 5000 === 4999) log(`  ${i + 1} encoded`);
  const e = readEncoding(encodingToJson(encoder.encode(pprlRecordOf(r))));
  return { side: { fields: unpackFields(e.fields)!, dob: e.dob } satisfies FieldSide, blocks: e.blocks };
});
const byBlock = new Map<string, number[]>();
held.forEach((h, i) => {
  for (const b of h.blocks) byBlock.set(b, [...(byBlock.get(b) ?? []), i]);
});
const vec = (a: FieldSide, b: FieldSide): Uint8Array =>
  compareFields(a, b, new Uint8Array(COMPARISONS.length));
// The same sampling as the index's own fit (src/field-fit.ts): 1,000 encodings' pairs for u, 300 look-ups for EM.
const step = Math.floor(held.length / 1000);
const drawn = Array.from({ length: 1000 }, (_, k) => k * step);
const random: Uint8Array[] = [];
for (let i = 0; i < drawn.length; i++)
  for (let j = i + 1; j < drawn.length && random.length < 200_000; j++)
    random.push(vec(held[drawn[i]!]!.side, held[drawn[j]!]!.side));
const queries = drawn.slice(0, 300);
const candidates: Uint8Array[] = [];
for (const q of queries) {
  const seen = new Set<number>([q]);
  for (const b of held[q]!.blocks)
    for (const c of byBlock.get(b) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      candidates.push(vec(held[q]!.side, held[c]!.side));
    }
}
const model = fitFieldModel({
  schema: encoder.schemaId,
  random,
  candidates,
  queries: queries.length,
  encodings: held.length,
});
const out = new URL('../src/default-field-model.json', import.meta.url);
writeFileSync(
  out,
  JSON.stringify({ fittedOn: `generatePeople size ${size} seed ${args.seed}`, ...model }, null, 1) + '\n',
);
log(
  `written ${out.pathname}: prior ${model.report.prior.toExponential(3)}, sessions ${model.report.sessions.join('/')}`,
);
