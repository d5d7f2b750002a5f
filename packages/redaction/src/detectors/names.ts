/**
 * People and places that the cast does not list: gazetteers, titles, context words, capitals,
 * the document's own use of each word, and `compromise` for the doubtful cases.
 */
import type { AllowList } from '../allow-list.ts';
import { getLexicon, isOrdinaryWord as isOrdinaryWord_ } from '../lexicon.ts';
import type { Token } from '../tokens.ts';
import type { Detection } from '../types.ts';
import { TITLES as TITLES_ } from './cast.ts';
import { HONORIFICS } from './titles.ts';
import {
  FACILITY as FACILITY_,
  GENERIC_FACILITY_WORDS as GENERIC_FACILITY_WORDS_,
  HEAD_QUALIFIERS as HEAD_QUALIFIERS_,
  PARTICLES as PARTICLES_,
  PERSON_AFTER as PERSON_AFTER_,
  PERSON_BEFORE as PERSON_BEFORE_,
  PLACE_BEFORE as PLACE_BEFORE_,
  PLACE_PREFIX as PLACE_PREFIX_,
  PLACE_SUFFIX as PLACE_SUFFIX_,
  STRONG_FACILITY as STRONG_FACILITY_,
} from './name-rules.ts';

// Local copies: imported bindings are read through accessors when tsx runs the code, and these
// are read for every word.
const FACILITY = FACILITY_;
const GENERIC_FACILITY_WORDS = GENERIC_FACILITY_WORDS_;
const HEAD_QUALIFIERS = HEAD_QUALIFIERS_;
const PARTICLES = PARTICLES_;
const PERSON_AFTER = PERSON_AFTER_;
const PERSON_BEFORE = PERSON_BEFORE_;
const PLACE_BEFORE = PLACE_BEFORE_;
const PLACE_PREFIX = PLACE_PREFIX_;
const PLACE_SUFFIX = PLACE_SUFFIX_;
const STRONG_FACILITY = STRONG_FACILITY_;
const TITLES = TITLES_;
const isOrdinaryWord = isOrdinaryWord_;

export interface UncastOptions {
  allow: AllowList;
  /** Words always treated as people. */
  deny?: readonly string[];
}

interface Seg {
  toks: Token[];
  title?: Token;
  /** Holds an allowed word that is used as a first name here. */
  everyday?: boolean;
}

/** Words before a capitalised word that make it a thing, not a person: "the Court said". */
const DETERMINERS = new Set(
  'the a an this that these those his her their our its my your whose which every each no'.split(' '),
);

/** Words before a capitalised everyday word that make it a name ("called Hope", "her friend Sky"). */
const NAMING_BEFORE = new Set(
  'called named name friend neighbour partner boyfriend girlfriend lodger cousin nicknamed'.split(' '),
);

/** Relationship words that, straight before a capitalised word, make it a person's name. */
const KIN_BEFORE = new Set(
  'sister brother friend neighbour partner boyfriend girlfriend husband wife cousin aunt uncle nephew niece son daughter lodger stepfather stepmother stepson stepdaughter grandson granddaughter nan grandmother grandfather half-brother half-sister'.split(
    ' ',
  ),
);
/** "known as Hope", "who called himself Ace", "referred to as Tiny". */
const KNOWN_AS =
  /\b(?:known\s+as|referred\s+to\s+as|called\s+(?:himself|herself|themselves)|goes\s+by|went\s+by|nicknamed)\s+$/i;

/** Verbs after a sentence-initial name the document has already used: "Autumn was about 17". */
const SUBJECT_VERBS = new Set('was is had has would could did does and later then also never'.split(' '));

/** Allowed calendar and faith words that are also first names ("Autumn", "April", "Summer"). */
export const NAME_LIKE_ALLOWED = new Set('summer autumn winter april may june august christian'.split(' '));

const runGap = (g: string): boolean =>
  g.length > 0 && g.length <= 4 && /^[\s-]+$/.test(g) && !/\n\s*\n/.test(g);
