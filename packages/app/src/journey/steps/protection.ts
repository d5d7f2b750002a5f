/** Strategy discussions, section 47 enquiries, child protection conferences and plans, child in need plans. */
import { z } from 'zod';
import { eventDate } from '../../http/forms/dates.ts';
import type { AbuseCategory } from '../../db/schema.ts';
import { abuseCategories } from '../codes.ts';
import { choice, code, optionalText, text } from '../fields.ts';
import { defineStep, longDate, rule, type StepContext } from '../step.ts';
import { openEpisodeFor } from './assessment.ts';

export const strategy = defineStep({
  kind: 'strategy',
  group: 'protection',
  title: 'Record a strategy discussion',
  need: 'edit',
  schema: z
    .object({
      heldOn: eventDate('the date of the strategy discussion'),
      attendees: optionalText(2_000),
      decision: choice(['s47', 'no-s47'], 'Select the decision'),
      reason: text('why this was decided'),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'heldOn', label: 'Date held' },
    {
      kind: 'textarea',
      name: 'attendees',
      label: 'Who took part',
      hint: 'Names, roles and agencies',
      optional: true,
      rows: 3,
    },
    {
      kind: 'radios',
      name: 'decision',
      label: 'Decision',
      options: [
        ['s47', 'Start a section 47 enquiry'],
        ['no-s47', 'No section 47 enquiry'],
      ],
    },
    { kind: 'textarea', name: 'reason', label: 'Why', rows: 5 },
  ],
  offered: (s) => s.openEpisode !== null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'heldOn');
    rule(
      i.heldOn >= ep.on,
      'heldOn',
      `The strategy discussion cannot be before the referral (${longDate(ep.on)})`,
    );
    const row = await c.tx
      .insertInto('strategy_discussions')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        cin_episode_id: ep.id,
        held_on: i.heldOn,
        attendees: i.attendees ?? null,
        decision: i.decision,
        reason: i.reason,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'strategy_discussions', id: row.id };
  },
});

const category = code(abuseCategories, 'Select the category of abuse').transform((c) => c as AbuseCategory);

const s47Outcomes = [
  ['conference', 'Initial child protection conference'],
  ['cin-plan', 'Child in need plan, no conference'],
  ['nfa', 'No further action'],
] as const;

export const s47 = defineStep({
  kind: 's47',
  group: 'protection',
  title: 'Record a section 47 enquiry',
  need: 'edit',
  schema: z
    .object({
      startedOn: eventDate('the date the enquiry started'),
      completedOn: eventDate('the date the enquiry was completed').optional(),
      outcome: choice(['conference', 'cin-plan', 'nfa'], 'Select the outcome').optional(),
      reason: optionalText(),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'startedOn', label: 'Date started' },
    {
      kind: 'date',
      name: 'completedOn',
      label: 'Date completed',
      hint: 'Leave blank while the enquiry is going on',
      optional: true,
    },
    { kind: 'radios', name: 'outcome', label: 'Outcome', optional: true, options: s47Outcomes },
    {
      kind: 'textarea',
      name: 'reason',
      label: 'What the enquiry found, and why this outcome',
      optional: true,
      rows: 6,
    },
  ],
  offered: (s) => s.strategyForS47 !== null && s.openS47 === null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'startedOn');
    const sd = c.state.strategyForS47;
    rule(sd !== null, 'startedOn', 'A section 47 enquiry needs a strategy discussion that decided on one.');
    rule(c.state.openS47 === null, 'startedOn', 'A section 47 enquiry is already in progress.');
    rule(
      i.startedOn >= sd.on,
      'startedOn',
      `The enquiry cannot start before the strategy discussion (${longDate(sd.on)})`,
    );
    if (i.completedOn !== undefined || i.outcome !== undefined) {
      rule(
        i.completedOn !== undefined,
        'completedOn',
        'Enter the date the enquiry was completed, or leave the outcome blank',
      );
      rule(i.outcome !== undefined, 'outcome', 'Select the outcome of the enquiry');
      rule(i.completedOn >= i.startedOn, 'completedOn', 'The enquiry cannot be completed before it started');
      rule((i.reason ?? '') !== '', 'reason', 'Enter what the enquiry found');
    }
    const row = await c.tx
      .insertInto('s47_enquiries')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        cin_episode_id: ep.id,
        strategy_discussion_id: sd.id,
        started_on: i.startedOn,
        completed_on: i.completedOn ?? null,
        outcome: i.outcome ?? null,
        reason: i.reason ?? null,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 's47_enquiries', id: row.id };
  },
});

