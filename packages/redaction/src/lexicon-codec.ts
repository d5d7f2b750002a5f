/** The text form of the lexicon in `data/lexicon.js`: one `@section` line, then one word a line. */

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
  /** Peoples, languages, faiths and nationalities ("American", "Muslims", "Latin"): never a person alone. */
  groups: Set<string>;
}

const SECTIONS = [
  'given',
  'surnames',
  'places',
  'placePhrases',
  'words',
  'nameWords',
  'common',
  'groups',
] as const;

/** The lexicon as text: one `@section` line, then one word a line, sorted. */
export function encodeLexicon(lx: Lexicon): string {
  return SECTIONS.map((s) => `@${s}\n${[...lx[s]].sort().join('\n')}`).join('\n');
}

/** Reads `encodeLexicon`'s text back. */
export function decodeLexicon(text: string): Lexicon {
  const lx = Object.fromEntries(SECTIONS.map((s) => [s, new Set<string>()])) as unknown as Lexicon;
  let set: Set<string> | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('@')) set = lx[line.slice(1) as (typeof SECTIONS)[number]];
    else if (line && set) set.add(line);
  }
  return lx;
}
