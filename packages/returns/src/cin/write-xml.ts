/** Writes a CIN census (model form) as DfE CIN census XML for a collection year. */
import type { Child, CinEpisode } from '../model/types.ts';
import { type CollectionYear, hasPreProceedings, usesSex } from '../years.ts';
import type { CinCensus } from './census.ts';
import { flagValue, genderCurrentOf, sexOf } from './rules/helpers.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const SPECIAL = /[&<>"']/;
const esc = (s: string): string => (SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s);
const INDENT = Array.from({ length: 16 }, (_, i) => '  '.repeat(i));

class XmlOut {
  readonly parts: string[] = [];
  private depth = 0;
  open(tag: string): void {
    this.parts.push(`${INDENT[this.depth++]}<${tag}>\n`);
  }
  close(tag: string): void {
    this.parts.push(`${INDENT[--this.depth]}</${tag}>\n`);
  }
  /** An element that must be present (written empty when the value is missing). */
  req(tag: string, v: string | number | null | undefined): void {
    this.parts.push(`${INDENT[this.depth]}<${tag}>${v == null ? '' : esc(String(v))}</${tag}>\n`);
  }
  /** An optional element, left out when the value is missing. */
  opt(tag: string, v: string | number | null | undefined): void {
    if (v != null && v !== '') this.req(tag, v);
  }
}

/**
 * The census as XML text. Up to 2023/24 the child's `GenderCurrent` is written; from 2024/25
 * `Sex`; from 2025/26 the pre-proceedings module.
 * @example writeCinXml(censusFromInput(input, '2025-26'), '2025-26')
 */
export function writeCinXml(census: CinCensus, year: CollectionYear): string {
  const x = new XmlOut();
  x.parts.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  x.open('Message');
  x.open('Header');
  x.open('CollectionDetails');
  const h = census.header;
  x.opt('Collection', h.collection);
  x.opt('Year', h.year);
  x.opt('ReferenceDate', h.referenceDate);
  x.close('CollectionDetails');
  x.open('Source');
  x.opt('SourceLevel', h.sourceLevel);
  x.req('LEA', h.lea);
  x.opt('SoftwareCode', h.softwareCode);
  x.opt('Release', h.release);
  x.opt('SerialNo', h.serialNo);
  x.opt('DateTime', h.dateTime);
  x.close('Source');
  x.close('Header');
  x.open('Children');
  for (const c of census.children) writeChild(x, c, year);
  x.close('Children');
  x.close('Message');
  return x.parts.join('');
}

function writeChild(x: XmlOut, c: Child, year: CollectionYear): void {
  x.open('Child');
  x.open('ChildIdentifiers');
  x.req('LAchildID', c.laChildId);
  x.opt('UPN', c.upn);
  x.opt('FormerUPN', c.formerUpn);
  x.opt('UPNunknown', c.upnUnknown);
  x.opt('PersonBirthDate', c.birthDate);
  x.opt('ExpectedPersonBirthDate', c.expectedBirthDate);
  if (usesSex(year)) x.req('Sex', sexOf(c));
  else x.req('GenderCurrent', genderCurrentOf(c));
  x.opt('PersonDeathDate', c.deathDate);
  x.close('ChildIdentifiers');
  x.open('ChildCharacteristics');
  x.req('Ethnicity', c.ethnicity);
  if (c.disabilities && c.disabilities.length > 0) {
    x.open('Disabilities');
    for (const d of c.disabilities) x.req('Disability', d);
    x.close('Disabilities');
  }
  x.close('ChildCharacteristics');
  for (const ep of c.cinEpisodes) writeEpisode(x, ep, year);
  x.close('Child');
}

function writeEpisode(x: XmlOut, ep: CinEpisode, year: CollectionYear): void {
  x.open('CINdetails');
  x.req('CINreferralDate', ep.referralDate);
  x.req('ReferralSource', ep.referralSource);
  x.opt('PrimaryNeedCode', ep.primaryNeedCode);
  x.opt('CINclosureDate', ep.closureDate);
  x.opt('ReasonForClosure', ep.closureReason);
  x.opt('DateOfInitialCPC', ep.dateOfInitialCpc);
  for (const a of ep.assessments ?? []) {
    x.open('Assessments');
    x.req('AssessmentActualStartDate', a.startDate);
    x.opt('AssessmentInternalReviewDate', a.internalReviewDate);
    x.opt('AssessmentAuthorisationDate', a.authorisationDate);
    if (a.factors && a.factors.length > 0) {
      x.open('FactorsIdentifiedAtAssessment');
      for (const f of a.factors) x.req('AssessmentFactors', f);
      x.close('FactorsIdentifiedAtAssessment');
    }
    x.close('Assessments');
  }
  for (const p of ep.cinPlans ?? []) {
    x.open('CINPlanDates');
    x.req('CINPlanStartDate', p.startDate);
    x.opt('CINPlanEndDate', p.endDate);
    x.close('CINPlanDates');
  }
  for (const s of ep.section47s ?? []) {
    x.open('Section47');
    x.req('S47ActualStartDate', s.startDate);
    x.opt('InitialCPCtarget', s.icpcTarget);
    x.opt('DateOfInitialCPC', s.dateOfInitialCpc);
    x.req('ICPCnotRequired', flagValue(s.icpcNotRequired));
    x.close('Section47');
  }
  x.req('ReferralNFA', flagValue(ep.referralNfa));
  for (const p of ep.childProtectionPlans ?? []) {
    x.open('ChildProtectionPlans');
    x.req('CPPstartDate', p.startDate);
    x.opt('CPPendDate', p.endDate);
    x.req('InitialCategoryOfAbuse', p.initialCategory);
    x.req('LatestCategoryOfAbuse', p.latestCategory);
    x.req('NumberOfPreviousCPP', p.numberOfPreviousCpps);
    if (p.reviews && p.reviews.length > 0) {
      x.open('Reviews');
      for (const r of p.reviews) x.req('CPPreviewDate', r);
      x.close('Reviews');
    }
    x.close('ChildProtectionPlans');
  }
  if (hasPreProceedings(year)) {
    for (const p of ep.preProceedings ?? []) {
      x.open('PreProceedingsandFGDM');
      x.opt('PPStartDate', p.startDate);
      x.opt('LBPSentDate', p.letterBeforeProceedingsSentDate);
      x.opt('FGDMMeetingOffer', flagValue(p.fgdmMeetingOffered));
      x.opt('FGDMMeetingFac', flagValue(p.fgdmMeetingFacilitated));
      x.opt('InitialPPMeetingDate', p.initialMeetingDate);
      x.opt('ReviewMeetingsCount', p.reviewMeetingsCount);
      x.opt('StepDecisionDate', p.stepDecisionDate);
      x.opt('PPOutcome', p.outcome);
      x.opt('CourtAppDate', p.courtApplicationDate);
      x.opt('LetterInitCPDate', p.letterInitialCpDate);
      x.close('PreProceedingsandFGDM');
    }
  }
  x.close('CINdetails');
}
