import { isDayMonthTransposed, isOneDigitDifferent } from './dates.ts';
import type { PersonField } from './person.ts';
import { PairCache } from './pair-cache.ts';
import type { AddressTable, NameTable, StoreData } from './store.ts';
import { shareGroup } from './text/nicknames.ts';
import { ocrFold } from './text/normalise.ts';
import { jaroWinkler, signatureDice, withinOneEdit } from './text/similarity.ts';

/**
 * One level of a comparison. `null` levels (a value is missing) and `neutral` levels (the evidence
 * is counted by another comparison) weigh nothing and are not trained. `m` and `u` are the
 * untrained starting values.
 */
export interface LevelDef {
  label: string;
  kind: 'null' | 'neutral' | 'level';
  /**
   * True for a level that is not on the scale of "more or less agreement" of its comparison (names
   * swapped agree on two fields at once), so the monotone weight rule leaves it alone.
   */
  unordered?: boolean;
  /** True for a level that means the values agree, at least in part: its weight is never below 0. */
  agrees?: boolean;
  m: number;
  u: number;
}

/** A comparison: how one aspect of two records is sorted into levels, strongest agreement first. */
export interface ComparisonDef {
  name: ComparisonName;
  /** Model fields it reads (any one mapped is enough to use it). */
  fields: readonly PersonField[];
  levels: readonly LevelDef[];
  /** The level index of records i and j. Level 0 is always "null". */
  level(d: StoreData, i: number, j: number): number;
  /** Frequency of record i's value, for the term-frequency adjustment of level 1 (exact). */
  tf?(d: StoreData, i: number): number;
  /** The value shown in explanations. */
  show(d: StoreData, i: number): string | null;
}

export const COMPARISON_NAMES = ['given_name', 'family_name', 'dob', 'sex', 'home', 'nhs_number'] as const;
export type ComparisonName = (typeof COMPARISON_NAMES)[number];

const nul: LevelDef = { label: 'missing', kind: 'null', m: 1, u: 1 };
const lv = (label: string, m: number, u: number): LevelDef => ({ label, kind: 'level', m, u });
/** A level meaning agreement (see {@link LevelDef.agrees}). */
const agree = (label: string, m: number, u: number): LevelDef => ({ ...lv(label, m, u), agrees: true });

function soundAlike(t: NameTable, a: number, b: number): boolean {
  const a1 = t.dm1[a]!;
  const a2 = t.dm2[a]!;
  const b1 = t.dm1[b]!;
  const b2 = t.dm2[b]!;
  return a1 >= 0 && b1 >= 0 && (a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2);
}

function sharePart(t: NameTable, a: number, b: number): boolean {
  const pa = t.parts[a]!;
  const pb = t.parts[b]!;
  if (pa.length === 1 && pb.length === 1) return false;
  for (const x of pa) for (const y of pb) if (x === y) return true;
  return false;
}

/** The same name, a known other form of it, or one keying slip away. */
function nameAlike(t: NameTable, a: number, b: number): boolean {
  return a === b || shareGroup(t.nick[a]!, t.nick[b]!) || withinOneEdit(t.values[a]!, t.values[b]!);
}

/**
 * Given and family names swapped: one record's given name is the other's family name and the
 * other way round, one of the two crossings exact and the other allowing a slip or short form.
 * Takes the name ids of record i (gi, fi) and record j (gj, fj).
 */
export function namesSwapped(t: NameTable, gi: number, fi: number, gj: number, fj: number): boolean {
  if (gi < 0 || fi < 0 || gj < 0 || fj < 0 || gi === fi) return false;
  if (gi === fj) return fi === gj || nameAlike(t, fi, gj);
  return fi === gj && nameAlike(t, gi, fj);
}

const isSwapped = (d: StoreData, i: number, j: number): boolean =>
  namesSwapped(d.names, d.given[i]!, d.family[i]!, d.given[j]!, d.family[j]!);

/** One of the two names is a single letter and the other begins with it (J against John). */
export function isInitialOf(a: string, b: string): boolean {
  return (a.length === 1 && b.length > 1 && b[0] === a) || (b.length === 1 && a.length > 1 && a[0] === b);
}

/** Per name table and name id, the name folded by `ocrFold`: null when folding changes nothing. */
const foldCaches = new WeakMap<NameTable, (string | null | undefined)[]>();
let lastFoldTable: NameTable | null = null;
let lastFolds: (string | null | undefined)[] = [];

