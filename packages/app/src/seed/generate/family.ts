/**
 * Plausible family structures for a generated LA: single parents, couples, step-families with
 * half-siblings, grandparents bringing up grandchildren, pregnancies (an unborn child with an
 * expected date of birth) and twins. Pure: the same Random gives the same family.
 */
import type { PersonInput, RelationshipInput } from '../../people/person-input.ts';
import { nhsNumberFor, upnFor } from './identifiers.ts';
import { ethnicityWeights, languages } from './names-data.ts';
import { familyName, givenName, heritageFor, type Sex } from './names.ts';
import type { Heritage } from './names-data.ts';
import { addressIn, gpPractice, nurseryName, schoolName, type Address, type Area } from './places.ts';
import { addDays, ageOn, type Random } from './random.ts';

export type Role = 'child' | 'mother' | 'father' | 'step-parent' | 'grandmother' | 'grandfather';

export interface Member {
  key: string;
  id: string;
  role: Role;
  /** Raw input for `personInput.parse`: the schema is applied when the family is written. */
  input: PersonInput;
  livesAtHome: boolean;
  /** For children: whose child (keys of the parents). */
  parents: string[];
  title: string;
}

export interface FamilyRelationship {
  from: string;
  to: string;
  r: Omit<RelationshipInput, 'relatedPersonId'>;
}

export type Structure =
  'single-mother' | 'couple' | 'step-family' | 'grandparents' | 'single-father' | 'expecting';

export interface Family {
  index: number;
  structure: Structure;
  ethnicity: string;
  heritage: Heritage;
  members: Member[];
  relationships: FamilyRelationship[];
  address: Address;
  /** Where family members who live apart (a father, a mother whose children live with grandparents) live. */
  elsewhere: Address;
  movedInOn: string;
  school: { primary: string; secondary: string; nursery: string; gp: string };
  /** Children whose journeys are generated (born or unborn). */
  subjects: Member[];
}

const DISABILITIES: readonly (readonly [string, number])[] = [
  ['LD', 25],
  ['AUT', 25],
  ['COMM', 15],
  ['BEH', 12],
  ['DDA', 8],
  ['MOB', 5],
  ['PC', 3],
  ['HEAR', 3],
  ['VIS', 3],
  ['HAND', 2],
  ['INC', 2],
  ['CON', 2],
];

const STRUCTURES: readonly (readonly [Structure, number])[] = [
  ['single-mother', 40],
  ['couple', 24],
  ['step-family', 15],
  ['grandparents', 7],
  ['single-father', 5],
  ['expecting', 6],
];

export interface FamilyOptions {
  index: number;
  area: Area;
  /** Block of identifier serials for the LA (0 for the demo borough, 1 for its neighbour). */
  block: number;
  issuingLa: string;
  today: string;
  /** The most children this family may have (the LA's remaining count). */
  maxChildren: number;
}

