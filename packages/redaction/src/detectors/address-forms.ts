/**
 * People named by the form of the writing rather than by the word: authors in a citation
 * ("(Boot, Kramer, & Simons, 2008)", "Brandon et al.", "Porte (2012)"), the person a letter or a
 * remark is addressed to ("Dear Jean:", "what about you, Sherry,") and the signature of a letter
 * ("Yours, Bill"). Each of these makes a capitalised everyday word ("Boot", "Cross", "Sherry",
 * "Bill") a name, where the word lists alone would leave it.
 */
import type { AllowList } from '../allow-list.ts';
import type { Detection } from '../types.ts';
import { KIN_WORDS } from './honorifics.ts';
import { HONORIFICS } from './titles.ts';

/** One author: optional initials, then a capitalised surname ("J. Smith", "McFarlane", "O'Neill"). */
const AUTHOR = String.raw`(?:\p{Lu}\.\s?){0,3}\p{Lu}[\p{Ll}'’]*(?:-?\p{Lu}[\p{Ll}'’]+|-\p{Ll}+)*`;
const YEAR = String.raw`(?:1[6-9]|20)\d\d[a-z]?`;
/** A list of authors joined by commas, "&" or "and". */
const AUTHORS = String.raw`${AUTHOR}(?:,\s${AUTHOR})*(?:,?\s(?:&|and)\s${AUTHOR})?`;
/** "(Dye & Bavelier, 2010; Boot, Kramer, Simons, Fabiani, & Gratton, 2008)": one `;` part each. */
const CITE_PART = new RegExp(
  String.raw`^(?:(?:see\s(?:also\s)?|e\.g\.,?\s|cf\.\s)?)(${AUTHORS})(?:\set\sal\.?)?,?\s${YEAR}(?:,\s(?:pp?\.|page)\s?\d+(?:[-–]\d+)?)?$`,
  'u',
);
/** "Porte (2012)", "Vandergrift and Cross (2017)": authors before a year in brackets. */
const NARRATIVE = new RegExp(String.raw`(?<![\p{L}.'’-])(${AUTHORS})(?:\set\sal\.?)?\s\(${YEAR}[),;]$`, 'u');
/** A character that, just before a match cut from a window, says the match began mid-word. */
const WORD_CHAR = /[\p{L}.'’-]/u;
/** Where a narrative citation may end: a year opening a bracket. */
const YEAR_IN_BRACKETS = /\s\((?:1[6-9]|20)\d\d[a-z]?[),;]/g;
/** "Gibbons et al.": a surname before "et al.". */
const ET_AL = new RegExp(String.raw`(?<![\p{L}.'’-])(${AUTHOR})\set\sal$`, 'u');
const NAME_IN = new RegExp(AUTHOR, 'gu');
/** Before a title rather than an author: a capitalised word, "the", a word for a work, a hyphen. */
const NOT_AUTHOR_BEFORE =
  /(?:(?<![\p{L}'’-])(?!(?:As|In|By|See|For|And|But|Both|While|When|Then|Also|Like|Unlike|Following|After|Since|Per|Later)\s)\p{Lu}[\p{L}'’-]*\s|\b(?:the|a|an|film|movie|series|novel|book|album|song|show|play|opera|game|titled|entitled)\s|-)$/u;
/** Another capitalised title with its year straight after: a list of works. */
const LISTED_WORK = /^\s?,\s(?:and\s)?\p{Lu}[^()]{0,30}\(\d{4}\)/u;

/** "Dear Jean," at the start of a line or sentence. */
const DEAR = /(?:^|[\n.!?]\s*)Dear\s((?:\p{Lu}[\p{Ll}'’-]+\s?){1,3})(?=[,:;\n!])/gu;
/** "Yours, Bill" or "Love, Ann" ending a letter: the signature. */
const SIGN_OFF =
  /(?:^|\n)[ \t]*(?:Yours(?:\s(?:sincerely|faithfully|truly|ever))?|Love|(?:Best|Kind|Warm)?\s?[Rr]egards|Best wishes|Cheers|Thanks|Sincerely),?[ \t]*\n?[ \t]*(\p{Lu}[\p{Ll}'’-]+)[ \t]*(?=$|\n)/gu;
/**
 * A name addressed in speech between commas or before a question: "what about you, Sherry, are
 * you", "It's okay, Gram," "No no, Sherry." — after a word that turns to someone.
 */
const VOCATIVE =
  /\b(?:you|thanks|thank you|okay|ok|hi|hello|hey|bye|goodbye|sorry|yes|no|please|well|oh|look|come on|night|morning)[,!]?\s(\p{Lu}[\p{Ll}'’-]+)(?=[,?!]|\.(?:\s|$)|[”"’]?$)/gu;

/** Words that are never a person however they are addressed. */
const NOT_ADDRESSED = new Set(
  'sir madam everyone everybody all guys folks mate love dear darling honey baby friends sweetheart god lord colleague colleagues parents carers members team customer reader diary'.split(
    ' ',
  ),
);

/**
 * The people that citations, salutations, signatures and vocatives name, in text `mask` leaves free.
 * @example
 * detectAddressForms('as Porte (2012) found', new Uint8Array(21), allow)[0]?.detector; // 'names:citation'
 */
export function detectAddressForms(text: string, mask: Uint8Array, allow: AllowList): Detection[] {
  const out: Detection[] = [];
  const push = (start: number, end: number, detector: string): void => {
    const words = text.slice(start, end);
    const lower = words.toLowerCase();
    if (allow.has(words) || HONORIFICS.has(lower) || KIN_WORDS.has(lower) || NOT_ADDRESSED.has(lower)) return;
    if (/^\p{Lu}{2,}$/u.test(words)) return; // an acronym: "(NSPCC, 2019)"
    for (let k = start; k < end; k++) if (mask[k]) return;
    out.push({ start, end, type: 'PERSON', detector, confidence: 0.9, key: lower.replace(/\s+/g, ' ') });
  };
  const authors = (from: number, list: string): void => {
    for (const m of list.matchAll(NAME_IN))
      push(from + m.index, from + m.index + m[0].length, 'names:citation');
  };
  // Quick test: a citation needs a year, a salutation "Dear", a vocative a comma.
  if (/\d\d\d\d/.test(text)) {
    for (const m of text.matchAll(/\(([^()\n]{4,400})\)/g)) {
      if (!/\d\d\d\d/.test(m[1]!)) continue;
      let at = m.index + 1;
      for (const part of m[1]!.split(';')) {
        const lead = part.length - part.trimStart().length;
        const c = CITE_PART.exec(part.trim());
        if (c) authors(at + lead + part.trim().indexOf(c[1]!), c[1]!);
        at += part.length + 1;
      }
    }
    // The expressions run only on the 200 characters before each anchor, not over the whole text.
    for (const y of text.matchAll(YEAR_IN_BRACKETS)) {
      const from = Math.max(0, y.index - 200);
      const m = NARRATIVE.exec(text.slice(from, y.index + y[0].length));
      const at = from + (m?.index ?? 0);
      if (!m || (at > 0 && WORD_CHAR.test(text[at - 1]!))) continue;
      const before = text.slice(Math.max(0, at - 30), at);
      const after = text.slice(y.index + y[0].length, y.index + y[0].length + 40);
      // Not a title: "the Children Act (1989)", "the film Watchmen (2009)", "Calling the Shots
      // (1988)", nor a list of works each with its year ("Stoker (2013), Belle (2013)").
      if (NOT_AUTHOR_BEFORE.test(before) || LISTED_WORK.test(after) || /\)\s?,\s?$/.test(before)) continue;
      authors(at, m[1]!);
    }
  }
  for (const e of text.matchAll(/\set\sal\b/g)) {
    const from = Math.max(0, e.index - 80);
    const m = ET_AL.exec(text.slice(from, e.index + 6));
    if (m && !(from + m.index > 0 && WORD_CHAR.test(text[from + m.index - 1]!)))
      authors(from + m.index, m[1]!);
  }
  if (text.includes('Dear '))
    for (const m of text.matchAll(DEAR)) {
      const name = m[1]!.trimEnd();
      const s = m.index + m[0].lastIndexOf(name);
      push(s, s + name.length, 'names:vocative');
    }
  for (const re of [SIGN_OFF, VOCATIVE]) {
    if (re === VOCATIVE && !text.includes(',') && !text.includes('?')) continue;
    for (const m of text.matchAll(re)) {
      const name = m[1]!;
      const s = m.index + m[0].lastIndexOf(name);
      push(s, s + name.length, 'names:vocative');
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
