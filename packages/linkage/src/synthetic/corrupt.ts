import { NICKNAME_LIST } from '../text/nickname-list.ts';
import type { Random } from '@waypoint/random';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One keying slip: a letter substituted, dropped, doubled or two letters swapped. */
export function typo(rng: Random, s: string): string {
  if (s.length < 2) return s;
  const k = rng.below(s.length);
  switch (rng.below(4)) {
    case 0:
      return s.slice(0, k) + LETTERS.charAt(rng.below(LETTERS.length)) + s.slice(k + 1);
    case 1:
      return s.slice(0, k) + s.slice(k + 1);
    case 2:
      return s.slice(0, k) + s.charAt(k) + s.slice(k);
    default: {
      const a = Math.min(k, s.length - 2);
      return s.slice(0, a) + s.charAt(a + 1) + s.charAt(a) + s.slice(a + 2);
    }
  }
}

const FORMS = new Map<string, string[]>();
for (const line of NICKNAME_LIST.split('\n')) {
  const names = line
    .trim()
    .split(/\s+/)
    .filter((n) => n !== '' && !n.includes('-'));
  for (const n of names) FORMS.set(n, [...(FORMS.get(n) ?? []), ...names.filter((m) => m !== n)]);
}

/** Another form of a given name (William → Bill), or null when the list knows none. */
export function nickname(rng: Random, name: string): string | null {
  const forms = FORMS.get(name);
  return forms && forms.length > 0 ? rng.pick(forms) : null;
}

/** How a clerk might have typed a name: usually Title Case, sometimes upper or lower case. */
export function styleName(rng: Random, s: string): string {
  const r = rng.next();
  if (r < 0.15) return s.toUpperCase();
  if (r < 0.2) return s;
  return s.replace(/(^|[\s-])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bRoad\b/, 'Rd'],
  [/\bStreet\b/, 'St'],
  [/\bAvenue\b/, 'Ave'],
  [/\bCrescent\b/, 'Cres'],
  [/\bDrive\b/, 'Dr'],
];

/** A street written another way: abbreviated, or with a typo. */
export function restyleStreet(rng: Random, street: string): string {
  for (const [re, short] of ABBREVIATIONS)
    if (re.test(street) && rng.chance(0.7)) return street.replace(re, short);
  return typo(rng, street);
}
