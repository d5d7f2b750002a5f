import { nhsNumberCheckDigit } from '@waypoint/identifiers';
import type { PersonRecord } from '../person.ts';
import { nickname, restyleStreet, styleName, typo } from './corrupt.ts';
import {
  BOYS,
  FAMILY,
  GIRLS,
  POSTCODE_AREAS,
  STREET_ENDINGS,
  SYLLABLES,
  TOWN_PARTS,
  words,
} from './name-data.ts';
import { Random, Zipf } from '@waypoint/random';

/** A generated record: a {@link PersonRecord} plus its true identity and the address in parts. */
export interface SyntheticRecord extends PersonRecord {
  id: string;
  /** The child this record is really about; records with equal `trueId` are true matches. */
  trueId: string;
  house_no: string;
  street: string;
  locality: string;
}

/** Options for {@link generatePeople}. */
export interface SyntheticOptions {
  /** Number of records, 1,000 to 1,000,000 (any positive number works). */
  size: number;
  seed?: number;
  /** Source names to spread records over (agencies). */
  sources?: readonly string[];
}

interface Home {
  house: number;
  street: string;
  locality: string;
  town: string;
  postcode: string;
  district: string;
}

interface Child {
  trueId: string;
  given: string;
  family: string;
  /** The surname some agencies hold after a change of family (step-parent, adoption). */
  altFamily: string;
  dob: [number, number, number];
  sex: 'M' | 'F';
  nhs: string | null;
  home: Home;
  altHome: Home;
  phone: string | null;
}

const UNIT = 'ABDEFGHJLNPQRSTUWXYZ';
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n: number): string => String(n).padStart(2, '0');
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Generate fictional child records with realistic corruption and their true identities: typos,
 * nicknames, names swapped, hyphenated and changed surnames, transposed and mistyped dates of
 * birth, missing values, moved addresses, abbreviations, twins and siblings sharing a home.
 * Deterministic for a given seed. The corruption rates are general clerical-error rates chosen for
 * this package, not fitted to any data set.
 *
 * @example
 * const records = generatePeople({ size: 10_000, seed: 1 });
 * records[0].trueId; // 'C000001' (records with the same trueId are one child)
 */
