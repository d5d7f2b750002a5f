/** The residual-risk report: what a motivated intruder could still use in the redacted text. */
import { buildAllowList, PSEUDONYM, type AllowList } from './allow-list.ts';
import { isOrdinaryWord } from './lexicon.ts';
import { opensSentence, tokenize } from './tokens.ts';

export type RiskKind = 'capitalised' | 'number' | 'proper-noun-like';

export interface RiskItem {
  token: string;
  kind: RiskKind;
  count: number;
  /** Output offsets of each occurrence. */
  positions: number[];
  /** Every occurrence opens a sentence (capitals there say less). */
  sentenceInitialOnly: boolean;
  /** An ordinary English word ("Paediatric"): less likely to identify anyone than an unknown one. */
  isDictionaryWord: boolean;
}

export interface RiskReport {
  items: RiskItem[];
  /** Distinct tokens by kind. */
  summary: Record<RiskKind, number>;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Offsets of the words that belong to an allow-listed phrase ("Multi-Agency Safeguarding Hub"). */
function allowedWords(output: string, allow: AllowList): Set<number> {
  const toks = tokenize(output);
  const lowers = toks.map((t) => t.lower);
  const out = new Set<number>();
  for (let k = 0; k < toks.length; k++) {
    const n = allow.longestAt(lowers, k);
    if (n < 2) continue;
    // A phrase counts only when its words are adjacent.
    const adjacent = toks
      .slice(k, k + n - 1)
      .every((t, j) => /^(?:['’]s)?[\s-]{1,3}$/.test(output.slice(t.end, toks[k + j + 1]!.start)));
    if (!adjacent) continue;
    for (let j = k; j < k + n; j++) out.add(toks[j]!.start);
    k += n - 1;
  }
  return out;
}

/**
 * Lists every capitalised word, number and proper-noun-like token left in the output outside the
 * replacements that the allow-list does not cover, the most telling first.
 * @example
 * const { text, replaced } = render(input, spans);
 * residualRisk(text, replaced).items.map((i) => i.token);
 */
export function residualRisk(
  output: string,
  replaced: readonly [number, number][] = [],
  allow: AllowList = buildAllowList(),
): RiskReport {
  const items = new Map<string, RiskItem>();
  const inPhrase = allowedWords(output, allow);
  let r = 0;
  for (const m of output.matchAll(TOKEN)) {
    const s = m.index;
    const e = s + m[0].length;
    while (r < replaced.length && replaced[r]![1] <= s) r++;
    const rr = replaced[r];
    if (rr && rr[0] < e && s < rr[1]) continue;
    const tok = m[0].replace(/['’]s$/, '');
    let kind: RiskKind | undefined;
    if (/\p{N}/u.test(tok) && /\p{L}/u.test(tok)) kind = 'proper-noun-like';
    else if (/^\p{N}+$/u.test(tok)) kind = 'number';
    else if (/^\p{Lu}/u.test(tok)) kind = /\p{Lu}/u.test(tok.slice(1)) ? 'proper-noun-like' : 'capitalised';
    if (!kind) continue;
    if (kind !== 'number' && (allow.has(tok) || PSEUDONYM.test(tok) || inPhrase.has(s))) continue;
    const initial = opensSentence(output, s);
    const item = items.get(tok) ?? {
      token: tok,
      kind,
      count: 0,
      positions: [],
      sentenceInitialOnly: true,
      isDictionaryWord:
        kind === 'capitalised' && tok.split(/[-'’]/).every((w) => isOrdinaryWord(w.toLowerCase())),
    };
    item.count++;
    item.positions.push(s);
    item.sentenceInitialOnly &&= initial;
    items.set(tok, item);
  }
  const list = [...items.values()].sort(
    (a, b) =>
      Number(a.isDictionaryWord) - Number(b.isDictionaryWord) ||
      Number(a.sentenceInitialOnly) - Number(b.sentenceInitialOnly) ||
      b.count - a.count ||
      a.token.localeCompare(b.token),
  );
  const summary: Record<RiskKind, number> = { capitalised: 0, number: 0, 'proper-noun-like': 0 };
  for (const i of list) summary[i.kind]++;
  return { items: list, summary };
}
