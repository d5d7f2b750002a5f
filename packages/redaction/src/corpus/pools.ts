/**
 * Name and place pools for the development corpus, drawn from @faker-js/faker's locale data (MIT):
 * English, Australian, Irish-English, Nigerian, Yoruba, Ghanaian, Indian, Polish, Romanian, Urdu,
 * Turkish, Arabic, Persian, Ukrainian, Spanish, Italian, French and German names. These are a different
 * source from the shipped gazetteers, so the benchmark measures names the detector has never listed.
 * Every pool is split in two by a hash of the name: `dev` names for development, `heldout` for the benchmark.
 */
import { allLocales } from '@faker-js/faker';
import { BUILTIN_ALLOW } from '../allow-list.ts';
import { hashSeed as hash } from '@waypoint/random';

export type Draw = 'dev' | 'heldout';

interface PersonDefs {
  first_name?: { generic?: string[]; female?: string[]; male?: string[] };
  last_name?: { generic?: string[]; female?: string[]; male?: string[] };
}

/** Locales and their weight in the population of names (roughly: most names Anglo, many not). */
const LOCALES: [string, number][] = [
  ['en', 30],
  ['en_AU', 20],
  ['en_NG', 5],
  ['yo_NG', 4],
  ['en_GH', 4],
  ['en_IN', 6],
  ['pl', 6],
  ['ro', 4],
  ['ur', 3],
  ['tr', 3],
  ['ar', 3],
  ['fa', 2],
  ['uk', 2],
  ['es', 2],
  ['it', 2],
  ['fr', 2],
  ['de', 2],
];

const allowed = new Set(BUILTIN_ALLOW.map((s) => s.toLowerCase()));
const clean = (xs: readonly string[] | undefined): string[] =>
  (xs ?? []).filter(
    (x) => /^\p{Lu}[\p{Ll}'’-]{2,}$/u.test(x) && !/['’-]$/.test(x) && !allowed.has(x.toLowerCase()),
  );

export interface Pools {
  female: { names: string[]; weight: number }[];
  male: { names: string[]; weight: number }[];
  surnames: { names: string[]; weight: number }[];
}

const cache = new Map<Draw, Pools>();

/**
 * The pools for one draw.
 * @example
 * namePools('heldout').female[0]?.names.length;
 */
export function namePools(draw: Draw): Pools {
  const hit = cache.get(draw);
  if (hit) return hit;
  const keep = (xs: string[]): string[] => xs.filter((x) => (hash(x) & 1) === (draw === 'dev' ? 0 : 1));
  const out: Pools = { female: [], male: [], surnames: [] };
  const locales = allLocales as unknown as Record<string, { person?: PersonDefs }>;
  for (const [loc, weight] of LOCALES) {
    const p = locales[loc]?.person;
    if (!p) continue;
    const fem = keep(clean(p.first_name?.female ?? p.first_name?.generic));
    const mal = keep(clean(p.first_name?.male ?? p.first_name?.generic));
    const sur = keep(clean([...(p.last_name?.generic ?? []), ...(p.last_name?.male ?? [])]));
    if (fem.length) out.female.push({ names: fem, weight });
    if (mal.length) out.male.push({ names: mal, weight });
    if (sur.length) out.surnames.push({ names: sur, weight });
  }
  cache.set(draw, out);
  return out;
}

/** Fictional British places: towns built from faker's en_GB patterns, and street and school words. */
export const PLACE_PARTS = {
  prefixes: [
    'Great',
    'Little',
    'North',
    'South',
    'East',
    'West',
    'Upper',
    'Lower',
    'Old',
    'New',
    'Long',
    'High',
    'Nether',
    'Castle',
  ],
  suffixes: [
    'ton',
    'ham',
    'ley',
    'ington',
    'ford',
    'field',
    'bury',
    'don',
    'worth',
    'wood',
    'ridge',
    'borough',
    'stone',
    'thorpe',
    'wick',
    'by',
    'mouth',
    'combe',
  ],
  roots: [
    'Ash',
    'Brad',
    'Cal',
    'Dun',
    'Elm',
    'Fen',
    'Gar',
    'Hal',
    'Ing',
    'Kel',
    'Lang',
    'Mar',
    'Nor',
    'Oak',
    'Pen',
    'Ral',
    'Sel',
    'Thorn',
    'Wal',
    'Wen',
    'Bram',
    'Cran',
    'Hart',
    'Mel',
    'Stan',
    'Brom',
    'Carr',
    'Dal',
    'Hol',
    'Lyn',
  ],
  streetWords: [
    'Elm',
    'Oak',
    'Beech',
    'Willow',
    'Maple',
    'Cedar',
    'Station',
    'Church',
    'Mill',
    'Victoria',
    'Albert',
    'Park',
    'Meadow',
    'Orchard',
    'Windsor',
    'Kingsway',
    'Granby',
    'Hawthorn',
    'Chestnut',
    'Rowan',
    'Ashfield',
    'Brookside',
    'Highfield',
    'Westfield',
    'Cromwell',
    'Nelson',
    'Clarendon',
    'Springfield',
    'Fairfield',
    'Moorland',
  ],
  streetSuffixes: [
    'Road',
    'Street',
    'Avenue',
    'Lane',
    'Close',
    'Drive',
    'Way',
    'Crescent',
    'Gardens',
    'Court',
    'Grove',
    'Terrace',
    'Place',
    'Walk',
    'Rise',
    'Mews',
  ],
  saints: [
    'Mary',
    'John',
    'Peter',
    'Paul',
    'Anne',
    'Joseph',
    'Michael',
    'Bede',
    'Chad',
    'Aidan',
    'Hilda',
    'Luke',
    'Mark',
    'Margaret',
    'Thomas',
  ],
};
