/**
 * Training of the learned name detector, shared by `train-name-model.ts` (which writes the shipped
 * weights) and `validate-name-model.ts` (which trains on three quarters of the GUM training part and
 * scores the fourth). Deterministic: the same data and seed give the same weights.
 */
import { hashSeed, Random } from '@waypoint/random';
import { buildAllowList } from '../src/allow-list.ts';
import { parseCast } from '../src/cast.ts';
import type { GoldSpan } from '../src/corpus/builder.ts';
import { detectStages } from '../src/detect.ts';
import { TITLES } from '../src/detectors/cast.ts';
import {
  candidateRuns,
  docContext,
  remember,
  tokenFeatures,
  type DocContext,
  type Run,
} from '../src/model/features.ts';
import { maskAllowed } from '../src/model/mask.ts';
import { mayFollow, scoreInto, TAGS, Trainer } from '../src/model/perceptron.ts';
import { parsePolicy } from '../src/policy.ts';
import { tokenize } from '../src/tokens.ts';

/** One training document: its candidate runs and the gold tag of every token. */
export interface Example {
  ctx: DocContext;
  runs: Run[];
  /** Tag id per token, or -1 where the token is inside a gold span of another type (not trained on). */
  gold: Int8Array;
}

const TYPE_TAG: Record<string, string> = { PERSON: 'PER', PLACE: 'LOC', ORGANISATION: 'ORG' };

/** The training example of one annotated document, seen as the detector sees it at run time. */
export function example(text: string, gold: readonly GoldSpan[], castRaw: unknown): Example {
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

/**
 * Trains an averaged perceptron over `examples` for `epochs` passes in a seeded order.
 * @returns the averaged weights, quantised to `step`
 */
export function train(
  examples: readonly Example[],
  epochs: number,
  step: number,
  log: (line: string) => void = () => undefined,
): Map<string, Int32Array> {
  const trainer = new Trainer();
  const rng = new Random(hashSeed('name-model') || 1);
  const scores = new Float64Array(TAGS.length);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = examples.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let right = 0;
    let total = 0;
    for (const ei of order) {
      const ex = examples[ei]!;
      ex.ctx.seen.clear();
      for (const r of ex.runs) {
        let prev = 0;
        const guesses: string[] = [];
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
          guesses.push(TAGS[guess]!);
        }
        remember(ex.ctx, r, guesses);
      }
    }
    log(`epoch ${epoch + 1}/${epochs}: ${((right / total) * 100).toFixed(2)}% of ${total} tokens right`);
  }
  return trainer.averaged(step);
}
