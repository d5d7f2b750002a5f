/** Word tokens with their positions, case shape and whether they open a sentence. */

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** First letter upper case. */
  isCap: boolean;
  /** Every letter upper case (and at least two letters). */
  isAllCaps: boolean;
  /** Opens a sentence, a heading or a quotation, where capitals say nothing. */
  isSentenceStart: boolean;
  /** Index in the token array. */
  i: number;
}

// Letters (with marks), allowing O'Brien / D'Souza but not the possessive 's.
const WORD = /[\p{L}\p{M}]+(?:['’][\p{Lu}][\p{L}\p{M}]*)*/gu;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/**
 * Splits text into word tokens. Offsets are JavaScript string indices.
 * @example
 * tokenize("Jayden's mum").map((t) => t.text); // ["Jayden", "mum"]
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const s = m[0];
    const start = m.index;
    // The possessive "'s" is not a word.
    if ((s === 's' || s === 'S') && start > 0 && (text[start - 1] === "'" || text[start - 1] === '’')) continue;
    const c = s.charCodeAt(0);
    // ASCII fast path; other scripts ask the Unicode classes.
    const isCap = c >= 65 && c <= 90 ? true : c >= 97 && c <= 122 ? false : UPPER.test(s[0]!);
    out.push({
      start,
      end: start + s.length,
      text: s,
      lower: s.toLowerCase(),
      isCap,
      isAllCaps: isCap && s.length > 1 && !LOWER.test(s),
      // Only capitals need the look-back; a lower-case word's position says nothing.
      isSentenceStart: isCap ? opensSentence(text, start) : false,
      i: out.length,
    });
  }
  return out;
}

/** True when the text before `at` ends a sentence, a line that was a heading, or opens a quotation. */
export function opensSentence(text: string, at: number): boolean {
  let j = at - 1;
  let newlines = 0;
  while (j >= 0) {
    const c = text.charCodeAt(j);
    if (c === 10) newlines++;
    else if (c !== 32 && c !== 9 && c !== 13) break;
    j--;
  }
  if (j < 0) return true;
  if (newlines >= 2) return true;
  const c = text[j]!;
  if ('.!?:;"“‘([•*#>|–—'.includes(c)) {
    // "Dr." and "Mrs." do not end a sentence; initials like "J." do not either.
    if (c === '.' && newlines === 0) {
      const word = /([\p{L}]+)\.$/u.exec(text.slice(Math.max(0, j - 6), j + 1));
      if (word && /^(mr|mrs|ms|dr|st|no|prof|rev|sgt|insp|pc|dc|ds|det|cllr|[a-z])$/i.test(word[1]!)) return false;
    }
    return true;
  }
  // A bullet: "- Jayden" at the start of a line.
  if (c === '-' && newlines === 0 && (j === 0 || text[j - 1] === '\n')) return true;
  return false;
}
