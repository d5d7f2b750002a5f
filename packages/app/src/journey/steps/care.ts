/** Looked-after care as SSDA903 episodes, reviews of the care plan, and missing episodes. */
import { z } from 'zod';
import { eventDate } from '../../http/forms/dates.ts';
import { postcode } from '../../people/person-input.ts';
import {
  legalStatuses,
  placementTypes,
  primaryNeeds,
  reasonsEpisodeEnded,
  reviewParticipation,
} from '../codes.ts';
import { choice, code, optionalText, text } from '../fields.ts';
import type { StepContext } from '../step.ts';
import { defineStep, longDate, rule } from '../step.ts';
import { openEpisodeFor } from './assessment.ts';

const needs = primaryNeeds.filter(([c]) => c !== 'N9' && c !== 'N0');
const endings = reasonsEpisodeEnded.filter(([c]) => c !== 'X1');

const placement = {
  legalStatus: code(legalStatuses, 'Select the legal status'),
  placementType: code(placementTypes, 'Select the type of placement'),
  provider: optionalText(500),
  placementPostcode: postcode.optional(),
  reason: optionalText(),
};
const placementFields = [
  { kind: 'select', name: 'legalStatus', label: 'Legal status', options: legalStatuses },
  { kind: 'select', name: 'placementType', label: 'Placement', options: placementTypes },
  {
    kind: 'text',
    name: 'provider',
    label: 'Placement provider',
    hint: 'For example the foster carers or the home',
    optional: true,
  },
  { kind: 'text', name: 'placementPostcode', label: 'Placement postcode', optional: true, width: 10 },
] as const;

export const careStart = defineStep({
  kind: 'care-start',
  group: 'care',
  title: 'Record the child becoming looked after',
  need: 'edit',
  schema: z
    .object({
      startedOn: eventDate('the date the child became looked after'),
      categoryOfNeed: code(needs, 'Select the category of need'),
      ...placement,
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'startedOn', label: 'Date the child became looked after' },
    { kind: 'select', name: 'categoryOfNeed', label: 'Category of need', options: needs },
    ...placementFields,
    { kind: 'textarea', name: 'reason', label: 'Why the child is looked after', optional: true, rows: 4 },
  ],
  offered: (s) => s.openEpisode !== null && s.openCare === null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'startedOn');
    rule(
      c.state.openCare === null,
      'startedOn',
      'The child is already looked after. Record a change of placement or legal status instead.',
    );
    rule(i.startedOn >= ep.on, 'startedOn', `Care cannot start before the referral (${longDate(ep.on)})`);
    return insertEpisode(c, ep.id, i.startedOn, 'S', i.categoryOfNeed, i);
  },
});

