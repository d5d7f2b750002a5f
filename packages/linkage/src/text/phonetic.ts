import { doubleMetaphone as dm } from 'double-metaphone';

/**
 * Double Metaphone codes (primary, alternate) of a normalised name, hyphens and spaces ignored.
 * Uses the `double-metaphone` package (Lawrence Philips' algorithm).
 * @example doubleMetaphone('smith') // ['SM0', 'XMT']
 */
export function doubleMetaphone(name: string): [string, string] {
  return dm(name.replace(/[\s-]+/g, ''));
}

/**
 * True when two names share a Double Metaphone code (either code of one equals either of the other).
 * @example soundsAlike('catherine', 'kathryn') // true
 */
export function soundsAlike(a: string, b: string): boolean {
  const [a1, a2] = doubleMetaphone(a);
  const [b1, b2] = doubleMetaphone(b);
  if (a1 === '' || b1 === '') return false;
  return a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2;
}