export function generateFamily(r: Random, o: FamilyOptions): Family {
  const structure = r.weighted(STRUCTURES);
  const ethnicity = r.weighted(ethnicityWeights);
  const heritage = heritageFor(r, ethnicity);
  const members: Member[] = [];
  const relationships: FamilyRelationship[] = [];
  const thisYear = Number(o.today.slice(0, 4));
  let serial = 0;

  const person = (
    role: Role,
    sex: Sex | 'unknown',
    dob: string | null,
    surname: string,
    h = heritage,
  ): Member => {
    const m = serial++;
    const birthYear = dob === null ? thisYear : Number(dob.slice(0, 4));
    const isChild = role === 'child';
    const age = dob === null ? -1 : ageOn(dob, o.today);
    const lang = languages[h];
    const otherLanguage = !isChild && lang !== undefined && r.chance(0.3) ? r.pick(lang) : undefined;
    const nhs = r.chance(isChild ? 0.97 : 0.8) ? nhsNumberFor(o.block, o.index, m) : undefined;
    const input: PersonInput = {
      kind: dob === null ? 'unborn' : isChild ? 'child' : 'adult',
      givenName: dob === null ? 'Baby' : givenName(r, h, sex === 'unknown' ? 'female' : sex, birthYear),
      familyName: surname,
      ...(dob === null ? { expectedDateOfBirth: addDays(o.today, r.int(20, 150)) } : { dateOfBirth: dob }),
      sex,
      ...(nhs !== undefined ? { nhsNumber: nhs } : {}),
      ...(isChild && age >= 5 && r.chance(0.9) ? { upn: upnFor(o.issuingLa, o.index, m) } : {}),
      ethnicity: isChild ? ethnicity : parentEthnicity(r, ethnicity),
      disabilities: !isChild || dob === null ? [] : r.chance(0.12) ? disabilities(r) : ['NONE'],
      ...(otherLanguage !== undefined
        ? { firstLanguage: otherLanguage, interpreterNeeded: r.chance(0.5) ? 'yes' : 'no' }
        : isChild || r.chance(0.5)
          ? { firstLanguage: 'English' }
          : {}),
    };
    const title = sex === 'female' ? r.pick(['Ms', 'Miss', 'Mrs']) : sex === 'male' ? 'Mr' : '';
    const member: Member = {
      key: `${role}-${m}`,
      id: r.uuid(),
      role,
      input,
      livesAtHome: true,
      parents: [],
      title,
    };
    members.push(member);
    return member;
  };
  const link = (from: Member, to: Member, type: RelationshipInput['type'], pr: boolean, livesWith: boolean) =>
    relationships.push({ from: from.key, to: to.key, r: { type, parentalResponsibility: pr, livesWith } });
  const year = (age: number) =>
    `${thisYear - age}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  const before = (iso: string) => (iso > o.today ? o.today : iso);

  // The children: the eldest first, the others younger by one to six years; sometimes twins.
  const count = Math.min(
    o.maxChildren,
    structure === 'expecting'
      ? r.weighted([
          [0, 5],
          [1, 3],
          [2, 2],
        ] as const)
      : r.weighted([
          [1, 40],
          [2, 30],
          [3, 18],
          [4, 9],
          [5, 3],
        ] as const),
  );
  const eldestAge = r.weighted([
    [r.int(0, 4), 20],
    [r.int(5, 9), 25],
    [r.int(10, 15), 38],
    [r.int(16, 17), 17],
  ] as const);
  const children: string[] = [];
  let age = Math.max(eldestAge, count - 1);
  while (children.length < count) {
    const dob = before(year(age));
    children.push(dob);
    if (children.length < count && r.chance(0.03)) children.push(dob); // twins
    age = Math.max(0, age - r.int(1, 6));
  }
  const motherAge = Math.max(0, ...children.map((d) => ageOn(d, o.today))) + r.int(17, 34);
  const mumSurname = familyName(r, heritage);
  const mother = person('mother', 'female', year(motherAge), mumSurname);
  const otherHeritage = (): Heritage => (ethnicity.startsWith('M') ? heritageFor(r, ethnicity) : heritage);
  let father: Member | null = null;
  let stepParent: Member | null = null;
  const kids: Member[] = [];
  const childOf = (dob: string | null, surname: string, parents: Member[]) => {
    const sex: Sex | 'unknown' = dob === null ? 'unknown' : r.chance(0.51) ? 'male' : 'female';
    const c = person('child', sex, dob, surname);
    c.parents = parents.map((p) => p.key);
    kids.push(c);
    return c;
  };

  if (structure === 'couple' || structure === 'expecting' || structure === 'single-father') {
    const fh = otherHeritage();
    father = person('father', 'male', year(motherAge + r.int(-2, 6)), familyName(r, fh), fh);
    const surname = r.chance(0.75) ? father.input.familyName : mumSurname;
    for (const d of children) childOf(d, surname, [mother, father]);
    if (structure === 'expecting') childOf(null, surname, [mother, father]);
    if (structure === 'single-father') mother.livesAtHome = false;
    if (structure === 'expecting' && r.chance(0.5)) father.livesAtHome = false;
  } else if (structure === 'step-family') {
    const fh = otherHeritage();
    father = person('father', 'male', year(motherAge + r.int(-2, 6)), familyName(r, fh), fh);
    father.livesAtHome = false;
    stepParent = person('step-parent', 'male', year(motherAge + r.int(-4, 8)), familyName(r, heritage));
    const split = Math.max(1, children.length - r.int(1, 2));
    children.forEach((d, i) =>
      i < split
        ? childOf(d, father!.input.familyName, [mother, father!])
        : childOf(d, stepParent!.input.familyName, [mother, stepParent!]),
    );
  } else {
    // Single mother (the father known but living elsewhere about half the time), or grandparents caring.
    if (r.chance(0.5)) {
      const fh = otherHeritage();
      father = person('father', 'male', year(motherAge + r.int(-2, 8)), familyName(r, fh), fh);
      father.livesAtHome = false;
    }
    for (const d of children)
      childOf(
        d,
        r.chance(0.8) || father === null ? mumSurname : father.input.familyName,
        father === null ? [mother] : [mother, father],
      );
  }

  if (structure === 'grandparents') {
    mother.livesAtHome = false;
    const gm = person('grandmother', 'female', year(motherAge + r.int(19, 30)), mumSurname);
    for (const c of kids) {
      link(c, gm, 'grandparent', r.chance(0.6), true);
      link(gm, c, 'other', false, true);
    }
    if (r.chance(0.5)) {
      const gf = person('grandfather', 'male', year(motherAge + r.int(21, 33)), mumSurname);
      for (const c of kids) link(c, gf, 'grandparent', false, true);
    }
  }

  // Parents and children, both ways; siblings and half-siblings.
  for (const c of kids) {
    for (const pk of c.parents) {
      const p = members.find((m) => m.key === pk)!;
      const type = p.role === 'mother' ? 'mother' : 'father';
      const pr =
        p.role === 'mother' || (p.role === 'father' && (structure !== 'step-family' || r.chance(0.7)));
      link(c, p, p.role === 'step-parent' ? 'father' : type, pr, p.livesAtHome && c.livesAtHome);
      link(p, c, 'child', false, p.livesAtHome && c.livesAtHome);
    }
    if (stepParent !== null && !c.parents.includes(stepParent.key)) {
      link(c, stepParent, 'step-parent', false, true);
      link(stepParent, c, 'other', false, true);
    }
  }
  for (const a of kids)
    for (const b of kids) {
      if (a === b) continue;
      const full = a.parents.length === b.parents.length && a.parents.every((p) => b.parents.includes(p));
      link(a, b, full ? 'sibling' : 'half-sibling', false, true);
    }
  if (stepParent !== null) {
    link(mother, stepParent, 'partner-of-parent', false, true);
    link(stepParent, mother, 'partner-of-parent', false, true);
  }

  const address = addressIn(r, o.area);
  const youngest = kids.reduce<string | null>((y, k) => {
    const d = k.input.dateOfBirth ?? null;
    return d !== null && (y === null || d > y) ? d : y;
  }, null);
  const movedInOn = addDays(o.today, -r.int(200, 3000));
  return {
    index: o.index,
    structure,
    ethnicity,
    heritage,
    members,
    relationships,
    address,
    elsewhere: addressIn(r, o.area),
    movedInOn: youngest !== null && youngest > movedInOn ? youngest : movedInOn,
    school: {
      primary: schoolName(r, 'primary', o.area),
      secondary: schoolName(r, 'secondary', o.area),
      nursery: nurseryName(r),
      gp: gpPractice(r, o.area),
    },
    subjects: kids,
  };
}

function parentEthnicity(r: Random, childCode: string): string {
  const parts: Record<string, string[]> = {
    MWBC: ['WBRI', 'BCRB'],
    MWBA: ['WBRI', 'BAFR'],
    MWAS: ['WBRI', 'APKN', 'AIND'],
    MOTH: ['WBRI', 'OOTH', 'WOTH'],
  };
  return parts[childCode] !== undefined ? r.pick(parts[childCode]) : childCode;
}

function disabilities(r: Random): string[] {
  const first = r.weighted(DISABILITIES);
  if (!r.chance(0.3)) return [first];
  const second = r.weighted(DISABILITIES);
  return second === first ? [first] : [first, second];
}