async function insertEpisode(
  c: StepContext,
  episodeId: string,
  on: string,
  reasonNew: 'S' | 'L' | 'P' | 'T',
  categoryOfNeed: string,
  i: {
    legalStatus: string;
    placementType: string;
    provider?: string | undefined;
    placementPostcode?: string | undefined;
    reason?: string | undefined;
  },
) {
  const row = await c.tx
    .insertInto('care_episodes')
    .values({
      la_code: c.laCode,
      person_id: c.personId,
      cin_episode_id: episodeId,
      started_on: on,
      reason_new: reasonNew,
      legal_status: i.legalStatus,
      category_of_need: categoryOfNeed,
      placement_type: i.placementType,
      provider: i.provider ?? null,
      placement_postcode: i.placementPostcode ?? null,
      reason: i.reason ?? null,
      recorded_by: c.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { table: 'care_episodes', id: row.id };
}

export const careChange = defineStep({
  kind: 'care-change',
  group: 'care',
  title: 'Record a change of placement or legal status',
  need: 'edit',
  schema: z.object({ changedOn: eventDate('the date of the change'), ...placement }).strict(),
  fields: () => [
    { kind: 'date', name: 'changedOn', label: 'Date of the change' },
    ...placementFields,
    { kind: 'textarea', name: 'reason', label: 'Why it changed', optional: true, rows: 4 },
  ],
  offered: (s) => s.openCare !== null,
  async save(c, i) {
    const ep = openEpisodeFor(c, 'changedOn');
    const cur = c.state.openCare;
    rule(cur !== null, 'changedOn', 'The child is not looked after.');
    rule(
      i.changedOn > cur.on,
      'changedOn',
      `The change must be after the current placement started (${longDate(cur.on)})`,
    );
    const legal = i.legalStatus !== cur.legalStatus;
    const place =
      i.placementType !== cur.placementType || i.provider !== undefined || i.placementPostcode !== undefined;
    rule(legal || place, 'legalStatus', 'Nothing has changed: choose a different legal status or placement');
    await c.tx
      .updateTable('care_episodes')
      .set({ ended_on: i.changedOn, reason_end: 'X1' })
      .where('id', '=', cur.id)
      .execute();
    return insertEpisode(
      c,
      ep.id,
      i.changedOn,
      legal && place ? 'T' : legal ? 'L' : 'P',
      cur.categoryOfNeed,
      i,
    );
  },
});

export const careEnd = defineStep({
  kind: 'care-end',
  group: 'care',
  title: 'Record the child leaving care',
  need: 'edit',
  schema: z
    .object({
      endedOn: eventDate('the date care ended'),
      reasonEnd: code(endings, 'Select why care ended'),
      reason: optionalText(),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'endedOn', label: 'Date care ended' },
    { kind: 'select', name: 'reasonEnd', label: 'Why care ended', options: endings },
    { kind: 'textarea', name: 'reason', label: 'Anything else to record', optional: true, rows: 3 },
  ],
  offered: (s) => s.openCare !== null,
  async save(c, i) {
    const cur = c.state.openCare;
    rule(cur !== null, 'endedOn', 'The child is not looked after.');
    rule(
      i.endedOn >= cur.on,
      'endedOn',
      `Care cannot end before the current placement started (${longDate(cur.on)})`,
    );
    await c.tx
      .updateTable('care_episodes')
      .set({ ended_on: i.endedOn, reason_end: i.reasonEnd })
      .where('id', '=', cur.id)
      .execute();
    return { table: 'care_episodes', id: cur.id };
  },
});

export const careReview = defineStep({
  kind: 'care-review',
  group: 'care',
  title: 'Record a looked-after review',
  need: 'edit',
  schema: z
    .object({
      heldOn: eventDate('the date of the review'),
      participation: code(reviewParticipation, 'Select how the child took part'),
      summary: optionalText(),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'heldOn', label: 'Date of the review' },
    {
      kind: 'radios',
      name: 'participation',
      label: 'How did the child take part?',
      options: reviewParticipation,
    },
    { kind: 'textarea', name: 'summary', label: 'What was decided', optional: true, rows: 5 },
  ],
  offered: (s) => s.openCare !== null,
  async save(c, i) {
    rule(c.state.openCare !== null, 'heldOn', 'The child is not looked after.');
    const row = await c.tx
      .insertInto('care_reviews')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        held_on: i.heldOn,
        participation: i.participation,
        summary: i.summary ?? null,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'care_reviews', id: row.id };
  },
});

export const missing = defineStep({
  kind: 'missing',
  group: 'care',
  title: 'Record a missing episode',
  need: 'edit',
  schema: z
    .object({
      kind: choice(['missing', 'away'], 'Select whether the child was missing or away without permission'),
      startedOn: eventDate('the date the child went missing'),
      endedOn: eventDate('the date the child returned').optional(),
      returnInterview: choice(
        ['accepted', 'declined', 'not-offered'],
        'Select whether a return interview was offered',
      ).optional(),
      summary: text('what happened'),
    })
    .strict(),
  fields: () => [
    {
      kind: 'radios',
      name: 'kind',
      label: 'Was the child missing or away?',
      options: [
        ['missing', 'Missing: whereabouts not known'],
        ['away', 'Away without permission: whereabouts known'],
      ],
    },
    { kind: 'date', name: 'startedOn', label: 'Date they went' },
    { kind: 'date', name: 'endedOn', label: 'Date they came back', optional: true },
    {
      kind: 'radios',
      name: 'returnInterview',
      label: 'Return interview',
      optional: true,
      options: [
        ['accepted', 'Offered and accepted'],
        ['declined', 'Offered and declined'],
        ['not-offered', 'Not offered'],
      ],
    },
    { kind: 'textarea', name: 'summary', label: 'What happened', rows: 5 },
  ],
  offered: () => true,
  async save(c, i) {
    if (i.endedOn !== undefined)
      rule(i.endedOn >= i.startedOn, 'endedOn', 'The child cannot come back before they went');
    const row = await c.tx
      .insertInto('missing_episodes')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        kind: i.kind,
        started_on: i.startedOn,
        ended_on: i.endedOn ?? null,
        return_interview: i.returnInterview ?? null,
        summary: i.summary,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'missing_episodes', id: row.id };
  },
});