function folded(t: NameTable, a: number): string | null {
  if (t !== lastFoldTable) {
    let cache = foldCaches.get(t);
    if (!cache) foldCaches.set(t, (cache = []));
    lastFoldTable = t;
    lastFolds = cache;
  }
  let f = lastFolds[a];
  if (f === undefined) {
    const s = t.values[a]!;
    const g = ocrFold(s);
    lastFolds[a] = f = g === s ? null : g;
  }
  return f;
}

/** Per name table, what string similarity said about pairs of its names (see {@link nameCode}). */
const nameCaches = new WeakMap<NameTable, PairCache>();
let lastNames: NameTable | null = null;
let lastNameCache = new PairCache();

/**
 * The levels two different names (not swapped) reach as given names (low four bits) and as
 * family names (high four bits), computed once per pair of names and then remembered: given
 * names — nickname, short form or initial 3, one edit 4, Jaro–Winkler ≥ 0.9 5, sound alike 6, Jaro–Winkler
 * ≥ 0.8 7, else 8; family names the same with "shares a part of a double-barrelled name" as 3.
 */
export function nameCode(t: NameTable, a: number, b: number): number {
  if (t !== lastNames) {
    let cache = nameCaches.get(t);
    if (!cache) nameCaches.set(t, (cache = new PairCache()));
    lastNames = t;
    lastNameCache = cache;
  }
  const known = lastNameCache.get(a, b);
  if (known !== 0) return known;
  const sa = t.values[a]!;
  const sb = t.values[b]!;
  // A misreading (rn for m, cl for d) besides at most one slip counts as a slip.
  let oneEdit = withinOneEdit(sa, sb);
  if (!oneEdit) {
    const fa = folded(t, a);
    const fb = folded(t, b);
    oneEdit = (fa !== null || fb !== null) && withinOneEdit(fa ?? sa, fb ?? sb);
  }
  let base = 4;
  if (!oneEdit) {
    const jw = jaroWinkler(sa, sb);
    base = jw >= 0.9 ? 5 : soundAlike(t, a, b) ? 6 : jw >= 0.8 ? 7 : 8;
  }
  // An initial stands for any name it begins: a short form. A slip of a listed name shares its
  // groups, but against that name itself it is a slip.
  const given = isInitialOf(sa, sb)
    ? 3
    : shareGroup(t.nick[a]!, t.nick[b]!)
      ? (t.nickNear[a] === 1 || t.nickNear[b] === 1) && oneEdit
        ? 4
        : 3
      : base;
  const family = sharePart(t, a, b) ? 3 : base;
  const code = given | (family << 4);
  lastNameCache.set(a, b, code);
  return code;
}

/** Given-name level: exact, swapped with family name, nickname, 1 edit, JW ≥ 0.9, Double Metaphone, JW ≥ 0.8, else. */
export function givenNameLevel(d: StoreData, i: number, j: number): number {
  const a = d.given[i]!;
  const b = d.given[j]!;
  if (a < 0 || b < 0) return 0;
  if (a === b) return 1;
  if (isSwapped(d, i, j)) return 2;
  return nameCode(d.names, a, b) & 15;
}

/** Family-name level: exact, swapped (neutral: counted under given name), shared part of a double-barrelled name, 1 edit, JW ≥ 0.9, Double Metaphone, JW ≥ 0.8, else. */
export function familyNameLevel(d: StoreData, i: number, j: number): number {
  const a = d.family[i]!;
  const b = d.family[j]!;
  if (a < 0 || b < 0) return 0;
  if (a === b) return 1;
  if (isSwapped(d, i, j)) return 2;
  return nameCode(d.names, a, b) >> 4;
}

/** Date-of-birth level: exact, day and month transposed, one digit different, within a year, else. */
export function dobLevel(d: StoreData, i: number, j: number): number {
  const a = d.dob[i]!;
  const b = d.dob[j]!;
  if (a === 0 || b === 0) return 0;
  if (a === b) return 1;
  if (isDayMonthTransposed(a, b)) return 2;
  if (isOneDigitDifferent(a, b)) return 3;
  return Math.abs(d.dobDay[i]! - d.dobDay[j]!) <= 365 ? 4 : 5;
}

const addressCaches = new WeakMap<AddressTable, PairCache>();
let lastAddresses: AddressTable | null = null;
let lastAddressCache = new PairCache();

/**
 * The house and flat numbers of two addresses agree where both have them: 25 Green Lane and 142
 * Green Lane are two homes however alike the strings look. Numbers are compared as a set, so a
 * keying slip in a number counts as different, and one address without numbers does not object.
 */
export function sameNumbers(a: string, b: string): boolean {
  const na = a.match(/\d+/g);
  const nb = b.match(/\d+/g);
  if (!na || !nb) return true;
  return na.some((x) => nb.includes(x));
}

