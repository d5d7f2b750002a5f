/**
 * The input model: one child's statutory history, as the app (or any case system) hands it to
 * this library. Every return (CIN census, SSDA903, Annex A) is built from it, and a parsed CIN
 * census XML file becomes one. Dates are ISO `YYYY-MM-DD` strings; codes are the DfE codes as
 * strings (kept as given, so the validator can report a wrong code rather than lose it).
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/**
 * A yes/no flag. `true`/`false` normally; a string only when a parsed file held a value that is
 * not one of the XSD's yes/no spellings, kept so that the validator can report it.
 */
export type YesNo = boolean | string | null;

/** The whole input: the local authority and its children (and, for Annex A list 11, adopters). */
export interface ReturnsInput {
  /** Three-digit DfE LA code, e.g. `"201"`. */
  laCode: string;
  laName?: string | null;
  children: Child[];
  /** Prospective adopters in contact with the adoption agency (Annex A list 11). */
  adopters?: Adopter[];
}

export interface Child {
  /** LA child ID: up to 20 letters or digits (CIN rules 1570 and 1580 from 2024/25). */
  laChildId: string;
  upn?: string | null;
  formerUpn?: string | null;
  /** UN1–UN7 when the UPN is not known. */
  upnUnknown?: string | null;
  /**
   * Given first name and surname: only the DfE daily feed sends them (no census or return does).
   * A case system leaves them out for a child whose names must not leave it (a protected identity).
   */
  firstName?: string | null;
  surname?: string | null;
  nhsNumber?: string | null;
  birthDate?: IsoDate | null;
  /** For an unborn child: the expected date of birth (and no birth date). */
  expectedBirthDate?: IsoDate | null;
  deathDate?: IsoDate | null;
  /** Sex: M, F or U (the CIN census item from 2024/25). */
  sex?: string | null;
  /**
   * The CIN census `GenderCurrent` code (1, 2, 0, 9) used up to 2023/24. When absent it is derived
   * from `sex` (M→1, F→2, U→0). Parsed pre-2024/25 files fill it.
   */
  genderCurrent?: string | null;
  /** CIN ethnicity code (WBRI … NOBT). */
  ethnicity?: string | null;
  /** CIN disability codes (NONE, MOB, … DDA). Empty or absent when none are recorded. */
  disabilities?: string[];
  /** Home postcode. */
  postcode?: string | null;
  allocatedTeam?: string | null;
  allocatedWorker?: string | null;
  /** Contacts received (Annex A list 1). */
  contacts?: Contact[];
  /** Early help assessments (Annex A list 2). */
  earlyHelp?: EarlyHelpAssessment[];
  /** Children in need episodes (referrals), oldest first. */
  cinEpisodes: CinEpisode[];
  /** Date the child was last seen by a social worker (Annex A lists 6–8). */
  lastSeenDate?: IsoDate | null;
  /** Looked-after history: one entry per SSDA903 episode (a change of legal status or placement). */
  lookedAfter?: LookedAfterEpisode[];
  /** Looked-after reviews (903 Reviews). */
  lacReviews?: LacReview[];
  /** Missing and absent episodes while looked after (903 Missing, Annex A list 8). */
  missing?: MissingEpisode[];
  /** Date the child stopped being an unaccompanied asylum-seeking child, when they were one (903 UASC). */
  uasc?: { isUasc: boolean; ceasedDate?: IsoDate | null } | null;
  /** Mother's child's date of birth when the looked-after child is a mother (903 Header MC_DOB). */
  motherChildBirthDate?: IsoDate | null;
  /** Outcomes for children looked after 12 months or more (903 OC2, Annex A list 8). */
  health?: HealthOutcomes | null;
  /** Care leaver information (903 OC3, Annex A list 9). */
  careLeaver?: CareLeaver | null;
  /** Adoption information (903 AD1 and PlacedAdoption, Annex A list 10). */
  adoption?: Adoption | null;
  /** Previous permanence before the current period of care (903 PrevPerm). */
  previousPermanence?: PreviousPermanence | null;
  /** Social worker episodes while looked after (903 SWEpisodes). */
  socialWorkerEpisodes?: SocialWorkerEpisode[];
  /** The permanence plan (Annex A list 8 code letter a–g), latest IRO and social work visits. */
  permanencePlan?: string | null;
  lastSocialWorkVisit?: IsoDate | null;
  lastIroContact?: IsoDate | null;
  /** Whether the child was subject to an EPO or police protection in the last six months (Annex A list 7). */
  emergencyProtectionLast6Months?: boolean | null;
}

