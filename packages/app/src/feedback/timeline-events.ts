/**
 * Families' answers on the child's journey timeline: the feedback capability's rows in the
 * `journey_events` columns, which journey/timeline.ts reads beside the view (row-level security
 * applies as to the view). The answers as numbers in `detail` ("3,4,-": understands why people
 * are worried, feels listened to, the plan is helping; "-" not answered) and what would make it
 * better, the family's own words, as `child_said` (shown only to those who may read case notes).
 */
import { sql } from 'kysely';
import { answerWords, questionKeys, questions } from './questions.ts';

/** The rows, as SQL with the view's columns in its order. */
export const feedbackTimelineRows = sql`select la_code, child_id as person_id, 'feedback'::text as kind, id,
    (answered_at at time zone 'Europe/London')::date as occurred_on, respondent as code, form as code2,
    concat_ws(',', coalesce(understand_worries::text, '-'), coalesce(listened_to::text, '-'),
      coalesce(plan_helping::text, '-')) as detail,
    make_better as child_said, null::uuid as author_id, answered_at as recorded_at, null::uuid as organisation_id
  from feedback_responses`;

const who: Record<string, string> = { child: 'the child', parent: 'a parent', carer: 'a carer' };

/** The event's title: "Feedback from a parent". */
export function feedbackTitle(respondent: string | null): string {
  return `Feedback from ${who[respondent ?? ''] ?? 'the family'}`;
}

/** The answers in words: "Understands why people are worried: Mostly. Feels listened to: Yes. …". */
export function feedbackDetail(detail: string | null): string | null {
  if (detail === null) return null;
  const values = detail.split(',');
  return questionKeys
    .map((k, i) => {
      const v = values[i];
      return `${questions[k].short}: ${answerWords(v === undefined || v === '-' ? null : Number(v))}.`;
    })
    .join(' ');
}
