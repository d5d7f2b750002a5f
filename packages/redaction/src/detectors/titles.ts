/** Titles, ranks and offices written before a name: they belong to the person's span. */
import type { Token } from '../tokens.ts';
import { getLexicon } from '../lexicon.ts';
import type { Detection } from '../types.ts';
import { HONORIFICS } from './honorifics.ts';

export { HONORIFICS } from './honorifics.ts';

/** Honorifics written as abbreviations, which may take a full stop ("Mr.", "Gen."). */
const ABBREVIATED = new Set(
  'mr mrs ms mx dr prof rev revd fr st sen rep gov gen maj col capt lt sgt cpl insp det supt cllr'.split(' '),
);

/** Offices before a name that the honorifics lack: "Ambassador Mohib", "Special Envoy Li". */
const OFFICES = new Set(
  'ambassador envoy commissioner administrator spokesman spokeswoman spokesperson'.split(' '),
);

/**
 * Extends people's spans leftwards over the titles before them: "President Barack Obama",
 * "Detective Constable Smith", "Mr. Roberts". Cast spans are left as they are.
 * @example
 * withTitles(text, tokens, dets);
 */
export function withTitles(text: string, tokens: readonly Token[], dets: readonly Detection[]): Detection[] {
  const startAt = new Map<number, number>();
  for (const t of tokens) startAt.set(t.start, t.i);
  return dets.map((d) => {
    if (d.type !== 'PERSON' || d.castId) return d;
    let i = startAt.get(d.start);
    if (i === undefined) return d;
    let start = d.start;
    for (let n = 0; n < 4 && i > 0; n++) {
      const p = tokens[i - 1]!;
      const gap = text.slice(p.end, start);
      const okGap = gap === ' ' || ((gap === '. ' || gap === '.') && ABBREVIATED.has(p.lower));
      if (!okGap || !p.isCap || !(HONORIFICS.has(p.lower) || OFFICES.has(p.lower))) break;
      start = p.start;
      i--;
    }
    return start === d.start ? d : { ...d, start };
  });
}

/**
 * Drops people's spans that are only titles ("Professor", "the Tsar") or only words for peoples
 * ("African American"): neither names anyone.
 * @example
 * dropNonNames(text, dets);
 */
export function dropNonNames(text: string, dets: readonly Detection[]): Detection[] {
  const lx = getLexicon();
  return dets.filter((d) => {
    if (d.type !== 'PERSON' || d.castId || d.detector === 'names:deny') return true;
    const words = text
      .slice(d.start, d.end)
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter(Boolean);
    const isGroup = (w: string): boolean =>
      lx.groups.has(w) || (w.endsWith('s') && lx.groups.has(w.slice(0, -1)));
    if (words.every((w) => HONORIFICS.has(w))) return false;
    return !words.every((w) => isGroup(w) || w === 'north' || w === 'south' || w === 'east' || w === 'west');
  });
}
