/** Reads CIN census XML (from this or any other system) into the model. */
import { SaxesParser } from 'saxes';
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
import type { CensusHeader, CinCensus } from './census.ts';

/** The input is not a CIN census XML file; the message says why, on one line. */
export class CinParseError extends Error {}

const REPEATED = new Set([
  'Source',
  'Child',
  'Disability',
  'CINdetails',
  'Assessments',
  'AssessmentFactors',
  'CINPlanDates',
  'Section47',
  'ChildProtectionPlans',
  'CPPreviewDate',
  'PreProceedingsandFGDM',
]);

type Node = Record<string, unknown>;

interface Frame {
  name: string;
  obj: Node;
  text: string;
  hasChildren: boolean;
}

/**
 * Parses CIN census XML in one streaming pass (saxes checks it is well formed); each <Child> is
 * turned into the model as soon as it closes, so memory follows the model, not the XML tree.
 * @example const census = parseCinXml(readFileSync('census.xml', 'utf8'));
 * @throws CinParseError when the text is not well-formed XML or not a CIN census `Message`.
 */
export function parseCinXml(xml: string, onChild?: (count: number) => void): CinCensus {
  if (!xml.trim()) throw new CinParseError('the file is empty');
  const parser = new SaxesParser({ position: true });
  const stack: Frame[] = [];
  const children: Child[] = [];
  let message: Node | null = null;
  let sawChildren = false;
  parser.on('opentag', (tag) => {
    const name = tag.name.includes(':') ? tag.name.slice(tag.name.indexOf(':') + 1) : tag.name;
    if (stack.length === 0 && name !== 'Message')
      throw new CinParseError(`root element is <${name}>, expected <Message>`);
    if (stack.length === 1 && name === 'Children') sawChildren = true;
    const top = stack[stack.length - 1];
    if (top) top.hasChildren = true;
    stack.push({ name, obj: {}, text: '', hasChildren: false });
  });
  const onText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    const value = frame.hasChildren ? frame.obj : frame.text.trim();
    const parent = stack[stack.length - 1];
    if (!parent) {
      message = frame.obj;
      return;
    }
    if (frame.name === 'Child' && parent.name === 'Children') {
      children.push(readChild(node(value)));
      if (onChild && children.length % 5000 === 0) onChild(children.length);
      return;
    }
    if (REPEATED.has(frame.name)) {
      const items = parent.obj[frame.name];
      if (Array.isArray(items)) items.push(value);
      else parent.obj[frame.name] = [value];
    } else parent.obj[frame.name] = value;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof CinParseError) throw e;
    const msg = (e as Error).message.replace(/\s+/g, ' ');
    const at = /^(\d+):(\d+): (.*)$/.exec(msg);
    throw new CinParseError(
      at ? `not well-formed XML at line ${at[1]}, column ${at[2]}: ${at[3]}` : `not well-formed XML: ${msg}`,
    );
  }
  if (!message) throw new CinParseError('no <Message> element');
  if (!sawChildren) throw new CinParseError('no <Children> element in <Message>');
  const header = node(node(message).Header);
  const details = node(header.CollectionDetails);
  const source = node(list(header.Source)[0]);
  const censusHeader: CensusHeader = {
    collection: text(details.Collection),
    year: text(details.Year),
    referenceDate: text(details.ReferenceDate),
    sourceLevel: text(source.SourceLevel),
    lea: text(source.LEA),
    softwareCode: text(source.SoftwareCode),
    release: text(source.Release),
    serialNo: text(source.SerialNo),
    dateTime: text(source.DateTime),
  };
  return { header: censusHeader, children };
}

function node(v: unknown): Node {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {};
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

/** Element text, or null when the element is absent or empty. */
function text(v: unknown): string | null {
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

function readChild(c: Node): Child {
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