export interface Contact {
  date: IsoDate;
  /** CIN referral source code (1A … 10). */
  source: string;
}

export interface EarlyHelpAssessment {
  startDate: IsoDate;
  endDate?: IsoDate | null;
  organisation?: string | null;
}

/** One CIN episode: a referral, through assessment and plans, to closure. */
export interface CinEpisode {
  /** The case system's own stable id of this item (the DfE daily feed's id for it); derived from its dates when absent. */
  id?: string | null;
  referralDate: IsoDate | null;
  /** CIN referral source code (1A … 10). */
  referralSource: string | null;
  /** Primary need code N0–N9. */
  primaryNeedCode?: string | null;
  closureDate?: IsoDate | null;
  /** RC1–RC9. */
  closureReason?: string | null;
  /** An initial child protection conference not preceded by a section 47 in this episode. */
  dateOfInitialCpc?: IsoDate | null;
  /** The referral led to no further action. */
  referralNfa: YesNo;
  assessments?: Assessment[];
  cinPlans?: CinPlan[];
  section47s?: Section47[];
  childProtectionPlans?: ChildProtectionPlan[];
  /** Pre-proceedings and family group decision making (CIN census from 2025/26). */
  preProceedings?: PreProceedings[];
}

export interface Assessment {
  /** The case system's own stable id of this item (the DfE daily feed's id for it); derived from its dates when absent. */
  id?: string | null;
  startDate: IsoDate | null;
  internalReviewDate?: IsoDate | null;
  /** Date the assessment was completed and authorised. */
  authorisationDate?: IsoDate | null;
  /** Factors identified; `null` or absent when none are recorded. */
  factors?: string[] | null;
  /** Whether the child was seen during the assessment (Annex A list 4). */
  childSeen?: boolean | null;
  /** Whether the assessment found the child needs social care support (Annex A list 4). */
  needsSupport?: boolean | null;
}

export interface CinPlan {
  /** The case system's own stable id of this item (the DfE daily feed's id for it); derived from its dates when absent. */
  id?: string | null;
  startDate: IsoDate | null;
  endDate?: IsoDate | null;
}

export interface Section47 {
  /** The case system's own stable id of this item (the DfE daily feed's id for it); derived from its dates when absent. */
  id?: string | null;
  startDate: IsoDate | null;
  icpcTarget?: IsoDate | null;
  dateOfInitialCpc?: IsoDate | null;
  icpcNotRequired: YesNo;
  /** Date the enquiry was closed (the DfE daily feed's section 47 `end_date`; no census item). */
  endDate?: IsoDate | null;
  /** Whether the ICPC resulted in a child protection plan (Annex A list 5). */
  icpcResultedInPlan?: boolean | null;
}

export interface ChildProtectionPlan {
  /** The case system's own stable id of this item (the DfE daily feed's id for it); derived from its dates when absent. */
  id?: string | null;
  startDate: IsoDate | null;
  endDate?: IsoDate | null;
  /** NEG, PHY, SAB, EMO or MUL. */
  initialCategory: string | null;
  latestCategory: string | null;
  numberOfPreviousCpps: number | null;
  /** Review conference dates; `null` for a review recorded without a date. */
  reviews?: (IsoDate | null)[];
  lastVisitDate?: IsoDate | null;
  seenAlone?: boolean | null;
}

export interface PreProceedings {
  startDate?: IsoDate | null;
  letterBeforeProceedingsSentDate?: IsoDate | null;
  fgdmMeetingOffered?: YesNo;
  fgdmMeetingFacilitated?: YesNo;
  initialMeetingDate?: IsoDate | null;
  reviewMeetingsCount?: number | null;
  stepDecisionDate?: IsoDate | null;
  outcome?: string | null;
  courtApplicationDate?: IsoDate | null;
  letterInitialCpDate?: IsoDate | null;
}

/** One SSDA903 episode of care: a period with one legal status and one placement. */
export interface LookedAfterEpisode {
  /** The case system's own stable id of this item (the DfE daily feed's id for it); derived from its dates when absent. */
  id?: string | null;
  startDate: IsoDate;
  /** Reason for new episode: S, L, P, T, B, U. */
  reasonNewEpisode: string;
  /** Legal status: C1, C2, D1, E1, V2, V3, V4, L1, L2, L3, J1, J2, J3. */
  legalStatus: string;
  /** Category of need N1–N8. */
  categoryOfNeed: string;
  /** Placement type, e.g. U1, K2, R1. */
  placement: string;
  /** PR0–PR5. */
  placementProvider?: string | null;
  endDate?: IsoDate | null;
  /** Reason episode ceased: X1, E11 … E8. */
  reasonEnded?: string | null;
  /** CARPL, CLOSE, … OTHER. */
  reasonPlaceChange?: string | null;
  homePostcode?: string | null;
  placementPostcode?: string | null;
  /** Ofsted URN of the placement, or "XXXXXXX". */
  urn?: string | null;
  /** Placement LA code (Annex A list 8); defaults to the reporting LA. */
  placementLa?: string | null;
}

