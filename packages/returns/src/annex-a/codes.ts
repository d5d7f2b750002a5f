/** Turning model codes into Annex A coded values. */
import { ANNEX_A_CODES, type ListName } from './spec.ts';

/** data-map.yml spells a few column names differently from the headers. */
const ALIASES: Record<string, string> = {
  'eligibility category': 'eligibity category',
  'suitability of accommodation': 'suitability of accomodation',
};

const norm = (s: string): string => s.toLowerCase().replace(/\?$/, '').trim();

/** The coded values for a list's column, or an empty list when the column is free text. */
export function codesFor(list: ListName, header: string): readonly string[] {
  const cols = ANNEX_A_CODES[list] ?? {};
  const want = ALIASES[norm(header)] ?? norm(header);
  for (const [k, v] of Object.entries(cols)) if (norm(k) === want) return v;
  return [];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The coded value whose code part is `code` (e.g. `WBRI` → `a) WBRI`, `1A` → `a) 1A: Individual`,
 * `N1` → `N1 - Abuse or neglect`, `C2` → `C2: FCO`), or null.
 */
export function codedValue(list: ListName, header: string, code: string | null | undefined): string | null {
  if (!code) return null;
  const re = new RegExp(`^(?:[a-z]\\) )?${escape(code)}(?::| -|$)`, 'i');
  return codesFor(list, header).find((v) => re.test(v)) ?? null;
}

/** `a) Yes`, `b) No` or, for an unknown, `c) Unknown` (null when blank is wanted). */
export function yesNo(
  v: boolean | null | undefined,
  unknown: 'blank' | 'unknown' = 'unknown',
): string | null {
  if (v === true) return 'a) Yes';
  if (v === false) return 'b) No';
  return unknown === 'unknown' ? 'c) Unknown' : null;
}

const GENDER: Record<string, string> = { M: 'a) Male', F: 'b) Female', U: 'c) Not stated/recorded' };

/** Annex A gender from the model's sex (M, F, U). */
export function gender(sex: string | null | undefined): string {
  return (sex && GENDER[sex]) ?? 'c) Not stated/recorded';
}

const ABUSE: Record<string, string> = {
  NEG: 'a) Neglect',
  PHY: 'b) Physical abuse',
  SAB: 'c) Sexual abuse',
  EMO: 'd) Emotional abuse',
  MUL: 'e) Multiple/not recommended',
};

/** Annex A category of abuse from the CIN code. */
export function abuse(code: string | null | undefined): string | null {
  return (code && ABUSE[code]) ?? null;
}

/** A value from a list of lettered values by its letter (e.g. the permanence plan `b` → `b) Adoption`). */
export function byLetter(list: ListName, header: string, letter: string | null | undefined): string | null {
  if (!letter) return null;
  return codesFor(list, header).find((v) => v.toLowerCase().startsWith(`${letter.toLowerCase()})`)) ?? null;
}
