/** Tokens the learned model must leave alone: allow-listed phrases and the review's own pseudonyms. */
import type { AllowList } from '../allow-list.ts';
import { getLexicon } from '../lexicon.ts';
import type { Token } from '../tokens.ts';

/** "Child A", "Sibling 2", "Adult C", "Young Person 1": a pseudonym head and a letter or number. */
const NAME_TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof']);
const LETTER_HEADS = new Set(
  'child sibling adult person parent baby young male female practitioner'.split(' '),
);

/**
 * `covered` plus the tokens of allow-listed phrases (single allowed words too, unless they are also
 * given names or surnames: "Will", "Mark") and of pseudonyms such as "Child A" or "School 1".
 * @example
 * const forModel = maskAllowed(text, tokens, covered, allow);
 */
export function maskAllowed(
  text: string,
  tokens: readonly Token[],
  covered: Uint8Array,
  allow: AllowList,
): Uint8Array {
  const out = covered.slice();
  const lx = getLexicon();
  const lowers = tokens.map((t) => t.lower);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!(t.isCap || t.isAllCaps) || out[i]) continue;
    // "School 1", "Social Worker 2", "Child A".
    const after = text.slice(t.end, t.end + 4);
    const num = /^ (?:[1-9]\d?)(?!\d)/.test(after);
    const letter = /^ [A-Z](?![\p{L}\d.])/u.test(after) && LETTER_HEADS.has(t.lower);
    if (num || letter) {
      out[i] = 1;
      if (letter && tokens[i + 1]?.start === t.end + 1) out[i + 1] = 1;
      for (
        let j = i - 1;
        j >= 0 && j >= i - 2 && tokens[j]!.isCap && text.slice(tokens[j]!.end, tokens[j + 1]!.start) === ' ';
        j--
      )
        if (allow.has(`${tokens[j]!.lower} ${t.lower}`)) out[j] = 1;
      continue;
    }
    // "Mrs Kowalczyk": a title before a capitalised word is part of the name, not an allowed word.
    const next = tokens[i + 1];
    if (NAME_TITLES.has(t.lower) && next?.isCap && /^\.? $/.test(text.slice(t.end, next.start))) continue;
    const n = allow.longestAt(lowers, i);
    if (n >= 2) out.fill(1, i, i + n);
    else if (n === 1 && !lx.given.has(t.lower) && !lx.surnames.has(t.lower)) out[i] = 1;
  }
  return out;
}
