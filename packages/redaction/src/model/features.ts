/**
 * Candidate name tokens and their features for the learned name detector: word shape, capitals,
 * gazetteer membership, context words, suffixes, sentence position, the document's own use of the
 * word and what the rules said about it.
 */
import { getLexicon, isOrdinaryWord } from '../lexicon.ts';
import type { Token } from '../tokens.ts';
import type { Detection } from '../types.ts';
import { TITLES } from '../detectors/cast.ts';
import { FACILITY } from '../detectors/name-rules.ts';
import { languages, regions } from '../../data/languages.js';

let intlNames: { languages: Set<string>; regions: Set<string> } | undefined;
/** One-word language and region names from Node's ICU data (`data/languages.js`). */
function intl(): { languages: Set<string>; regions: Set<string> } {
  return (intlNames ??= {
    languages: new Set(languages.split(' ')),
    regions: new Set(regions.split(' ')),
  });
}

/** Lower-case words that may sit inside a name between capitalised words. */
const CONNECTORS = new Set('of the de van von der den la le du da di al el bin ibn ben and y'.split(' '));
/** Abbreviations written with a full stop before a name: "Mr. Roberts", "Gen. Washington". */
const DOTTED = new Set(
  'mr mrs ms dr st prof gen sen rep gov sgt capt lt col rev insp det cllr jr sr messrs mt ft'.split(' '),
);
const MAX_RUN = 8;

/** A run of candidate tokens: indexes into the token array, first to last. */
export interface Run {
  from: number;
  to: number;
}

/** What the features of one document need, computed once. */
export interface DocContext {
  text: string;
  tokens: readonly Token[];
  /** Words the document writes in lower case somewhere. */
  lowerSeen: Set<string>;
  /** Words the document writes capitalised away from a sentence start. */
  capMid: Set<string>;
  /** The rules' opinion per token: `PERSON`, `PLACE`, `ORGANISATION` with the rule, or undefined. */
  rule: (string | undefined)[];
  /** What the whole document shows about each capitalised word (`DOC_*` bits), by lower case. */
  doc: Map<string, number>;
  /**
   * What the model has tagged each word as so far in this document (`SEEN_*` bits), by lower case:
   * filled in as the runs are tagged, left to right, so later mentions agree with earlier ones.
   */
  seen: Map<string, number>;
}

const SEEN_BITS: [number, string][] = [
  [1, 'PER'],
  [2, 'LOC'],
  [4, 'ORG'],
  [8, 'O'],
  [16, 'PER-in-longer'],
];

/**
 * Records the tags the model gave the tokens of run `r` (tag names as in `TAGS`), for the `seen`
 * features of later mentions of the same words.
 */
export function remember(ctx: DocContext, r: Run, tags: readonly string[]): void {
  for (let i = r.from; i <= r.to; i++) {
    const t = ctx.tokens[i]!;
    if (!isCapTok(t)) continue;
    const tag = tags[i - r.from]!;
    const type = tag === 'O' ? 'O' : tag.slice(2);
    let bit = type === 'PER' ? 1 : type === 'LOC' ? 2 : type === 'ORG' ? 4 : 8;
    if (type === 'PER' && (tags[i - r.from - 1]?.endsWith('PER') || tags[i - r.from + 1] === 'I-PER'))
      bit |= 16;
    ctx.seen.set(t.lower, (ctx.seen.get(t.lower) ?? 0) | bit);
  }
}

/** Somewhere in the document the word comes straight after "the". */
const DOC_THE = 1;
/** … is followed by a possessive "'s". */
const DOC_POSS = 2;
/** … has a plural written capitalised too ("Olmec" and "Olmecs"). */
const DOC_PLURAL = 4;
/** … ends a run of capitals that begins with a given name ("Barack Obama" for "Obama"). */
const DOC_AFTER_GIVEN = 8;
/** … follows a title ("Mrs", "Dr"). */
const DOC_TITLE = 16;
/** … is followed by a speech or person verb ("said", "told"). */
const DOC_SAID = 32;
/** … is written capitalised three times or more. */
const DOC_MANY = 64;
/** … is followed by a lower-case word that is not a verb-like function word (adjectival use). */
const DOC_BEFORE_LOWER = 128;
const DOC_BITS: [number, string][] = [
  [DOC_THE, 'the'],
  [DOC_POSS, 'poss'],
  [DOC_PLURAL, 'plural'],
  [DOC_AFTER_GIVEN, 'after-given'],
  [DOC_TITLE, 'title'],
  [DOC_SAID, 'said'],
  [DOC_MANY, 'many'],
];
const SAID = new Set(
  'said says told asked replied wrote added explained recalled admitted denied claimed stated who whose herself himself'.split(
    ' ',
  ),
);

const isCapTok = (t: Token): boolean => t.isCap || t.isAllCaps;

