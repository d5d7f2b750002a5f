/**
 * A census child's CIN episodes as the journey steps a worker would have recorded, in order: the
 * contact and its referral decision, assessments, strategy discussions and section 47 enquiries,
 * conferences (the initial one starting a child protection plan, reviews, the one ending it),
 * child in need plans, and the closure. Pure: the import runs each through the step's own schema
 * and rules (`journey/steps/`), so a history that does not fit Waypoint's journey is refused with
 * the step's own words, never forced in.
 *
 * What a census does not hold is written as what it is: "Imported from the CIN census" in the
 * text a step asks for, an assessment's outcome from what followed it (a child in need plan, a
 * section 47, or no further action). Each child protection plan is decided by its initial
 * conference (`cin-conferences.ts`): the two on their own dates as the file records them, or a
 * conference taken from the plan's first day when the census no longer carries it.
 */
import type { CinEpisode } from '@waypoint/returns';
import type { AsImported } from '../journey/step.ts';
import { conferencesOf } from './cin-conferences.ts';

export interface ImportStep {
  /** The journey step (`findStep(kind)`). */
  kind: string;
  /** Its date: steps are taken oldest first. */
  on: string;
  input: Record<string, unknown>;
  /** What the step takes as the file records it (`AsImported`); the import's own tolerance. */
  asImported?: AsImported;
  /** What the import tells the data team when this step is written (a report finding). */
  finding?: string;
}

/** Order of steps on one day: what ends before what starts, the closure last. */
const ORDER: Record<string, number> = {
  contact: 0,
  'contact-decision': 1,
  'cin-plan-end': 2,
  'review-conference': 3,
  assessment: 4,
  strategy: 5,
  s47: 6,
  'initial-conference': 7,
  'cin-plan': 8,
  closure: 9,
};

const FROM = (year: string) => `Imported from the ${year} CIN census`;

/**
 * The steps of one episode, oldest first.
 * @throws Error naming what the census holds that the journey cannot take
 */
export function stepsOfEpisode(e: CinEpisode, year: string): ImportStep[] {
  const note = FROM(year);
  if (e.referralDate === null) throw new Error('A CIN episode has no referral date');
  const out: ImportStep[] = [
    {
      kind: 'contact',
      on: e.referralDate,
      input: { receivedOn: e.referralDate, source: e.referralSource ?? '10', worries: note },
    },
    {
      kind: 'contact-decision',
      on: e.referralDate,
      input: {
        decidedOn: e.referralDate,
        decision: 'referral',
        ...(e.primaryNeedCode ? { primaryNeed: e.primaryNeedCode } : {}),
        reason: note,
      },
    },
  ];
  const cinPlans = e.cinPlans ?? [];
  const cpPlans = e.childProtectionPlans ?? [];
  for (const a of e.assessments ?? []) {
    if (a.startDate === null) throw new Error('An assessment has no start date');
    const done = a.authorisationDate ?? null;
    const outcome =
      done === null
        ? undefined
        : cinPlans.some((p) => p.startDate !== null && p.startDate >= done)
          ? 'cin-plan'
          : (e.section47s ?? []).some((s) => s.startDate !== null && s.startDate >= done)
            ? 'strategy'
            : 'nfa';
    const factors = a.factors && a.factors.length > 0 ? [...a.factors] : done === null ? [] : ['21'];
    out.push({
      kind: 'assessment',
      on: a.startDate,
      input: {
        startedOn: a.startDate,
        ...(done === null ? {} : { completedOn: done, outcome, analysis: note }),
        factors,
      },
    });
  }
  for (const s of e.section47s ?? []) {
    if (s.startDate === null) throw new Error('A section 47 enquiry has no start date');
    out.push({
      kind: 'strategy',
      on: s.startDate,
      input: { heldOn: s.startDate, decision: 's47', reason: note },
    });
    const icpc = s.dateOfInitialCpc ?? null;
    const notRequired = s.icpcNotRequired === true;
    out.push({
      kind: 's47',
      on: s.startDate,
      input: {
        startedOn: s.startDate,
        ...(icpc !== null
          ? { completedOn: icpc, outcome: 'conference', reason: note }
          : notRequired || e.closureDate
            ? { completedOn: s.startDate, outcome: 'nfa', reason: note }
            : {}),
      },
    });
  }
  for (const c of conferencesOf(e)) {
    const plan = c.plan;
    const planStartsOn = plan !== null && plan.startDate !== c.on ? (plan.startDate ?? undefined) : undefined;
    out.push({
      kind: 'initial-conference',
      on: c.on,
      input: {
        heldOn: c.on,
        decision: plan === null ? 'no-plan' : 'plan',
        ...(plan?.initialCategory ? { category: plan.initialCategory } : {}),
        reason: c.inFile
          ? note
          : `${note}: the census holds the child protection plan from this day but not the conference and enquiry before it (before the census year)`,
      },
      ...(c.s47 === null || planStartsOn !== undefined
        ? { asImported: { withoutEnquiry: c.s47 === null, ...(planStartsOn ? { planStartsOn } : {}) } }
        : {}),
      ...(!c.inFile
        ? {
            finding: `The child protection plan from ${c.on} has no initial conference in the file: a conference was recorded as held that day, with no section 47 enquiry`,
          }
        : planStartsOn !== undefined
          ? {
              finding: `The initial conference on ${c.on} and the child protection plan it decided, from ${planStartsOn}, are recorded on their own dates`,
            }
          : c.s47 === null
            ? {
                finding: `The initial conference on ${c.on} has no section 47 enquiry in the file (a transfer-in)`,
              }
            : {}),
    });
  }
  for (const p of cpPlans) {
    if (p.startDate === null) throw new Error('A child protection plan has no start date');
    const reviews = (p.reviews ?? []).filter((d): d is string => d !== null).sort();
    const end = p.endDate ?? null;
    const dates = end !== null && !reviews.includes(end) ? [...reviews, end] : reviews;
    dates.forEach((d, i) => {
      const last = i === dates.length - 1;
      const changed = last && p.latestCategory && p.latestCategory !== p.initialCategory;
      out.push({
        kind: 'review-conference',
        on: d,
        input: {
          heldOn: d,
          decision: d === end ? 'end' : 'continue',
          ...(changed ? { category: p.latestCategory } : {}),
          reason: note,
        },
      });
    });
  }
  for (const p of cinPlans) {
    if (p.startDate === null) throw new Error('A child in need plan has no start date');
    out.push({ kind: 'cin-plan', on: p.startDate, input: { startedOn: p.startDate, reason: note } });
    // A plan ended by the closure or by a child protection plan is ended by that step.
    const endedByOther =
      p.endDate === e.closureDate || cpPlans.some((c) => c.startDate !== null && c.startDate === p.endDate);
    if (p.endDate && !endedByOther)
      out.push({ kind: 'cin-plan-end', on: p.endDate, input: { endedOn: p.endDate } });
  }
  if (e.closureDate) {
    if (!e.closureReason) throw new Error(`The episode closed on ${e.closureDate} has no reason for closure`);
    out.push({
      kind: 'closure',
      on: e.closureDate,
      input: { closedOn: e.closureDate, closureReason: e.closureReason, note },
    });
  }
  return out
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.on.localeCompare(b.s.on) || ORDER[a.s.kind]! - ORDER[b.s.kind]! || a.i - b.i)
    .map(({ s }) => s);
}
