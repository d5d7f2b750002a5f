/**
 * Trains the learned name detector and writes `data/name-model.js`.
 * Training data: the training part of the GUM development corpus (`corpus/gum-split.json`; never
 * the held-back part) and documents of this package's generated corpus (development draw).
 * Deterministic: the same data and seed give the same weights.
 * Usage: npx tsx packages/redaction/scripts/train-name-model.ts [--epochs N] [--generated N] [--check]
 *   [--validation OUT.txt]: leave every fourth training document out and write those weights as text
 *   to OUT.txt instead (for choosing features and settings without looking at the held-back part).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { hashSeed, Random } from '@waypoint/random';
import { buildAllowList } from '../src/allow-list.ts';
import { parseCast } from '../src/cast.ts';
import { maskAllowed } from '../src/model/mask.ts';
import { detectStages } from '../src/detect.ts';
import type { GoldSpan } from '../src/corpus/builder.ts';
import { readDevDocs } from '../src/corpus/dev-data.ts';
import { generateCase } from '../src/corpus/generate.ts';
import { TITLES } from '../src/detectors/cast.ts';
import {
  candidateRuns,
  docContext,
  tokenFeatures,
  type DocContext,
  type Run,
} from '../src/model/features.ts';
import { encodeWeights, mayFollow, scoreInto, TAGS, Trainer } from '../src/model/perceptron.ts';
import { parsePolicy } from '../src/policy.ts';
import { tokenize } from '../src/tokens.ts';

const args = process.argv.slice(2);
const num = (flag: string, dflt: number): number =>
  args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : dflt;
const EPOCHS = num('--epochs', 10);
const GENERATED = num('--generated', 40);

interface Example {
  ctx: DocContext;
  runs: Run[];
  /** Tag id per token, or -1 where the token is inside a gold span of another type (not trained on). */
  gold: Int8Array;
}

const TYPE_TAG: Record<string, string> = { PERSON: 'PER', PLACE: 'LOC', ORGANISATION: 'ORG' };

function example(text: string, gold: readonly GoldSpan[], castRaw: unknown): Example {
  const tokens = tokenize(text);
  const cast = parseCast(castRaw);
  const policy = parsePolicy({ names: 'rules' });
  const { covered, rules } = detectStages(text, tokens, cast, policy);
  const forModel = maskAllowed(text, tokens, covered, buildAllowList(policy.allow));
  const tags = new Int8Array(tokens.length);
  const spans = [...gold].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const g of spans) {
    while (k < tokens.length && tokens[k]!.end <= g.start) k++;
    const type = TYPE_TAG[g.type];
    for (let j = k; j < tokens.length && tokens[j]!.start < g.end; j++)
      tags[j] = type ? TAGS.indexOf(`${j === k ? 'B' : 'I'}-${type}` as (typeof TAGS)[number]) : -1;
    // A title just before a person ("Mrs Okafor") belongs to the name, as in GUM.
    const before = tokens[k - 1];
    if (
      type === 'PER' &&
      before &&
      TITLES.has(before.lower) &&
      tags[k - 1] === 0 &&
      /^\.?\s$/.test(text.slice(before.end, g.start))
    ) {
      tags[k - 1] = TAGS.indexOf('B-PER');
      tags[k] = TAGS.indexOf('I-PER');
    }
  }
  const runs = candidateRuns(text, tokens, forModel);
  // A name whose first word the run leaves out begins at the run's first token.
  for (const r of runs) if (tags[r.from]! > 0 && TAGS[tags[r.from]!]!.startsWith('I-')) tags[r.from]!--;
  return { ctx: docContext(text, tokens, rules), runs, gold: tags };
}

const examples: Example[] = [];
const validation = args.includes('--validation') ? args[args.indexOf('--validation') + 1]! : undefined;
readDevDocs('train').forEach((d, i) => {
  if (!validation || i % 4 !== 0) examples.push(example(d.text, d.gold, d.cast));
});
process.stderr.write(`GUM training part: ${examples.length} documents\n`);
for (let i = 0; i < GENERATED; i++) {
  const c = generateCase({ seed: `name-model-${i}`, draw: 'dev', episodes: 20 });
  examples.push(example(c.text, c.gold, c.cast));
}
process.stderr.write(`generated (development draw): ${GENERATED} documents\n`);

const trainer = new Trainer();
const rng = new Random(hashSeed('name-model') || 1);
const scores = new Float64Array(TAGS.length);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const order = examples.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let right = 0;
  let total = 0;
  for (const ei of order) {
    const ex = examples[ei]!;
    for (const r of ex.runs) {
      let prev = 0;
      for (let i = r.from; i <= r.to; i++) {
        const feats = tokenFeatures(ex.ctx, r, i, TAGS[prev]!);
        scores.fill(0);
        scoreInto(trainer, feats, scores);
        let guess = -1;
        for (let t = 0; t < TAGS.length; t++)
          if (mayFollow(prev, t) && (guess < 0 || scores[t]! > scores[guess]!)) guess = t;
        const truth = ex.gold[i]!;
        if (truth >= 0) {
          trainer.update(feats, truth, guess);
          total++;
          if (truth === guess) right++;
        }
        prev = guess;
      }
    }
  }
  process.stderr.write(
    `epoch ${epoch + 1}/${EPOCHS}: ${((right / total) * 100).toFixed(2)}% of ${total} tokens right\n`,
  );
}

const STEP = 0.01;
const weights = trainer.averaged(STEP);
const out = new URL('../data/name-model.js', import.meta.url);
const body =
  '// Generated by scripts/train-name-model.ts: an averaged perceptron trained on the training part of\n' +
  '// the GUM development corpus (annotations CC BY 4.0) and generated fictional reviews. Do not edit.\n' +
  `export default ${JSON.stringify(encodeWeights(weights, STEP))};\n`;
if (validation) {
  writeFileSync(validation, encodeWeights(weights, STEP));
  process.stderr.write(`wrote ${validation} (validation weights, ${weights.size} features)\n`);
} else if (args.includes('--check')) {
  if (readFileSync(out, 'utf8') !== body)
    throw new Error('data/name-model.js differs from a fresh training run');
  process.stderr.write('data/name-model.js matches a fresh training run\n');
} else {
  writeFileSync(out, body);
  process.stderr.write(
    `wrote data/name-model.js: ${weights.size} features, ${(body.length / 1e6).toFixed(2)} MB\n`,
  );
}
