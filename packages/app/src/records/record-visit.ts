/**
 * Recording a visit: three required inputs (date, was the child seen, what happened) and optional
 * detail. Written through the caller-bound repository, audited in the same transaction.
 */
import { z } from 'zod';
import { ValidationError } from '../http/errors.ts';
import { scores } from '../journey/fields.ts';
import { loadJourneyState } from '../journey/state.ts';
import type { StepContext } from '../journey/step.ts';
import { saveScores } from '../journey/steps/plans.ts';
import type { PersonRecords } from './person-records.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a real date');

/** One schema for a visit, used by the page and the API. */
export const visitInput = z
  .object({
    date: isoDate
      .refine(
        (d) =>
          !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()) &&
          new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
        'Enter a real date',
      )
      .refine(
        (d) => d <= new Date().toISOString().slice(0, 10),
        'The date of the visit must be today or in the past',
      ),
    seen: z.enum(['seen', 'seen-alone', 'not-seen'], { error: 'Select whether the child was seen' }),
    summary: z
      .string()
      .trim()
      .min(1, 'Enter what happened')
      .max(20_000, 'What happened must be 20,000 characters or fewer'),
    childSaid: z.string().trim().max(20_000).optional(),
    notSeenReason: z.string().trim().max(2_000).optional(),
    othersPresent: z.string().trim().max(2_000).optional(),
    minutesWithChild: z.coerce
      .number({ error: 'Enter the time with the child as a number of minutes' })
      .int('Enter a whole number of minutes')
      .min(0)
      .max(1440, 'Time with the child must be 1,440 minutes or fewer')
      .optional(),
    /** 0–10 scores for the goals of the plans in place, keyed by goal id. */
    scores,
  })
  .strict();
export type VisitInput = z.infer<typeof visitInput>;

/** @throws ValidationError naming each field; NotFoundError when the caller may not record visits for this child */
export async function recordVisit(
  records: PersonRecords,
  personId: string,
  input: unknown,
): Promise<{ id: string }> {
  const parsed = visitInput.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        field: i.path.length > 0 ? String(i.path[0]) : 'body',
        message: i.message,
      })),
    );
  }
  const v = parsed.data;
  return records.withRecord(
    personId,
    'record_visit',
    'record.create',
    async (tx, _opened, ctx) => {
      const state = await loadJourneyState(tx, personId);
      const row = await saveVisit(
        { tx, laCode: ctx.actor.laCode, userId: ctx.actor.userId, personId, state },
        v,
      );
      await records.audit(tx, 'record.create', 'success', personId, `visit ${row.id}`);
      return row;
    },
    { auditSuccess: false },
  );
}

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
