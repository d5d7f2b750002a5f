/**
 * The zod pieces journey and people inputs are built from, with messages in GOV.UK style. Dates
 * have their one set of rules in `http/forms/dates.ts`; how fields appear on pages is
 * `http/forms/form.ts`. One schema per input is used by both the page and the JSON API.
 */
import { z } from 'zod';
import { subjectOf } from '../http/forms/dates.ts';
import type { CodeList } from './codes.ts';
import { codes } from './codes.ts';

/** Required text: "Enter the note"; "Note must be 20,000 characters or fewer". */
export const text = (what: string, max = 20_000) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${subjectOf(what)} must be ${max.toLocaleString('en-GB')} characters or fewer`);

/**
 * Optional text. `what` names it in the message when it is too long; without it the form kit
 * names the field from its key ("Raised by must be 500 characters or fewer").
 */
export const optionalText = (max = 20_000, what?: string) =>
  z
    .string()
    .trim()
    .max(
      max,
      what === undefined
        ? undefined
        : `${subjectOf(what)} must be ${max.toLocaleString('en-GB')} characters or fewer`,
    )
    .optional();

export const code = (list: CodeList, message: string) => z.enum(codes(list), { error: message });

export const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { error: message });

/** A whole number from 0 to 10. */
export const score = z.coerce
  .number({ error: 'Enter a score from 0 to 10' })
  .int('Enter a whole number from 0 to 10')
  .min(0, 'Enter a score from 0 to 10')
  .max(10, 'Enter a score from 0 to 10');

/** Scores 0–10 for goals, keyed by goal id. */
export const scores = z.record(z.uuid({ error: 'Score a goal of this child’s plan' }), score).default({});
