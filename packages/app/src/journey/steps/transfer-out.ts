/**
 * The transfer-out child protection conference: for a child on a child protection plan whose
 * transfer to another LA is waiting (transfer/), the sending LA's review conference agrees what
 * happens until the receiving LA's transfer-in conference: the plan continues here until the
 * transfer is accepted (the acceptance ends it, transfer/close-out.ts). A review conference linked
 * to the transfer (`conferences.transfer_id`, migration 0042); once per transfer.
 */
import { z } from 'zod';
import { eventDate } from '../../http/forms/dates.ts';
import { text } from '../fields.ts';
import { defineStep, longDate, rule } from '../step.ts';
import { openEpisodeFor } from './assessment.ts';

export const transferOutConference = defineStep({
  kind: 'transfer-out-conference',
  group: 'protection',
  title: 'Record the transfer-out child protection conference',
  need: 'edit',
  schema: z
    .object({
      heldOn: eventDate('the date of the conference'),
      reason: text('what the conference agreed for the move'),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'heldOn', label: 'Date held' },
    {
      kind: 'textarea',
      name: 'reason',
      label: 'What the conference agreed for the move',
      hint: 'The plan continues here until the receiving local authority accepts the transfer',
      rows: 5,
    },
  ],
  offered: (s) => s.transferOutConference !== null && s.activeCpPlan !== null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'heldOn');
    const transfer = c.state.transferOutConference;
    const plan = c.state.activeCpPlan;
    rule(
      transfer !== null,
      'heldOn',
      'A transfer-out conference is for a child whose transfer to another local authority is waiting, once.',
    );
    rule(plan !== null, 'heldOn', 'A transfer-out conference needs a child protection plan in place.');
    rule(
      i.heldOn > plan.on,
      'heldOn',
      `The conference must be after the plan started (${longDate(plan.on)})`,
    );
    const conf = await c.tx
      .insertInto('conferences')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        cin_episode_id: ep.id,
        s47_enquiry_id: null,
        transfer_id: transfer.id,
        kind: 'review',
        held_on: i.heldOn,
        decision: 'continue',
        category: null,
        reason: i.reason,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'conferences', id: conf.id };
  },
});
