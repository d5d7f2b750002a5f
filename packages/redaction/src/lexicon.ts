/**
 * Word knowledge without a model: the shipped gazetteers (src/gazetteer/*.txt) merged with the
 * lexicon of `compromise` and the SCOWL English word lists, precomputed by
 * `scripts/build-lexicon.ts` into `data/lexicon.js` so neither library loads at run time.
 */
import encoded from '../data/lexicon.js';
import { decodeLexicon, type Lexicon } from './lexicon-codec.ts';

export type { Lexicon } from './lexicon-codec.ts';

let cached: Lexicon | undefined;

/**
 * The merged lexicon, decoded once per process on first use (a few milliseconds).
 * @example
 * getLexicon().given.has('jayden'); // true
 */
export function getLexicon(): Lexicon {
  return (cached ??= decodeLexicon(encoded));
}

/**
 * True for the everyday words (SCOWL 10 and 20: "will", "grace", "mark") that a lower-case mention
 * of a cast name must not be redacted for.
 */
export function isCommonWord(lower: string): boolean {
  return getLexicon().common.has(lower);
}

/**
 * True when the lower-case word is ordinary English: in the word lists and not a curated name,
 * a contraction ("i'm", "they'll"), an interjection ("mhm") or a people or language word ("american").
 * @example
 * isOrdinaryWord('visited'); // true
 */
export function isOrdinaryWord(lower: string): boolean {
  let v = ordinaryMemo.get(lower);
  if (v === undefined) {
    v = ordinary(lower);
    if (ordinaryMemo.size > 200_000) ordinaryMemo.clear();
    ordinaryMemo.set(lower, v);
  }
  return v;
}

const ordinaryMemo = new Map<string, boolean>();

const CONTRACTION = /^(\p{L}+?)(?:n['’]t|['’](?:m|ve|ll|d|re|t|s|em|all))$/u;
/** Drawn-out sounds: "hmmm", "uhhh", "ahh", "mmhmm". */
const SOUND = /^(?:h+m+|m+(?:h?m+)*|u+h+m*|a+h+|o+h+|e+r+m*|s+h+)$/;
/** Sounds and fillers of speech that the word lists leave out. */
const FILLERS = new Set(
  'mhm mm mmm hmm hm uh um er erm ah aw oh ooh ow uhuh yeah yep nope nah okay ok wow huh ha haha lol'.split(
    ' ',
  ),
);

function ordinary(lower: string): boolean {
  const lx = getLexicon();
  if (lx.words.has(lower) || lx.groups.has(lower) || FILLERS.has(lower) || SOUND.test(lower)) return true;
  const c = CONTRACTION.exec(lower);
  if (c) return c[1] === 'i' || c[1] === 'y' || c[1] === 'ca' || c[1] === 'wo' || lx.words.has(c[1]!);
  if (lx.given.has(lower) || lx.surnames.has(lower)) return false;
  // Plurals of everyday words and peoples; rarer stems are left alone ("Cummings" is not "cumming"s).
  return lower.endsWith('s') && (lx.common.has(lower.slice(0, -1)) || lx.groups.has(lower.slice(0, -1)));
}
