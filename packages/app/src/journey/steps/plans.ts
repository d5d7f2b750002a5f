/**
 * Plans that show whether help is working: goals in the family's words, scored 0–10 at visits and
 * reviews; reviews that record the child's and the family's own views; case notes; and the
 * worker's own timescales (recorded with a reason; never a block, never marked late by a national count).
 */
import { z } from 'zod';
import { eventDate, plannedDate, today } from '../../http/forms/dates.ts';
import type { PlanKind } from '../../db/schema.ts';
import type { CodeList } from '../codes.ts';
import type { Field } from '../../http/forms/form.ts';
import { choice, optionalText, score, scores, text } from '../fields.ts';
import type { JourneyState } from '../state.ts';
import type { StepContext } from '../step.ts';
import { defineStep, longDate, rule } from '../step.ts';

export const planNames: Record<PlanKind, string> = {
  cp: 'Child protection plan',
  cin: 'Child in need plan',
  care: 'Care plan',
  'early-help': 'Early help plan',
};
const planKinds = ['cp', 'cin', 'care', 'early-help'] as const;
const planOptions = (s: JourneyState): CodeList =>
  s.activePlans.map((p) => [p.kind, planNames[p.kind]] as const);

/** The score inputs for every goal of the plans in place. */
export const scoreField = (s: JourneyState): Field[] => {
  const goals = s.activePlans.flatMap((p) => p.goals.map((g) => ({ ...g, plan: planNames[p.kind] })));
  return goals.length === 0
    ? []
    : [
        {
          kind: 'scores',
          name: 'scores',
          label: 'How are things going? Score each goal from 0 to 10',
          hint: '0 means nothing has changed yet; 10 means the goal is met',
          optional: true,
          goals,
        },
      ];
};

/** Saves 0–10 scores against the goals of the plans in place. */
export async function saveScores(
  c: StepContext,
  on: string,
  given: Record<string, number>,
  visitId: string | null,
) {
  const goals = new Set(c.state.activePlans.flatMap((p) => p.goals.map((g) => g.id)));
  const entries = Object.entries(given);
  for (const [goalId] of entries)
    rule(goals.has(goalId), `scores.${goalId}`, 'That goal is not part of a plan in place');
  if (entries.length === 0) return;
  await c.tx
    .insertInto('goal_scores')
    .values(
      entries.map(([goalId, score]) => ({
        la_code: c.laCode,
        person_id: c.personId,
        goal_id: goalId,
        scored_on: on,
        score,
        visit_id: visitId,
        recorded_by: c.userId,
      })),
    )
    .execute();
}

const planFor = (c: StepContext, kind: PlanKind) => {
  const plan = c.state.activePlans.find((p) => p.kind === kind);
  rule(plan !== undefined, 'plan', `This child has no ${planNames[kind].toLowerCase()} in place`);
  return plan;
};

export const goal = defineStep({
  kind: 'goal',
  group: 'plans',
  title: 'Add a goal to the plan',
  need: 'edit',
  schema: z
    .object({
      plan: choice(planKinds, 'Select the plan'),
      goal: text('the goal, in the family’s words', 1_000),
      addedOn: eventDate('the date the goal was agreed'),
      score: score.optional(),
    })
    .strict(),
  fields: (s) => [
    { kind: 'radios', name: 'plan', label: 'Which plan?', options: planOptions(s) },
    {
      kind: 'textarea',
      name: 'goal',
      label: 'The goal, in the family’s words',
      hint: 'For example: “Mum takes Jayden to school every day”',
      rows: 3,
    },
    { kind: 'date', name: 'addedOn', label: 'Date agreed' },
    { kind: 'number', name: 'score', label: 'Where are things now, from 0 to 10?', optional: true },
  ],
  offered: (s) => s.activePlans.length > 0,
  async save(c, i) {
    const plan = planFor(c, i.plan);
    const row = await c.tx
      .insertInto('plan_goals')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        plan_kind: plan.kind,
        plan_id: plan.id,
        goal: i.goal,
        added_on: i.addedOn,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (i.score !== undefined)
      await c.tx
        .insertInto('goal_scores')
        .values({
          la_code: c.laCode,
          person_id: c.personId,
          goal_id: row.id,
          scored_on: i.addedOn,
          score: i.score,
          recorded_by: c.userId,
        })
        .execute();
    return { table: 'plan_goals', id: row.id };
  },
});

const yesPartlyNo: CodeList = [
  ['yes', 'Yes'],
  ['partly', 'Partly'],
  ['no', 'No'],
];

