/**
 * The transfer-in child protection conference: for a child who moved to this LA on a child
 * protection plan (an accepted transfer, transfer/), the receiving LA's conference within 15
 * working days decides whether the child is subject to a plan here. An initial conference with no
 * section 47 enquiry, linked to the transfer (`conferences.transfer_id`, migration 0039); the
 * timescale set at acceptance is met on the day it is held.
 */
import { z } from 'zod';
import type { AbuseCategory } from '../../db/schema.ts';
import { eventDate } from '../../http/forms/dates.ts';
import { abuseCategories } from '../codes.ts';
import { choice, code, text } from '../fields.ts';
import { defineStep, longDate, rule } from '../step.ts';
import { openEpisodeFor } from './assessment.ts';
import { holdInitialConference } from './protection.ts';

const category = code(abuseCategories, 'Select the category of abuse').transform((c) => c as AbuseCategory);

export const transferInConference = defineStep({
  kind: 'transfer-in-conference',
  group: 'protection',
  title: 'Record the transfer-in child protection conference',
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
        ['plan', 'The child is to be subject to a child protection plan here'],
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
  offered: (s) => s.transferInConference !== null && s.activeCpPlan === null && s.openEpisode !== null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'heldOn');
    const transfer = c.state.transferInConference;
    rule(
      transfer !== null,
      'heldOn',
      'A transfer-in conference is for a child transferred here on a child protection plan, once.',
    );
    rule(
      c.state.activeCpPlan === null,
      'decision',
      'This child already has a child protection plan here. Record a review conference instead.',
    );
    rule(
      i.heldOn >= transfer.on,
      'heldOn',
      `The conference cannot be before the transfer was accepted (${longDate(transfer.on)})`,
    );
    if (i.decision === 'plan')
      rule(i.category !== undefined, 'category', 'Select the category of abuse for the plan');
    const conf = await holdInitialConference(c, ep.id, i, { s47EnquiryId: null, transferId: transfer.id });
    await c.tx
      .updateTable('timescales')
      .set({ completed_on: i.heldOn })
      .where('person_id', '=', c.personId)
      .where('completed_on', 'is', null)
      .where('subject', 'like', 'Transfer-in child protection conference%')
      .execute();
    return { table: 'conferences', id: conf.id };
  },
});