/** The gap between two tokens allows them in one name. */
function joins(text: string, a: Token, b: Token): boolean {
  const g = text.slice(a.end, b.start);
  if (g === ' ' || g === '-' || g === '  ' || g === '\n' || g === ' & ' || g === '’s ' || g === "'s ")
    return true;
  // "J. Smith", "O.J. Simpson", "Mr. Roberts": a full stop after an initial or a title.
  if ((g === '. ' || g === '.') && (a.text.length === 1 || DOTTED.has(a.lower))) return true;
  return false;
}

/** Maximal runs of capitalised tokens not `covered`, with connectors between capitals. */
export function candidateRuns(text: string, tokens: readonly Token[], covered: Uint8Array): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (covered[i] || !isCapTok(t)) continue;
    let j = i;
    while (j + 1 < tokens.length && j - i + 1 < MAX_RUN) {
      const u = tokens[j + 1]!;
      if (covered[j + 1] || !joins(text, tokens[j]!, u)) break;
      if (isCapTok(u)) {
        j++;
        continue;
      }
      // A connector counts only between capitals: "University of Leeds", "Ludwig van Beethoven".
      const v = tokens[j + 2];
      if (CONNECTORS.has(u.lower) && v && !covered[j + 2] && isCapTok(v) && joins(text, u, v)) {
        j += 2;
        continue;
      }
      break;
    }
    runs.push({ from: i, to: j });
    i = j;
  }
  return runs;
}

/**
 * Builds the per-document context.
 * @param rules detections of the rule-based detector (people, places, organisations)
 */
export function docContext(text: string, tokens: readonly Token[], rules: readonly Detection[]): DocContext {
  const lowerSeen = new Set<string>();
  const capMid = new Set<string>();
  for (const t of tokens) {
    if (!t.isCap) lowerSeen.add(t.lower);
    else if (!t.isSentenceStart) capMid.add(t.lower);
  }
  const rule: (string | undefined)[] = new Array<string | undefined>(tokens.length);
  const sorted = [...rules].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const d of sorted) {
    while (k < tokens.length && tokens[k]!.end <= d.start) k++;
    for (let j = k; j < tokens.length && tokens[j]!.start < d.end; j++)
      rule[j] = `${d.type}${j === k ? 'B' : 'I'}:${d.detector.replace(/^names:/, '')}`;
  }
  return { text, tokens, lowerSeen, capMid, rule, doc: docFacts(text, tokens), seen: new Map() };
}

/** The `DOC_*` facts of every capitalised word of the document. */
function docFacts(text: string, tokens: readonly Token[]): Map<string, number> {
  const lx = getLexicon();
  const doc = new Map<string, number>();
  const count = new Map<string, number>();
  const set = (w: string, bit: number): void => {
    doc.set(w, (doc.get(w) ?? 0) | bit);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.isCap) continue;
    const w = t.lower;
    const n = (count.get(w) ?? 0) + 1;
    count.set(w, n);
    set(w, n >= 3 ? DOC_MANY : 0);
    const p = tokens[i - 1];
    const gapBefore = p ? text.slice(p.end, t.start) : '';
    if (p && gapBefore === ' ') {
      if (p.lower === 'the' && !p.isCap) set(w, DOC_THE);
      if (TITLES.has(p.lower) || DOTTED.has(p.lower)) set(w, DOC_TITLE);
      if (p.isCap && lx.given.has(p.lower) && !t.isSentenceStart) set(w, DOC_AFTER_GIVEN);
    } else if (p && gapBefore === '. ' && DOTTED.has(p.lower)) set(w, DOC_TITLE);
    const after = text.slice(t.end, t.end + 2);
    if (after === "'s" || after === '’s') set(w, DOC_POSS);
    const q = tokens[i + 1];
    if (q && text.slice(t.end, q.start) === ' ' && !q.isCap) {
      if (SAID.has(q.lower)) set(w, DOC_SAID);
      else if (!CONNECTORS.has(q.lower)) set(w, DOC_BEFORE_LOWER);
    }
  }
  for (const w of count.keys()) {
    if (count.has(`${w}s`) || (w.endsWith('s') && count.has(w.slice(0, -1)))) set(w, DOC_PLURAL);
  }
  return doc;
}

/** The shape of a word: capitals X, lower x, digits d, runs collapsed ("Xx", "XX", "Xx-Xx", "X"). */
export function shape(s: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < s.length && out.length < 6; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    const k =
      c >= 65 && c <= 90
        ? 'X'
        : c >= 97 && c <= 122
          ? 'x'
          : c >= 48 && c <= 57
            ? 'd'
            : c < 128
              ? ch
              : ch !== ch.toLowerCase()
                ? 'X'
                : ch !== ch.toUpperCase()
                  ? 'x'
                  : ch;
    if (k !== last) out += k;
    last = k;
  }
  return out;
}

