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

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /[\p{L}\p{M}]/u;
const HYPHEN_BREAK = /^-[ \t]*\r?\n[ \t]*(\p{Ll}[\p{L}\p{M}]*)/u;

/** A letter or combining mark; ASCII is answered without a regex. */
function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(text[i]!);
}

/**
 * Splits text into word tokens: runs of letters, joined over an apostrophe (O'Brien, D'Souza,
 * Мар’ян) but not over a possessive "'s", and over a hyphen at a line break ("Oka-\nfor").
 * Offsets are JavaScript string indices.
 * @example
 * tokenize("Jayden's mum").map((t) => t.text); // ["Jayden", "mum"]
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isLetter(text, i)) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (i < n && isLetter(text, i)) i++;
      const c = text[i];
      // An apostrophe inside a word, unless it starts a possessive "s".
      if ((c === "'" || c === '’') && i + 1 < n && isLetter(text, i + 1)) {
        const isPossessive =
          (text[i + 1] === 's' || text[i + 1] === 'S') && !(i + 2 < n && isLetter(text, i + 2));
        if (!isPossessive) {
          i++;
          continue;
        }
      }
      break;
    }
    let end = i;
    let lower = text.slice(start, end).toLowerCase();
    // A word hyphenated over a line break ("Oka-\nfor") is one word.
    if (text.charCodeAt(end) === 45) {
      const broken = HYPHEN_BREAK.exec(text.slice(end, end + 40));
      if (broken) {
        end += broken[0].length;
        lower += broken[1]!.toLowerCase();
        i = end;
      }
    }
    const s = text.slice(start, end);
    // "Zoë" may be typed as one character or as "e" and a combining mark: compare composed forms.
    if (/[^\x20-\x7e]/.test(lower)) lower = lower.normalize('NFC');
    const c0 = s.charCodeAt(0);
    const isCap = c0 >= 65 && c0 <= 90 ? true : c0 >= 97 && c0 <= 122 ? false : UPPER.test(s[0]!);
    out.push({
      start,
      end,
      text: s,
      lower,
      isCap,
      isAllCaps: isCap && s.length > 1 && !LOWER.test(s),
      // Only capitals need the look-back; a lower-case word's position says nothing.
      isSentenceStart: isCap ? opensSentence(text, start) : false,
      i: out.length,
    });
    // The possessive "'s" is not a word: step over it.
    if ((text[i] === "'" || text[i] === '’') && (text[i + 1] === 's' || text[i + 1] === 'S')) i += 2;
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
      if (word && /^(mr|mrs|ms|dr|st|no|prof|rev|sgt|insp|pc|dc|ds|det|cllr|[a-z])$/i.test(word[1]!))
        return false;
    }
    return true;
  }
  // A bullet: "- Jayden" at the start of a line.
  if (c === '-' && newlines === 0 && (j === 0 || text[j - 1] === '\n')) return true;
  return false;
}
