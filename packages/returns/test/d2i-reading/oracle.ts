/**
 * Our reading of the D2I CIN validator (data-to-insight/csc-validator-be-cin) for the rules of
 * issue #18 — 100, 1104, 2886Q, 2887Q, 8569Q, 8600, 8620, 8715, 8790, 8875 — re-implemented from
 * the rule texts and code as we read them, over the tables of `tables.ts`. Test code only: it is
 * the independent side of the agreement check, never the validator. Each finding is a
 * (rule, child) pair; a header or return-level finding has child null, once per file (D2I lists
 * header issues without a child and return-level ones once, in its rule descriptions).
 */
import { type D2iTables, type Row } from './tables.ts';
import { pdDate, pdHeaderDate, rollForward, weekday, yearBefore } from './pandas-dates.ts';

export const ORACLE_RULES = [
  '100',
  '1104',
  '2886Q',
  '2887Q',
  '8569Q',
  '8600',
  '8620',
  '8715',
  '8790',
  '8875',
];

/** A finding: rule and child (LAchildID, null for the header or the return). */
export interface Pair {
  rule: string;
  child: string | null;
}

/** Rules as D2I's ruleset for a year runs them: 2886Q reads GenderCurrent up to 2023/24, Sex from 2024/25. */
export type OracleYear = '2023-24' | '2024-25' | '2025-26';

export function d2iReading(t: D2iTables, year: OracleYear): Pair[] {
  const out: Pair[] = [];
  const push = (rule: string, rows: Row[]) => {
    for (const r of rows) out.push({ rule, child: r.LAchildID ?? null });
  };
  // make_census_period: the header's ReferenceDate (NaT when unreadable) and a year before it + 1 day.
  const ref = pdHeaderDate(t.Header.ReferenceDate);
  const end = ref?.day ?? null;
  const start = end === null ? null : yearBefore(end) + 1;
  const lt = (a: number | null, b: number | null) => a !== null && b !== null && a < b;
  const gt = (a: number | null, b: number | null) => a !== null && b !== null && a > b;

  // 100: ReferenceDate missing, or not equal to midnight on 31/03/<Year>.
  const year4 = /^\d{4}$/.test(t.Header.Year ?? '') ? t.Header.Year : null;
  const expected = year4 ? pdDate(`${year4}-03-31`) : null;
  if (!ref || !ref.midnight || expected === null || ref.day !== expected)
    out.push({ rule: '100', child: null });

  // 1104: a section 47's DateOfInitialCPC before its CINdetails' referral date (merged on child and CINdetailsID).
  const referral = new Map(
    t.CINdetails.map((c) => [`${c.LAchildID}|${c.CINdetailsID}`, pdDate(c.CINreferralDate)]),
  );
  push(
    '1104',
    t.Section47.filter((s) =>
      lt(pdDate(s.DateOfInitialCPC), referral.get(`${s.LAchildID}|${s.CINdetailsID}`) ?? null),
    ),
  );

  // 8715: a section 47's DateOfInitialCPC before the census start or after the reference date.
  push(
    '8715',
    t.Section47.filter((s) => lt(pdDate(s.DateOfInitialCPC), start) || gt(pdDate(s.DateOfInitialCPC), end)),
  );

  // 8875: a section 47's DateOfInitialCPC on a Saturday or Sunday.
  push(
    '8875',
    t.Section47.filter((s) => {
      const d = pdDate(s.DateOfInitialCPC);
      return d !== null && weekday(d) >= 5;
    }),
  );

  // 8569Q: referral before (start − england_working_days(1)), i.e. before the first working day on or
  // after the start, and ReferralNFA not exactly "false" or "0" (a missing flag is queried).
  const cutoff = start === null ? null : rollForward(start);
  push(
    '8569Q',
    t.CINdetails.filter(
      (c) => lt(pdDate(c.CINreferralDate), cutoff) && !['false', '0'].includes(c.ReferralNFA ?? '\u0000'),
    ),
  );

  // 8600: referral date NaT, or after the reference date.
  push(
    '8600',
    t.CINdetails.filter((c) => pdDate(c.CINreferralDate) === null || gt(pdDate(c.CINreferralDate), end)),
  );

  // 8620: a closure date (not NaT) that is not on or between start and end; with no period, every one.
  push(
    '8620',
    t.CINdetails.filter((c) => {
      const d = pdDate(c.CINclosureDate);
      return d !== null && !(start !== null && end !== null && d >= start && d <= end);
    }),
  );

  // 8790: rows of children (merged on LAchildID) that have a NONE row (any case): every row not NONE.
  const upper = (v: string | null | undefined) => (v == null ? null : v.toUpperCase());
  const withNone = new Set(
    t.Disabilities.filter((d) => upper(d.Disability) === 'NONE').map((d) => d.LAchildID ?? null),
  );
  push(
    '8790',
    t.Disabilities.filter((d) => withNone.has(d.LAchildID ?? null) && upper(d.Disability) !== 'NONE'),
  );

  // 2886Q: from 2024/25, children with Sex missing or "U" and no (readable) expected date of birth,
  // over all children, above 0.02. The 2023/24 code reads `isna() | GenderCurrent == 0`, which Python
  // groups as `(isna() | GenderCurrent) == 0`: pandas makes the codes (text) truthy and a missing one is
  // `isna`, so the left side is true for every child, nothing equals 0, and the rule reports nothing.
  if (year !== '2023-24' && t.ChildIdentifiers.length > 0) {
    const n = t.ChildIdentifiers.filter(
      (c) => (c.Sex == null || c.Sex === 'U') && pdDate(c.ExpectedPersonBirthDate) === null,
    ).length;
    if (n / t.ChildIdentifiers.length > 0.02) out.push({ rule: '2886Q', child: null });
  }

  // 2887Q: keeps only the rows whose Disability is exactly "NONE" and counts them: 7 or fewer fires.
  if (t.Disabilities.filter((d) => d.Disability === 'NONE').length <= 7)
    out.push({ rule: '2887Q', child: null });

  return out;
}
