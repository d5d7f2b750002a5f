/** Text normalisation shared by the record store and the comparisons. */

const COMBINING = /[\u0300-\u036f]/g;

/** Titles dropped from the front of a name (when something follows them). */
const TITLES = new Set([
  'mr',
  'mrs',
  'miss',
  'ms',
  'mx',
  'master',
  'dr',
  'prof',
  'rev',
  'sir',
  'dame',
  'lady',
  'lord',
]);

/**
 * The letter a digit inside a word of a name stands for, as scanned or misread text has it
 * (0 for o, 1 for l, 5 for s …): names hold no digits, so one there is a misread letter.
 */
const DIGIT_LETTER: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '2': 'z',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '6': 'g',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

/**
 * A name as compared: accents removed, lower case, apostrophes and full stops dropped, a digit
 * touching a letter read as the letter it looks like (R0NA1D → ronald), anything else that is not
 * a letter turned into a single space or hyphen, and a leading title (Mr, Mrs, Miss, Ms, Mx,
 * Master, Dr …) dropped when a name follows it. Null when nothing is left.
 * @example normaliseName("  O'Neill-Smyth ") // 'oneill-smyth'
 * @example normaliseName('MR. J. SMITH') // 'j smith'
 * @example normaliseName('5u5an') // 'susan'
 */
export function normaliseName(input: string | null | undefined): string | null {
  if (input == null) return null;
  const s = input
    .normalize('NFKD')
    .replace(COMBINING, '')
    .toLowerCase()
    .replace(/['’`.]/g, '')
    .replace(/[0-9]+/g, (digits, at: number, all: string) =>
      /[a-z]/.test(all.charAt(at - 1)) || /[a-z]/.test(all.charAt(at + digits.length))
        ? digits.replace(/[0-9]/g, (c) => DIGIT_LETTER[c]!)
        : digits,
    )
    .replace(/\s*-\s*/g, '-')
    .replace(/[^a-z-]+/g, ' ')
    .replace(/-+/g, '-')
    .replace(/^[\s-]+|[\s-]+$/g, '')
    .replace(/\s+/g, ' ');
  if (s === '') return null;
  const space = s.indexOf(' ');
  return space > 0 && TITLES.has(s.slice(0, space)) ? s.slice(space + 1) : s;
}

/**
 * Free text (addresses, towns): lower case, punctuation to spaces, single spaces. Null when empty.
 * @example normaliseText(' 12,  High St. ') // '12 high st'
 */
export function normaliseText(input: string | null | undefined): string | null {
  if (input == null) return null;
  const s = input
    .normalize('NFKD')
    .replace(COMBINING, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return s === '' ? null : s;
}

/** Parts of a name split at spaces and hyphens: `'smith-jones'` → `['smith', 'jones']`. */
export function nameParts(name: string): string[] {
  return name.split(/[\s-]+/).filter((p) => p.length > 0);
}

/**
 * A name with the letter groups that scanning and handwriting confuse folded to one form (rn → m,
 * cl → d, vv → w): two names whose folded forms are one slip apart are misreadings of one name.
 * Only ever compared with another folded name, never stored or shown.
 * @example ocrFold('rnichelle') // 'michelle'
 * @example ocrFold('davicl') // 'david'
 */
export function ocrFold(name: string): string {
  return name.replace(/rn/g, 'm').replace(/cl/g, 'd').replace(/vv/g, 'w');
}