/**
 * Numbers that agree (see {@link sameNumbers}) and Jaro–Winkler ≥ 0.92, tried only when the bigram signatures overlap enough to allow it, and
 * remembered per pair of addresses.
 */
export function similarAddress(t: AddressTable, a: number, b: number): boolean {
  if (signatureDice(t.sigLo[a]!, t.sigHi[a]!, t.sigLo[b]!, t.sigHi[b]!) < 0.5) return false;
  if (t !== lastAddresses) {
    let cache = addressCaches.get(t);
    if (!cache) addressCaches.set(t, (cache = new PairCache()));
    lastAddresses = t;
    lastAddressCache = cache;
  }
  const known = lastAddressCache.get(a, b);
  if (known !== 0) return known === 2;
  const similar = sameNumbers(t.values[a]!, t.values[b]!) && jaroWinkler(t.values[a]!, t.values[b]!) >= 0.92;
  lastAddressCache.set(a, b, similar ? 2 : 1);
  return similar;
}

/** Same phone or email: 1; both known and different: 0; nothing to compare: -1. */
function contact(d: StoreData, i: number, j: number): number {
  let known = false;
  const pa = d.phone[i]!;
  const pb = d.phone[j]!;
  if (pa >= 0 && pb >= 0) {
    if (pa === pb) return 1;
    known = true;
  }
  const ea = d.email[i]!;
  const eb = d.email[j]!;
  if (ea >= 0 && eb >= 0) {
    if (ea === eb) return 1;
    known = true;
  }
  return known ? 0 : -1;
}

/**
 * Home level, one comparison for everything a household shares (postcode, address, town, phone,
 * email), because these agree together for siblings and would be counted several times over as
 * separate comparisons: same postcode and address; same postcode or address with the other
 * unknown; same phone or email; same postcode or address with the other different; same postcode
 * sector; same postcode district; same town; different. The order is one of nested evidence, as
 * the monotone weight rule needs (a level is lifted to the weight of any weaker one): a shared
 * phone or email is checked before a postcode or address that agrees while the other differs, so
 * a pair agreeing on contact and on one of those is at least as strong as one agreeing on contact
 * alone, and "same street address in another postcode" (common: 1 High Street is in every town)
 * is not lifted to the weight of a shared phone or email.
 */
export function homeLevel(d: StoreData, i: number, j: number): number {
  const pa = d.postcode[i]!;
  const pb = d.postcode[j]!;
  const aa = d.address[i]!;
  const ab = d.address[j]!;
  const hasP = pa >= 0 && pb >= 0;
  const hasA = aa >= 0 && ab >= 0;
  const samePostcode = hasP && pa === pb;
  const sameAddress = hasA && (aa === ab || similarAddress(d.addresses, aa, ab));
  if (samePostcode && sameAddress) return 1;
  if ((samePostcode && !hasA) || (sameAddress && !hasP)) return 2;
  const c = contact(d, i, j);
  if (c === 1) return 3;
  if (samePostcode || sameAddress) return 4;
  if (hasP) {
    const p = d.postcodes;
    const sa = p.sector[pa]!;
    if (sa >= 0 && sa === p.sector[pb]) return 5;
    const da = p.district[pa]!;
    if (da >= 0 && da === p.district[pb]) return 6;
  }
  const ta = d.town[i]!;
  const tb = d.town[j]!;
  const hasT = ta >= 0 && tb >= 0;
  if (hasT && ta === tb) return 7;
  return hasP || hasA || hasT || c === 0 ? 8 : 0;
}

/** NHS number level: exact with a valid check digit, exact but failing it, one edit apart, else. */
export function nhsLevel(d: StoreData, i: number, j: number): number {
  const a = d.nhs[i]!;
  const b = d.nhs[j]!;
  if (a < 0 || b < 0) return 0;
  const t = d.nhsNumbers;
  if (a === b) return t.valid[a] === 1 ? 1 : 2;
  return withinOneEdit(t.values[a]!, t.values[b]!) ? 3 : 4;
}

/** Sex level: exact, else. */
export function sexLevel(d: StoreData, i: number, j: number): number {
  const a = d.sex[i]!;
  const b = d.sex[j]!;
  if (a < 0 || b < 0) return 0;
  return a === b ? 1 : 2;
}

