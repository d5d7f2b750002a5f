/**
 * THE adapter from the app's journey tables to `@waypoint/returns`' model: one child's rows (as
 * `load-record.ts` reads them) become one `Child`, from which the library builds the CIN census,
 * the SSDA903 return and Annex A. Pure: no database, no clock (`asAt` is the day the return is
 * built as of). Every statutory field either comes from the record here or is listed, with why, in
 * `field-sources.ts` (and the README beside this file).
 */
import type {
  Assessment,
  Child,
  ChildProtectionPlan,
  CinEpisode,
  LookedAfterEpisode,
  ReturnsInput,
  Section47,
} from '@waypoint/returns';
import type { LoadedChild, RecordRows } from './load-record.ts';

const SEX = { female: 'F', male: 'M', unknown: 'U' } as const;

/** Outcomes of an assessment that mean the child needs children's social care support (Annex A list 4). */
const NEEDS_SUPPORT = new Set(['cin-plan', 'strategy', 'looked-after']);

/**
 * The LA child ID: the record's own `la_child_id` when one is set, otherwise the last 20 hex
 * digits of the record id in upper case (≤ 20 letters or digits, as CIN rules 1570 and 1580 ask;
 * stable, and unique within the LA).
 */
export function laChildIdOf(c: { id: string; la_child_id: string | null }): string {
  return c.la_child_id ?? c.id.replace(/-/g, '').slice(-20).toUpperCase();
}

