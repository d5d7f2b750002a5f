/**
 * A visit, as a journey step like every other: the date, whether the child was seen (and why
 * not, when they were not), what happened, and optional detail, with 0–10 scores for the goals of
 * the plans in place. `POST /api/v1/children/{id}/visits` is kept as an alias of the step's route.
 */
import { z } from 'zod';
import { eventDate } from '../../http/forms/dates.ts';
import { optionalText, scores, text } from '../fields.ts';
import type { StepContext } from '../step.ts';
import { defineStep } from '../step.ts';
import { saveScores, scoreField } from './plans.ts';

const seen = ['seen', 'seen-alone', 'not-seen'] as const;

/** One schema for a visit, used by the page and the API. */
export const visitInput = z
  .object({
    date: eventDate('the date of the visit'),
    seen: z.enum(seen, { error: 'Select whether the child was seen' }),
    summary: text('what happened'),
    childSaid: optionalText(20_000, 'what the child said'),
    notSeenReason: optionalText(2_000, 'why the child was not seen'),
    othersPresent: optionalText(2_000, 'who else was there'),
    minutesWithChild: z.coerce
      .number({ error: 'Enter the time with the child as a number of minutes' })
      .int('Enter the time with the child as a whole number of minutes')
      .min(0, 'Enter the time with the child as a number of minutes')
      .max(1440, 'Time with the child must be 1,440 minutes or fewer')
      .optional(),
    /** 0–10 scores for the goals of the plans in place, keyed by goal id. */
    scores,
  })
  .strict()
  // Checked even when other answers are wrong, so every problem is named at once.
  .superRefine(
    (v, ctx) => {
      if (v.seen === 'not-seen' && (v.notSeenReason ?? '') === '')
        ctx.addIssue({
          code: 'custom',
          path: ['notSeenReason'],
          message: 'Enter why the child was not seen',
        });
    },
    { when: (p) => (p.value as { seen?: unknown } | undefined)?.seen === 'not-seen' },
  );
export type VisitInput = z.infer<typeof visitInput>;

/** Writes a visit and any goal scores given with it. No access check: callers have made it. */
export async function saveVisit(c: StepContext, v: VisitInput): Promise<{ id: string }> {
  const row = await c.tx
    .insertInto('visits')
    .values({
      la_code: c.laCode,
      person_id: c.personId,
      visit_date: v.date,
      seen: v.seen,
      summary: v.summary,
      child_said: v.childSaid || null,
      not_seen_reason: v.seen === 'not-seen' ? v.notSeenReason || null : null,
      others_present: v.othersPresent || null,
      minutes_with_child: v.seen === 'not-seen' ? null : (v.minutesWithChild ?? null),
      recorded_by: c.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await saveScores(c, v.date, v.scores, row.id);
  return row;
}

export const visit = defineStep({
  kind: 'visit',
  group: 'visits',
  title: 'Record a visit',
  done: 'Visit recorded',
  submit: 'Save visit',
  need: 'record_visit',
  schema: visitInput,
  fields: (s) => [
    { kind: 'date', name: 'date', label: 'Date of the visit' },
    {
      kind: 'radios',
      name: 'seen',
      label: 'Was the child seen?',
      options: [
        ['seen-alone', 'Yes, seen alone'],
        ['seen', 'Yes, with someone else there'],
        ['not-seen', 'No'],
      ],
      reveal: {
        'not-seen': {
          kind: 'textarea',
          name: 'notSeenReason',
          label: 'Why was the child not seen?',
          rows: 3,
        },
      },
    },
    { kind: 'textarea', name: 'summary', label: 'What happened', rows: 8 },
    {
      kind: 'textarea',
      name: 'childSaid',
      label: 'What the child said, in their own words',
      optional: true,
      rows: 4,
    },
    {
      kind: 'number',
      name: 'minutesWithChild',
      label: 'Time with the child',
      optional: true,
      suffix: 'minutes',
    },
    { kind: 'text', name: 'othersPresent', label: 'Who else was there', optional: true },
    ...scoreField(s),
  ],
  offered: () => true,
  async save(c, v) {
    const row = await saveVisit(c, v);
    return { table: 'visits', id: row.id };
  },
});
