/**
 * Why the validator and our reading of D2I differ on a pair: each known, deliberate cause (see the
 * package README, "Agreement with the D2I validator"), or `unexplained`. Test code only.
 */
import { addWorkingDays } from '../../src/calendar/bank-holidays.ts';
import { endYearOf, type CollectionYear } from '../../src/years.ts';
import type { Difference } from './agreement.ts';
import { pdDate, pdHeaderDate, rollForward } from './pandas-dates.ts';
import type { D2iTables } from './tables.ts';

export const CAUSES = {
  header: 'the header ReferenceDate is missing or not 31 March: D2I measures the census year from it',
  sharedId: 'the LAchildID is missing or shared by two children: D2I joins rows on it',
  nfaCutoff: '8569Q: D2I queries referrals up to the first working day on or after 1 April',
  nfaFalse: '8569Q: ReferralNFA written FALSE, which D2I does not read as false',
  pandasRange: '8600, 8569Q: a referral date outside pandas’ range (1677–2262), NaT to D2I',
  spaces: '8790: spaces around a disability code (the parser trims them)',
  gender2023: '2886Q 2023/24: D2I’s `isna() | GenderCurrent == 0` reports nothing',
  noneRows: '2887Q: D2I counts NONE rows, not the distinct other codes',
  unexplained: 'unexplained',
} as const;
export type Cause = keyof typeof CAUSES;

const CENSUS_YEAR_RULES = new Set(['8569Q', '8600', '8620', '8715']);

export function explain(d: Difference, t: D2iTables, year: CollectionYear): Cause {
  const endYear = endYearOf(year);
  const refDay = pdHeaderDate(t.Header.ReferenceDate)?.day ?? null;
  if (CENSUS_YEAR_RULES.has(d.rule) && refDay !== pdDate(`${endYear}-03-31`)) return 'header';
  const ids = t.ChildIdentifiers.filter((c) => (c.LAchildID ?? null) === d.child).length;
  if (d.child === null ? !['100', '2886Q', '2887Q'].includes(d.rule) : ids > 1) return 'sharedId';
  const cin = t.CINdetails.filter((c) => c.LAchildID === d.child);
  const start = pdDate(`${endYear - 1}-04-01`)!;
  const iso = (s: string | null | undefined) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null);
  switch (d.rule) {
    case '8569Q': {
      const ours = pdDate(addWorkingDays(`${endYear - 1}-04-01`, -1))!;
      const theirs = rollForward(start);
      if (cin.some((c) => c.ReferralNFA === 'FALSE')) return 'nfaFalse';
      if (cin.some((c) => iso(c.CINreferralDate) && pdDate(c.CINreferralDate) === null)) return 'pandasRange';
      const between = (c: (typeof cin)[number]) => {
        const r = pdDate(c.CINreferralDate);
        return r !== null && r >= ours && r < theirs;
      };
      return cin.some(between) ? 'nfaCutoff' : 'unexplained';
    }
    case '8600':
      return cin.some((c) => iso(c.CINreferralDate) && pdDate(c.CINreferralDate) === null)
        ? 'pandasRange'
        : 'unexplained';
    case '8790':
      return t.Disabilities.some((x) => x.LAchildID === d.child && x.Disability !== x.Disability?.trim())
        ? 'spaces'
        : 'unexplained';
    case '2886Q':
      return year === '2023-24' && d.side === 'ours only' ? 'gender2023' : 'unexplained';
    case '2887Q':
      return 'noneRows';
    default:
      return 'unexplained';
  }
}
