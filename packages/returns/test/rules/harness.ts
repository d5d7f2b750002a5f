/** A clean census to mutate, and a table-driven runner: each rule gets a passing and a failing case. */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '../../src/calendar/bank-holidays.ts';
import type { CinCensus } from '../../src/cin/census.ts';
import { validateCinCensus } from '../../src/cin/validate/validate.ts';
import { addDays, addMonths } from '../../src/dates.ts';
import { makeUpn } from '../../src/generate/generate.ts';
import type { Child, CinEpisode } from '../../src/model/types.ts';
import { type CollectionYear, endYearOf, referenceDateOf } from '../../src/years.ts';

export const workingDayFrom = (d: string): string => (isWorkingDay(d) ? d : addWorkingDays(d, 1));

/** The census year's start year, e.g. 2025 for 2025-26. */
export const startYear = (year: CollectionYear): number => endYearOf(year) - 1;

function simpleChild(n: number, year: CollectionYear, disabilities: string[]): Child {
  const Y = startYear(year);
  return {
    laChildId: `CHILD${n}`,
    upn: makeUpn('201', n),
    birthDate: `${Y - 8}-02-0${n}`,
    sex: n % 2 ? 'M' : 'F',
    ethnicity: 'AIND',
    disabilities,
    cinEpisodes: [
      {
        referralDate: `${Y}-07-1${n}`,
        referralSource: '6',
        referralNfa: true,
        closureDate: `${Y}-07-1${n}`,
        closureReason: 'RC7',
      },
    ],
  };
}

/**
 * A census with no issues at all: child 1 has an NFA referral then an episode with an assessment,
 * a section 47, an ICPC, a child protection plan with a review, then a CIN plan; children 2–5
 * have NFA referrals and, between them, 8 disability codes.
 */
export function baseCensus(year: CollectionYear = '2025-26'): CinCensus {
  const Y = startYear(year);
  const icpc = workingDayFrom(`${Y}-05-27`);
  const cppEnd = addMonths(icpc, 6);
  const main: Child = {
    laChildId: 'CHILD1',
    upn: makeUpn('201', 1),
    birthDate: `${Y - 10}-06-10`,
    sex: 'F',
    ethnicity: 'WBRI',
    disabilities: ['NONE'],
    cinEpisodes: [
      {
        referralDate: `${Y}-04-10`,
        referralSource: '1A',
        referralNfa: true,
        closureDate: `${Y}-04-10`,
        closureReason: 'RC7',
      },
      {
        referralDate: `${Y}-05-01`,
        referralSource: '2A',
        primaryNeedCode: 'N1',
        referralNfa: false,
        assessments: [{ startDate: `${Y}-05-02`, authorisationDate: `${Y}-06-02`, factors: ['3A', '16A'] }],
        section47s: [
          {
            startDate: `${Y}-05-06`,
            icpcTarget: addWorkingDays(`${Y}-05-06`, 15),
            dateOfInitialCpc: icpc,
            icpcNotRequired: false,
          },
        ],
        childProtectionPlans: [
          {
            startDate: icpc,
            endDate: cppEnd,
            initialCategory: 'NEG',
            latestCategory: 'EMO',
            numberOfPreviousCpps: 1,
            reviews: [addMonths(icpc, 3)],
          },
        ],
        cinPlans: [{ startDate: cppEnd, endDate: null }],
      },
    ],
  };
  return {
    header: {
      collection: 'CIN',
      year: String(endYearOf(year)),
      referenceDate: referenceDateOf(year),
      sourceLevel: 'L',
      lea: '201',
    },
    children: [
      main,
      simpleChild(2, year, ['MOB', 'HAND']),
      simpleChild(3, year, ['PC', 'INC']),
      simpleChild(4, year, ['COMM', 'LD']),
      simpleChild(5, year, ['HEAR', 'VIS']),
    ],
  };
}

/** The main child (CHILD1) and its episode with activity. */
export const child1 = (c: CinCensus): Child => c.children[0]!;
export const mainEp = (c: CinCensus): CinEpisode => c.children[0]!.cinEpisodes[1]!;
export const nfaEp = (c: CinCensus): CinEpisode => c.children[0]!.cinEpisodes[0]!;

export type Mutate = (c: CinCensus, Y: number) => void;

export interface RuleCase {
  rule: string;
  /** Years to run the case in (default 2025-26). */
  years?: CollectionYear[];
  /** What the failing case does. */
  fails: string;
  fail: Mutate;
  /** A passing variation near the failing one (default: the clean census). */
  passes?: string;
  pass?: Mutate;
  /** The child the issue must name (default CHILD1; null for return level). */
  child?: string | null;
}

function run(year: CollectionYear, mutate: Mutate | undefined) {
  const c = baseCensus(year);
  mutate?.(c, startYear(year));
  return validateCinCensus(c, { year });
}

/** Runs each case: the rule is absent after `pass`, present (for the right child) after `fail`. */
export function ruleCases(family: string, cases: RuleCase[]): void {
  describe(family, () => {
    for (const k of cases) {
      for (const year of k.years ?? (['2025-26'] as CollectionYear[])) {
        it(`${k.rule} (${year}) passes: ${k.passes ?? 'clean census'}`, () => {
          const issues = run(year, k.pass).issues.filter((i) => i.rule === k.rule);
          expect(issues).toEqual([]);
        });
        it(`${k.rule} (${year}) fails: ${k.fails}`, () => {
          const issues = run(year, k.fail).issues.filter((i) => i.rule === k.rule);
          expect(issues.length).toBeGreaterThan(0);
          const expected = k.child === undefined ? 'CHILD1' : k.child;
          expect(issues.map((i) => i.child)).toContain(expected);
          expect(issues[0]!.kind).toBe(k.rule.endsWith('Q') ? 'query' : 'error');
        });
      }
    }
  });
}

export { addDays, addMonths };
