/** Fictional people, places and identifiers for one generated case. */
import { nhsNumberCheckDigit, upnCheckLetter } from '@waypoint/identifiers';
import type { Cast, CastPerson, PersonRole } from '../cast.ts';
import { namePools, PLACE_PARTS, type Draw } from './pools.ts';
import type { Random as Rng } from '@waypoint/random';

export interface Person {
  key: string;
  first: string;
  middle?: string;
  last: string;
  title: string;
  sex: 'F' | 'M';
  isCast: boolean;
  role: PersonRole;
  profession?: string;
  nick?: string;
  dob?: string;
}

export interface Place {
  key: string;
  text: string;
  short?: string;
  isCast: boolean;
  kind: 'address' | 'school' | 'gp' | 'hospital' | 'street' | 'town' | 'nursery';
  postcode?: string;
}

function weighted(rng: Rng, pools: { names: string[]; weight: number }[]): string {
  const total = pools.reduce((a, p) => a + p.weight, 0);
  let r = rng.next() * total;
  for (const p of pools) {
    r -= p.weight;
    if (r <= 0) return rng.pick(p.names);
  }
  return rng.pick(pools[0]!.names);
}

export class NameMaker {
  private readonly used = new Set<string>();
  constructor(
    private readonly rng: Rng,
    private readonly draw: Draw,
  ) {}
  first(sex: 'F' | 'M'): string {
    const pools = namePools(this.draw);
    for (let i = 0; i < 50; i++) {
      const n = weighted(this.rng, sex === 'F' ? pools.female : pools.male);
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
    return weighted(this.rng, sex === 'F' ? pools.female : pools.male);
  }
  last(): string {
    for (let i = 0; i < 50; i++) {
      const n = weighted(this.rng, namePools(this.draw).surnames);
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
    return weighted(this.rng, namePools(this.draw).surnames);
  }
}

export function town(rng: Rng): string {
  const p = PLACE_PARTS;
  const root = rng.pick(p.roots) + rng.pick(p.suffixes);
  return rng.chance(0.3) ? `${rng.pick(p.prefixes)} ${root}` : root;
}

export function street(rng: Rng): string {
  return `${rng.pick(PLACE_PARTS.streetWords)} ${rng.pick(PLACE_PARTS.streetSuffixes)}`;
}

const AREAS = [
  'LS',
  'BD',
  'HX',
  'WF',
  'HD',
  'M',
  'B',
  'L',
  'S',
  'NE',
  'SK',
  'OL',
  'BL',
  'CV',
  'LE',
  'NG',
  'DN',
  'YO',
];
export function postcode(rng: Rng): string {
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  return `${rng.pick(AREAS)}${rng.int(1, 29)} ${rng.int(0, 9)}${letters[rng.int(0, letters.length - 1)]}${letters[rng.int(0, letters.length - 1)]}`;
}

export function nhsNumber(rng: Rng): string {
  for (;;) {
    const first9 = String(rng.int(400000000, 799999999));
    const c = nhsNumberCheckDigit(first9);
    if (c !== null) return `${first9.slice(0, 3)} ${first9.slice(3, 6)} ${first9.slice(6)}${c}`;
  }
}

export function upn(rng: Rng): string {
  const last12 = `${rng.pick(['383', '380', '381', '384', '370'])}${String(rng.int(0, 99999999)).padStart(8, '0')}${rng.int(0, 9)}`;
  return `${upnCheckLetter(last12)}${last12}`;
}

export function phone(rng: Rng): string {
  return rng.chance(0.6)
    ? `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`
    : `0113 496 0${String(rng.int(0, 999)).padStart(3, '0')}`;
}

const ROLE_KEYS: [string, PersonRole, string | undefined][] = [
  ['sw', 'professional', 'social worker'],
  ['sw2', 'professional', 'social worker'],
  ['hv', 'professional', 'health visitor'],
  ['gp', 'professional', 'GP'],
  ['teacher', 'professional', 'designated safeguarding lead'],
  ['police', 'professional', 'police officer'],
];

/** Cast people for a case: the child, siblings, parents, a partner, a grandparent and professionals. */
export function makePeople(rng: Rng, names: NameMaker, year: number): Person[] {
  const family = names.last();
  const out: Person[] = [];
  const dob = (y: number): string =>
    `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const csex = rng.chance(0.5) ? 'F' : 'M';
  const cfirst = names.first(csex);
  out.push({
    key: 'child',
    first: cfirst,
    middle: names.first(csex),
    last: family,
    title: '',
    sex: csex,
    isCast: true,
    role: 'child',
    nick: cfirst.slice(0, 3) + (rng.chance(0.5) ? 'ie' : 'sy'),
    dob: dob(year - rng.int(1, 15)),
  });
  const nsib = rng.int(1, 2);
  for (let i = 0; i < nsib; i++) {
    const s = rng.chance(0.5) ? 'F' : 'M';
    out.push({
      key: `sib${i + 1}`,
      first: names.first(s),
      last: family,
      title: '',
      sex: s,
      isCast: true,
      role: 'sibling',
      dob: dob(year - rng.int(1, 17)),
    });
  }
  out.push({
    key: 'mother',
    first: names.first('F'),
    last: rng.chance(0.7) ? family : names.last(),
    title: rng.pick(['Ms', 'Mrs', 'Miss']),
    sex: 'F',
    isCast: true,
    role: 'mother',
  });
  out.push({
    key: 'father',
    first: names.first('M'),
    last: family,
    title: 'Mr',
    sex: 'M',
    isCast: true,
    role: 'father',
  });
  out.push({
    key: 'partner',
    first: names.first('M'),
    last: names.last(),
    title: 'Mr',
    sex: 'M',
    isCast: true,
    role: 'mothers-partner',
  });
  out.push({
    key: 'nan',
    first: names.first('F'),
    last: names.last(),
    title: 'Mrs',
    sex: 'F',
    isCast: true,
    role: 'maternal-grandmother',
  });
  for (const [key, role, profession] of ROLE_KEYS) {
    const sex = rng.chance(0.6) ? 'F' : 'M';
    const title =
      key === 'gp'
        ? 'Dr'
        : key === 'police'
          ? rng.pick(['PC', 'DC'])
          : sex === 'F'
            ? rng.pick(['Ms', 'Mrs'])
            : 'Mr';
    out.push({
      key,
      first: names.first(sex),
      last: names.last(),
      title,
      sex,
      isCast: true,
      role,
      ...(profession ? { profession } : {}),
    });
  }
  return out;
}

/** People the cast does not list: neighbours, friends, a new boyfriend, a locum, another officer, relatives. */
export function makeOutsiders(rng: Rng, names: NameMaker): Person[] {
  const defs: [string, 'F' | 'M' | undefined, string][] = [
    ['neighbour', undefined, ''],
    ['friend', 'F', ''],
    ['boyfriend', 'M', 'Mr'],
    ['locum', undefined, 'Dr'],
    ['dc', undefined, 'DC'],
    ['cousin', undefined, ''],
    ['classmate', undefined, ''],
    ['worker', undefined, ''],
  ];
  return defs.map(([key, fixed, t]) => {
    const sex = fixed ?? (rng.chance(0.5) ? 'F' : 'M');
    const title = t || (sex === 'F' ? rng.pick(['Ms', 'Mrs', 'Miss']) : 'Mr');
    return { key, first: names.first(sex), last: names.last(), title, sex, isCast: false, role: 'other' };
  });
}

export function makePlaces(rng: Rng, names: NameMaker): Place[] {
  const home = town(rng);
  const pc = postcode(rng);
  const st = street(rng);
  const n = rng.int(1, 120);
  const saint = rng.pick(PLACE_PARTS.saints);
  const schoolName = rng.chance(0.5)
    ? `${rng.pick(PLACE_PARTS.streetWords)}${rng.pick(['field', 'wood', 'bank', 'croft'])}`
    : `St ${saint}'s`;
  return [
    {
      key: 'home',
      text: `${n} ${st}, ${home} ${pc}`,
      short: `${n} ${st}`,
      isCast: true,
      kind: 'address',
      postcode: pc,
    },
    { key: 'homestreet', text: st, isCast: true, kind: 'street' },
    {
      key: 'prev',
      text: `Flat ${rng.int(1, 20)}, ${rng.int(1, 90)} ${street(rng)}, ${town(rng)}`,
      isCast: false,
      kind: 'address',
    },
    {
      key: 'school',
      text: `${schoolName} ${rng.pick(['Primary School', 'Academy', 'C of E Primary School', 'Junior School'])}`,
      short: schoolName,
      isCast: true,
      kind: 'school',
    },
    {
      key: 'gpp',
      text: `${rng.pick(PLACE_PARTS.streetWords)} ${rng.pick(['Medical Centre', 'Surgery', 'Health Centre'])}`,
      isCast: true,
      kind: 'gp',
    },
    {
      key: 'hosp',
      text: `${home} ${rng.pick(['General Hospital', 'Royal Infirmary', 'District Hospital'])}`,
      isCast: true,
      kind: 'hospital',
    },
    { key: 'town', text: home, isCast: true, kind: 'town' },
    { key: 'nctown', text: town(rng), isCast: false, kind: 'town' },
    { key: 'ncstreet', text: street(rng), isCast: false, kind: 'street' },
    {
      key: 'ncschool',
      text: `${names.last()} ${rng.pick(['High School', 'Academy', 'College'])}`,
      isCast: false,
      kind: 'school',
    },
    {
      key: 'nchosp',
      text: `${town(rng)} ${rng.pick(['Hospital', 'General Hospital'])}`,
      isCast: false,
      kind: 'hospital',
    },
  ];
}

/** The `cast.json` a reviewer would write for this case. */
export function toCast(
  people: Person[],
  places: Place[],
  ids: { nhs: string; upn: string; phone: string; email: string; caseRef: string },
): Cast {
  const castPeople: CastPerson[] = people
    .filter((p) => p.isCast)
    .map((p) => ({
      id: p.key,
      role: p.role,
      names: [[p.first, p.middle, p.last].filter(Boolean).join(' ')],
      ...(p.nick ? { nicknames: [p.nick] } : {}),
      ...(p.title ? { title: p.title } : {}),
      ...(p.profession ? { profession: p.profession } : {}),
      ...(p.dob ? { dob: p.dob } : {}),
      ...(p.key === 'child' ? { nhsNumber: ids.nhs, ids: [ids.upn, ids.caseRef] } : {}),
      ...(p.key === 'mother' ? { phones: [ids.phone], emails: [ids.email] } : {}),
    }));
  return {
    people: castPeople,
    places: places
      .filter((p) => p.isCast)
      .map((p) => ({
        id: p.key,
        kind: p.kind,
        names: [p.text, ...(p.short && p.kind !== 'address' ? [p.short] : [])],
        ...(p.postcode ? { postcode: p.postcode } : {}),
      })),
  };
}
