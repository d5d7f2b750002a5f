/** The record-aware detector: every mention of the cast's people, places and identifiers. */
import type { Cast } from '../cast.ts';
import {
  getLexicon as getLexicon_,
  isCommonWord as isCommonWord_,
  isOrdinaryWord as isOrdinaryWord_,
} from '../lexicon.ts';
import type { Token } from '../tokens.ts';
import type { Detection } from '../types.ts';
import { buildCastIndex, type CastIndex, type Variant } from './cast-index.ts';

// Local names for functions called for every word (tsx reads imports through accessors).
const getLexicon = getLexicon_;
const isCommonWord = isCommonWord_;
const isOrdinaryWord = isOrdinaryWord_;

export const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'rev',
  'pc',
  'dc',
  'ds',
  'di',
  'sgt',
  'insp',
  'cllr',
  'nurse',
  'sister',
  'father',
  'auntie',
  'aunty',
  'uncle',
  'nan',
  'nanny',
  'grandma',
  'grandad',
]);
const FEMALE_TITLES = new Set(['mrs', 'ms', 'miss', 'sister', 'auntie', 'aunty', 'nan', 'nanny', 'grandma']);

const isKnownName = (w: string): boolean => {
  const lx = getLexicon();
  return lx.given.has(w) || lx.surnames.has(w);
};

/** A gap between two words of one name: spaces, one line break, or a hyphen. */
const isNameGap = (g: string): boolean =>
  g.length > 0 && g.length <= 4 && /^[\s-]+$/.test(g) && !/\n\s*\n/.test(g);
