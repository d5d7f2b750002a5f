/** Builds the SSDA903 (children looked after) tables for a collection year from the model. */
import { addDays, addYears, toUkDate } from '../dates.ts';
import type { Child, ReturnsInput } from '../model/types.ts';
import { type CollectionYear, referenceDateOf } from '../years.ts';
import { periodsOfCare } from '../model/periods.ts';
import type { Ssda903Return } from './tables.ts';

const d = toUkDate;
const flag = (v: boolean | null | undefined): string => (v === true ? '1' : v === false ? '0' : '');
const SEX: Record<string, string> = { M: '1', F: '2' };
const overlaps = (start: string, end: string | null | undefined, from: string, to: string): boolean =>
  start <= to && (!end || end >= from);
const upTo = (x: string | null | undefined, ref: string): string | null => (x && x <= ref ? x : null);

/**
 * The 903 tables: children looked after at any time in the year (Header, Episodes, Reviews,
 * UASC, Missing, SWEpisodes, PlacedAdoption, PrevPerm), those looked after for the 12 months to
 * 31 March (OC2), those adopted in the year (AD1) and care leavers (OC3). Events after 31 March
 * are left out and end dates after it blanked.
 * @example build903(input, '2025-26').Episodes.length
 */
export function build903(input: ReturnsInput, year: CollectionYear): Ssda903Return {
  const ref = referenceDateOf(year);
  const start = addDays(addYears(ref, -1), 1);
  const out: Ssda903Return = {
    Header: [],
    Episodes: [],
    Reviews: [],
    UASC: [],
    OC2: [],
    OC3: [],
    AD1: [],
    PlacedAdoption: [],
    PrevPerm: [],
    Missing: [],
    SWEpisodes: [],
  };
  for (const c of input.children) {
    const eps = (c.lookedAfter ?? []).filter((e) => overlaps(e.startDate, e.endDate, start, ref));
    if (c.careLeaver)
      out.OC3.push({
        CHILD: c.laChildId,
        DOB: d(c.birthDate),
        IN_TOUCH: c.careLeaver.inTouch ?? '',
        ACTIV: c.careLeaver.activity ?? '',
        ACCOM: c.careLeaver.accommodation ?? '',
      });
    if (eps.length === 0) continue;
    addChild(out, c, eps, start, ref);
  }
  return out;
}

function addChild(
  out: Ssda903Return,
  c: Child,
  eps: NonNullable<Child['lookedAfter']>,
  start: string,
  ref: string,
): void {
  const id = c.laChildId;
  const dob = d(c.birthDate);
  const sex = (c.sex && SEX[c.sex]) ?? '';
  out.Header.push({
    CHILD: id,
    SEX: sex,
    DOB: dob,
    ETHNIC: c.ethnicity ?? '',
    UPN: c.upn ?? c.upnUnknown ?? '',
    MOTHER: c.sex === 'F' ? flag(!!c.motherChildBirthDate) : '',
    MC_DOB: d(c.motherChildBirthDate),
  });
  for (const e of eps) {
    const ended = upTo(e.endDate, ref);
    out.Episodes.push({
      CHILD: id,
      DECOM: d(e.startDate),
      RNE: e.reasonNewEpisode,
      LS: e.legalStatus,
      CIN: e.categoryOfNeed,
      PLACE: e.placement,
      PLACE_PROVIDER: e.placementProvider ?? '',
      DEC: d(ended),
      REC: ended ? (e.reasonEnded ?? '') : '',
      REASON_PLACE_CHANGE: ended ? (e.reasonPlaceChange ?? '') : '',
      HOME_POST: e.homePostcode ?? '',
      PL_POST: e.placementPostcode ?? '',
      URN: e.urn ?? '',
    });
  }
  for (const r of c.lacReviews ?? [])
    if (r.date >= start && r.date <= ref)
      out.Reviews.push({ CHILD: id, DOB: dob, REVIEW: d(r.date), REVIEW_CODE: r.participation ?? '' });
  if (c.uasc?.isUasc) out.UASC.push({ CHILD: id, SEX: sex, DOB: dob, DUC: d(c.uasc.ceasedDate) });
  for (const m of c.missing ?? []) {
    if (overlaps(m.startDate, m.endDate, start, ref))
      out.Missing.push({
        CHILD: id,
        DOB: dob,
        MISSING: m.type,
        MIS_START: d(m.startDate),
        MIS_END: d(upTo(m.endDate, ref)),
      });
  }
  for (const s of c.socialWorkerEpisodes ?? []) {
    if (!overlaps(s.startDate, s.endDate, start, ref)) continue;
    const ended = upTo(s.endDate, ref);
    out.SWEpisodes.push({
      CHILD: id,
      DOB: dob,
      SW_ID: s.workerId,
      SW_DECOM: d(s.startDate),
      SW_DEC: d(ended),
      SW_REASON: ended ? (s.reasonEnded ?? '') : '',
    });
  }
  addOutcomes(out, c, start, ref);
}

function addOutcomes(out: Ssda903Return, c: Child, start: string, ref: string): void {
  const id = c.laChildId;
  const dob = d(c.birthDate);
  const periods = periodsOfCare(c);
  const current = periods.filter((p) => p.start <= ref && (!p.end || p.end > ref)).pop();
  const h = c.health;
  if (current && current.start <= addYears(ref, -1) && h) {
    out.OC2.push({
      CHILD: id,
      DOB: dob,
      SDQ_SCORE: h.sdqScore != null ? String(h.sdqScore) : '',
      SDQ_REASON: h.sdqScore != null ? '' : (h.sdqReason ?? ''),
      CONVICTED: flag(h.convicted),
      HEALTH_CHECK: flag(h.healthCheck),
      IMMUNISATIONS: flag(h.immunisations),
      TEETH_CHECK: flag(h.teethCheck),
      HEALTH_ASSESSMENT: flag(h.healthAssessment),
      SUBSTANCE_MISUSE: flag(h.substanceMisuse),
      INTERVENTION_RECEIVED: flag(h.interventionReceived),
      INTERVENTION_OFFERED: flag(h.interventionOffered),
    });
  }
  const a = c.adoption;
  if (a?.adoptionOrderDate && a.adoptionOrderDate >= start && a.adoptionOrderDate <= ref) {
    out.AD1.push({
      CHILD: id,
      DOB: dob,
      DATE_INT: d(a.decisionDate),
      DATE_MATCH: d(a.matchedDate),
      FOSTER_CARE: flag(a.fosterCare),
      NB_ADOPTR: a.numberOfAdopters != null ? String(a.numberOfAdopters) : '',
      SEX_ADOPTR: a.sexOfAdopters ?? '',
      LS_ADOPTR: a.legalStatusOfAdopters ?? '',
    });
  }
  if (a?.decisionDate && a.decisionDate <= ref && !(a.noLongerPlacedDate && a.noLongerPlacedDate < start)) {
    const ceased = upTo(a.noLongerPlacedDate, ref);
    out.PlacedAdoption.push({
      CHILD: id,
      DOB: dob,
      DATE_PLACED: d(a.decisionDate),
      DATE_PLACED_CEASED: d(ceased),
      REASON_PLACED_CEASED: ceased ? (a.placedCeasedReason ?? '') : '',
    });
  }
  const p = c.previousPermanence;
  if (p && periods.some((q) => q.start >= start && q.start <= ref)) {
    out.PrevPerm.push({ CHILD: id, DOB: dob, PREV_PERM: p.type, LA_PERM: p.la ?? '', DATE_PERM: d(p.date) });
  }
}
