/** Scores detected spans against gold spans: recall by gold type, precision by detected type. */
import { getLexicon } from '../lexicon.ts';
import type { Span, SpanType } from '../types.ts';
import type { GoldSpan } from './builder.ts';

export interface Tally {
  found: number;
  total: number;
}
export interface Scores {
  /** Gold spans fully covered by detected spans (whitespace, hyphens and punctuation aside). */
  recall: Map<string, Tally>;
  /** Detected spans that overlap a gold span. */
  precision: Map<string, Tally>;
  misses: GoldSpan[];
  falsePositives: Span[];
}

export const IDENTIFIER_TYPES: readonly SpanType[] = [
  'NHS_NUMBER',
  'PHONE',
  'EMAIL',
  'ID',
  'POSTCODE',
  'ADDRESS',
];

/** Recall groups: PERSON splits into cast and non-cast, and non-cast into in and out of the gazetteers. */
export function recallGroups(g: GoldSpan): string[] {
  const groups: string[] = [g.type];
  if (g.type === 'PERSON') {
    groups.push(g.isCast ? 'PERSON (cast)' : 'PERSON (not in cast)');
    if (!g.isCast) {
      const lx = getLexicon();
      const known = g.text
        .split(/[\s-]+/)
        .some((w) => lx.given.has(w.toLowerCase()) || lx.surnames.has(w.toLowerCase()));
      groups.push(
        known ? 'PERSON (not in cast, a gazetteer name)' : 'PERSON (not in cast, no gazetteer name)',
      );
    }
  }
  if (IDENTIFIER_TYPES.includes(g.type)) groups.push('identifiers (all)');
  return groups;
}

const add = (m: Map<string, Tally>, k: string, hit: boolean): void => {
  const t = m.get(k) ?? { found: 0, total: 0 };
  t.total++;
  if (hit) t.found++;
  m.set(k, t);
};

/**
 * Scores one document.
 * @example
 * const s = score(text, gold, detect(text, { cast }).spans);
 */
export function score(
  text: string,
  gold: readonly GoldSpan[],
  spans: readonly Span[],
  into?: Scores,
): Scores {
  const out: Scores = into ?? { recall: new Map(), precision: new Map(), misses: [], falsePositives: [] };
  const covered = new Uint8Array(text.length);
  for (const s of spans) covered.fill(1, s.start, s.end);
  for (const g of gold) {
    let hit = true;
    for (let i = g.start; i < g.end; i++) {
      if (!covered[i] && /[\p{L}\p{N}]/u.test(text[i]!)) {
        hit = false;
        break;
      }
    }
    for (const k of recallGroups(g)) add(out.recall, k, hit);
    if (!hit) out.misses.push(g);
  }
  const goldMask = new Uint8Array(text.length);
  for (const g of gold) goldMask.fill(1, g.start, g.end);
  for (const s of spans) {
    let hit = false;
    for (let i = s.start; i < s.end && !hit; i++) if (goldMask[i]) hit = true;
    add(out.precision, s.type, hit);
    add(out.precision, 'all', hit);
    if (!hit) out.falsePositives.push(s);
  }
  return out;
}