const addMonths = (iso: string, months: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
const latest = (xs: readonly (string | null | undefined)[]): string | null =>
  xs.reduce<string | null>((m, x) => (x != null && (m === null || x > m) ? x : m), null);
const within = (d: string, from: string, to: string | null): boolean => d >= from && (to === null || d <= to);

function section47s(rows: RecordRows, episodeId: string): Section47[] {
  return rows.s47s
    .filter((s) => s.cin_episode_id === episodeId)
    .map((s) => {
      const icpc = rows.conferences.find((c) => c.kind === 'initial' && c.s47_enquiry_id === s.id);
      return {
        // The record's own id: the DfE daily feed's section 47 id, stable when dates are corrected.
        id: s.id,
        startDate: s.started_on,
        // Not recorded: the target date for the conference (the worker's own timescales are not the DfE's target).
        icpcTarget: null,
        dateOfInitialCpc: icpc?.held_on ?? null,
        // Completed without deciding on a conference: the conference was not needed.
        icpcNotRequired: s.completed_on !== null && s.outcome !== 'conference',
        endDate: s.completed_on,
        icpcResultedInPlan: icpc === undefined ? null : icpc.decision === 'plan',
      };
    });
}

function assessments(rows: RecordRows, episodeId: string): Assessment[] {
  return rows.assessments
    .filter((a) => a.cin_episode_id === episodeId)
    .map((a) => {
      const end = a.completed_on;
      const seen = rows.visits.some((v) => v.seen !== 'not-seen' && within(v.visit_date, a.started_on, end));
      return {
        startDate: a.started_on,
        internalReviewDate: null,
        authorisationDate: end,
        // Factors are identified at the end of an assessment; none are reported for an open one (rule 8614).
        factors: end === null ? null : a.factors.length > 0 ? [...a.factors] : null,
        childSeen: seen,
        needsSupport: a.outcome === null ? null : NEEDS_SUPPORT.has(a.outcome),
      };
    });
}

function protectionPlans(rows: RecordRows, episodeId: string): ChildProtectionPlan[] {
  return rows.cpPlans
    .filter((p) => p.cin_episode_id === episodeId)
    .map((p) => {
      const during = rows.visits.filter((v) => within(v.visit_date, p.started_on, p.ended_on));
      const last = during.at(-1);
      return {
        startDate: p.started_on,
        endDate: p.ended_on,
        initialCategory: p.initial_category,
        latestCategory: p.latest_category,
        // Counted as D2I's standard dataset export counts it (every plan of the child up to and
        // including this one), so a first plan is 1: the DfE XSD types the item positiveInteger.
        numberOfPreviousCpps: rows.cpPlans.filter((q) => q.started_on <= p.started_on).length,
        reviews: rows.conferences
          .filter(
            (c) =>
              c.kind === 'review' &&
              c.cin_episode_id === episodeId &&
              c.held_on > p.started_on &&
              (p.ended_on === null || c.held_on <= p.ended_on),
          )
          .map((c) => c.held_on),
        lastVisitDate: last?.visit_date ?? null,
        seenAlone: last === undefined ? null : last.seen === 'seen-alone',
      };
    });
}

function cinEpisodes(rows: RecordRows): CinEpisode[] {
  return rows.episodes.map((e) => {
    const s47 = section47s(rows, e.id);
    const own = rows.conferences.find(
      (c) => c.kind === 'initial' && c.cin_episode_id === e.id && c.s47_enquiry_id === null,
    );
    return {
      // The record's own id: the DfE daily feed's episode id, stable when the referral date is corrected.
      id: e.id,
      referralDate: e.referral_on,
      referralSource: e.source,
      primaryNeedCode: e.primary_need,
      closureDate: e.closed_on,
      closureReason: e.closure_reason,
      // An initial conference not preceded by a section 47 in this episode (e.g. a transfer-in).
      dateOfInitialCpc: own?.held_on ?? null,
      referralNfa: e.nfa,
      assessments: assessments(rows, e.id),
      cinPlans: rows.cinPlans
        .filter((p) => p.cin_episode_id === e.id)
        .map((p) => ({ startDate: p.started_on, endDate: p.ended_on })),
      section47s: s47,
      childProtectionPlans: protectionPlans(rows, e.id),
      preProceedings: [],
    };
  });
}

function lookedAfter(rows: RecordRows, homePostcode: string | null): LookedAfterEpisode[] {
  return rows.care.map((c) => ({
    startDate: c.started_on,
    reasonNewEpisode: c.reason_new,
    legalStatus: c.legal_status,
    categoryOfNeed: c.category_of_need,
    placement: c.placement_type,
    // The care step names the provider in words; only a PR0–PR5 code typed there is the 903 code.
    placementProvider: c.provider !== null && /^PR[0-5]$/.test(c.provider) ? c.provider : null,
    endDate: c.ended_on,
    reasonEnded: c.reason_end,
    reasonPlaceChange: null,
    homePostcode,
    placementPostcode: c.placement_postcode,
    urn: null,
    placementLa: null,
  }));
}

/**
 * One child of the returns model from their record.
 * @param asAt the day the return is built as of (YYYY-MM-DD), for the "in the last six months" items
 * @example toReturnsChild(loaded, '2026-01-15').cinEpisodes[0]?.referralSource
 */
export function toReturnsChild(loaded: LoadedChild, asAt: string): Child {
  const { child: c, rows } = loaded;
  const seenVisits = rows.visits.filter((v) => v.seen !== 'not-seen' && v.visit_date <= asAt);
  const sixMonthsAgo = addMonths(asAt, -6);
  const unborn = c.kind === 'unborn';
  return {
    laChildId: laChildIdOf(c),
    upn: c.upn,
    formerUpn: null,
    upnUnknown: null,
    // Names go only to the DfE daily feed; a restricted record's never do (its README says why).
    firstName: c.is_restricted ? null : c.given_name,
    surname: c.is_restricted ? null : c.family_name,
    nhsNumber: c.nhs_number,
    birthDate: unborn ? null : c.date_of_birth,
    expectedBirthDate: unborn ? c.expected_date_of_birth : null,
    deathDate: c.date_of_death,
    sex: c.sex === null ? null : SEX[c.sex],
    ethnicity: c.ethnicity,
    disabilities: [...c.disabilities],
    postcode: c.postcode,
    allocatedTeam: c.team_name,
    allocatedWorker: c.worker_name,
    contacts: rows.contacts
      .filter(
        (x): x is { received_on: string; source: string } => x.received_on !== null && x.source !== null,
      )
      .map((x) => ({ date: x.received_on, source: x.source })),
    earlyHelp: rows.earlyHelp.map((e) => ({
      startDate: e.started_on,
      endDate: e.assessment_on,
      organisation: null,
    })),
    cinEpisodes: cinEpisodes(rows),
    lastSeenDate: latest(seenVisits.map((v) => v.visit_date)),
    lookedAfter: lookedAfter(rows, c.postcode),
    lacReviews: rows.careReviews.map((r) => ({ date: r.held_on, participation: r.participation })),
    missing: rows.missing.map((m) => ({
      type: m.kind === 'missing' ? 'M' : 'A',
      startDate: m.started_on,
      endDate: m.ended_on,
      returnInterviewOffered: m.return_interview === null ? null : m.return_interview !== 'not-offered',
      returnInterviewAccepted: m.return_interview === null ? null : m.return_interview === 'accepted',
    })),
    uasc: null,
    motherChildBirthDate: null,
    health: null,
    careLeaver: null,
    adoption: null,
    previousPermanence: null,
    socialWorkerEpisodes: [],
    permanencePlan: null,
    lastSocialWorkVisit: latest(rows.visits.filter((v) => v.visit_date <= asAt).map((v) => v.visit_date)),
    lastIroContact: null,
    emergencyProtectionLast6Months: rows.care.some(
      (e) =>
        (e.legal_status === 'L1' || e.legal_status === 'L2') &&
        e.started_on <= asAt &&
        (e.ended_on === null || e.ended_on >= sixMonthsAgo),
    ),
  };
}

/** The whole returns input of an LA from its loaded children. */
export function toReturnsInput(
  laCode: string,
  laName: string | null,
  children: readonly LoadedChild[],
  asAt: string,
): ReturnsInput {
  return { laCode, laName, children: children.map((c) => toReturnsChild(c, asAt)), adopters: [] };
}
