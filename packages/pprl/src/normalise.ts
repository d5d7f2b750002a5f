/**
 * Normalisation before tokens are hashed, reusing what the plaintext engine (`@waypoint/linkage`)
 * and `@waypoint/identifiers` already know: case, accents, punctuation and double-barrelled names
 * (`normaliseName`), free text (`normaliseText`), date formats (`parseDate`), postcodes and NHS
 * numbers. Every normaliser returns null for a value that is missing or says nothing.
 */
import { normaliseNhsNumber, normalisePostcode } from '@waypoint/identifiers';
import { type DateFormat, normaliseName, normaliseText, parseDate } from '@waypoint/linkage';
import { NICKNAME_LIST } from '@waypoint/linkage/text/nickname-list.ts';
import type { PprlField } from './schema.ts';

/** A record to encode: an opaque id and any of the schema's fields as text. */
export type PprlRecord = { id: string } & Partial<Record<PprlField, string | null>>;

/** Input the encoder refuses outright (a NUL byte, an absurd date). */
export class EncodingInputError extends Error {
  override readonly name = 'EncodingInputError';
}

/** Earliest and latest years of birth accepted: outside them a date of birth is absurd for a person alive. */
export const MIN_BIRTH_YEAR = 1900;
export const MAX_BIRTH_YEAR = new Date().getUTCFullYear() + 1;

/** Sex as `m`, `f` or null (other values say nothing the linkage can use). */
export function normaliseSex(input: string | null | undefined): string | null {
  const s = normaliseText(input);
  if (s === null) return null;
  if (s === 'm' || s === 'male' || s === 'boy' || s === '1') return 'm';
  if (s === 'f' || s === 'female' || s === 'girl' || s === '2') return 'f';
  return null;
}

/**
 * A date of birth as `YYYYMMDD`, parsed in the given format; null when empty, unparseable or
 * absurd (a year outside {@link MIN_BIRTH_YEAR}…{@link MAX_BIRTH_YEAR}, such as a mistyped future
 * year): such a date is left out of the encoding rather than hashed, and the CLI counts it.
 * @example normaliseDob('07/03/2015', 'DD/MM/YYYY') // '20150307'
 */
export function normaliseDob(input: string | null | undefined, format: DateFormat = 'auto'): string | null {
  const ymd = parseDate(input, format);
  if (ymd === null) return null;
  const year = Math.floor(ymd / 10000);
  if (year < MIN_BIRTH_YEAR || year > MAX_BIRTH_YEAR) return null;
  return String(ymd);
}

/**
 * A postcode in canonical UK form (`LS11 5AB`), or, when it is not a UK postcode, its letters and
 * digits in upper case (FEBRL's 4-digit Australian postcodes stay usable).
 */
export function normalisePostcodeValue(input: string | null | undefined): string | null {
  if (input == null) return null;
  const uk = normalisePostcode(input);
  if (uk !== null) return uk;
  const s = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return s === '' ? null : s;
}

/** Digits only (phone numbers, other identifiers); null when there are none. */
export function normaliseDigits(input: string | null | undefined): string | null {
  if (input == null) return null;
  const s = input.replace(/\D/g, '');
  return s === '' ? null : s;
}

/** An NHS number as 10 digits, or its digits when it is malformed (a mistyped one still nearly agrees). */
export function normaliseNhs(input: string | null | undefined): string | null {
  if (input == null) return null;
  return normaliseNhsNumber(input) ?? normaliseDigits(input);
}

/** A UPN in upper case without spaces. */
export function normaliseUpn(input: string | null | undefined): string | null {
  if (input == null) return null;
  const s = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return s === '' ? null : s;
}

/** Formal form of each nickname or short form, from `@waypoint/linkage`'s list (first name of each line). */
const FORMAL: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const line of NICKNAME_LIST.split('\n')) {
    const names = line.trim().split(/\s+/).filter(Boolean);
    const formal = names[0];
    if (formal === undefined) continue;
    for (const n of names) {
      const list = map.get(n) ?? [];
      if (!list.includes(formal)) list.push(formal);
      map.set(n, list);
    }
  }
  return map;
})();

/**
 * The formal forms of a normalised given name (its first part): Kate → catherine, Bill → william.
 * A formal name gives itself; a name the list does not know gives none.
 * @example formalForms('kate') // ['catherine']
 */
export function formalForms(given: string): readonly string[] {
  const first = given.split(/[\s-]/)[0] ?? given;
  return FORMAL.get(first) ?? [];
}

/**
 * The normalised value of one field, or null. Dates take the given format.
 * @throws EncodingInputError on a NUL byte
 */
export function normaliseField(
  field: PprlField,
  value: string | null | undefined,
  dateFormat: DateFormat = 'auto',
): string | null {
  if (value == null) return null;
  if (value.includes('\u0000')) throw new EncodingInputError(`${field}: contains a NUL byte`);
  switch (field) {
    case 'given_name':
    case 'family_name':
    case 'other_names':
    case 'full_name':
      return normaliseName(value);
    case 'address':
    case 'town':
      return normaliseText(value);
    case 'email': {
      const s = value.trim().toLowerCase();
      return s === '' ? null : s;
    }
    case 'dob':
      return normaliseDob(value, dateFormat);
    case 'sex':
      return normaliseSex(value);
    case 'postcode':
      return normalisePostcodeValue(value);
    case 'nhs_number':
      return normaliseNhs(value);
    case 'upn':
      return normaliseUpn(value);
    case 'phone':
      return normaliseDigits(value);
  }
}
