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
 * A name as compared: accents removed, lower case, apostrophes and full stops dropped, anything
 * else that is not a letter turned into a single space or hyphen, and a leading title (Mr, Mrs,
 * Miss, Ms, Mx, Master, Dr …) dropped when a name follows it. Null when nothing is left.
 * @example normaliseName("  O'Neill-Smyth ") // 'oneill-smyth'
 * @example normaliseName('MR. J. SMITH') // 'j smith'
 */
export function normaliseName(input: string | null | undefined): string | null {
  if (input == null) return null;
  const s = input
    .normalize('NFKD')
    .replace(COMBINING, '')
    .toLowerCase()
    .replace(/['’`.]/g, '')
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
