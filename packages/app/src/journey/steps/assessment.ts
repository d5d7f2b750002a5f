/** Child and family assessments (the Assessment Framework's three domains) and closing the episode. */
import { z } from 'zod';
import { eventDate } from '../../http/forms/dates.ts';
import { assessmentFactors, closureReasons } from '../codes.ts';
import { choice, code, optionalText, text } from '../fields.ts';
import type { Field } from '../../http/forms/form.ts';
import type { StepContext } from '../step.ts';
import { defineStep, longDate, rule } from '../step.ts';

const outcomes = [
  ['cin-plan', 'Child in need plan'],
  ['strategy', 'Strategy discussion (worried the child is suffering significant harm)'],
  ['looked-after', 'The child needs to be looked after'],
  ['early-help', 'Step down to early help'],
  ['nfa', 'No further action'],
] as const;
const outcomeCodes = ['cin-plan', 'strategy', 'looked-after', 'early-help', 'nfa'] as const;

const findings = {
  childDevelopment: optionalText(),
  parentingCapacity: optionalText(),
  familyEnvironment: optionalText(),
  factors: z.array(code(assessmentFactors, 'Select factors from the list')).default([]),
  analysis: optionalText(),
};

const findingFields: Field[] = [
  {
    kind: 'textarea',
    name: 'childDevelopment',
    label: "The child's developmental needs",
    optional: true,
    rows: 5,
  },
  { kind: 'textarea', name: 'parentingCapacity', label: 'Parenting capacity', optional: true, rows: 5 },
  {
    kind: 'textarea',
    name: 'familyEnvironment',
    label: 'Family and environmental factors',
    optional: true,
    rows: 5,
  },
  {
    kind: 'checkboxes',
    name: 'factors',
    label: 'Factors identified',
    optional: true,
    options: assessmentFactors,
  },
  {
    kind: 'textarea',
    name: 'analysis',
    label: 'Analysis',
    hint: 'What is happening for the child, and what needs to change',
    optional: true,
    rows: 6,
  },
];

type Findings = {
  completedOn?: string | undefined;
  outcome?: (typeof outcomeCodes)[number] | undefined;
  factors: string[];
  analysis?: string | undefined;
};

/** A completed assessment needs its outcome, its analysis and at least one factor. */
function checkCompletion(i: Findings, startedOn: string) {
  if (i.completedOn === undefined && i.outcome === undefined) return;
  rule(
    i.completedOn !== undefined,
    'completedOn',
    'Enter the date the assessment was completed, or leave the outcome blank',
  );
  rule(i.outcome !== undefined, 'outcome', 'Select the outcome of the assessment');
  rule(
    i.completedOn >= startedOn,
    'completedOn',
    `The assessment cannot be completed before it started (${longDate(startedOn)})`,
  );
  rule((i.analysis ?? '') !== '', 'analysis', 'Enter the analysis');
  rule(i.factors.length > 0, 'factors', 'Select the factors identified, or "No factors identified"');
  rule(
    !(i.factors.includes('21') && i.factors.length > 1),
    'factors',
    '"No factors identified" cannot be selected with other factors',
  );
}

const openEpisodeFor = (c: StepContext, field: string) => {
  const ep = c.state.openEpisode;
  rule(
    ep !== null,
    field,
    'This child has no open child in need episode. A referral from the front door opens one.',
  );
  return ep;
};

export const assessment = defineStep({
  kind: 'assessment',
  group: 'assessment',
  title: 'Record an assessment',
  need: 'edit',
  schema: z
    .object({
      startedOn: eventDate('the date the assessment started'),
      completedOn: eventDate('the date the assessment was completed').optional(),
      ...findings,
      outcome: choice(outcomeCodes, 'Select the outcome').optional(),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'startedOn', label: 'Date started' },
    ...findingFields,
    {
      kind: 'date',
      name: 'completedOn',
      label: 'Date completed',
      hint: 'Leave blank while the assessment is still going on',
      optional: true,
    },
    { kind: 'radios', name: 'outcome', label: 'Outcome', optional: true, options: outcomes },
  ],
  offered: (s) => s.openEpisode !== null && s.openAssessment === null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'startedOn');
    rule(
      c.state.openAssessment === null,
      'startedOn',
      'An assessment is already in progress. Complete it first.',
    );
    rule(
      i.startedOn >= ep.on,
      'startedOn',
      `The assessment cannot start before the referral (${longDate(ep.on)})`,
    );
    checkCompletion(i, i.startedOn);
    const row = await c.tx
      .insertInto('assessments')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        cin_episode_id: ep.id,
        started_on: i.startedOn,
        completed_on: i.completedOn ?? null,
        child_development: i.childDevelopment ?? null,
        parenting_capacity: i.parentingCapacity ?? null,
        family_environment: i.familyEnvironment ?? null,
        factors: i.factors,
        analysis: i.analysis ?? null,
        outcome: i.outcome ?? null,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'assessments', id: row.id };
  },
});