export function generatePeople(options: SyntheticOptions): SyntheticRecord[] {
  const rng = new Random(options.seed ?? 42);
  const sources = options.sources ?? ['school', 'health', 'police', 'social_care'];
  const boys = new Zipf(words(BOYS));
  const girls = new Zipf(words(GIRLS));
  const families = new Zipf(words(FAMILY), 1);
  const syll = words(SYLLABLES);
  const rareName = (): string =>
    syll[rng.below(syll.length)]! +
    syll[rng.below(syll.length)]! +
    (rng.chance(0.5) ? rng.pick(['a', 'e', 'o', 'i', 'son', 'ley', 'ton', 'well']) : '');
  const familyName = (): string => (rng.chance(0.7) ? families.pick(rng) : rareName());
  const towns = Array.from({ length: Math.max(30, Math.round(options.size / 3000)) }, () => ({
    name: cap(rng.pick(syll) + rng.pick(syll) + rng.pick(TOWN_PARTS)),
    area: rng.pick(POSTCODE_AREAS),
    districts: Array.from({ length: 2 + rng.below(8) }, () => 1 + rng.below(60)),
  }));
  const newHome = (nearDistrict?: string, nearTown?: string): Home => {
    const town = towns.find((t) => t.name === nearTown) ?? rng.pick(towns);
    const district = nearDistrict ?? town.area + String(rng.pick(town.districts));
    const postcode = `${district} ${rng.below(10)}${UNIT[rng.below(UNIT.length)]}${UNIT[rng.below(UNIT.length)]}`;
    const local = new Random(
      Array.from(postcode, (c) => c.charCodeAt(0)).reduce((h, c) => Math.imul(h ^ c, 16777619), 2166136261),
    );
    const street = `${cap(local.pick(syll) + local.pick(syll))} ${local.pick(STREET_ENDINGS)}`;
    const locality = local.chance(0.3) ? cap(local.pick(syll) + local.pick(TOWN_PARTS)) : '';
    return { house: 1 + rng.below(150), street, locality, town: town.name, postcode, district };
  };
  const nhsNumber = (): string => {
    for (;;) {
      const first9 = String(4_000_000_00 + rng.below(3_000_000_00));
      const check = nhsNumberCheckDigit(first9);
      if (check !== null) return first9 + String(check);
    }
  };

  const out: SyntheticRecord[] = [];
  let childCount = 0;
  while (out.length < options.size) {
    const home = newHome();
    const double = rng.chance(0.03);
    const family = double ? `${familyName()}-${familyName()}` : familyName();
    const phone = rng.chance(0.6) ? `07${String(100_000_000 + rng.below(900_000_000))}` : null;
    const n = 1 + (rng.chance(0.55) ? (rng.chance(0.64) ? 1 : rng.chance(0.75) ? 2 : 3) : 0);
    const used = new Set<string>();
    let previousDob: [number, number, number] | null = null;
    for (let k = 0; k < n && out.length < options.size; k++) {
      const sex = rng.chance(0.5) ? 'M' : 'F';
      let given = '';
      do given = rng.chance(0.9) ? (sex === 'M' ? boys : girls).pick(rng) : rareName();
      while (used.has(given));
      used.add(given);
      const isTwin = previousDob !== null && rng.chance(0.04);
      const y = 2008 + rng.below(18);
      const m = 1 + rng.below(12);
      const dob: [number, number, number] =
        isTwin && previousDob ? previousDob : [y, m, 1 + rng.below(daysIn(y, m))];
      previousDob = dob;
      const moved = rng.chance(0.4);
      const child: Child = {
        trueId: `C${String(++childCount).padStart(7, '0')}`,
        given,
        family,
        altFamily: rng.chance(0.5) ? familyName() : `${family}-${familyName()}`,
        dob,
        sex,
        nhs: rng.chance(0.95) ? nhsNumber() : null,
        home,
        altHome: moved && rng.chance(0.4) ? newHome(home.district, home.town) : newHome(),
        phone,
      };
      const copies = pickCopies(rng);
      for (let c = 0; c < copies && out.length < options.size; c++)
        out.push(corruptRecord(rng, child, rng.pick(sources)));
    }
  }
  for (let k = out.length - 1; k > 0; k--) {
    const j = rng.below(k + 1);
    [out[k], out[j]] = [out[j]!, out[k]!];
  }
  out.forEach((r, k) => (r.id = `R${String(k + 1).padStart(7, '0')}`));
  return out;
}

/**
 * Chance per record of each kind of corruption: general clerical-error rates for administrative
 * records about children, chosen for this package (not fitted to any data set). Exported so a test
 * or a harder benchmark can read them.
 */
export const RATES = {
  givenTypo: 0.03,
  /** A nickname or short form (Bill for William), when the shipped list knows one. */
  givenOtherForm: 0.05,
  givenMissing: 0.02,
  familyTypo: 0.03,
  /** A different surname: a step-parent's, or the mother's surname added with a hyphen. */
  familyChanged: 0.03,
  familyMissing: 0.02,
  namesSwapped: 0.01,
  dobTransposed: 0.02,
  dobDigit: 0.02,
  /** A wrong date a few days to months off. */
  dobOther: 0.01,
  dobMissing: 0.02,
  /** The record holds the child's other address (a move between agencies' records). */
  movedHome: 0.15,
  postcodeMissing: 0.07,
  postcodeTypo: 0.02,
  addressMissing: 0.06,
  streetRestyled: 0.1,
  houseNumberWrong: 0.02,
  townMissing: 0.1,
  nhsRecorded: 0.55,
  nhsTypo: 0.01,
  sexMissing: 0.04,
  sexWrong: 0.005,
  phoneRecorded: 0.35,
} as const;

function pickCopies(rng: Random): number {
  const r = rng.next();
  return r < 0.35 ? 1 : r < 0.65 ? 2 : r < 0.85 ? 3 : r < 0.95 ? 4 : 5;
}

