/**
 * The validation folds: trains the name model on three quarters of the GUM training part (and the
 * generated documents) and scores the fourth quarter, by method. `--folds 4` rotates the left-out
 * quarter over the whole training part and pools the counts (fold 0 alone by default: every fourth
 * training document, as `train-name-model.ts --validation` leaves out). Settings and features are
 * chosen on these folds, never on the held-back part.
 * Usage: npx tsx packages/redaction/scripts/validate-name-model.ts [--folds N] [--epochs N]
 *   [--generated N] [--margins 0,6,9] [--verbose]
 */
import { parseCast } from '../src/cast.ts';
import { readDevDocs } from '../src/corpus/dev-data.ts';
import { onlyTypes, score, type Scores } from '../src/corpus/evaluate.ts';
import { generateCase } from '../src/corpus/generate.ts';
import { detect } from '../src/detect.ts';
import type { NameMethod } from '../src/model/methods.ts';
import { decodeWeights, encodeWeights } from '../src/model/perceptron.ts';
import { example, train, type Example } from './name-model-training.ts';

const args = process.argv.slice(2);
const opt = (f: string): string | undefined => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
const EPOCHS = Number(opt('--epochs') ?? 10);
const GENERATED = Number(opt('--generated') ?? 40);
const FOLDS = Number(opt('--folds') ?? 1);
const verbose = args.includes('--verbose');
const margins = opt('--margins')?.split(',').map(Number);

const docs = readDevDocs('train');
const all = docs.map((d) => example(d.text, d.gold, d.cast));
const generated: Example[] = [];
for (let i = 0; i < GENERATED; i++) {
  const c = generateCase({ seed: `name-model-${i}`, draw: 'dev', episodes: 20 });
  generated.push(example(c.text, c.gold, c.cast));
}
const STEP = 0.01;
const runs: { label: string; names: NameMethod; margin?: number }[] = margins
  ? margins.map((m) => ({ label: `combined ${m}`, names: 'combined', margin: m }))
  : (['rules', 'model', 'combined'] as const).map((m) => ({ label: m, names: m }));
const scores = new Map<string, Scores>();
const byDetector = new Map<string, Map<string, [number, number]>>();
for (let fold = 0; fold < FOLDS; fold++) {
  const examples = [...all.filter((_, i) => i % 4 !== fold), ...generated];
  const weights = decodeWeights(encodeWeights(train(examples, EPOCHS, STEP), STEP));
  for (const d of docs.filter((_, i) => i % 4 === fold)) {
    const gold = new Uint8Array(d.text.length);
    for (const g of d.gold) gold.fill(1, g.start, g.end);
    for (const r of runs) {
      const { spans } = detect(d.text, {
        cast: parseCast(d.cast),
        policy: { names: r.names },
        nameWeights: weights,
        ...(r.margin === undefined ? {} : { doubtMargin: r.margin }),
      });
      scores.set(
        r.label,
        score(d.text, d.gold, spans, scores.get(r.label), onlyTypes(['PERSON', 'PLACE', 'ORGANISATION'])),
      );
      const by = byDetector.get(r.label) ?? new Map<string, [number, number]>();
      byDetector.set(r.label, by);
      for (const sp of spans) {
        if (sp.type !== 'PERSON') continue;
        const t = by.get(sp.detector) ?? [0, 0];
        t[1]++;
        for (let k = sp.start; k < sp.end; k++)
          if (gold[k]) {
            t[0]++;
            break;
          }
        by.set(sp.detector, t);
      }
    }
  }
}

const ratio = (t: { found: number; total: number } | undefined): string =>
  !t || t.total === 0 ? '  -  ' : (t.found / t.total).toFixed(3);
console.log(
  `validation: ${FOLDS} fold(s) of the GUM training part (${docs.length} documents), ${EPOCHS} epochs, ${GENERATED} generated`,
);
console.log('method        people R   people P   names P    places R   orgs R');
for (const r of runs) {
  const s = scores.get(r.label)!;
  const rt = s.recall.get('PERSON');
  const pt = s.precision.get('PERSON');
  console.log(
    `${r.label.padEnd(12)}  ${ratio(rt)}      ${ratio(pt)}      ${ratio(s.precision.get('all'))}      ${ratio(s.recall.get('PLACE'))}      ${ratio(s.recall.get('ORGANISATION'))}   (people ${rt?.found}/${rt?.total}, detected ${pt?.found}/${pt?.total})`,
  );
  if (verbose) {
    console.log(
      `  people by detector (right/detected): ${[...byDetector.get(r.label)!].map(([k, [a, b]]) => `${k} ${a}/${b}`).join(', ')}`,
    );
    console.log(
      `  people missed: ${s.misses
        .filter((x) => x.type === 'PERSON')
        .map((g) => JSON.stringify(g.text))
        .join(' ')}`,
    );
    console.log(
      `  false positives (people): ${s.falsePositives
        .filter((x) => x.type === 'PERSON')
        .map((f) => `${JSON.stringify(f.text)} ${f.detector}`)
        .join('; ')}`,
    );
  }
}
