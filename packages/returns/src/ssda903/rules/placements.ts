/** Placement rules: provider, URN, reason for change, temporary placements, ages and postcodes. */
import { isValidPostcode, normalisePostcode } from '@waypoint/identifiers';
import type { CollectionYear } from '../../years.ts';
import type { ChildView, Episode903 } from '../validate/child.ts';
import type { Row903, Rule903 } from '../validate/types.ts';
import { RESPITE_LS, TEMP_PLACES } from './codes.ts';
import { FROM_2025_26, UNTIL_2024_25, rule } from './define.ts';
import { blank, daysBetween, filled } from './helpers.ts';

const Z1_2025 = ['Z11', 'Z12', 'Z13', 'Z14'];
/** Placements with no placement provider: temporary ones, and from 2025/26 the Z1x "other" placements. */
const noProvider = (y: CollectionYear): Set<string> =>
  new Set([...TEMP_PLACES, ...(y === '2025-26' ? Z1_2025 : [])]);
/** Placements with no Ofsted URN (rule 222) and those exempt from rule 218. */
const noUrn = (y: CollectionYear): Set<string> =>
  new Set(['P1', 'P3', 'R1', 'R2', 'R5', ...TEMP_PLACES, ...(y === '2025-26' ? Z1_2025 : ['Z1'])]);

const eachRow = (c: ChildView, fn: (r: Row903) => boolean, report: (r: Row903) => void): void => {
  for (const r of c.rows('Episodes')) if (fn(r)) report(r);
};

/** A placement type that needs the child to be at least `min` years old when it starts. */
const minAge = (code: string, places: string[], min: number, years?: readonly CollectionYear[]): Rule903 =>
  rule({
    code,
    years,
    check(c, report) {
      for (const e of c.episodes) {
        const age = c.ageOn(e.decom);
        if (places.includes(e.row.PLACE ?? '') && age !== null && age < min)
          report('Episodes', e.row, 'PLACE');
      }
    },
  });

/** A placement type that may last at most `days` days (open episodes count to the year end). */
const maxDays = (code: string, place: string, days: number): Rule903 =>
  rule({
    code,
    check(c, report) {
      for (const e of c.episodes)
        if (e.row.PLACE === place && e.decom !== null && daysBetween(e.decom, e.dec ?? c.ctx.end) > days)
          report('Episodes', e.row, 'PLACE');
    },
  });

const provider = (code: string, pr: string, places: string[]): Rule903 =>
  rule({
    code,
    check(c, report) {
      eachRow(
        c,
        (r) => r.PLACE_PROVIDER === pr && places.includes(r.PLACE ?? ''),
        (r) => {
          report('Episodes', r, 'PLACE_PROVIDER');
        },
      );
    },
  });

const pc = (s: string | undefined): string => (s ? (normalisePostcode(s) ?? s.replace(/\s+/g, '')) : '');