export const assessmentComplete = defineStep({
  kind: 'assessment-complete',
  group: 'assessment',
  title: 'Complete the assessment',
  need: 'edit',
  schema: z
    .object({
      completedOn: eventDate('the date the assessment was completed'),
      ...findings,
      outcome: choice(outcomeCodes, 'Select the outcome'),
    })
    .strict(),
  fields: () => [
    ...findingFields,
    { kind: 'date', name: 'completedOn', label: 'Date completed' },
    { kind: 'radios', name: 'outcome', label: 'Outcome', options: outcomes },
  ],
  offered: (s) => s.openAssessment !== null,
  async save(c, i) {
    const open = c.state.openAssessment;
    rule(open !== null, 'completedOn', 'There is no assessment in progress.');
    checkCompletion(i, open.on);
    const set = {
      completed_on: i.completedOn,
      factors: i.factors,
      analysis: i.analysis ?? null,
      outcome: i.outcome,
      ...(i.childDevelopment !== undefined ? { child_development: i.childDevelopment } : {}),
      ...(i.parentingCapacity !== undefined ? { parenting_capacity: i.parentingCapacity } : {}),
      ...(i.familyEnvironment !== undefined ? { family_environment: i.familyEnvironment } : {}),
    };
    await c.tx
      .updateTable('assessments')
      .set({ ...set, version: (eb) => eb('version', '+', 1) })
      .where('id', '=', open.id)
      .execute();
    return { table: 'assessments', id: open.id };
  },
});

export const closure = defineStep({
  kind: 'closure',
  group: 'assessment',
  title: 'Close the episode',
  need: 'edit',
  schema: z
    .object({
      closedOn: eventDate('the closure date'),
      closureReason: code(closureReasons, 'Select the reason for closing'),
      note: text('why the episode is closing'),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'closedOn', label: 'Closure date' },
    { kind: 'select', name: 'closureReason', label: 'Reason for closing', options: closureReasons },
    { kind: 'textarea', name: 'note', label: 'Why', hint: 'What has changed for the child', rows: 5 },
  ],
  offered: (s) => s.openEpisode !== null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'closedOn');
    const s = c.state;
    rule(
      i.closedOn >= ep.on,
      'closedOn',
      `The episode cannot close before the referral (${longDate(ep.on)})`,
    );
    rule(
      s.activeCpPlan === null,
      'closureReason',
      'The child protection plan is still in place. End it at a review conference first.',
    );
    rule(
      s.openCare === null,
      'closureReason',
      'The child is still looked after. End the period of care first.',
    );
    rule(
      s.openAssessment === null,
      'closureReason',
      'An assessment is still in progress. Complete it first.',
    );
    rule(
      s.openS47 === null,
      'closureReason',
      'A section 47 enquiry is still in progress. Complete it first.',
    );
    if (i.closureReason === 'RC8' || i.closureReason === 'RC9')
      rule(
        s.completedAssessments > 0,
        'closureReason',
        'Reasons RC8 and RC9 are for closing after an assessment, and no assessment has been completed in this episode',
      );
    if (s.activeCinPlan !== null) {
      rule(
        i.closedOn >= s.activeCinPlan.on,
        'closedOn',
        `The episode cannot close before its child in need plan started (${longDate(s.activeCinPlan.on)})`,
      );
      await c.tx
        .updateTable('cin_plans')
        .set({ ended_on: i.closedOn })
        .where('id', '=', s.activeCinPlan.id)
        .execute();
    }
    await c.tx
      .updateTable('cin_episodes')
      .set({
        closed_on: i.closedOn,
        closure_reason: i.closureReason,
        closure_note: i.note,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', ep.id)
      .execute();
    return { table: 'cin_episodes', id: ep.id };
  },
});

export { openEpisodeFor };
