/** Generates clean, fictional CIN episodes: each passes every CIN census error rule as at the reference date. */
import { addWorkingDays, isWorkingDay } from '../calendar/bank-holidays.ts';
import { addDays, addMonths, addYears } from '../dates.ts';
import {
  ASSESSMENT_FACTOR_CODES,
  CATEGORY_OF_ABUSE_CODES,
  PRIMARY_NEED_CODES,
  REFERRAL_SOURCE_CODES,
} from '../model/codes.ts';
import type { Assessment, CinEpisode } from '../model/types.ts';
import { dateIn, type Random } from './random.ts';

const min = (a: string, b: string): string => (a < b ? a : b);
const max = (a: string, b: string): string => (a > b ? a : b);
const FACTORS = ASSESSMENT_FACTOR_CODES.filter((f) => f !== '21');
const NEEDS = PRIMARY_NEED_CODES.filter((n) => n !== 'N0');

/** The next working day on or after the date. */
function workingDayFrom(d: string): string {
  return isWorkingDay(d) ? d : addWorkingDays(d, 1);
}

function base(r: Random, referralDate: string, nfa: boolean): CinEpisode {
  return {
    referralDate,
    referralSource: r.pick(REFERRAL_SOURCE_CODES),
    primaryNeedCode: nfa ? null : r.pick(NEEDS),
    referralNfa: nfa,
    assessments: [],
    cinPlans: [],
    section47s: [],
    childProtectionPlans: [],
  };
}

function assessment(r: Random, start: string, ref: string, complete = true): Assessment {
  if (!complete) return { startDate: start, authorisationDate: null, factors: null, childSeen: true };
  const auth = min(addDays(start, r.int(10, 40)), ref);
  const factors = r.chance(0.1) ? ['21'] : r.some(FACTORS, r.int(1, 3));
  return {
    startDate: start,
    authorisationDate: auth,
    factors,
    childSeen: true,
    needsSupport: !factors.includes('21'),
  };
}

/** A referral with no further action, closed the day it came in. */
export function nfaEpisode(r: Random, referralDate: string): CinEpisode {
  return { ...base(r, referralDate, true), closureDate: referralDate, closureReason: 'RC7' };
}

/**
 * The child's main episode, of a random kind, with every date on or before `ref`.
 * @param start the first day of the census year
 * @param earliest the earliest possible referral (40 weeks before the (expected) birth)
 */
export function mainEpisode(r: Random, start: string, ref: string, earliest: string): CinEpisode {
  const kind = r.next();
  const pick = (lo: string, hi: string): string | null =>
    max(lo, earliest) <= hi ? dateIn(r, max(lo, earliest), hi) : null;
  let referral: string | null = null;
  let ep: CinEpisode | null = null;
  if (kind < 0.15) ep = null;
  else if (kind < 0.4 && (referral = pick(start, addDays(ref, -60))))
    ep = closedAfterAssessment(r, referral, ref);
  else if (kind < 0.65 && (referral = pick(addYears(start, -1), addDays(ref, -60))))
    ep = cinPlanEpisode(r, referral, start, ref);
  else if (kind < 0.87 && (referral = pick(addYears(start, -1), addDays(ref, -90))))
    ep = protectionEpisode(r, referral, ref);
  else if (kind < 0.93 && (referral = pick(start, addDays(ref, -60))))
    ep = noConferenceEpisode(r, referral, ref);
  else if (kind >= 0.93 && (referral = pick(addDays(ref, -30), addDays(ref, -5))))
    ep = { ...base(r, referral, false), assessments: [assessment(r, addDays(referral, 1), ref, false)] };
  return ep ?? nfaEpisode(r, dateIn(r, max(start, earliest), ref));
}

function closedAfterAssessment(r: Random, referral: string, ref: string): CinEpisode {
  const a = assessment(r, addDays(referral, r.int(0, 5)), ref);
  const closure = min(addDays(a.authorisationDate!, r.int(0, 10)), ref);
  return {
    ...base(r, referral, false),
    closureDate: closure,
    closureReason: r.chance(0.7) ? 'RC8' : 'RC9',
    assessments: [a],
  };
}

function cinPlanEpisode(r: Random, referral: string, start: string, ref: string): CinEpisode {
  const a = assessment(r, addDays(referral, r.int(1, 5)), ref);
  if (a.factors?.includes('21')) a.factors = r.some(FACTORS, 2);
  const planStart = a.authorisationDate!;
  const ep: CinEpisode = { ...base(r, referral, false), assessments: [a] };
  const end = addDays(planStart, r.int(60, 200));
  if (r.chance(0.5) && end <= ref && end >= start) {
    ep.cinPlans = [{ startDate: planStart, endDate: end }];
    ep.closureDate = end;
    ep.closureReason = r.pick(['RC3', 'RC4', 'RC7']);
  } else {
    ep.cinPlans = [{ startDate: planStart, endDate: null }];
  }
  return ep;
}

function protectionEpisode(r: Random, referral: string, ref: string): CinEpisode {
  const s47Start = addDays(referral, r.int(1, 4));
  const target = addWorkingDays(s47Start, 15);
  const icpc = workingDayFrom(addDays(s47Start, r.int(5, 20)));
  const a = assessment(r, addDays(referral, r.int(0, 1)), ref);
  if (a.authorisationDate! < icpc) a.authorisationDate = min(addDays(icpc, r.int(0, 15)), ref);
  if (a.factors?.includes('21')) a.factors = ['16A'];
  const cppEnd = addDays(icpc, r.int(120, 330));
  const ended = r.chance(0.4) && cppEnd <= ref;
  const reviews: string[] = [];
  for (let d = addMonths(icpc, 3); d <= (ended ? addDays(cppEnd, -1) : ref); d = addMonths(d, 6))
    reviews.push(d);
  const ep: CinEpisode = {
    ...base(r, referral, false),
    primaryNeedCode: 'N1',
    assessments: [a],
    section47s: [
      {
        startDate: s47Start,
        icpcTarget: target,
        dateOfInitialCpc: icpc,
        icpcNotRequired: false,
        icpcResultedInPlan: true,
      },
    ],
    childProtectionPlans: [
      {
        startDate: icpc,
        endDate: ended ? cppEnd : null,
        initialCategory: r.pick(CATEGORY_OF_ABUSE_CODES),
        latestCategory: r.pick(CATEGORY_OF_ABUSE_CODES),
        numberOfPreviousCpps: r.int(1, 3),
        reviews,
        lastVisitDate: min(addDays(ref, -r.int(1, 20)), ended ? cppEnd : ref),
        seenAlone: r.chance(0.7),
      },
    ],
  };
  if (ended) ep.cinPlans = [{ startDate: cppEnd, endDate: null }];
  return ep;
}

function noConferenceEpisode(r: Random, referral: string, ref: string): CinEpisode {
  const a = assessment(r, addDays(referral, 1), ref);
  if (a.factors?.includes('21')) a.factors = ['3A'];
  const closure = min(addDays(a.authorisationDate!, r.int(1, 10)), ref);
  return {
    ...base(r, referral, false),
    closureDate: closure,
    closureReason: 'RC7',
    assessments: [a],
    section47s: [
      { startDate: addDays(referral, 1), icpcTarget: null, dateOfInitialCpc: null, icpcNotRequired: true },
    ],
  };
}
