/** The built-in person model's fields and the record shape the library takes. */

/** Fields of the built-in person model, in the order the CLI lists them. */
export const PERSON_FIELDS = [
  'given_name',
  'family_name',
  'full_name',
  'dob',
  'sex',
  'postcode',
  'address',
  'town',
  'nhs_number',
  'email',
  'phone',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/**
 * One record of a person, as one agency holds it. Every field is optional; missing, empty and
 * unparseable values are treated as unknown and score neutrally. `id` is opaque and is never
 * used as evidence. `dob` is `YYYY-MM-DD` (or a yyyymmdd number).
 *
 * @example
 * const r: PersonRecord = { id: 'A-17', given_name: 'Kate', family_name: 'Oyelaran', dob: '2015-03-07', postcode: 'LS11 5AB' };
 */
export interface PersonRecord {
  id: string;
  /** Which source (agency, file) the record came from; used by link mode and one-to-one clustering. */
  source?: string;
  given_name?: string | null;
  family_name?: string | null;
  /** Used for given and family name when those are missing: first word and last word. */
  full_name?: string | null;
  dob?: string | number | null;
  sex?: string | null;
  postcode?: string | null;
  address?: string | null;
  town?: string | null;
  nhs_number?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** True when the string names a person-model field. */
export function isPersonField(s: string): s is PersonField {
  return (PERSON_FIELDS as readonly string[]).includes(s);
}