const possGap = (g: string): boolean => /^['’]s?\s{1,2}$/.test(g);

/**
 * Finds people and places outside the cast in tokens not already `covered` (by cast or pattern spans).
 * @example
 * const toks = tokenize(text);
 * detectUncast(text, toks, new Uint8Array(toks.length), { allow: buildAllowList() });
 */
export function detectUncast(
  text: string,
  tokens: Token[],
  covered: Uint8Array,
  opts: UncastOptions,
): Detection[] {
  const lx = getLexicon();
  const lowerSeen = new Set<string>();
  // Words the document itself writes in lower case are ordinary words (not inside emails or links).
  const isLinkChar = (c: string | undefined): boolean => c === '.' || c === '@' || c === '/' || c === '_';
  for (const t of tokens) {
    if (
      t.isCap ||
      isLinkChar(text[t.start - 1]) ||
      (isLinkChar(text[t.end]) && /\w/.test(text[t.end + 1] ?? ''))
    )
      continue;
    lowerSeen.add(t.lower);
  }
  const deny = new Set((opts.deny ?? []).map((d) => d.toLowerCase()));
  // Memoised per token: many rules ask the same question about the same word.
  const ordinaryMemo = new Int8Array(tokens.length);
  const ordinary = (t: Token): boolean => {
    let v = ordinaryMemo[t.i]!;
    if (v === 0) {
      v = !deny.has(t.lower) && (isOrdinaryWord(t.lower) || lowerSeen.has(t.lower)) ? 1 : 2;
      ordinaryMemo[t.i] = v;
    }
    return v === 1;
  };
  const out: Detection[] = [];
  /** True when text[a, b) is one to three spaces or commas (a possessive "'s" may come first). */
  const isWordGap = (a: number, b: number, possessive: boolean): boolean => {
    if (possessive && (text[a] === "'" || text[a] === '’') && text[a + 1] === 's') a += 2;
    if (b - a < 1 || b - a > 3) return false;
    for (let k = a; k < b; k++) {
      const c = text.charCodeAt(k);
      if (c !== 32 && c !== 44 && c !== 10 && c !== 9 && c !== 13) return false;
    }
    return true;
  };
  const prevWord = (t: Token): string => {
    const p = tokens[t.i - 1];
    return p && isWordGap(p.end, t.start, false) ? p.lower : '';
  };
  /** The word before, whatever the gap (for determiners: "the Court said"). */
  const rawPrevWord = (t: Token): string => {
    const p = tokens[t.i - 1];
    return p && /^\s{1,2}$/.test(text.slice(p.end, t.start)) ? p.lower : '';
  };
  const nextWord = (t: Token): string => {
    const n = tokens[t.i + 1];
    return n && isWordGap(t.end, n.start, true) ? n.lower : '';
  };
  const emit = (
    a: Token,
    b: Token,
    type: 'PERSON' | 'PLACE' | 'ORGANISATION',
    conf: number,
    detector: string,
    key: string,
    kind?: string,
  ): void => {
    out.push({
      start: a.start,
      end: b.end,
      type,
      confidence: conf,
      detector,
      key,
      ...(kind ? { kind } : {}),
    });
  };

  function classify(seg: Seg): void {
    const { toks, title } = seg;
    if (toks.length === 0) return;
    const first = toks[0]!;
    const last = toks[toks.length - 1]!;
    const lowers = toks.map((t) => t.lower);
    const key = lowers.join(' ');
    if (title) {
      emit(title, last, 'PERSON', 0.95, 'names:title', key);
      return;
    }
    if (toks.every((t) => deny.has(t.lower))) {
      emit(first, last, 'PERSON', 0.9, 'names:deny', key);
      return;
    }
    if (toks.length > 1 && lx.placePhrases.has(key)) {
      emit(first, last, 'PLACE', 0.9, 'names:gazetteer', key, 'town');
      return;
    }
    // "Upper Cranton", "Castle Penwick": a place prefix and a place-like word.
    if (
      toks.length === 2 &&
      PLACE_PREFIX.has(first.lower) &&
      (lx.places.has(last.lower) || (!ordinary(last) && PLACE_SUFFIX.test(last.lower)))
    ) {
      emit(first, last, 'PLACE', 0.8, 'names:context', key, 'town');
      return;
    }
    if (toks.length > 1) {
      const nameish = toks.map(
        (t) => lx.nameWords.has(t.lower) || lx.given.has(t.lower) || lx.surnames.has(t.lower) || !ordinary(t),
      );
      if (nameish.every(Boolean) && !toks.every((t) => t.isAllCaps && !lx.given.has(t.lower))) {
        if (toks.every((t) => lx.places.has(t.lower) && !lx.given.has(t.lower))) {
          emit(first, last, 'PLACE', 0.8, 'names:gazetteer', key, 'town');
          return;
        }
        const strong = lx.given.has(first.lower) || toks.some((t) => !ordinary(t));
        if (strong) {
          emit(first, last, 'PERSON', lx.given.has(first.lower) ? 0.9 : 0.8, 'names:gazetteer', key);
          return;
        }
      }
      // An everyday word opening the sentence is not part of the name ("Following Grady's visit").
      if (first.isSentenceStart && lx.common.has(first.lower) && !lx.given.has(first.lower)) {
        classify({ toks: toks.slice(1) });
        return;
      }
      // A given name and another capitalised word: "Tamara Waters", "Ibrahim Shields".
      if (
        lx.given.has(first.lower) &&
        !lx.common.has(first.lower) &&
        toks.length <= 3 &&
        !(last.lower in FACILITY) &&
        !opts.allow.has(last.lower)
      ) {
        emit(first, last, 'PERSON', 0.85, 'names:gazetteer', key);
        return;
      }
      // Capitals ending in a surname or an unknown word: "Beau Grady", "Phoenix Miller".
      const tail = last.lower;
      const noCommon = !toks.some((t) => lx.common.has(t.lower));
      if (
        !(tail in FACILITY) &&
        toks.length <= 4 &&
        ((!first.isSentenceStart && lx.surnames.has(tail)) ||
          (noCommon && (lx.surnames.has(tail) || !ordinary(last))))
      ) {
        emit(first, last, 'PERSON', 0.8, 'names:capitals', key);
        return;
      }
      if (first.isSentenceStart && ordinary(first) && !lx.given.has(first.lower)) {
        classify({ toks: toks.slice(1) });
        return;
      }
      // A capitalised phrase: look at its words one by one.
      for (const t of toks) classify({ toks: [t] });
      return;
    }
    const t = first;
    if (t.isAllCaps && t.text.length <= 5 && !lx.given.has(t.lower)) return; // acronyms
    const w = ordinary(t);
    const g = lx.given.has(t.lower);
    const s = lx.surnames.has(t.lower);
    const p = lx.places.has(t.lower);
    const prev = prevWord(t);
    const next = nextWord(t);
    const knownAs = KNOWN_AS.test(text.slice(Math.max(0, t.start - 24), t.start));
    const personCtx = PERSON_AFTER.has(next) || PERSON_BEFORE.has(prev) || knownAs;
    const placeCtx = PLACE_BEFORE.has(prev);
    const ss = t.isSentenceStart;
    if (deny.has(t.lower)) {
      emit(t, t, 'PERSON', 0.9, 'names:deny', key);
      return;
    }
    if (p && (placeCtx || (!g && !(s && personCtx) && !w)) && !PERSON_AFTER.has(next)) {
      emit(t, t, 'PLACE', 0.85, 'names:gazetteer', key, 'town');
      return;
    }
    // "her sister Nasreen", "his friend Marek": a relationship word straight before a name.
    if (!ss && !w && KIN_BEFORE.has(rawPrevWord(t)) && !p) {
      emit(t, t, 'PERSON', 0.9, 'names:kin', key);
      return;
    }
    if (g && !w) {
      emit(t, t, 'PERSON', ss ? 0.8 : 0.9, 'names:gazetteer', key);
      return;
    }
    if (s && !w) {
      if (ss && !personCtx) return;
      if (placeCtx && !personCtx) emit(t, t, 'PLACE', 0.6, 'names:context', key, 'town');
      else emit(t, t, 'PERSON', 0.8, 'names:gazetteer', key);
      return;
    }
    // An everyday word written as a name away from a sentence start, beside a person word:
    // "her friend Autumn", "Guy said", "called Hope" (not "the Court said").
    const everyday =
      w &&
      t.text.length > 1 &&
      !ss &&
      !DETERMINERS.has(rawPrevWord(t)) &&
      personCtx &&
      (g || s || lx.nameWords.has(t.lower) || NAMING_BEFORE.has(prev) || knownAs);
    if (everyday) {
      emit(t, t, 'PERSON', 0.8, 'names:everyday', key);
      return;
    }
    if ((g || s || lx.nameWords.has(t.lower)) && w) {
      if (ss && PERSON_AFTER.has(next)) {
        emit(t, t, 'PERSON', 0.7, 'names:context', key);
        return;
      }
      // Left to the learned model, which weighs the context.
      return;
    }
    // A rarer word used as a name: "Beau noted that…", "…told Phoenix that…".
    if (w && !lx.common.has(t.lower) && (PERSON_AFTER.has(next) || (!ss && PERSON_BEFORE.has(prev)))) {
      emit(t, t, 'PERSON', 0.7, 'names:context', key);
      return;
    }
    if (w) return;
    // An unknown word opening a sentence is most often a name in a review; say so with less confidence.
    if (ss && !personCtx) {
      if (t.text.length >= 3 && !t.isAllCaps) emit(t, t, 'PERSON', 0.6, 'names:capitals', key);
      return;
    }
    if ((placeCtx && !personCtx) || (PLACE_SUFFIX.test(t.lower) && !personCtx)) {
      emit(t, t, 'PLACE', 0.7, 'names:context', key, 'town');
      return;
    }
    emit(t, t, 'PERSON', personCtx ? 0.8 : 0.7, 'names:capitals', key);
  }

  // Runs of capitalised words; possessive gaps stay inside a run only for facilities.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (covered[i] || !(t.isCap || t.isAllCaps)) continue;
    const run: Token[] = [t];
    const poss: boolean[] = [false];
    let j = i + 1;
    while (j < tokens.length && !covered[j]) {
      const u = tokens[j]!;
      const g = text.slice(tokens[j - 1]!.end, u.start);
      // Particles ("van", "bin") and the lower-case half of a hyphenated name ("Olasunkanmi-fasayo").
      const isPart =
        u.isCap ||
        u.isAllCaps ||
        (g === '-' && !u.isCap) ||
        (PARTICLES.has(u.lower) &&
          tokens[j + 1]?.isCap === true &&
          runGap(text.slice(u.end, tokens[j + 1]!.start)));
      if (!isPart || !(runGap(g) || possGap(g))) break;
      run.push(u);
      poss.push(possGap(g));
      j++;
    }
    i = j - 1;
    handleRun(run, poss);
  }

  function handleRun(run: Token[], poss: boolean[]): void {
    const lowers = run.map((t) => t.lower);
    // Facilities: "Oakfield Primary School", "St Mary's C of E Primary", "Leeds General Infirmary".
    let f = run.length - 1;
    while (f >= 0 && !(lowers[f]! in FACILITY)) f--;
    const allowed = new Uint8Array(run.length);
    for (let k = 0; f >= 1 && k < run.length; k++) {
      const n = opts.allow.longestAt(lowers, k);
      if (n > 1) allowed.fill(1, k, k + n);
    }
    // "Oakfield Primary School" names a place; "Paediatric Assessment Unit" does not: a weak head
    // ("Unit", "Centre") needs a word that is not ordinary English.
    const strong =
      f >= 0 && (STRONG_FACILITY.has(lowers[f]!) || (f >= 2 && HEAD_QUALIFIERS.has(lowers[f - 1]!)));
    let naming = false;
    for (let k = 0; k < f && !naming; k++) {
      naming =
        !allowed[k] &&
        !GENERIC_FACILITY_WORDS.has(lowers[k]!) &&
        !opts.allow.has(lowers[k]!) &&
        (strong || !ordinary(run[k]!));
    }
    if (f >= 1 && !allowed[f] && naming) {
      let a = 0;
      while (
        a < f &&
        opts.allow.has(lowers[a]!) &&
        !GENERIC_FACILITY_WORDS.has(lowers[a]!) &&
        !TITLES.has(lowers[a]!)
      )
        a++;
      emit(
        run[a]!,
        run[f]!,
        'ORGANISATION',
        0.85,
        'names:facility',
        lowers.slice(a, f + 1).join(' '),
        FACILITY[lowers[f]!],
      );
      if (f + 1 < run.length) handleRun(run.slice(f + 1), poss.slice(f + 1));
      return;
    }
    // Split at possessives, drop allow-listed phrases, keep titles as context.
    const segs: Seg[] = [];
    let seg: Seg = { toks: [] };
    for (let k = 0; k < run.length; k++) {
      if (poss[k]) {
        segs.push(seg);
        seg = { toks: [] };
      }
      const t = run[k]!;
      if (TITLES.has(t.lower) && t.isCap && !t.isAllCaps && k + 1 < run.length && !poss[k + 1]) {
        segs.push(seg);
        seg = { toks: [], title: t };
        continue;
      }
      let n = seg.title && seg.toks.length === 0 ? 0 : opts.allow.longestAt(lowers, k);
      // "her friend Autumn said": a calendar word that is also a first name, used as one.
      if (n === 1 && NAME_LIKE_ALLOWED.has(t.lower)) {
        const prev = rawPrevWord(t);
        const u = run[k + 1];
        // "Summer Taylor", "April Jones": a first name before a surname.
        const surname =
          u !== undefined &&
          !poss[k + 1] &&
          (lx.surnames.has(u.lower) || !ordinary(u)) &&
          !opts.allow.has(u.lower);
        const context =
          !t.isSentenceStart &&
          run.length === 1 &&
          (PERSON_BEFORE.has(prevWord(t)) || PERSON_AFTER.has(nextWord(t)));
        if (!DETERMINERS.has(prev) && (surname || context)) {
          n = 0;
          seg.everyday = true;
        }
      }
      if (n > 0 && !deny.has(t.lower)) {
        segs.push(seg);
        seg = { toks: [] };
        k += n - 1;
        continue;
      }
      seg.toks.push(t);
    }
    segs.push(seg);
    for (const sg of segs) {
      const before = out.length;
      classify(sg);
      // A name that starts with an allowed word ("Summer Taylor") is sure: the model never sees it.
      if (sg.everyday)
        for (let k = before; k < out.length; k++)
          if (out[k]!.type === 'PERSON') out[k]!.detector = 'names:everyday';
    }
  }

  return propagate(text, tokens, covered, out, ordinary, opts.allow);
}

