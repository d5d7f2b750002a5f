/**
 * The child's journey as one timeline from the `journey_events` view: every contact, decision,
 * visit, note, plan, meeting and involvement, newest first, with filters. Titles are written here,
 * from codes, in the words practitioners use. Narrative only for viewers who may read case notes.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import { longDate } from '../http/forms/dates.ts';
import {
  abuseCategories,
  closureReasons,
  labelOf,
  legalStatuses,
  placementTypes,
  reasonsEpisodeEnded,
  referralSources,
  reviewParticipation,
} from './codes.ts';
import { planNames } from './steps/plans.ts';
import type { JourneyEventsView, PlanKind } from '../db/schema.ts';
import { feedbackDetail, feedbackTimelineRows, feedbackTitle } from '../feedback/timeline-events.ts';
import { lookupTitle } from '../involvement/words.ts';

export const eventGroups = {
  'front-door': 'Contacts and decisions',
  assessment: 'Referrals and assessments',
  protection: 'Child protection',
  plans: 'Plans and reviews',
  care: 'Looked after',
  visits: 'Visits',
  notes: 'Notes and documents',
  team: 'Allocation and involvement',
} as const;
export type EventGroup = keyof typeof eventGroups;

const groupOfKind: Record<string, EventGroup> = {
  contact: 'front-door',
  'contact-decision': 'front-door',
  'early-help': 'front-door',
  'early-help-end': 'front-door',
  referral: 'assessment',
  assessment: 'assessment',
  closure: 'assessment',
  strategy: 'protection',
  s47: 'protection',
  conference: 'protection',
  'cp-plan': 'protection',
  'cp-plan-end': 'protection',
  'cin-plan': 'plans',
  'cin-plan-end': 'plans',
  goal: 'plans',
  'plan-review': 'plans',
  timescale: 'plans',
  care: 'care',
  'care-end': 'care',
  'care-review': 'care',
  missing: 'care',
  visit: 'visits',
  note: 'notes',
  document: 'notes',
  allocation: 'team',
  involvement: 'team',
  'involvement-lookup': 'team',
  attendance: 'protection', // seen in unscheduled care, found by its CP-IS flag
  supervision: 'team', // discussed in reflective case supervision (insight/supervision.ts)
  feedback: 'plans', // a family's answers to a feedback request (feedback/timeline-events.ts)
};
const kindsIn = (groups: readonly EventGroup[]) =>
  Object.entries(groupOfKind)
    .filter(([, g]) => groups.includes(g))
    .map(([k]) => k);

export interface JourneyEvent {
  id: string;
  type: string;
  group: EventGroup;
  date: string;
  title: string;
  agency: string | null;
  author: string | null;
  /** Narrative, only when the viewer may read case notes. */
  text: string | null;
  childSaid: string | null;
  /**
   * A contact's referrer as recorded ("Name and role of the person who raised it") and whether they
   * asked not to be named to the family; only for viewers who may read case notes, else null.
   */
  referrer?: { name: string; askedNotToBeNamed: boolean } | null;
}