export const planReview = defineStep({
  kind: 'plan-review',
  group: 'plans',
  title: 'Record a review of the plan',
  need: 'edit',
  schema: z
    .object({
      plan: choice(planKinds, 'Select the plan'),
      heldOn: eventDate('the date of the review'),
      worriesExplained: choice(
        ['yes', 'partly', 'no'],
        'Select whether someone has explained why people are worried',
      ).optional(),
      agreesWithPlan: choice(
        ['yes', 'partly', 'no'],
        'Select whether the child agrees with the plan',
      ).optional(),
      childViews: optionalText(),
      familyViews: optionalText(),
      summary: text('what the review found'),
      scores,
    })
    .strict(),
  fields: (s) => [
    { kind: 'radios', name: 'plan', label: 'Which plan?', options: planOptions(s) },
    { kind: 'date', name: 'heldOn', label: 'Date of the review' },
    {
      kind: 'radios',
      name: 'worriesExplained',
      label: 'The child: “Has someone explained why people are worried?”',
      optional: true,
      options: yesPartlyNo,
    },
    {
      kind: 'radios',
      name: 'agreesWithPlan',
      label: 'The child: “Do you agree with the plan?”',
      optional: true,
      options: yesPartlyNo,
    },
    {
      kind: 'textarea',
      name: 'childViews',
      label: 'What the child said, in their own words',
      optional: true,
      rows: 4,
    },
    { kind: 'textarea', name: 'familyViews', label: 'What the family said', optional: true, rows: 4 },
    ...scoreField(s),
    { kind: 'textarea', name: 'summary', label: 'What the review found', rows: 5 },
  ],
  offered: (s) => s.activePlans.length > 0,
  async save(c, i) {
    const plan = planFor(c, i.plan);
    const row = await c.tx
      .insertInto('plan_reviews')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        plan_kind: plan.kind,
        plan_id: plan.id,
        held_on: i.heldOn,
        worries_explained: i.worriesExplained ?? null,
        agrees_with_plan: i.agreesWithPlan ?? null,
        child_views: i.childViews ?? null,
        family_views: i.familyViews ?? null,
        summary: i.summary,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveScores(c, i.heldOn, i.scores, null);
    return { table: 'plan_reviews', id: row.id };
  },
});

export const note = defineStep({
  kind: 'note',
  group: 'notes',
  title: 'Add a case note',
  need: 'edit',
  schema: z
    .object({
      notedOn: eventDate('the date of the note'),
      title: text('a title', 200),
      body: text('the note'),
    })
    .strict(),
  fields: () => [
    { kind: 'text', name: 'title', label: 'Title' },
    { kind: 'textarea', name: 'body', label: 'Note', rows: 10 },
    { kind: 'date', name: 'notedOn', label: 'Date' },
  ],
  offered: () => true,
  async save(c, i) {
    const row = await c.tx
      .insertInto('case_notes')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        noted_on: i.notedOn,
        title: i.title,
        body: i.body,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'case_notes', id: row.id };
  },
});

export const timescale = defineStep({
  kind: 'timescale',
  group: 'notes',
  title: 'Set a timescale',
  need: 'edit',
  schema: z
    .object({
      subject: text('what the timescale is for', 300),
      dueOn: plannedDate('the date it is due'),
      reason: text('why this timescale fits the child', 2_000),
    })
    .strict(),
  fields: () => [
    { kind: 'text', name: 'subject', label: 'What is it for?', hint: 'For example: finish the assessment' },
    { kind: 'date', name: 'dueOn', label: 'By when?' },
    { kind: 'textarea', name: 'reason', label: 'Why this timescale fits the child', rows: 3 },
  ],
  offered: () => true,
  async save(c, i) {
    rule(i.dueOn >= (c.today ?? today()), 'dueOn', 'Date it is due must be today or in the future');
    const row = await c.tx
      .insertInto('timescales')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        subject: i.subject,
        due_on: i.dueOn,
        reason: i.reason,
        set_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'timescales', id: row.id };
  },
});

export const timescaleMet = defineStep({
  kind: 'timescale-met',
  group: 'notes',
  title: 'Mark a timescale as done',
  need: 'edit',
  schema: z
    .object({
      timescale: z.uuid({ error: 'Select the timescale' }),
      completedOn: eventDate('the date it was done'),
    })
    .strict(),
  fields: (s) => [
    {
      kind: 'radios',
      name: 'timescale',
      label: 'Which timescale?',
      options: s.openTimescales.map((t) => [t.id, `${t.subject} (by ${longDate(t.dueOn)})`] as const),
    },
    { kind: 'date', name: 'completedOn', label: 'Date done' },
  ],
  offered: (s) => s.openTimescales.length > 0,
  async save(c, i) {
    rule(
      c.state.openTimescales.some((t) => t.id === i.timescale),
      'timescale',
      'Select one of this child’s open timescales',
    );
    await c.tx
      .updateTable('timescales')
      .set({ completed_on: i.completedOn })
      .where('id', '=', i.timescale)
      .where('person_id', '=', c.personId)
      .execute();
    return { table: 'timescales', id: i.timescale };
  },
});
