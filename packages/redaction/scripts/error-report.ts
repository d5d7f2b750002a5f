/**
 * The validation folds' errors, one per line with their context, for finding what kind of word or
 * context the detector gets wrong (people only): trains the name model on three quarters of the GUM
 * training part and writes, for the fourth, every person missed and every person detection that
 * overlaps no gold name, rotating over four folds as `validate-name-model.ts --folds 4` does.
 * Usage: npx tsx packages/redaction/scripts/error-report.ts OUT.jsonl
 */
import { writeFileSync } from 'node:fs';
import { parseCast } from '../src/cast.ts';
import { readDevDocs } from '../src/corpus/dev-data.ts';
import { generateCase } from '../src/corpus/generate.ts';
import { detect } from '../src/detect.ts';
import { decodeWeights, encodeWeights } from '../src/model/perceptron.ts';
import { example, train, type Example } from './name-model-training.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: error-report.ts OUT.jsonl');
const docs = readDevDocs('train');
const all = docs.map((d) => example(d.text, d.gold, d.cast));
const generated: Example[] = [];
for (let i = 0; i < 40; i++) {
  const c = generateCase({ seed: `name-model-${i}`, draw: 'dev', episodes: 20 });
  generated.push(example(c.text, c.gold, c.cast));
}
const lines: string[] = [];
const around = (text: string, a: number, b: number): string =>
  `${text.slice(Math.max(0, a - 50), a)}⟦${text.slice(a, b)}⟧${text.slice(b, b + 40)}`.replace(/\s+/g, ' ');
for (let fold = 0; fold < 4; fold++) {
  const weights = decodeWeights(
    encodeWeights(train([...all.filter((_, i) => i % 4 !== fold), ...generated], 10, 0.01), 0.01),
  );
  for (const d of docs.filter((_, i) => i % 4 === fold)) {
    const { spans } = detect(d.text, { cast: parseCast(d.cast), nameWeights: weights });
    const found = new Uint8Array(d.text.length);
    for (const s of spans) found.fill(1, s.start, s.end);
    const gold = new Uint8Array(d.text.length);
    for (const g of d.gold) gold.fill(1, g.start, g.end);
    for (const g of d.gold) {
      if (g.type !== 'PERSON' && !process.env.ALL_TYPES) continue;
      let hit = true;
      for (let k = g.start; k < g.end; k++) if (!found[k] && /[\p{L}\p{N}]/u.test(d.text[k]!)) hit = false;
      if (!hit)
        lines.push(
          JSON.stringify({ kind: 'miss', doc: d.doc, text: g.text, ctx: around(d.text, g.start, g.end) }),
        );
    }
    for (const s of spans) {
      if (s.type !== 'PERSON') continue;
      let hit = false;
      for (let k = s.start; k < s.end; k++) if (gold[k]) hit = true;
      if (!hit)
        lines.push(
          JSON.stringify({
            kind: 'fp',
            doc: d.doc,
            text: s.text,
            detector: s.detector,
            ctx: around(d.text, s.start, s.end),
          }),
        );
    }
  }
  console.log(`fold ${fold} done`);
}
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${lines.length} errors written to ${out}`);