export interface TimelineFilter {
  groups?: EventGroup[] | undefined;
  agency?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const decisionTitles: Record<string, string> = {
  referral: 'Front door decision: referred to children’s social care',
  'early-help': 'Front door decision: early help offered',
  advice: 'Front door decision: advice and information',
  nfa: 'Front door decision: no further action',
};
const assessmentOutcomes: Record<string, string> = {
  'cin-plan': 'child in need plan',
  strategy: 'strategy discussion',
  'early-help': 'step down to early help',
  nfa: 'no further action',
  'looked-after': 'the child needs to be looked after',
};
const seen: Record<string, string> = {
  seen: 'child seen',
  'seen-alone': 'child seen alone',
  'not-seen': 'child not seen',
};
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function titleOf(kind: string, code: string | null, code2: string | null): string {
  switch (kind) {
    case 'contact':
      return `Contact received from ${lower(labelOf(referralSources, code) || 'an unknown source')}${code2 === null ? ': being screened' : ''}`;
    case 'contact-decision':
      return decisionTitles[code ?? ''] ?? 'Front door decision';
    case 'early-help':
      return code === 'step-down' ? 'Early help started (stepped down)' : 'Early help started';
    case 'early-help-end':
      return code === 'step-up' ? 'Early help ended: stepped up' : 'Early help ended';
    case 'referral':
      return `Referral: child in need episode opened${code2 === 'nfa' ? ' (no further action)' : ''}`;
    case 'closure':
      return `Episode closed: ${lower(labelOf(closureReasons, code))}`;
    case 'assessment':
      return code2 === 'open'
        ? 'Assessment started'
        : `Assessment completed: ${assessmentOutcomes[code ?? ''] ?? 'outcome not recorded'}`;
    case 'strategy':
      return code === 's47'
        ? 'Strategy discussion: section 47 enquiry to start'
        : 'Strategy discussion: no section 47 enquiry';
    case 's47':
      return code2 === 'open'
        ? 'Section 47 enquiry started'
        : `Section 47 enquiry completed: ${code === 'conference' ? 'initial conference' : code === 'cin-plan' ? 'child in need plan' : 'no further action'}`;
    case 'conference': {
      const [decision, category] = (code2 ?? '').split(':');
      const which =
        code === 'initial' ? 'Initial child protection conference' : 'Review child protection conference';
      const what =
        { plan: 'child protection plan', 'no-plan': 'no plan', continue: 'plan continues', end: 'plan ends' }[
          decision ?? ''
        ] ?? '';
      return `${which}: ${what}${category ? ` (${lower(labelOf(abuseCategories, category))})` : ''}`;
    }
    case 'cp-plan':
      return `Child protection plan started: ${lower(labelOf(abuseCategories, code))}`;
    case 'cp-plan-end':
      return 'Child protection plan ended';
    case 'cin-plan':
      return 'Child in need plan started';
    case 'cin-plan-end':
      return 'Child in need plan ended';
    case 'care': {
      const [placement, provider] = (code2 ?? '').split(':');
      return `Looked after: ${lower(labelOf(legalStatuses, code))}; ${lower(labelOf(placementTypes, placement))}${provider ? ` (${provider})` : ''}`;
    }
    case 'care-end':
      return code === 'X1'
        ? 'Placement or legal status changed'
        : `Left care: ${lower(labelOf(reasonsEpisodeEnded, code))}`;
    case 'care-review':
      return `Looked-after review: ${lower(labelOf(reviewParticipation, code))}`;
    case 'missing':
      return code === 'away' ? 'Away without permission' : 'Missing from home or care';
    case 'visit':
      return `Visit: ${seen[code ?? ''] ?? 'recorded'}${code2 !== null ? ` (${code2} minutes with the child)` : ''}`;
    case 'note':
      return `Case note: ${code2 ?? ''}`;
    case 'document':
      return `Document added: ${code2 ?? ''}`;
    case 'goal':
      return `Goal added to the ${lower(planNames[code as PlanKind] ?? 'plan')}`;
    case 'plan-review':
      return `Review of the ${lower(planNames[code as PlanKind] ?? 'plan')}${code2 ? `: the child ${code2 === 'yes' ? 'agrees' : code2 === 'partly' ? 'partly agrees' : 'does not agree'} with the plan` : ''}`;
    case 'timescale':
      return `Timescale set: by ${longDate(code2)}`;
    case 'allocation':
      return code2 === null ? 'Allocated' : `Allocated, until ${longDate(code2)}`;
    case 'involvement':
      return `Involved: ${code ?? ''}${code2 !== null ? `, until ${longDate(code2)}` : ''}`;
    case 'involvement-lookup':
      return lookupTitle(code, code2);
    case 'attendance':
      return `Attendance: seen at ${code2 ?? 'an unscheduled care setting'}`;
    case 'supervision':
      return 'Discussed in supervision: decisions recorded';
    case 'feedback':
      return feedbackTitle(code);
    default:
      return kind;
  }
}

/** Kinds whose `detail` is narrative only the case-note readers see; the rest is a short factual summary. */
const factualDetail = new Set(['timescale', 'goal', 'attendance', 'feedback']);

/**
 * Kinds whose title carries free text (a case note's title, a document's file name: workers write
 * anything there), with the title shown to someone who may not read case notes. The policy is
 * `view_case_notes`; every reader of the timeline (the journey page, the chronology, the API) gets
 * its events from here.
 */
const freeTextTitles: Record<string, string> = { note: 'Case note', document: 'Document added' };

/** The title of an event for this viewer: without its free text unless they may read case notes. */
export function eventTitle(
  kind: string,
  code: string | null,
  code2: string | null,
  caseNotes: boolean,
): string {
  const withheld = freeTextTitles[kind];
  return withheld !== undefined && !caseNotes ? withheld : titleOf(kind, code, code2);
}

export async function readTimeline(
  tx: Tx,
  personId: string,
  opts: { caseNotes: boolean; filter?: TimelineFilter; limit?: number; offset?: number },
): Promise<{ events: JourneyEvent[]; total: number }> {
  const f = opts.filter ?? {};
  // The view and families' answers (the feedback capability's rows, in the view's columns).
  const events = sql<JourneyEventsView>`(select * from journey_events union all ${feedbackTimelineRows})`;
  let q = tx
    .selectFrom(events.as('e'))
    .leftJoin('users as u', 'u.id', 'e.author_id')
    .leftJoin('organisations as o', (j) =>
      j.on(sql`o.id`, '=', sql`coalesce(e.organisation_id, u.organisation_id)`),
    )
    .where('e.person_id', '=', personId);
  if (f.groups !== undefined && f.groups.length > 0) q = q.where('e.kind', 'in', kindsIn(f.groups));
  if (f.agency !== undefined && f.agency !== '') q = q.where('o.name', '=', f.agency);
  if (f.from !== undefined) q = q.where('e.occurred_on', '>=', f.from);
  if (f.to !== undefined) q = q.where('e.occurred_on', '<=', f.to);
  const rows = await q
    .select([
      'e.id',
      'e.kind',
      'e.occurred_on',
      'e.code',
      'e.code2',
      'e.detail',
      'e.child_said',
      'u.name as author',
      'o.name as agency',
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy('e.occurred_on', 'desc')
    .orderBy('e.recorded_at', 'desc')
    .limit(opts.limit ?? 10_000)
    .offset(opts.offset ?? 0)
    .execute();
  const contactIds = opts.caseNotes ? rows.filter((r) => r.kind === 'contact').map((r) => r.id) : [];
  const referrers = new Map(
    (contactIds.length === 0
      ? []
      : await tx
          .selectFrom('contacts')
          .select(['id', 'raised_by', 'referrer_asked_not_named'])
          .where('id', 'in', contactIds)
          .where('raised_by', 'is not', null)
          .execute()
    ).map((c) => [c.id, { name: c.raised_by ?? '', askedNotToBeNamed: c.referrer_asked_not_named }]),
  );
  return {
    total: rows[0]?.total ?? 0,
    events: rows.map((r) => ({
      id: r.id,
      type: r.kind,
      group: groupOfKind[r.kind] ?? 'notes',
      date: r.occurred_on,
      title: eventTitle(r.kind, r.code, r.code2, opts.caseNotes),
      agency: r.agency,
      author: r.author,
      text:
        r.kind === 'feedback'
          ? feedbackDetail(r.detail)
          : opts.caseNotes || factualDetail.has(r.kind)
            ? r.detail
            : null,
      childSaid: opts.caseNotes ? r.child_said : null,
      ...(r.kind === 'contact' ? { referrer: referrers.get(r.id) ?? null } : {}),
    })),
  };
}
