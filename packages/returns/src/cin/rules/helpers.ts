/** Readers shared by the rule files: dates, yes/no flags, the census window, codes. */
import { isoOrNull } from '../../dates.ts';
import type { Child, CinEpisode, YesNo } from '../../model/types.ts';
import type { RuleContext } from '../validate/types.ts';

/** The date when it is a real ISO date, otherwise null (a missing or unreadable date). */
export const date = isoOrNull;

/** True when the flag is yes (`true`, `1`). */
export function isYes(v: YesNo | undefined): boolean {
  return v === true;
}

/** True when the flag is no (`false`, `0`). */
export function isNo(v: YesNo | undefined): boolean {
  return v === false;
}

/** The flag as the census writes it, for issue values. */
export function flagValue(v: YesNo | undefined): string | null {
  if (v === true) return 'true';
  if (v === false) return 'false';
  return v ?? null;
}

/** True when the date is within the census year (1 April to the reference date, inclusive). */
export function inCensusYear(d: string, ctx: RuleContext): boolean {
  return d >= ctx.censusStart && d <= ctx.referenceDate;
}

/** True when the episode is a referral with no further action. */
export function isNfa(ep: CinEpisode): boolean {
  return ep.referralNfa === true;
}

const SEX_FROM_GENDER: Record<string, string> = { '1': 'M', '2': 'F', '0': 'U', '9': 'U' };
const GENDER_FROM_SEX: Record<string, string> = { M: '1', F: '2', U: '0' };

/** The child's `Sex` (2024/25 on): as given (null = not recorded), or, when absent, derived from GenderCurrent. */
export function sexOf(child: Child): string | null {
  if (child.sex !== undefined) return child.sex;
  return child.genderCurrent != null ? (SEX_FROM_GENDER[child.genderCurrent] ?? child.genderCurrent) : null;
}

/** The child's `GenderCurrent` (up to 2023/24): as given (null = not recorded), or, when absent, derived from Sex. */
export function genderCurrentOf(child: Child): string | null {
  if (child.genderCurrent !== undefined) return child.genderCurrent;
  return child.sex != null ? (GENDER_FROM_SEX[child.sex] ?? child.sex) : null;
}

/** Every ICPC date recorded on an episode: on the CIN details module and on its section 47s. */
export function icpcDates(ep: CinEpisode): { source: 'CINdetails' | 'Section47'; date: string }[] {
  const out: { source: 'CINdetails' | 'Section47'; date: string }[] = [];
  const own = date(ep.dateOfInitialCpc);
  if (own) out.push({ source: 'CINdetails', date: own });
  for (const s of ep.section47s ?? []) {
    const d = date(s.dateOfInitialCpc);
    if (d) out.push({ source: 'Section47', date: d });
  }
  return out;
}

/**
 * The ICPC dates of an episode's section 47 enquiries (rules 1104, 8715 and 8875): the DfE places
 * these rules in the Section 47 module, and the D2I validator reads only that module's date.
 */
export function section47IcpcDates(ep: CinEpisode): string[] {
  const out: string[] = [];
  for (const s of ep.section47s ?? []) {
    const d = date(s.dateOfInitialCpc);
    if (d) out.push(d);
  }
  return out;
}

/** True when `d` falls in the half-open interval [start, end), an open end running to `openEnd`. */
export function startsWithin(d: string, start: string, end: string | null, openEnd: string): boolean {
  return d >= start && (end ? d < end : d <= openEnd);
}
