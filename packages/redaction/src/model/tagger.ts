/** Runs the learned name model over a document's candidate runs and returns its detections. */
import type { Token } from '../tokens.ts';
import type { Detection } from '../types.ts';
import {
  candidateRuns,
  contextFeatures,
  docContext,
  remember,
  wordFeatures,
  type DocContext,
  type Run,
} from './features.ts';
import { mayFollow, scoreInto, TAGS, type Weights } from './perceptron.ts';

const TYPE: Record<string, Detection['type']> = { PER: 'PERSON', LOC: 'PLACE', ORG: 'ORGANISATION' };

/** One tagged token: its tag id and the margin over the best other tag allowed there. */
export interface Tagged {
  tag: number;
  margin: number;
}

/**
 * Tags the tokens of one run greedily, left to right, each tag seeing the one before it.
 * `I-` tags only follow their own `B-` or `I-`.
 */
export function tagRun(w: Weights, ctx: DocContext, r: Run): Tagged[] {
  const out: Tagged[] = [];
  const scores = new Float64Array(TAGS.length);
  let prev = 0;
  for (let i = r.from; i <= r.to; i++) {
    scores.set(wordScores(w, ctx.tokens[i]!.text));
    scoreInto(w, contextFeatures(ctx, r, i, TAGS[prev]!), scores);
    let best = -1;
    let second = -Infinity;
    for (let k = 0; k < TAGS.length; k++) {
      if (!mayFollow(prev, k)) continue;
      if (best < 0 || scores[k]! > scores[best]!) {
        if (best >= 0) second = Math.max(second, scores[best]!);
        best = k;
      } else second = Math.max(second, scores[k]!);
    }
    out.push({ tag: best, margin: scores[best]! - second });
    prev = best;
  }
  remember(
    ctx,
    r,
    out.map((t) => TAGS[t.tag]!),
  );
  return out;
}

const wordCache = new WeakMap<Weights, Map<string, Float64Array>>();

/** The summed scores of a word's own features, cached per distinct word (they ignore context). */
function wordScores(w: Weights, text: string): Float64Array {
  let cache = wordCache.get(w);
  if (!cache) wordCache.set(w, (cache = new Map<string, Float64Array>()));
  let v = cache.get(text);
  if (!v) {
    v = new Float64Array(TAGS.length);
    scoreInto(w, wordFeatures(text), v);
    if (cache.size > 100_000) cache.clear();
    cache.set(text, v);
  }
  return v;
}

/** A margin turned into a confidence from 0.5 to 1. */
const confidence = (margin: number): number => 1 / (1 + Math.exp(-margin / 2));

/**
 * The model's people, places and organisations among the tokens not `covered`, with how sure it
 * was of every candidate it left out.
 * @param rules the rule-based detections, which the model reads as features
 * @example
 * modelDetections(text, tokens, covered, rules, getNameModel());
 */
export function modelDetections(
  text: string,
  tokens: readonly Token[],
  covered: Uint8Array,
  rules: readonly Detection[],
  w: Weights,
): ModelResult {
  const out: Detection[] = [];
  const outside = new Float32Array(tokens.length);
  const runs = candidateRuns(text, tokens, covered);
  // Nothing to tag (every capitalised word is the cast's or a pattern's): no document facts needed.
  if (runs.length === 0) return { detections: out, outside };
  const ctx = docContext(text, tokens, rules);
  for (const r of runs) {
    const tags = tagRun(w, ctx, r);
    let open: { from: number; to: number; type: string; conf: number } | undefined;
    const close = (): void => {
      if (!open) return;
      const a = tokens[open.from]!;
      const b = tokens[open.to]!;
      out.push({
        start: a.start,
        end: b.end,
        type: TYPE[open.type]!,
        detector: 'model:names',
        confidence: Math.round(open.conf * 1000) / 1000,
        key: tokens
          .slice(open.from, open.to + 1)
          .map((t) => t.lower)
          .join(' '),
        ...(open.type === 'LOC' ? { kind: 'town' } : {}),
      });
      open = undefined;
    };
    tags.forEach((t, k) => {
      const name = TAGS[t.tag]!;
      const i = r.from + k;
      if (name === 'O') {
        outside[i] = t.margin;
        close();
        return;
      }
      const type = name.slice(2);
      if (name.startsWith('B-') || !open || open.type !== type) {
        close();
        open = { from: i, to: i, type, conf: confidence(t.margin) };
      } else {
        open.to = i;
        open.conf = Math.min(open.conf, confidence(t.margin));
      }
    });
    close();
  }
  return { detections: out, outside };
}

/** The model's detections, and for each token it tagged as outside any name, by what margin. */
export interface ModelResult {
  detections: Detection[];
  /** Margin of the "outside" tag over the best name tag (0 where the token was not a candidate or is a name). */
  outside: Float32Array;
}
