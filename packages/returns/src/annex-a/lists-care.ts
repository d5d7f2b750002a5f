/** Annex A lists 8 (children in care), 9 (care leavers), 10 (adoption) and 11 (adopters). */
import type { Adopter, Child } from '../model/types.ts';
import { byLetter, codedValue, gender, yesNo } from './codes.ts';
import { type Cell, type Window, asAt, commonCells, disability, within } from './common.ts';
import { periodsOfCare } from '../model/periods.ts';

type Rows = Cell[][];
const team = (c: Child): Cell[] => [c.allocatedTeam ?? null, c.allocatedWorker ?? null];
const latest = (ds: (string | null | undefined)[], upTo: string): string | null =>
  ds
    .filter((d): d is string => !!d && d <= upTo)
    .sort()
    .pop() ?? null;
const CONFIDENTIAL_OR_ABROAD = new Set(['NIR', 'WAL', 'SCO', 'NUK', 'CON']);

export function list8(children: readonly Child[], w: Window, laCode: string): Rows {
  const rows: Rows = [];
  for (const c of children) {
    const periods = periodsOfCare(c).filter((p) => p.start <= w.inspectionDate);
    const p = periods[periods.length - 1];
    if (!p) continue;
    const ended = p.end && p.end <= w.inspectionDate ? p.end : null;
    if (ended && ended < w.sixMonthsBefore) continue;
    const eps = p.episodes.filter((e) => e.startDate <= w.inspectionDate);
    const ep = eps[eps.length - 1]!;
    let legalStart = ep.startDate;
    for (let i = eps.length - 2; i >= 0 && eps[i]!.legalStatus === ep.legalStatus; i--)
      legalStart = eps[i]!.startDate;
    let placementStart = ep.startDate;
    for (let i = eps.length - 1; i > 0 && eps[i]!.reasonNewEpisode === 'L'; i--)
      placementStart = eps[i - 1]!.startDate;
    const previous = periods.slice(0, -1).some((q) => q.end && q.end >= w.twelveMonthsBefore);
    const placements = eps.filter(
      (e, i) => (i === 0 || e.reasonNewEpisode !== 'L') && (!e.endDate || e.endDate >= w.twelveMonthsBefore),
    ).length;
    const missing = (c.missing ?? []).filter((m) =>
      within(m.startDate, w.twelveMonthsBefore, w.inspectionDate),
    );
    const lastMissing = missing
      .filter((m) => m.type === 'M')
      .sort((a, b) => a.startDate.localeCompare(b.startDate))
      .pop();
    const placementLa = ep.placementLa ?? laCode;
    rows.push([
      ...commonCells('List 8', c, w),
      yesNo(c.uasc?.isUasc ?? false),
      disability(c),
      p.start,
      codedValue('List 8', "Child's Category of Need", ep.categoryOfNeed),
      yesNo(previous),
      legalStart,
      codedValue('List 8', "Child's Legal Status", ep.legalStatus),
      latest(
        (c.lacReviews ?? []).map((r) => r.date),
        w.inspectionDate,
      ),
      asAt(c.lastSocialWorkVisit, w),
      byLetter('List 8', 'What is the permanence plan for this child?', c.permanencePlan),
      asAt(c.lastIroContact, w),
      asAt(c.health?.lastHealthAssessmentDate, w),
      asAt(c.health?.lastDentalCheckDate, w),
      placements,
      ended,
      ended ? codedValue('List 8', 'Reason Ceased to be Looked After', p.reasonEnded) : null,
      placementStart,
      codedValue('List 8', 'Placement Type', ep.placement),
      codedValue('List 8', 'Placement Provider', ep.placementProvider),
      ep.placementPostcode ?? null,
      ep.urn ?? null,
      placementLa === laCode ? 'a) In' : 'b) Out',
      CONFIDENTIAL_OR_ABROAD.has(placementLa)
        ? codedValue('List 8', 'LA of Placement', placementLa)
        : placementLa,
      missing.filter((m) => m.type === 'M').length,
      missing.filter((m) => m.type === 'A').length,
      lastMissing ? yesNo(lastMissing.returnInterviewOffered, 'blank') : null,
      lastMissing ? yesNo(lastMissing.returnInterviewAccepted, 'blank') : null,
      ...team(c),
    ]);
  }
  return rows;
}

