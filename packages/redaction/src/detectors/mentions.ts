/**
 * More mentions of people, from what the sentence does with a name already found: a capitalised
 * word joined by "and" to a person is a person too, however ordinary the word ("Kerry and Bet",
 * "Polio and Gass", "Kerry Smith and Frank" when the cast has only Kerry), and the two sides of a
 * case name are parties ("Wade v. Jacobs", "Lynch v Overholser").
 */
import type { AllowList } from '../allow-list.ts';
import { getLexicon } from '../lexicon.ts';
import type { Token } from '../tokens.ts';
import type { Detection } from '../types.ts';
import { KIN_WORDS } from './honorifics.ts';
import { HONORIFICS } from './titles.ts';

/**
 * People named by coordination with a person or by a case name, in tokens that no detection of
 * `found` (cast, patterns and names together) holds yet.
 * @example
 * moreMentions(text, tokens, found, allow); // "Len" of "Toph and Len" once "Toph" is found
 */
export function moreMentions(
  text: string,
  tokens: readonly Token[],
  found: readonly Detection[],
  allow: AllowList,
): Detection[] {
  // Quick test: most short documents have no "and" or "v" between two capitalised words.
  if (!/\p{Lu}[\p{L}'’-]* (?:and|v\.?|vs\.?) \p{Lu}/u.test(text)) return [];
  const lx = getLexicon();
  // Which detection each token is in (-1: none).
  const owner = new Int32Array(tokens.length).fill(-1);
  const sorted = [...found].sort((a, b) => a.start - b.start);
  let p = 0;
  for (const t of tokens) {
    while (p < sorted.length && sorted[p]!.end <= t.start) p++;
    const d = sorted[p];
    if (d && d.start < t.end && t.start < d.end) owner[t.i] = p;
  }
  const personAt = (i: number): boolean => owner[i]! >= 0 && sorted[owner[i]!]!.type === 'PERSON';
  const isCapWord = (t: Token | undefined): t is Token => t !== undefined && t.isCap && !t.isAllCaps;
  // A lone capitalised word: not part of a longer capitalised run, not allowed, not a title.
  const free = (t: Token | undefined): t is Token =>
    isCapWord(t) &&
    owner[t.i] === -1 &&
    !t.isSentenceStart &&
    t.text.length > 1 &&
    !allow.has(t.text) &&
    !HONORIFICS.has(t.lower) &&
    !KIN_WORDS.has(t.lower) &&
    !lx.groups.has(t.lower);
  const alone = (t: Token): boolean => {
    const a = tokens[t.i - 1];
    const b = tokens[t.i + 1];
    const joined = (x: Token, y: Token): boolean => /^[\s-]{1,2}$/.test(text.slice(x.end, y.start));
    return !(a && isCapWord(a) && joined(a, t)) && !(b && isCapWord(b) && joined(t, b));
  };
  const out: Detection[] = [];
  const push = (t: Token, detector: string): void => {
    owner[t.i] = -2;
    out.push({ start: t.start, end: t.end, type: 'PERSON', detector, confidence: 0.8, key: t.lower });
  };
  const gap = (a: Token, b: Token): string => text.slice(a.end, b.start);
  for (let i = 1; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    if (t.isCap || !/^(?:and|v|vs)$/.test(t.lower)) continue;
    const a = tokens[i - 1]!;
    const b = tokens[i + 1]!;
    const isCase = t.lower !== 'and' && /^ $/.test(gap(a, t)) && /^\.? $/.test(gap(t, b));
    if (!isCase && !(gap(a, t) === ' ' && gap(t, b) === ' ')) continue;
    if (isCase) {
      for (const u of [a, b]) if (free(u) && alone(u)) push(u, 'names:case');
      continue;
    }
    if (personAt(a.i) && free(b) && alone(b)) push(b, 'names:coordinated');
    else if (personAt(b.i) && free(a) && alone(a)) push(a, 'names:coordinated');
  }
  return out;
}