export const s47Complete = defineStep({
  kind: 's47-complete',
  group: 'protection',
  title: 'Complete the section 47 enquiry',
  need: 'edit',
  schema: z
    .object({
      completedOn: eventDate('the date the enquiry was completed'),
      outcome: choice(['conference', 'cin-plan', 'nfa'], 'Select the outcome'),
      reason: text('what the enquiry found'),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'completedOn', label: 'Date completed' },
    { kind: 'radios', name: 'outcome', label: 'Outcome', options: s47Outcomes },
    { kind: 'textarea', name: 'reason', label: 'What the enquiry found, and why this outcome', rows: 6 },
  ],
  offered: (s) => s.openS47 !== null,
  async save(c, i) {
    const open = c.state.openS47;
    rule(open !== null, 'completedOn', 'There is no section 47 enquiry in progress.');
    rule(
      i.completedOn >= open.on,
      'completedOn',
      `The enquiry cannot be completed before it started (${longDate(open.on)})`,
    );
    await c.tx
      .updateTable('s47_enquiries')
      .set({
        completed_on: i.completedOn,
        outcome: i.outcome,
        reason: i.reason,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', open.id)
      .execute();
    return { table: 's47_enquiries', id: open.id };
  },
});

/**
 * An initial child protection conference held (after a section 47 enquiry, or a transfer-in with
 * neither: transfer-in.ts), and the plan it decides: a child in need plan in place ends that day
 * (a child in need plan does not run alongside a child protection plan, CIN rule 4001). The one
 * writer of both steps.
 */
export async function holdInitialConference(
  c: StepContext,
  episodeId: string,
  i: { heldOn: string; decision: 'plan' | 'no-plan'; category?: AbuseCategory | undefined; reason: string },
  links: { s47EnquiryId: string | null; transferId: string | null },
): Promise<{ id: string }> {
  const planStartsOn = c.asImported?.planStartsOn ?? i.heldOn;
  rule(
    planStartsOn >= i.heldOn,
    'heldOn',
    `The plan cannot start before the conference that decided it (${longDate(i.heldOn)})`,
  );
  const conf = await c.tx
    .insertInto('conferences')
    .values({
      la_code: c.laCode,
      person_id: c.personId,
      cin_episode_id: episodeId,
      s47_enquiry_id: links.s47EnquiryId,
      transfer_id: links.transferId,
      kind: 'initial',
      held_on: i.heldOn,
      decision: i.decision,
      category: i.decision === 'plan' ? (i.category ?? null) : null,
      reason: i.reason,
      recorded_by: c.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (i.decision === 'plan' && i.category !== undefined) {
    const cin = c.state.activeCinPlan;
    if (cin !== null)
      await c.tx.updateTable('cin_plans').set({ ended_on: planStartsOn }).where('id', '=', cin.id).execute();
    await c.tx
      .insertInto('cp_plans')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        cin_episode_id: episodeId,
        conference_id: conf.id,
        started_on: planStartsOn,
        initial_category: i.category,
        latest_category: i.category,
      })
      .execute();
  }
  return conf;
}

export const initialConference = defineStep({
  kind: 'initial-conference',
  group: 'protection',
  title: 'Record an initial child protection conference',
  need: 'edit',
  schema: z
    .object({
      heldOn: eventDate('the date of the conference'),
      decision: choice(['plan', 'no-plan'], 'Select the decision of the conference'),
      category: category.optional(),
      reason: text('why the conference decided this'),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'heldOn', label: 'Date held' },
    {
      kind: 'radios',
      name: 'decision',
      label: 'Decision',
      options: [
        ['plan', 'The child is to be subject to a child protection plan'],
        ['no-plan', 'No child protection plan'],
      ],
    },
    {
      kind: 'radios',
      name: 'category',
      label: 'Category of abuse, for a plan',
      optional: true,
      options: abuseCategories,
    },
    { kind: 'textarea', name: 'reason', label: 'Why', rows: 5 },
  ],
  offered: (s) => s.s47ForConference !== null && s.activeCpPlan === null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'heldOn');
    // The import only: a census carries a plan whose enquiry finished before its year without that enquiry.
    const enquiry = c.asImported?.withoutEnquiry === true ? null : c.state.s47ForConference;
    if (c.asImported?.withoutEnquiry !== true) {
      rule(
        enquiry !== null,
        'heldOn',
        'An initial conference needs a completed section 47 enquiry that decided on one.',
      );
      rule(
        i.heldOn >= enquiry.on,
        'heldOn',
        `The conference cannot be before the section 47 enquiry was completed (${longDate(enquiry.on)})`,
      );
    } else
      rule(i.heldOn >= ep.on, 'heldOn', `The conference cannot be before the referral (${longDate(ep.on)})`);
    rule(
      c.state.activeCpPlan === null,
      'decision',
      'This child already has a child protection plan. Record a review conference instead.',
    );
    if (i.decision === 'plan')
      rule(i.category !== undefined, 'category', 'Select the category of abuse for the plan');
    const conf = await holdInitialConference(c, ep.id, i, {
      s47EnquiryId: enquiry?.id ?? null,
      transferId: null,
    });
    return { table: 'conferences', id: conf.id };
  },
});