function boundary(text: string, a: Token | undefined, b: Token | undefined): string {
  if (!a || !b) return '<s>';
  const g = text.slice(a.end, b.start);
  if (g === ' ') return '';
  if (/[.!?]\s|\n\s*\n|[;:]/.test(g)) return '<s>';
  if (g.includes(',')) return ',';
  if (g.includes('(') || g.includes(')')) return '()';
  if (/["“”]/.test(g)) return 'q';
  return '';
}

/**
 * Features that depend only on the word as written (its text): the same in every context, so their
 * scores can be summed once per distinct word.
 */
export function wordFeatures(text: string): string[] {
  const lx = getLexicon();
  const w = text.toLowerCase();
  const f = ['b', `w:${w}`, `sh:${shape(text)}`, `s3:${w.slice(-3)}`, `s4:${w.slice(-4)}`];
  if (lx.nameWords.has(w)) f.push('nameword');
  if (lx.groups.has(w) || (w.endsWith('s') && lx.groups.has(w.slice(0, -1)))) f.push('group');
  if (TITLES.has(w) || DOTTED.has(w)) f.push('title');
  if (text.length === 1) f.push('initial');
  if (text.length > 1 && text === text.toUpperCase() && text !== w)
    f.push(`caps:${Math.min(5, text.length)}`);
  const { languages: langs, regions: regs } = intl();
  if (langs.has(w) || (w.endsWith('s') && langs.has(w.slice(0, -1)))) f.push('intl:language');
  if (regs.has(w)) f.push('intl:region');
  return f;
}

/** Features of token `i` (inside run `r`) that depend on its context, given the previous token's tag. */
export function contextFeatures(ctx: DocContext, r: Run, i: number, prevTag: string): string[] {
  const { text, tokens } = ctx;
  const lx = getLexicon();
  const t = tokens[i]!;
  const w = t.lower;
  const p = tokens[i - 1];
  const n = tokens[i + 1];
  const flags =
    (t.isSentenceStart ? 'S' : '-') +
    (isOrdinaryWord(w) ? 'o' : '-') +
    (lx.common.has(w) ? 'c' : '-') +
    (lx.given.has(w) ? 'g' : '-') +
    (lx.surnames.has(w) ? 's' : '-') +
    (lx.places.has(w) ? 'p' : '-') +
    (ctx.lowerSeen.has(w) ? 'l' : '-');
  const pos = r.from === r.to ? 'U' : i === r.from ? 'B' : i === r.to ? 'L' : 'I';
  const bp = boundary(text, p, t);
  const bn = boundary(text, t, n);
  const pw = bp === '<s>' || !p ? '<s>' : p.lower;
  const nw = bn === '<s>' || !n ? '</s>' : n.lower;
  const last = tokens[r.to]!.lower;
  const rule = ctx.rule[i];
  const f = [
    `fl:${flags}`,
    `fl:${flags}:${pos}`,
    `pos:${pos}:${Math.min(4, r.to - r.from + 1)}`,
    `pt:${prevTag}`,
    `pt:${prevTag}:${flags}`,
    `pw:${pw}`,
    `nw:${nw}`,
    `pw2:${pw}:${w}`,
    `bp:${bp}`,
    `bn:${bn}`,
    `last:${last}`,
    `first:${tokens[r.from]!.lower}`,
    `rule:${rule ?? '-'}`,
    `rule:${rule?.slice(0, rule.indexOf(':')) ?? '-'}:${pos}`,
  ];
  if (p && TITLES.has(p.lower)) f.push('after-title');
  if (w in FACILITY) f.push(`fac:${pos}`);
  if (last in FACILITY) f.push('run-facility');
  if (ctx.capMid.has(w)) f.push(`capmid:${t.isSentenceStart ? 'S' : '-'}`);
  if (!isCapTok(t)) f.push(`conn:${w}`);
  if (p && !isCapTok(p) && bp === '') f.push(`pw-lower:${p.lower}`);
  if (n && bn === '' && i === r.to) f.push(`nw-after:${n.lower}`);
  if (p && i === r.from && bp === '' && tokens[i - 2]) f.push(`ppw:${tokens[i - 2]!.lower}`);
  const facts = ctx.doc.get(w) ?? 0;
  for (const [bit, name] of DOC_BITS) if (facts & bit) f.push(`doc:${name}`);
  if (facts & DOC_BEFORE_LOWER) f.push(`doc:before-lower:${r.from === r.to ? 'U' : 'R'}`);
  if (facts & DOC_THE && !(facts & DOC_POSS)) f.push('doc:the-no-poss');
  if (facts & DOC_AFTER_GIVEN && r.from === r.to) f.push('doc:alone-after-given');
  const seen = ctx.seen.get(w) ?? 0;
  for (const [bit, name] of SEEN_BITS) if (seen & bit) f.push(`seen:${name}`);
  if (seen) f.push(`seen:${seen}:${pos}`);
  return f;
}

/** Every feature of token `i`: its word's and its context's (what training sees). */
export function tokenFeatures(ctx: DocContext, r: Run, i: number, prevTag: string): string[] {
  return [...wordFeatures(ctx.tokens[i]!.text), ...contextFeatures(ctx, r, i, prevTag)];
}