/** Places may also have a possessive inside: "St Mary's C of E Primary". */
const isPlaceGap = (g: string): boolean => isNameGap(g) || /^['’]s\s{1,2}$/.test(g);

function damerau1(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The cast names within one edit (insertion, deletion, substitution or transposition) of `w`. */
function nearNames(idx: CastIndex, w: string): string[] {
  const found = new Set<string>();
  for (const s of idx.deletes.get(w) ?? []) found.add(s); // w lacks a letter
  if (idx.singles.has(w)) found.add(w);
  for (let i = 0; i < w.length; i++) {
    const d = w.slice(0, i) + w.slice(i + 1);
    if (idx.singles.has(d)) found.add(d); // w has an extra letter
    for (const s of idx.deletes.get(d) ?? []) found.add(s); // substitution or transposition
  }
  return [...found].filter((s) => s !== w && damerau1(s, w));
}

const nearByIndex = new WeakMap<CastIndex, Map<string, string[]>>();

/** Chooses who a shared name means: the title's sex first, then adults for bare surnames. */
const isChildRole = (r: string | undefined): boolean => r === 'child' || r === 'sibling';

/** The sex a title implies, if any. */
const sexOfTitle = (title: string): 'F' | 'M' | undefined =>
  FEMALE_TITLES.has(title) ? 'F' : title === 'mr' ? 'M' : undefined;

function choose(idx: CastIndex, vs: Variant[], title: string | undefined): Variant {
  if (vs.length === 1) return vs[0]!;
  if (title) {
    const want = sexOfTitle(title);
    const bySex = vs.find((v) => want !== undefined && idx.sex.get(v.castId) === want);
    if (bySex) return bySex;
  }
  if (vs[0]!.kind === 'last') {
    const adult = vs.find(
      (v) => idx.roleOf.get(v.castId) !== 'child' && idx.roleOf.get(v.castId) !== 'sibling',
    );
    if (adult) return adult;
  }
  return vs[0]!;
}

/**
 * Finds the cast in tokenised text: full names, first names, surnames with titles, initials,
 * nicknames, any case, names split over a line break (the tokenizer joins hyphenated ones) and
 * one-letter misspellings.
 * @example
 * const d = detectCast(text, tokenize(text), { people: [{ id: 'c1', role: 'child', names: ['Jayden Smith'] }] });
 */
export function detectCast(text: string, tokens: Token[], cast: Cast, prebuilt?: CastIndex): Detection[] {
  const idx = prebuilt ?? buildCastIndex(cast);
  const out: Detection[] = [];
  const gap = (a: Token, b: Token): string => text.slice(a.end, b.start);
  // Near names depend on the cast alone: kept per cast index, so the short documents of one case share them.
  let nearMemo = nearByIndex.get(idx);
  if (!nearMemo || nearMemo.size > 50_000) nearByIndex.set(idx, (nearMemo = new Map<string, string[]>()));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let match: { v: Variant; last: number; conf: number; detector: string } | undefined;
    let relative = false;
    if (!match) {
      for (const v of idx.byFirst.get(t.lower) ?? []) {
        let j = 1;
        const okGap = v.type === 'PERSON' ? isNameGap : isPlaceGap;
        while (
          j < v.tokens.length &&
          tokens[i + j]?.lower === v.tokens[j] &&
          okGap(gap(tokens[i + j - 1]!, tokens[i + j]!))
        )
          j++;
        if (j < v.tokens.length) continue;
        // A lower-case everyday word ("will", "grace") is not a name; a rarer one ("amber") is redacted.
        if (v.tokens.length === 1 && !t.isCap && isCommonWord(t.lower)) continue;
        // "Sandra Whitfield" is not the cast's Sandra Okafor: a first name followed by another surname.
        const after = tokens[i + v.tokens.length];
        if (
          (v.kind === 'first' || v.kind === 'nick') &&
          after?.isCap &&
          // Only spaces (or a line break) between: "Matilda. Brandyn" is two sentences.
          /^(?: {1,2}|\r?\n)$/.test(gap(tokens[i + v.tokens.length - 1]!, after)) &&
          !isOrdinaryWord(after.lower) &&
          !idx.byFirst.has(after.lower)
        )
          continue;
        const same = (idx.byFirst.get(t.lower) ?? []).filter((x) => x.key === v.key);
        const title = titleBefore(text, tokens, i);
        // "Mr Holt" when every Holt in the cast is a woman: a relative nobody listed. Still redacted,
        // as a person of their own.
        const want = title ? sexOfTitle(title.lower) : undefined;
        // (Children are not "Mr" or "Mrs"; only the adults sharing the surname count.)
        const adults = same.filter((x) => !isChildRole(idx.roleOf.get(x.castId)));
        if (
          title &&
          want &&
          v.kind === 'last' &&
          adults.length > 0 &&
          adults.every((x) => idx.sex.has(x.castId) && idx.sex.get(x.castId) !== want)
        ) {
          out.push({
            start: title.start,
            end: t.end,
            type: 'PERSON',
            detector: 'cast:surname',
            confidence: 0.9,
            key: `${title.lower} ${t.lower}`,
          });
          relative = true;
          break;
        }
        const chosen = choose(idx, same, title?.lower);
        match = {
          v: chosen,
          last: i + v.tokens.length - 1,
          conf: chosen.confidence * (same.length > 1 ? 0.95 : 1),
          detector: 'cast',
        };
        break;
      }
    }
    if (relative) continue;
    // A family by its surname in the plural: "the Okafors".
    if (!match && t.isCap && t.lower.length > 3 && t.lower.endsWith('s')) {
      const v = idx.byFirst
        .get(t.lower.slice(0, -1))
        ?.find((x) => x.kind === 'last' && x.tokens.length === 1);
      if (v)
        match = {
          v: choose(
            idx,
            idx.byFirst.get(v.key!)!.filter((x) => x.key === v.key),
            undefined,
          ),
          last: i,
          conf: 0.9,
          detector: 'cast',
        };
    }
    // A word within one edit of a cast name, unless it is a real name of its own ("Jason" is not "Mason").
    if (
      !match &&
      (t.isCap || t.isAllCaps) &&
      t.lower.length >= 4 &&
      !isOrdinaryWord(t.lower) &&
      !isKnownName(t.lower)
    ) {
      let near = nearMemo.get(t.lower);
      if (!near) nearMemo.set(t.lower, (near = nearNames(idx, t.lower)));
      if (near.length > 0) {
        const vs = idx.singles.get(near[0]!)!;
        const v = choose(idx, vs, titleBefore(text, tokens, i)?.lower);
        match = { v, last: i, conf: 0.85, detector: 'cast:misspelling' };
      }
    }
    if (!match && t.isAllCaps && t.text.length <= 3 && !TITLES.has(t.lower)) {
      const ids = idx.initials.get(t.text);
      if (ids && ids.length > 0)
        out.push({
          start: t.start,
          end: t.end,
          type: 'PERSON',
          detector: 'cast:initials',
          confidence: ids.length === 1 ? 0.8 : 0.6,
          castId: ids[0]!,
        });
    }
    if (!match) continue;
    const title = match.v.type === 'PERSON' ? titleBefore(text, tokens, i) : undefined;
    const start = title ? title.start : t.start;
    let end = tokens[match.last]!.end;
    if (match.v.endsInS && /^['’]s/i.test(text.slice(end, end + 2))) end += 2;
    out.push({
      start,
      end,
      type: match.v.type,
      detector: match.detector,
      confidence: match.conf,
      castId: match.v.castId,
      ...(match.v.placeKind ? { kind: match.v.placeKind } : {}),
      // A surname alone: a longer name around it ("Gaz Ashworth") is someone else of the family.
      ...(match.v.kind === 'last' && !title ? { kind: 'surname' } : {}),
    });
    // Another cast place with the same name (the home address's street and the street itself):
    // recorded too, so an address span around it can take the address.
    if (match.v.placeKind) {
      for (const o of idx.byFirst.get(t.lower) ?? []) {
        if (o !== match.v && o.placeKind && o.castId !== match.v.castId && o.key === match.v.key)
          out.push({
            start,
            end,
            type: o.type,
            detector: match.detector,
            confidence: match.conf * 0.9,
            castId: o.castId,
            kind: o.placeKind,
          });
      }
    }
    i = match.last;
  }
  out.push(...detectInitialsDotted(text, idx));
  return out;
}

/** The title word right before token `i` ("Mrs", "Dr."), if any. */
export function titleBefore(text: string, tokens: Token[], i: number): Token | undefined {
  const p = tokens[i - 1];
  if (!p || !TITLES.has(p.lower) || !p.isCap) return undefined;
  // A title is a word of its own: not the "DS" of a postcode such as "HD9 1DS".
  if (p.start > 0 && !/[\s("“'‘]/.test(text[p.start - 1]!)) return undefined;
  return /^\.?\s{1,2}$/.test(text.slice(p.end, tokens[i]!.start)) ? p : undefined;
}

/** "J.S." and "J. S." style initials of cast people. */
function detectInitialsDotted(text: string, idx: CastIndex): Detection[] {
  const out: Detection[] = [];
  if (idx.initials.size === 0 || !/\p{Lu}\./u.test(text)) return out;
  // Any capital letter: "É.M." as well as "J.S.".
  for (const m of text.matchAll(/(?<![\p{L}.])((?:\p{Lu}\. ?){2,3})(?![\p{L}])/gu)) {
    const key = m[1]!.replace(/[.\s]/g, '');
    const ids = idx.initials.get(key);
    if (!ids) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].trimEnd().length,
      type: 'PERSON',
      detector: 'cast:initials',
      confidence: 0.85,
      castId: ids[0]!,
    });
  }
  return out;
}