export const PLACEMENT_RULES: Rule903[] = [
  rule({
    code: '213',
    check(c, report) {
      const none = noProvider(c.ctx.year);
      eachRow(
        c,
        (r) => none.has(r.PLACE ?? '') && filled(r.PLACE_PROVIDER),
        (r) => {
          report('Episodes', r, 'PLACE_PROVIDER');
        },
      );
    },
  }),
  rule({
    code: '214',
    check(c, report) {
      eachRow(
        c,
        (r) => RESPITE_LS.has(r.LS ?? '') && (filled(r.PL_POST) || filled(r.URN)),
        (r) => {
          report('Episodes', r, 'PL_POST');
        },
      );
    },
  }),
  rule({
    code: '217',
    check(c, report) {
      for (const e of c.episodes)
        if ((e.row.PLACE === 'A3' || e.row.PLACE === 'A5') && e.decom !== null && e.decom >= '2015-04-01')
          if (!['S', 'T', 'U'].includes(e.row.RNE ?? '')) report('Episodes', e.row, 'RNE');
    },
  }),
  rule({
    code: '218',
    check(c, report) {
      const exempt = noUrn(c.ctx.year);
      for (const e of c.episodes)
        if ((e.dec === null || e.dec >= c.ctx.start) && blank(e.row.URN) && !exempt.has(e.row.PLACE ?? ''))
          report('Episodes', e.row, 'URN');
    },
  }),
  rule({
    code: '222',
    check(c, report) {
      const none = noUrn(c.ctx.year);
      eachRow(
        c,
        (r) => none.has(r.PLACE ?? '') && filled(r.URN) && r.URN !== 'XXXXXXX',
        (r) => {
          report('Episodes', r, 'URN');
        },
      );
    },
  }),
  rule({
    code: '225',
    check(c, report) {
      const eps = c.episodes;
      for (let i = 0; i < eps.length - 1; i++) {
        const e = eps[i]!.row;
        const n = eps[i + 1]!.row;
        if (e.REC === 'X1' && blank(e.REASON_PLACE_CHANGE) && !TEMP_PLACES.has(e.PLACE ?? ''))
          if (['P', 'B', 'T', 'U'].includes(n.RNE ?? '') && !TEMP_PLACES.has(n.PLACE ?? ''))
            report('Episodes', e, 'REASON_PLACE_CHANGE');
      }
    },
  }),
  rule({
    code: '226',
    message: 'Reason for placement change is not required for temporary placements.',
    years: FROM_2025_26,
    check: check226,
  }),
  rule({ code: '226', years: UNTIL_2024_25, check: check226 }),
  minAge('371', ['H5'], 16),
  minAge('372', ['R5'], 10),
  minAge('373', ['S1'], 4),
  minAge('374', ['P3'], 14),
  maxDays('375', 'T1', 42),
  maxDays('376', 'T3', 21),
  rule({
    code: '377',
    check(c, report) {
      const t3 = c.episodes.filter((e) => e.row.PLACE === 'T3');
      if (t3.length > 2) for (const e of t3) report('Episodes', e.row, 'PLACE');
    },
  }),
  maxDays('379', 'T4', 7),
  rule({
    code: '380',
    check(c, report) {
      eachRow(
        c,
        (r) => r.RNE === 'S' && TEMP_PLACES.has(r.PLACE ?? ''),
        (r) => {
          report('Episodes', r, 'PLACE');
        },
      );
    },
  }),
  rule({
    code: '381',
    check(c, report) {
      eachRow(
        c,
        (r) => filled(r.REC) && r.REC !== 'X1' && TEMP_PLACES.has(r.PLACE ?? ''),
        (r) => {
          report('Episodes', r, 'PLACE');
        },
      );
    },
  }),
  rule({
    code: '383',
    check(c, report) {
      const eps = c.episodes;
      for (let i = 1; i < eps.length - 1; i++)
        if (TEMP_PLACES.has(eps[i]!.row.PLACE ?? '') && eps[i - 1]!.row.PLACE !== eps[i + 1]!.row.PLACE)
          report('Episodes', eps[i]!.row, 'PLACE');
    },
  }),
  rule({
    code: '392b',
    check(c, report) {
      if (c.uasc === '1' || c.lastRows('UASC').length > 0 || c.lastHeader?.UASC === '1') return;
      eachRow(
        c,
        (r) => !RESPITE_LS.has(r.LS ?? '') && (blank(r.HOME_POST) || blank(r.PL_POST)),
        (r) => {
          report('Episodes', r, 'HOME_POST');
        },
      );
    },
  }),
  rule({
    code: '392c',
    fix: 'Correct the home or placement postcode: it is not a UK postcode.',
    check(c, report) {
      const look = c.ctx.postcodes;
      const bad = (p: string | undefined): boolean =>
        filled(p) && (!isValidPostcode(p) || (look !== null && look.laOf(p) === null));
      eachRow(
        c,
        (r) => bad(r.HOME_POST) || bad(r.PL_POST),
        (r) => {
          report('Episodes', r, bad(r.HOME_POST) ? 'HOME_POST' : 'PL_POST');
        },
      );
    },
  }),
  rule({
    code: '392d',
    check(c, report) {
      eachRow(
        c,
        (r) => filled(r.HOME_POST) && pc(r.HOME_POST) === pc(r.PL_POST) && r.PLACE !== 'P1',
        (r) => {
          report('Episodes', r, 'PL_POST');
        },
      );
    },
  }),
  rule({
    code: '526',
    check(c, report) {
      const none = noProvider(c.ctx.year);
      eachRow(
        c,
        (r) => filled(r.PLACE) && !none.has(r.PLACE) && blank(r.PLACE_PROVIDER),
        (r) => {
          report('Episodes', r, 'PLACE_PROVIDER');
        },
      );
    },
  }),
  provider('527', 'PR1', ['P1', 'R2', 'R5']),
  provider('528', 'PR2', ['P1', 'R2', 'R5']),
  provider('529', 'PR3', ['P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6']),
  provider('530', 'PR4', ['P1']),
  provider('531', 'PR5', ['P1']),
  rule({
    code: '550',
    check(c, report) {
      eachRow(
        c,
        (r) => r.PLACE_PROVIDER === 'PR0' && r.PLACE !== 'P1',
        (r) => {
          report('Episodes', r, 'PLACE_PROVIDER');
        },
      );
    },
  }),
];

/** 226: no reason for placement change on a temporary placement or on the episode before it. */
function check226(c: ChildView, report: (t: 'Episodes', r: Row903, f?: string) => void): void {
  const eps: readonly Episode903[] = c.episodes;
  eps.forEach((e, i) => {
    if (!TEMP_PLACES.has(e.row.PLACE ?? '')) return;
    if (filled(e.row.REASON_PLACE_CHANGE) || filled(eps[i - 1]?.row.REASON_PLACE_CHANGE))
      report('Episodes', e.row, 'REASON_PLACE_CHANGE');
  });
}
