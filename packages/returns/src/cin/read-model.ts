/** Turns the element tree of one parsed <Child> into the model (used by parse-xml.ts). */
import type {
  Assessment,
  Child,
  ChildProtectionPlan,
  CinEpisode,
  CinPlan,
  PreProceedings,
  Section47,
  YesNo,
} from '../model/types.ts';

/** An element with child elements: name → text, node, or list of them for repeated elements. */
export type Node = Record<string, unknown>;

export function node(v: unknown): Node {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {};
}

export function list(v: unknown): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

/** Element text, or null when the element is absent or empty. */
export function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function yesNo(v: unknown): YesNo {
  const t = text(v);
  if (t === null) return null;
  if (t === 'true' || t === 'TRUE' || t === '1') return true;
  if (t === 'false' || t === 'FALSE' || t === '0') return false;
  return t;
}

function int(v: unknown): number | null {
  const t = text(v);
  return t !== null && /^\s*\d+\s*$/.test(t) ? Number(t) : null;
}

export function readChild(c: Node): Child {
  const ids = node(c.ChildIdentifiers);
  const chars = node(c.ChildCharacteristics);
  return {
    laChildId: text(ids.LAchildID) ?? '',
    upn: text(ids.UPN),
    formerUpn: text(ids.FormerUPN),
    upnUnknown: text(ids.UPNunknown),
    birthDate: text(ids.PersonBirthDate),
    expectedBirthDate: text(ids.ExpectedPersonBirthDate),
    sex: text(ids.Sex),
    genderCurrent: text(ids.GenderCurrent),
    deathDate: text(ids.PersonDeathDate),
    ethnicity: text(chars.Ethnicity),
    disabilities: list(node(chars.Disabilities).Disability).map((d) => text(d) ?? ''),
    cinEpisodes: list(c.CINdetails).map((e) => readEpisode(node(e))),
  };
}

function readEpisode(e: Node): CinEpisode {
  return {
    referralDate: text(e.CINreferralDate),
    referralSource: text(e.ReferralSource),
    primaryNeedCode: text(e.PrimaryNeedCode),
    closureDate: text(e.CINclosureDate),
    closureReason: text(e.ReasonForClosure),
    dateOfInitialCpc: text(e.DateOfInitialCPC),
    referralNfa: yesNo(e.ReferralNFA),
    assessments: list(e.Assessments).map((a) => readAssessment(node(a))),
    cinPlans: list(e.CINPlanDates).map((p): CinPlan => ({
      startDate: text(node(p).CINPlanStartDate),
      endDate: text(node(p).CINPlanEndDate),
    })),
    section47s: list(e.Section47).map((s) => readSection47(node(s))),
    childProtectionPlans: list(e.ChildProtectionPlans).map((p) => readCpp(node(p))),
    preProceedings: list(e.PreProceedingsandFGDM).map((p) => readPreProceedings(node(p))),
  };
}

function readAssessment(a: Node): Assessment {
  const hasFactors = 'FactorsIdentifiedAtAssessment' in a;
  return {
    startDate: text(a.AssessmentActualStartDate),
    internalReviewDate: text(a.AssessmentInternalReviewDate),
    authorisationDate: text(a.AssessmentAuthorisationDate),
    factors: hasFactors
      ? list(node(a.FactorsIdentifiedAtAssessment).AssessmentFactors).map((f) => text(f) ?? '')
      : null,
  };
}

function readSection47(s: Node): Section47 {
  return {
    startDate: text(s.S47ActualStartDate),
    icpcTarget: text(s.InitialCPCtarget),
    dateOfInitialCpc: text(s.DateOfInitialCPC),
    icpcNotRequired: yesNo(s.ICPCnotRequired),
  };
}

function readCpp(p: Node): ChildProtectionPlan {
  const hasReviews = 'Reviews' in p;
  return {
    startDate: text(p.CPPstartDate),
    endDate: text(p.CPPendDate),
    initialCategory: text(p.InitialCategoryOfAbuse),
    latestCategory: text(p.LatestCategoryOfAbuse),
    numberOfPreviousCpps: int(p.NumberOfPreviousCPP),
    reviews: hasReviews ? reviewDates(p.Reviews) : [],
  };
}

/** Review dates; an empty `<Reviews/>` or empty `<CPPreviewDate/>` is a review with no date. */
function reviewDates(v: unknown): (string | null)[] {
  const dates = list(node(v).CPPreviewDate).map((d) => text(d));
  return dates.length > 0 ? dates : [null];
}

function readPreProceedings(p: Node): PreProceedings {
  return {
    startDate: text(p.PPStartDate),
    letterBeforeProceedingsSentDate: text(p.LBPSentDate),
    fgdmMeetingOffered: yesNo(p.FGDMMeetingOffer),
    fgdmMeetingFacilitated: yesNo(p.FGDMMeetingFac),
    initialMeetingDate: text(p.InitialPPMeetingDate),
    reviewMeetingsCount: int(p.ReviewMeetingsCount),
    stepDecisionDate: text(p.StepDecisionDate),
    outcome: text(p.PPOutcome),
    courtApplicationDate: text(p.CourtAppDate),
    letterInitialCpDate: text(p.LetterInitCPDate),
  };
}
