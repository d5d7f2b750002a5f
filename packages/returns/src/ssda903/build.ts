/** Builds the SSDA903 (children looked after) tables for a collection year from the model. */
import { addDays, addYears, ageOn, toUkDate } from '../dates.ts';
import type { Child, ReturnsInput } from '../model/types.ts';
import { type CollectionYear, referenceDateOf, usesSex } from '../years.ts';
import { periodsOfCare } from '../model/periods.ts';
import type { Ssda903Return } from './tables.ts';

const d = toUkDate;
const flag = (v: boolean | null | undefined): string => (v === true ? '1' : v === false ? '0' : '');
/** Up to 2023/24 the 903 sex was 1 (male) or 2 (female); from 2024/25 it is M, F or U. */
const SEX_2023: Record<string, string> = { M: '1', F: '2' };
const overlaps = (start: string, end: string | null | undefined, from: string, to: string): boolean =>
  start <= to && (!end || end >= from);
const upTo = (x: string | null | undefined, ref: string): string | null => (x && x <= ref ? x : null);
type Episodes = NonNullable<Child['lookedAfter']>;

interface Period {
  year: CollectionYear;
  start: string;
  ref: string;
}

/**
 * The 903 tables: children looked after at any time in the year (Header, Episodes, Reviews,
 * UASC, Missing, SWEpisodes, PlacedAdoption, PrevPerm), those looked after for the 12 months to
 * 31 March (OC2), those adopted in the year (AD1) and care leavers (OC3, with their Header row).
 * Events after 31 March are left out and end dates after it blanked. Items the DfE asks only of
 * some children are written only for them: health promotion under 5, convictions from 10, the SDQ
 * from 4 to 16, the substance misuse intervention items when a problem was identified.
 * @example build903(input, '2025-26').Episodes.length
 */
export function build903(
  input: ReturnsInput,
  year: CollectionYear,
  /** A provisional return as at another 31 March with `year`'s layout (default: the year's own). */
  referenceDate: string = referenceDateOf(year),
): Ssda903Return {
  const ref = referenceDate;
  const p: Period = { year, start: addDays(addYears(ref, -1), 1), ref };
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
    const eps = (c.lookedAfter ?? []).filter((e) => overlaps(e.startDate, e.endDate, p.start, ref));
    if (c.careLeaver)
      out.OC3.push({
        CHILD: c.laChildId,
        DOB: d(c.birthDate),
        IN_TOUCH: c.careLeaver.inTouch ?? '',
        ACTIV: c.careLeaver.activity ?? '',
        ACCOM: c.careLeaver.accommodation ?? '',
      });
    if (eps.length === 0) {
      if (c.careLeaver) out.Header.push(header(c, p, false));
      continue;
    }
    addChild(out, c, eps, p);
  }
  return out;
}

function sexOf(c: Child, year: CollectionYear): string {
  if (usesSex(year)) return c.sex ?? '';
  return (c.sex && SEX_2023[c.sex]) ?? '';
}

/** The Header row; motherhood is recorded for girls looked after in the year (other than on short breaks). */
function header(c: Child, p: Period, lookedAfter: boolean): Ssda903Return['Header'][number] {
  return {
    CHILD: c.laChildId,
    SEX: sexOf(c, p.year),
    DOB: d(c.birthDate),
    ETHNIC: c.ethnicity ?? '',
    UPN: c.upn ?? c.upnUnknown ?? '',
    MOTHER: lookedAfter && c.sex === 'F' ? flag(!!c.motherChildBirthDate) : '',
    MC_DOB: lookedAfter ? d(c.motherChildBirthDate) : '',
  };
}

function addChild(out: Ssda903Return, c: Child, eps: Episodes, p: Period): void {
  const { start, ref } = p;
  const id = c.laChildId;
  const dob = d(c.birthDate);
  const sex = sexOf(c, p.year);
  out.Header.push(
    header(
      c,
      p,
      eps.some((e) => e.legalStatus !== 'V3' && e.legalStatus !== 'V4'),
    ),
  );
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
  addSocialWorkers(out, c, p);
  addOc2(out, c, eps, p);
  addAdoption(out, c, p);
  addPrevPerm(out, c, eps, p);
}

/** SW_REASON is the reason for the change of worker that began each episode. */
function addSocialWorkers(out: Ssda903Return, c: Child, p: Period): void {
  const all = [...(c.socialWorkerEpisodes ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate));
  all.forEach((s, i) => {
    if (!overlaps(s.startDate, s.endDate, p.start, p.ref)) return;
    out.SWEpisodes.push({
      CHILD: c.laChildId,
      DOB: d(c.birthDate),
      SW_ID: s.workerId,
      SW_DECOM: d(s.startDate),
      SW_DEC: d(upTo(s.endDate, p.ref)),
      SW_REASON: s.changeReason ?? all[i - 1]?.reasonEnded ?? '',
    });
  });
}

/**
 * OC2 for children looked after continuously for the 12 months to 31 March: in care on 1 April and
 * 31 March with no new period of care, no care ending and no short breaks (V3/V4) in between.
 */
function addOc2(out: Ssda903Return, c: Child, eps: Episodes, p: Period): void {
  const h = c.health;
  const current = periodsOfCare(c).find((q) => q.start <= p.ref && (!q.end || q.end > p.ref));
  const respite = eps.some((e) => e.legalStatus === 'V3' || e.legalStatus === 'V4');
  if (!h || !current || current.start > p.start || respite || !c.birthDate) return;
  const atStart = ageOn(c.birthDate, p.start);
  const atEnd = ageOn(c.birthDate, p.ref);
  const sdq = atEnd >= 4 && atStart < 17;
  const misuse = h.substanceMisuse === true;
  out.OC2.push({
    CHILD: c.laChildId,
    DOB: d(c.birthDate),
    SDQ_SCORE: sdq && h.sdqScore != null ? String(h.sdqScore) : '',
    SDQ_REASON: sdq && h.sdqScore == null ? (h.sdqReason ?? '') : '',
    CONVICTED: atEnd >= 10 ? flag(h.convicted) : '',
    HEALTH_CHECK: atEnd < 5 ? flag(h.healthCheck) : '',
    IMMUNISATIONS: flag(h.immunisations),
    TEETH_CHECK: flag(h.teethCheck),
    HEALTH_ASSESSMENT: flag(h.healthAssessment),
    SUBSTANCE_MISUSE: flag(h.substanceMisuse),
    INTERVENTION_RECEIVED: misuse ? flag(h.interventionReceived) : '',
    INTERVENTION_OFFERED: misuse && h.interventionReceived === false ? flag(h.interventionOffered) : '',
  });
}

function addAdoption(out: Ssda903Return, c: Child, p: Period): void {
  const { start, ref } = p;
  const id = c.laChildId;
  const dob = d(c.birthDate);
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
}

/**
 * PrevPerm for every child who started to be looked after in the year: the previous permanence
 * order, or Z1 when the record holds none (the DfE asks for a row for each, rule 630).
 */
function addPrevPerm(out: Ssda903Return, c: Child, eps: Episodes, p: Period): void {
  if (!eps.some((e) => e.reasonNewEpisode === 'S' && e.startDate >= p.start && e.startDate <= p.ref)) return;
  const pp = c.previousPermanence;
  out.PrevPerm.push({
    CHILD: c.laChildId,
    DOB: d(c.birthDate),
    PREV_PERM: pp?.type ?? 'Z1',
    LA_PERM: pp && pp.type !== 'Z1' ? (pp.la ?? '') : '',
    DATE_PERM: pp && pp.type !== 'Z1' ? d(pp.date) : '',
  });
}