const IN_TOUCH: Record<string, string> = {
  YES: 'a) Yes',
  NO: 'b) No',
  DIED: 'c) Died',
  REFU: 'd) Refu',
  NREQ: 'e) NREQ',
  RHOM: 'f) Rhom',
};
const ELIGIBILITY: Record<string, string> = {
  'relevant child': 'a) Relevant child',
  'former relevant child': 'b) Former relevant child',
  'qualifying care leaver': 'c) Qualifying care leaver',
};

export function list9(children: readonly Child[], w: Window): Rows {
  const rows: Rows = [];
  for (const c of children) {
    const cl = c.careLeaver;
    if (!cl) continue;
    const acc = cl.accommodation && cl.accommodation !== '0' ? cl.accommodation : null;
    rows.push([
      ...commonCells('List 9', c, w),
      disability(c),
      ...team(c),
      (cl.eligibility && ELIGIBILITY[cl.eligibility.toLowerCase()]) ?? cl.eligibility ?? null,
      (cl.inTouch && IN_TOUCH[cl.inTouch.toUpperCase()]) ?? null,
      acc ? codedValue('List 9', 'Type of Accommodation', acc[0]) : null,
      acc?.[1] === '1' ? 'a) Suitable' : acc?.[1] === '2' ? 'b) Unsuitable' : null,
      cl.activity && cl.activity !== '0' ? codedValue('List 9', 'Activity Status', cl.activity) : null,
    ]);
  }
  return rows;
}

export function list10(children: readonly Child[], w: Window): Rows {
  const rows: Rows = [];
  for (const c of children) {
    const a = c.adoption;
    if (!a?.decisionDate || a.decisionDate > w.inspectionDate) continue;
    const adopted =
      a.adoptionOrderDate && a.adoptionOrderDate <= w.inspectionDate ? a.adoptionOrderDate : null;
    const reversed =
      a.noLongerPlacedDate && a.noLongerPlacedDate <= w.inspectionDate ? a.noLongerPlacedDate : null;
    if ((adopted && adopted < w.twelveMonthsBefore) || (reversed && reversed < w.twelveMonthsBefore))
      continue;
    const enteredCare =
      periodsOfCare(c)
        .filter((p) => p.start <= a.decisionDate!)
        .pop()?.start ?? null;
    const [id, g, eth, dob, age] = commonCells('List 10', c, w);
    rows.push([
      id!,
      a.familyId ?? null,
      g!,
      eth!,
      dob!,
      age!,
      disability(c),
      enteredCare,
      a.decisionDate,
      a.placementOrderDate ?? null,
      a.matchedDate ?? null,
      a.placedDate ?? null,
      adopted,
      reversed,
      reversed
        ? codedValue('List 10', 'Reason Why Child No Longer Placed for Adoption', a.placedCeasedReason)
        : null,
      a.ffaPlacementDate ?? null,
    ]);
  }
  return rows;
}

const LEAVING: Record<string, string> = {
  '1': '1 - Adopter withdrew from process',
  '2': '2 - Process put on hold',
  '3': '3 - Application refused',
};

export function list11(adopters: readonly Adopter[], w: Window): Rows {
  const rows: Rows = [];
  for (const a of adopters) {
    const dates = [
      a.enquiryDate,
      a.stage1Start,
      a.stage1End,
      a.stage2Start,
      a.stage2End,
      a.applicationDate,
      a.approvedDate,
      a.matchedDate,
      a.placedDate,
      a.adoptionOrderDate,
      a.leftDate,
    ];
    if (!dates.some((d) => within(d, w.twelveMonthsBefore, w.inspectionDate))) continue;
    rows.push([
      a.adopterId,
      a.familyId ?? null,
      gender(a.gender),
      codedValue('List 11', 'Ethnicity', a.ethnicity),
      yesNo(a.disability),
      yesNo(a.fosteringForAdoption),
      a.enquiryDate,
      a.stage1Start ?? null,
      a.stage1End ?? null,
      a.stage2Start ?? null,
      a.stage2End ?? null,
      a.applicationDate ?? null,
      a.approvedDate ?? null,
      a.matchedDate ?? null,
      a.placedDate ?? null,
      a.childrenPlaced ?? null,
      a.adoptionOrderDate ?? null,
      a.leftDate ?? null,
      (a.leftReason && LEAVING[a.leftReason]) ?? null,
    ]);
  }
  return rows;
}