export const reviewConference = defineStep({
  kind: 'review-conference',
  group: 'protection',
  title: 'Record a review child protection conference',
  need: 'edit',
  schema: z
    .object({
      heldOn: eventDate('the date of the conference'),
      decision: choice(['continue', 'end'], 'Select the decision of the conference'),
      category: category.optional(),
      reason: text('why the conference decided this'),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'heldOn', label: 'Date held' },
    {
      kind: 'radios',
      name: 'decision',
      label: 'Decision',
      options: [
        ['continue', 'The child protection plan continues'],
        ['end', 'The child protection plan ends'],
      ],
    },
    {
      kind: 'radios',
      name: 'category',
      label: 'Category of abuse, if it has changed',
      optional: true,
      options: abuseCategories,
    },
    { kind: 'textarea', name: 'reason', label: 'Why', rows: 5 },
  ],
  offered: (s) => s.activeCpPlan !== null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'heldOn');
    const plan = c.state.activeCpPlan;
    rule(plan !== null, 'heldOn', 'A review conference needs a child protection plan in place.');
    rule(i.heldOn > plan.on, 'heldOn', `The review must be after the plan started (${longDate(plan.on)})`);
    const conf = await c.tx
      .insertInto('conferences')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        cin_episode_id: ep.id,
        kind: 'review',
        held_on: i.heldOn,
        decision: i.decision,
        category: i.category ?? null,
        reason: i.reason,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const changes = {
      ...(i.category !== undefined ? { latest_category: i.category } : {}),
      ...(i.decision === 'end' ? { ended_on: i.heldOn, end_conference_id: conf.id } : {}),
    };
    // A plan that continues in the same category changes nothing on the plan itself.
    if (Object.keys(changes).length > 0)
      await c.tx.updateTable('cp_plans').set(changes).where('id', '=', plan.id).execute();
    return { table: 'conferences', id: conf.id };
  },
});

export const cinPlan = defineStep({
  kind: 'cin-plan',
  group: 'plans',
  title: 'Start a child in need plan',
  need: 'edit',
  schema: z.object({ startedOn: eventDate('the date the plan started'), reason: optionalText() }).strict(),
  fields: () => [
    { kind: 'date', name: 'startedOn', label: 'Date the plan started' },
    { kind: 'textarea', name: 'reason', label: 'What the plan is for', optional: true, rows: 4 },
  ],
  offered: (s) => s.openEpisode !== null && s.activeCinPlan === null && s.activeCpPlan === null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'startedOn');
    rule(c.state.activeCinPlan === null, 'startedOn', 'This child already has a child in need plan.');
    rule(
      c.state.activeCpPlan === null,
      'startedOn',
      'A child in need plan cannot run alongside a child protection plan.',
    );
    rule(i.startedOn >= ep.on, 'startedOn', `The plan cannot start before the referral (${longDate(ep.on)})`);
    const row = await c.tx
      .insertInto('cin_plans')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        cin_episode_id: ep.id,
        started_on: i.startedOn,
        reason: i.reason ?? null,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'cin_plans', id: row.id };
  },
});

export const cinPlanEnd = defineStep({
  kind: 'cin-plan-end',
  group: 'plans',
  title: 'End the child in need plan',
  need: 'edit',
  schema: z.object({ endedOn: eventDate('the date the plan ended') }).strict(),
  fields: () => [{ kind: 'date', name: 'endedOn', label: 'Date the plan ended' }],
  offered: (s) => s.activeCinPlan !== null,
  async save(c, i) {
    const plan = c.state.activeCinPlan;
    rule(plan !== null, 'endedOn', 'This child has no child in need plan.');
    rule(i.endedOn >= plan.on, 'endedOn', `The plan cannot end before it started (${longDate(plan.on)})`);
    await c.tx.updateTable('cin_plans').set({ ended_on: i.endedOn }).where('id', '=', plan.id).execute();
    return { table: 'cin_plans', id: plan.id };
  },
});
