/** Rules that a column holds a valid code or date (one table column each). */
import type { CollectionYear } from '../../years.ts';
import type { Ssda903Table } from '../tables.ts';
import type { ChildView } from '../validate/child.ts';
import type { Report903, Rule903 } from '../validate/types.ts';
import * as C from './codes.ts';
import { FROM_2024_25, FROM_2025_26, UNTIL_2023_24, UNTIL_2024_25, rule } from './define.ts';
import { blank, dt, filled } from './helpers.ts';

type Test = (v: string, child: ChildView) => boolean;

/** A rule that flags each row of `table` whose `col` fails `bad`. */
function column(
  code: string,
  table: Ssda903Table,
  col: string,
  bad: Test,
  extra: { years?: readonly CollectionYear[]; message?: string } = {},
): Rule903 {
  return rule({
    code,
    ...extra,
    tables: [table],
    check(c: ChildView, report: Report903) {
      for (const row of c.rows(table)) if (bad(row[col] ?? '', c)) report(table, row, col);
    },
  });
}

const badCode =
  (codes: ReadonlySet<string>): Test =>
  (v) =>
    filled(v) && !codes.has(v);
const blankOrBadCode =
  (codes: ReadonlySet<string>): Test =>
  (v) =>
    !codes.has(v);
const badDate: Test = (v) => filled(v) && dt(v) === null;
const blankOrBadDate: Test = (v) => dt(v) === null;
const UPN = /^[A-Z]\d{11}[A-Z0-9]$/;

/** 2025/26 placement types: H5 and P2 go, K3 and Z11–Z14 (in place of Z1) come. */
export const PLACE_CODES_2025 = new Set(
  'A3 A4 A5 A6 K1 K2 K3 P1 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z11 Z12 Z13 Z14'.split(' '),
);
const NO_PROVIDER_2025 = new Set('T0 T1 T2 T3 Z11 Z12 Z13 Z14'.split(' '));

export const VALID_CODE_RULES: Rule903[] = [
  column('101', 'Header', 'SEX', blankOrBadCode(C.SEX_CODES_2023), { years: UNTIL_2023_24 }),
  column('101', 'Header', 'SEX', blankOrBadCode(C.SEX_CODES), {
    years: FROM_2024_25,
    message: 'The child or young person’s reported sex is not valid.',
  }),
  column('102', 'Header', 'DOB', blankOrBadDate),
  column('103', 'Header', 'ETHNIC', blankOrBadCode(C.ETHNIC_CODES)),
  column('104', 'UASC', 'DUC', badDate),
  rule({
    code: '105',
    tables: ['Header'],
    check(c, report) {
      for (const row of c.rows('Header'))
        if ('UASC' in row && !C.YES_NO.has(row.UASC)) report('Header', row, 'UASC');
    },
  }),
  column('112', 'AD1', 'DATE_INT', badDate),
  column('113', 'AD1', 'DATE_MATCH', badDate),
  column('114', 'AD1', 'FOSTER_CARE', badCode(C.YES_NO)),
  column('115', 'PlacedAdoption', 'DATE_PLACED', badDate),
  column('116', 'PlacedAdoption', 'DATE_PLACED_CEASED', badDate),
  column('120', 'PlacedAdoption', 'REASON_PLACED_CEASED', badCode(C.REASON_PLACED_CEASED_CODES)),
  column('131', 'OC3', 'IN_TOUCH', badCode(C.IN_TOUCH_CODES)),
  column('132', 'OC3', 'ACTIV', badCode(C.ACTIV_CODES)),
  column('133', 'OC3', 'ACCOM', badCode(C.ACCOM_CODES)),
  column('141', 'Episodes', 'DECOM', badDate),
  column('143', 'Episodes', 'RNE', badCode(C.RNE_CODES)),
  column('144', 'Episodes', 'LS', badCode(C.LS_CODES)),
  column('145', 'Episodes', 'CIN', badCode(C.CIN_CODES)),
  column('146', 'Episodes', 'PLACE', badCode(C.PLACE_CODES), { years: UNTIL_2024_25 }),
  column('146', 'Episodes', 'PLACE', badCode(PLACE_CODES_2025), { years: FROM_2025_26 }),
  column('147', 'Episodes', 'DEC', badDate),
  column('149', 'Episodes', 'REC', badCode(C.REC_CODES)),
  column('166', 'Reviews', 'REVIEW', blankOrBadDate),
  column('167', 'Reviews', 'REVIEW_CODE', blankOrBadCode(C.REVIEW_CODES)),
  column('168', 'Header', 'UPN', (v) => !C.UPN_UNKNOWN_903.has(v) && !UPN.test(v)),
  column('171', 'Header', 'MC_DOB', badDate),
  column('175', 'AD1', 'NB_ADOPTR', badCode(new Set(['1', '2']))),
  column('176', 'AD1', 'SEX_ADOPTR', badCode(C.SEX_ADOPTR_CODES)),
  column('177', 'AD1', 'LS_ADOPTR', badCode(C.LS_ADOPTR_CODES)),
  column('178', 'Episodes', 'PLACE_PROVIDER', badCode(C.PROVIDER_CODES), { years: UNTIL_2024_25 }),
  rule({
    code: '178',
    years: FROM_2025_26,
    check(c, report) {
      for (const row of c.rows('Episodes')) {
        const p = row.PLACE_PROVIDER ?? '';
        if (filled(p) && (!C.PROVIDER_CODES.has(p) || NO_PROVIDER_2025.has(row.PLACE ?? '')))
          report('Episodes', row, 'PLACE_PROVIDER');
      }
    },
  }),
  column('180', 'OC2', 'SDQ_SCORE', (v) => filled(v) && !(/^\d{1,2}$/.test(v) && Number(v) <= 40)),
  rule({
    code: '181',
    check(c, report) {
      const cols = [
        'CONVICTED',
        'HEALTH_ASSESSMENT',
        'HEALTH_CHECK',
        'IMMUNISATIONS',
        'INTERVENTION_OFFERED',
      ];
      cols.push('INTERVENTION_RECEIVED', 'SUBSTANCE_MISUSE', 'TEETH_CHECK');
      for (const row of c.rows('OC2')) {
        const bad = cols.find((k) => filled(row[k]) && !C.YES_NO.has(row[k]));
        if (bad) report('OC2', row, bad);
      }
    },
  }),
  column('196', 'OC2', 'SDQ_REASON', badCode(C.SDQ_REASON_CODES)),
  column('631', 'PrevPerm', 'PREV_PERM', badCode(C.PREV_PERM_CODES)),
  column('1004', 'Missing', 'MIS_START', badDate),
  column('1005', 'Missing', 'MIS_END', badDate),
  column('1006', 'Missing', 'MISSING', badCode(C.MISSING_CODES)),
  column('1009', 'Episodes', 'REASON_PLACE_CHANGE', badCode(C.PLACE_CHANGE_CODES)),
  column('SW02STG1', 'SWEpisodes', 'SW_ID', (v) => !blank(v) && !/^(SW|XX)/.test(v)),
  column('SW04STG1', 'SWEpisodes', 'SW_DECOM', blankOrBadDate),
  column('SW05STG1', 'SWEpisodes', 'SW_DEC', badDate),
];