/**
 * Every capitalised mention of a word already found with confidence becomes a mention too.
 * @example
 * propagate(text, tokens, covered, found, (t) => isOrdinaryWord(t.lower), allow);
 */
export function propagate(
  text: string,
  tokens: Token[],
  covered: Uint8Array,
  found: Detection[],
  ordinary: (t: Token) => boolean,
  allow: AllowList,
): Detection[] {
  const lx = getLexicon();
  const known = new Map<string, Detection>();
  for (const d of found) {
    if (d.confidence < 0.8 || d.type === 'ORGANISATION') continue;
    for (const w of (d.key ?? '').split(' '))
      if (w.length > 1 && !HONORIFICS.has(w) && !lx.groups.has(w) && !PARTICLES.has(w)) known.set(w, d);
  }
  const taken = new Uint8Array(text.length === 0 ? 0 : tokens.length);
  let p = 0;
  const sorted = [...found].sort((a, b) => a.start - b.start);
  for (const t of tokens) {
    while (p < sorted.length && sorted[p]!.end <= t.start) p++;
    const d = sorted[p];
    if (d && d.start <= t.start && t.end <= d.end) taken[t.i] = 1;
  }
  // An ordinary word the document also writes in lower case ("the news", "an image"), capitalised
  // beside another capitalised word ("Daily News", "Image Library") or opening a sentence, is a
  // heading or a title, not another mention of a name that contains it ("Gordon Image"). Alone in
  // mid-sentence ("officers asked Image") it is still the person.
  const lowerHere = new Set<string>();
  for (const t of tokens) if (!t.isCap && !t.isAllCaps) lowerHere.add(t.lower);
  const capBeside = (a: Token | undefined, b: Token | undefined): boolean =>
    a !== undefined &&
    b !== undefined &&
    (a.isCap || a.isAllCaps) &&
    (b.isCap || b.isAllCaps) &&
    text.slice(a.end, b.start) === ' ';
  const isWordHere = (t: Token): boolean =>
    lowerHere.has(t.lower) &&
    isOrdinaryWord_(t.lower) &&
    !lx.given.has(t.lower) &&
    !lx.surnames.has(t.lower) &&
    (t.isSentenceStart || capBeside(tokens[t.i - 1], t) || capBeside(t, tokens[t.i + 1]));
  const out = [...found];
  for (const t of tokens) {
    if (covered[t.i] || taken[t.i] || !(t.isCap || t.isAllCaps)) continue;
    const d = known.get(t.lower);
    // A name that is also a word ("Holly") counts only away from the start of a sentence.
    if (!d) continue;
    // A word the document has used as a first name ("her friend Autumn"): its capitalised
    // mentions count away from a sentence start, and at one before a verb ("Autumn told …").
    const next = tokens[t.i + 1];
    const everyday = d.detector === 'names:everyday';
    const asPerson =
      everyday &&
      next !== undefined &&
      text.slice(t.end, next.start) === ' ' &&
      (PERSON_AFTER.has(next.lower) || SUBJECT_VERBS.has(next.lower));
    const asName = asPerson || (everyday && !t.isSentenceStart);
    if (!everyday && isWordHere(t)) continue;
    // "Pat Harte told …" after "Pat and Ron Harte": a first name already found, straight before a
    // cast name, is that person's first name again even where a sentence starts.
    const beforeCast =
      d.type === 'PERSON' &&
      next !== undefined &&
      covered[next.i] === 1 &&
      next.isCap &&
      text.slice(t.end, next.start) === ' ';
    if (
      (ordinary(t) && t.isSentenceStart && !asPerson && !beforeCast) ||
      (allow.has(t.lower) && !(asName && NAME_LIKE_ALLOWED.has(t.lower)))
    )
      continue;
    out.push({
      start: t.start,
      end: t.end,
      type: d.type,
      detector: 'names:propagated',
      confidence: 0.8,
      key: t.lower,
      ...(d.kind ? { kind: d.kind } : {}),
    });
  }
  return out;
}