function corruptDob(rng: Random, [y, m, d]: [number, number, number]): string | null {
  let r = rng.next();
  let [yy, mm, dd] = [y, m, d];
  if (r < RATES.dobTransposed && d <= 12 && d !== m) [mm, dd] = [d, m];
  else if ((r -= RATES.dobTransposed) < RATES.dobDigit) {
    const which = rng.below(3);
    if (which === 0) yy = y - (y % 10) + (((y % 10) + 1 + rng.below(8)) % 10);
    else if (which === 1)
      dd = Math.min(daysIn(y, m), d - (d % 10) + (((d % 10) + 1 + rng.below(8)) % 10)) || 1;
    else mm = m - (m % 10) + (((m % 10) + 1) % 10) || 1;
    if (mm > 12) mm = m;
    if (dd > daysIn(yy, mm)) dd = daysIn(yy, mm);
  } else if ((r -= RATES.dobDigit) < RATES.dobOther) {
    const t = new Date(Date.UTC(y, m - 1, d + (rng.chance(0.5) ? 1 : -1) * (1 + rng.below(200))));
    [yy, mm, dd] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  } else if (r - RATES.dobOther < RATES.dobMissing) return null;
  return `${yy}-${pad(mm)}-${pad(dd)}`;
}

function corruptRecord(rng: Random, c: Child, source: string): SyntheticRecord {
  let given: string | null = c.given;
  let r = rng.next();
  if (r < RATES.givenTypo) given = typo(rng, c.given);
  else if ((r -= RATES.givenTypo) < RATES.givenOtherForm) given = nickname(rng, c.given) ?? c.given;
  else if ((r -= RATES.givenOtherForm) < RATES.givenMissing) given = null;
  let family: string | null = c.family;
  r = rng.next();
  if (r < RATES.familyTypo) family = typo(rng, c.family);
  else if ((r -= RATES.familyTypo) < RATES.familyChanged) family = c.altFamily;
  else if ((r -= RATES.familyChanged) < RATES.familyMissing) family = null;
  if (given !== null && family !== null && rng.chance(RATES.namesSwapped)) [given, family] = [family, given];
  const home = rng.chance(RATES.movedHome) ? c.altHome : c.home;
  let postcode: string | null = home.postcode;
  r = rng.next();
  if (r < RATES.postcodeMissing) postcode = null;
  else if ((r -= RATES.postcodeMissing) < RATES.postcodeTypo)
    postcode = postcode.slice(0, -1) + UNIT[rng.below(UNIT.length)]!;
  else if (r < 0.15) postcode = postcode.replace(' ', '').toLowerCase();
  let street = home.street;
  if (rng.chance(RATES.streetRestyled)) street = restyleStreet(rng, street);
  let house = String(home.house);
  if (rng.chance(RATES.houseNumberWrong)) house = String(home.house + 1 + rng.below(9));
  const noAddress = rng.chance(RATES.addressMissing);
  let nhs = c.nhs !== null && rng.chance(RATES.nhsRecorded) ? c.nhs : null;
  if (nhs !== null && rng.chance(RATES.nhsTypo)) {
    const k = rng.below(10);
    nhs = nhs.slice(0, k) + String((Number(nhs[k]) + 1 + rng.below(9)) % 10) + nhs.slice(k + 1);
  }
  const sex = rng.chance(RATES.sexMissing)
    ? null
    : rng.chance(RATES.sexWrong)
      ? c.sex === 'M'
        ? 'F'
        : 'M'
      : c.sex;
  const houseNo = noAddress ? '' : house;
  const streetOut = noAddress ? '' : street;
  const locality = noAddress ? '' : home.locality;
  return {
    id: '',
    trueId: c.trueId,
    source,
    given_name: given === null ? null : styleName(rng, given),
    family_name: family === null ? null : styleName(rng, family),
    dob: corruptDob(rng, c.dob),
    sex,
    postcode,
    nhs_number: nhs,
    house_no: houseNo,
    street: streetOut,
    locality,
    address: [houseNo, streetOut, locality].filter((s) => s !== '').join(' ') || null,
    town: rng.chance(RATES.townMissing) ? null : home.town,
    phone: c.phone !== null && rng.chance(RATES.phoneRecorded) ? c.phone : null,
  };
}
