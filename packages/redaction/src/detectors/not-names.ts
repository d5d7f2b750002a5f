/**
 * Capitalised words that English grammar says are not a person, whatever the word lists say:
 * the plural of an abbreviation ("CFLs", "GPs"), a follower or doctrine ("Calvinist",
 * "Scientology"), an adjective of a people, place or faith ("Hellenic", "Adriatic", "Darwinian",
 * "Mayan" where the document names the Maya), an adverb opening a sentence ("Relatedly, …"), and
 * the title of a work straight after the word for it ("the television series Gilmore Girls",
 * "the film Elysium", "a pilot titled Young MacGyver").
 */
import { getLexicon } from '../lexicon.ts';
import type { Token } from '../tokens.ts';
import type { Detection } from '../types.ts';

/** Words for a work, after which a capitalised run is its title. */
const WORK_BEFORE =
  /\b(?:series|sitcom|film|movie|novel|novella|book|song|single|album|show|programme|program|video\s?game|game|app|magazine|newspaper|journal|poem|play|opera|musical|pilot|episode|documentary|cartoon|treatise|titled|entitled)\s["“‘']?$/i;
const ACRONYM_PLURAL = /^\p{Lu}{2,}s$/u;
const FOLLOWER = /(?:ist|ists|ism|isms|ology)$/;
const ADJECTIVE_IC = /(?:nic|tic|mic|pic|dic|lic)$/;
const PEOPLE_SUFFIX = /^(.{3,}?)(ians?|eans?|ans?|ese)$/;

/** The token starting at `start`, by binary search (tokens are in text order). */
function tokenAt(tokens: readonly Token[], start: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (t.start === start) return t;
    if (t.start < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** True when the word's shape makes it a people, faith or place word rather than a name. */
function isPeopleWord(lower: string, capitals: () => Set<string>): boolean {
  // Not the Swedish surnames in -qvist, -quist, -kvist ("Lindqvist").
  if (FOLLOWER.test(lower) && lower.length >= 7 && !/[qkvu]ist$/.test(lower)) return true;
  if (ADJECTIVE_IC.test(lower) && lower.length >= 6 && !lower.endsWith('vic')) return true;
  const m = PEOPLE_SUFFIX.exec(lower);
  if (!m) return false;
  // "Darwinian" (Darwin), "Guadeloupean" (Guadeloupe), "Mayan" (Maya), "Persian" (Persia).
  const stem = m[1]!;
  const lx = getLexicon();
  for (const s of [stem, `${stem}a`, `${stem}e`, `${stem}ia`, `${stem}y`])
    if (lx.places.has(s) || capitals().has(s)) return true;
  return false;
}

/**
 * Drops the people (outside the cast, and not from a rule that is sure of its context) whose only
 * word has a shape that is no one's name, or which follow the word for a work.
 * @param keep detectors whose people stand whatever their shape (titles, kinship, citations…)
 * @example
 * dropNotNames(text, tokens, dets, new Set(['names:title']));
 */
export function dropNotNames(
  text: string,
  tokens: readonly Token[],
  dets: readonly Detection[],
  keep: ReadonlySet<string>,
): Detection[] {
  const lx = getLexicon();
  let capitals: Set<string> | undefined;
  const capitalised = (): Set<string> => {
    if (!capitals) {
      capitals = new Set();
      for (const t of tokens) if (t.isCap) capitals.add(t.lower);
    }
    return capitals;
  };
  return dets.filter((d) => {
    if (d.type !== 'PERSON' || d.castId || keep.has(d.detector)) return true;
    const first = tokenAt(tokens, d.start);
    if (!first) return true;
    const name = (w: string): boolean => lx.given.has(w) || lx.surnames.has(w);
    // "the film Elysium", "series Gilmore Girls": a title, unless it opens with a given name.
    if (WORK_BEFORE.test(text.slice(Math.max(0, d.start - 24), d.start)) && !lx.given.has(first.lower))
      return false;
    if (first.end !== d.end) return true;
    const w = first.lower;
    if (ACRONYM_PLURAL.test(first.text)) return false;
    if (name(w)) return true;
    // "Relatedly, …", "Presciently, …": an adverb opening a sentence.
    if (first.isSentenceStart && w.endsWith('ly') && w.length >= 6 && text[d.end] === ',') return false;
    return !isPeopleWord(w, capitalised);
  });
}
