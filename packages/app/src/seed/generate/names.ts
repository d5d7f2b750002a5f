/**
 * Drawing fictional names from the frequency table: by heritage (from the ethnicity code), sex and
 * decade of birth, weighted by rank (Zipf), so common names are common and rare ones rare.
 * The demo children's names are reserved, so searches in the demo find only them.
 */
import {
  britishGiven,
  heritageGiven,
  heritageOf,
  surnames,
  type Decade,
  type Heritage,
} from './names-data.ts';
import type { Random } from './random.ts';

/** Names of the fixed demo children (src/seed/demo-children.ts) and sound-alikes, never generated. */
const RESERVED_GIVEN = new Set(['Jayden', 'Mia', 'Leo', 'Nadia', 'Sam']);
const RESERVED_FAMILY = new Set([
  'Okafor',
  'Hughes',
  'Hicks',
  'Hayes',
  'Marsh',
  'Brennan',
  'Brannan',
  'Bannon',
  'Carter',
  'Carver',
]);

const byRank = (names: readonly string[], reserved: Set<string>) =>
  names.filter((n) => !reserved.has(n)).map((n, i) => [n, 1 / (i + 3)] as const);

export type Sex = 'female' | 'male';

export function decadeOf(year: number): Decade {
  const d = Math.floor(year / 10) * 10;
  return Math.min(2020, Math.max(1950, d)) as Decade;
}

export function heritageFor(r: Random, ethnicity: string): Heritage {
  return r.weighted(heritageOf[ethnicity] ?? [['british', 1]]);
}

export function givenName(r: Random, heritage: Heritage, sex: Sex, birthYear: number): string {
  // People of every heritage born here carry names from the English rankings too.
  const english = heritage === 'british' || r.chance(heritage === 'irish' ? 0.5 : 0.15);
  const list = english ? britishGiven[decadeOf(birthYear)][sex] : heritageGiven[heritage][sex];
  return r.weighted(byRank(list, RESERVED_GIVEN));
}

export function familyName(r: Random, heritage: Heritage): string {
  return r.weighted(byRank(surnames[heritage], RESERVED_FAMILY));
}

/** A middle-of-the-road English name, for professionals in notes and the generated workforce. */
export function professionalName(r: Random): { given: string; family: string } {
  const heritage = r.weighted<Heritage>([
    ['british', 70],
    ['irish', 5],
    ['indian', 6],
    ['pakistani', 5],
    ['african', 6],
    ['caribbean', 4],
    ['eastern-european', 4],
  ]);
  const sex: Sex = r.chance(0.8) ? 'female' : 'male';
  return { given: givenName(r, heritage, sex, r.int(1965, 1998)), family: familyName(r, heritage) };
}