const nameLevels = (swapped: LevelDef, part: string): LevelDef[] => [
  nul,
  agree('exact', 0.8, 0.005),
  swapped,
  lv(part, 0.03, 0.0005),
  lv('one edit apart', 0.05, 0.002),
  lv('Jaro-Winkler ≥ 0.9', 0.03, 0.003),
  lv('sounds alike (Double Metaphone)', 0.02, 0.005),
  lv('Jaro-Winkler ≥ 0.8', 0.02, 0.03),
  lv('different', 0.02, 0.95),
];
const show = (col: 'given' | 'family') => (d: StoreData, i: number) => d.names.values[d[col][i]!] ?? null;
const showText = (col: 'sex' | 'nhs', t: 'sexes' | 'nhsNumbers') => (d: StoreData, i: number) =>
  d[t].values[d[col][i]!] ?? null;

/** The built-in person model's comparisons, in scoring order. */
export const PERSON_COMPARISONS: readonly ComparisonDef[] = [
  {
    name: 'given_name',
    fields: ['given_name', 'full_name'],
    level: givenNameLevel,
    show: show('given'),
    levels: nameLevels(
      { ...lv('swapped with family name', 0.01, 0.00001), unordered: true },
      'nickname, short form or initial',
    ),
    tf: (d, i) => d.names.givenCount[d.given[i]!]! / Math.max(1, d.names.givenTotal),
  },
  {
    name: 'family_name',
    fields: ['family_name', 'full_name'],
    level: familyNameLevel,
    show: show('family'),
    levels: nameLevels(
      { label: 'swapped (counted under given name)', kind: 'neutral', m: 1, u: 1 },
      'shares a part (double-barrelled)',
    ),
    tf: (d, i) => d.names.familyCount[d.family[i]!]! / Math.max(1, d.names.familyTotal),
  },
  {
    name: 'dob',
    fields: ['dob'],
    level: dobLevel,
    show: (d, i) => (d.dob[i] ? String(d.dob[i]).replace(/(\d{4})(\d\d)(\d\d)/, '$1-$2-$3') : null),
    levels: [
      nul,
      agree('exact', 0.85, 0.0003),
      lv('day and month transposed', 0.02, 0.00001),
      lv('one digit different', 0.05, 0.003),
      lv('within a year', 0.03, 0.1),
      lv('different', 0.05, 0.9),
    ],
  },
  {
    name: 'sex',
    fields: ['sex'],
    level: sexLevel,
    show: showText('sex', 'sexes'),
    levels: [nul, agree('exact', 0.97, 0.5), lv('different', 0.03, 0.5)],
  },
  {
    name: 'home',
    fields: ['postcode', 'address', 'town', 'phone', 'email'],
    level: homeLevel,
    show: (d, i) =>
      [d.addresses.values[d.address[i]!], d.postcodes.values[d.postcode[i]!], d.towns.values[d.town[i]!]]
        .filter((x) => x !== undefined)
        .join(', ') || null,
    levels: [
      nul,
      agree('same postcode and address', 0.6, 0.00002),
      agree('same postcode or address, other unknown', 0.1, 0.00002),
      agree('same phone or email', 0.02, 0.00005),
      agree('same postcode or address, other different', 0.05, 0.0002),
      agree('same postcode sector', 0.03, 0.001),
      agree('same postcode district', 0.03, 0.01),
      agree('same town', 0.03, 0.03),
      lv('different', 0.15, 0.96),
    ],
  },
  {
    name: 'nhs_number',
    fields: ['nhs_number'],
    level: nhsLevel,
    show: showText('nhs', 'nhsNumbers'),
    levels: [
      nul,
      agree('exact, valid check digit', 0.95, 0.000001),
      agree('exact, check digit fails', 0.01, 0.000001),
      lv('one edit apart', 0.03, 0.00001),
      lv('different', 0.01, 0.99999),
    ],
  },
];

/**
 * The level of comparison number `k` of {@link COMPARISON_NAMES}, through a switch of direct calls
 * so that the scoring loop's calls can be inlined (calling through an array of functions cannot).
 */
export function levelByIndex(k: number, d: StoreData, i: number, j: number): number {
  switch (k) {
    case 0:
      return givenNameLevel(d, i, j);
    case 1:
      return familyNameLevel(d, i, j);
    case 2:
      return dobLevel(d, i, j);
    case 3:
      return sexLevel(d, i, j);
    case 4:
      return homeLevel(d, i, j);
    default:
      return nhsLevel(d, i, j);
  }
}

/** The comparisons of the person model that the given mapped fields can feed. */
export function comparisonsFor(fields: readonly PersonField[]): ComparisonDef[] {
  return PERSON_COMPARISONS.filter((c) => c.fields.some((f) => fields.includes(f)));
}

/** Look up a person comparison by name. */
export function comparisonByName(name: string): ComparisonDef | undefined {
  return PERSON_COMPARISONS.find((c) => c.name === name);
}
