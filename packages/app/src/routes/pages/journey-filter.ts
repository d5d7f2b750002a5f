/**
 * The journey page's filters, parsed by one zod schema: event types, agency, a date range (GOV.UK
 * date inputs, the one set of date rules) and the page number. A bad filter is named beside its
 * field and left out of the search, never guessed.
 */
import { z } from 'zod';
import type { FieldError } from '../../http/errors.ts';
import { dateRule } from '../../http/forms/dates.ts';
import { formToInput, pageErrors, type Field, type FormBody } from '../../http/forms/form.ts';
import { safeParseInput } from '../../http/forms/issues.ts';
import { eventGroups, type EventGroup, type TimelineFilter } from '../../journey/timeline.ts';

const groupKeys = Object.keys(eventGroups) as [EventGroup, ...EventGroup[]];

export const filterFields: readonly Field[] = [
  { kind: 'checkboxes', name: 'type', label: 'Type', options: Object.entries(eventGroups) },
  { kind: 'text', name: 'agency', label: 'Agency' },
  { kind: 'date', name: 'from', label: 'From' },
  { kind: 'date', name: 'to', label: 'To' },
  { kind: 'text', name: 'page', label: 'Page' },
];

export const journeyQuery = z
  .object({
    // Unknown types are dropped, as a link from an older page may carry one.
    type: z
      .array(z.string())
      .default([])
      .transform((t) => t.filter((g): g is EventGroup => (groupKeys as string[]).includes(g))),
    agency: z.string().trim().max(200, 'Agency must be 200 characters or fewer').optional(),
    from: dateRule('the “from” date').optional(),
    to: dateRule('the “to” date').optional(),
    page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && q.to < q.from)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The “to” date must be the same as or after the “from” date',
      });
  });

/**
 * The filter, page and errors for a journey page query string, and the values to fill the form in.
 * @example parseJourneyFilter({ 'from-day': '31', 'from-month': '2', 'from-year': '2026' }).errors
 */
export function parseJourneyFilter(query: FormBody): {
  filter: TimelineFilter;
  page: number;
  errors: FieldError[];
  values: Record<string, unknown>;
} {
  const input = formToInput(filterFields, query);
  let parsed = safeParseInput(journeyQuery, input);
  const errors = parsed.ok ? [] : pageErrors(filterFields, parsed.errors);
  if (!parsed.ok) {
    // Search without the fields that are wrong; the rest still filter.
    const bad = new Set(parsed.errors.map((e) => e.field));
    parsed = safeParseInput(
      journeyQuery,
      Object.fromEntries(Object.entries(input).filter(([k]) => !bad.has(k))),
    );
  }
  const q = parsed.ok ? parsed.data : { type: [], page: 1 };
  const filter: TimelineFilter = { groups: q.type, agency: q.agency || undefined, from: q.from, to: q.to };
  return { filter, page: q.page, errors, values: { ...query, type: q.type } };
}