export interface LacReview {
  date: IsoDate;
  /** Participation code PN0–PN7. */
  participation?: string | null;
}

export interface MissingEpisode {
  /** M (missing) or A (absent). */
  type: string;
  startDate: IsoDate;
  endDate?: IsoDate | null;
  returnInterviewOffered?: boolean | null;
  returnInterviewAccepted?: boolean | null;
}

export interface HealthOutcomes {
  sdqScore?: number | null;
  /** SDQ1–SDQ5 when no score. */
  sdqReason?: string | null;
  convicted?: boolean | null;
  healthCheck?: boolean | null;
  immunisations?: boolean | null;
  teethCheck?: boolean | null;
  healthAssessment?: boolean | null;
  substanceMisuse?: boolean | null;
  interventionReceived?: boolean | null;
  interventionOffered?: boolean | null;
  lastHealthAssessmentDate?: IsoDate | null;
  lastDentalCheckDate?: IsoDate | null;
}

export interface CareLeaver {
  /** Relevant child, Former relevant child, Qualifying care leaver (Annex A list 9). */
  eligibility?: string | null;
  /** YES, NO, DIED, REFU, NREQ, RHOM. */
  inTouch?: string | null;
  /** F1, P1, F2, P2, F4, P4, F5, P5, G4, G5, G6, 0. */
  activity?: string | null;
  /** Accommodation letter + 1 or 2 (suitable/unsuitable), or 0. */
  accommodation?: string | null;
}

export interface Adoption {
  familyId?: string | null;
  decisionDate?: IsoDate | null;
  placementOrderDate?: IsoDate | null;
  matchedDate?: IsoDate | null;
  placedDate?: IsoDate | null;
  adoptionOrderDate?: IsoDate | null;
  placedCeasedDate?: IsoDate | null;
  /** RD1–RD4 (903 REASON_PLACED_CEASED, Annex A list 10). */
  placedCeasedReason?: string | null;
  /** Date of the decision that the child should no longer be placed for adoption. */
  noLongerPlacedDate?: IsoDate | null;
  ffaPlacementDate?: IsoDate | null;
  /** 903 AD1: fostered by the adopters first, number, sex and legal status of the adopters. */
  fosterCare?: boolean | null;
  numberOfAdopters?: number | null;
  sexOfAdopters?: string | null;
  legalStatusOfAdopters?: string | null;
}

export interface PreviousPermanence {
  /** P1–P4 or Z1. */
  type: string;
  la?: string | null;
  /** The date, or its year only, as the 903 allows (`dd/mm/yyyy` or `Zz/Zz/yyyy`). */
  date?: IsoDate | null;
}

export interface SocialWorkerEpisode {
  /** Social Work England registration number. */
  workerId: string;
  startDate: IsoDate;
  endDate?: IsoDate | null;
  /** Why this worker's episode ended (MANAGE, FCONTA, … OTHERS): the next episode's 903 SW_REASON. */
  reasonEnded?: string | null;
  /**
   * The reason for the change of social worker that began this episode (903 SW_REASON, the same
   * codes). When absent the previous episode's `reasonEnded` is used; the child's first worker has
   * none unless it is given (the DfE validation asks for it on every episode from 1 April 2023).
   */
  changeReason?: string | null;
}

/** A (prospective) adopter for Annex A list 11. */
export interface Adopter {
  adopterId: string;
  familyId?: string | null;
  /** M, F or U. */
  gender?: string | null;
  ethnicity?: string | null;
  disability?: boolean | null;
  fosteringForAdoption?: boolean | null;
  enquiryDate: IsoDate;
  stage1Start?: IsoDate | null;
  stage1End?: IsoDate | null;
  stage2Start?: IsoDate | null;
  stage2End?: IsoDate | null;
  applicationDate?: IsoDate | null;
  approvedDate?: IsoDate | null;
  matchedDate?: IsoDate | null;
  placedDate?: IsoDate | null;
  childrenPlaced?: number | null;
  adoptionOrderDate?: IsoDate | null;
  leftDate?: IsoDate | null;
  /** 1 withdrew, 2 on hold, 3 refused. */
  leftReason?: string | null;
}
