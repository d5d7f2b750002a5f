/**
 * The one mapping from zod issues to field errors, for pages and the API alike: one message per
 * field (the first), in words people use. A schema's own messages are kept; where a schema left
 * zod's developer text ("Too big: expected string to have <=200 characters"), the field's name is
 * put into a GOV.UK-style message instead ("Title must be 200 characters or fewer").
 */
import type { z } from 'zod';
import { ValidationError, type FieldError } from '../errors.ts';

/** "firstLanguage" → "First language". */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const amount = (n: unknown) =>
  typeof n === 'number' || typeof n === 'bigint' ? n.toLocaleString('en-GB') : String(n);

/** A user-facing message for an issue the schema gave no words for. */
export function messageFor(issue: z.core.$ZodRawIssue): string {
  const key = [...(issue.path ?? [])].reverse().find((p) => typeof p === 'string');
  const label = labelOf(typeof key === 'string' ? key : 'this');
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === ''
        ? `Enter ${lowerFirst(label)}`
        : `Enter a real ${lowerFirst(label)}`;
    case 'too_big':
      if (issue.origin === 'string') return `${label} must be ${amount(issue.maximum)} characters or fewer`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Select ${amount(issue.maximum)} or fewer`;
      return `${label} must be ${amount(issue.maximum)} or less`;
    case 'too_small':
      if (issue.origin === 'string') return `Enter ${lowerFirst(label)}`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Select at least ${amount(issue.minimum)}`;
      return `${label} must be ${amount(issue.minimum)} or more`;
    case 'invalid_value':
    case 'invalid_union':
      return `Select ${lowerFirst(label)} from the list`;
    case 'invalid_format':
      return `Enter a real ${lowerFirst(label)}`;
    case 'not_multiple_of':
      return `${label} must be a whole number`;
    case 'unrecognized_keys':
      return `Remove ${issue.keys.join(', ')}: ${issue.keys.length === 1 ? 'it is' : 'they are'} not part of this form`;
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
      return `Check ${lowerFirst(label)}`;
  }
}

/** Field errors from zod issues: the path joined with dots ("scores.<goalId>"), the first issue per field. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const i of issues) {
    const field = i.path.length > 0 ? i.path.map(String).join('.') : 'body';
    if (!out.some((e) => e.field === field)) out.push({ field, message: i.message });
  }
  return out;
}

/**
 * Parses input with its one schema, or throws a ValidationError naming each bad field once.
 * @example const visit = parseInput(visitInput, req.body);
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = safeParseInput(schema, input);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  return parsed.data;
}

/** As parseInput, answering with the errors instead of throwing. */
export function safeParseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(input ?? {}, { error: messageFor });
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, errors: issuesToFieldErrors(parsed.error.issues) };
}

/**
 * Parses a posted form whose keys are its schema's (sign-in, account and admin forms): the data,
 * or the errors and what was typed, to show again.
 * @example const r = parseForm(signInForm, req.body); if (!r.ok) return renderForm(reply, page, { values: r.values }, r.errors);
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldError[]; values: Record<string, unknown> } {
  const parsed = safeParseInput(schema, body);
  if (parsed.ok) return parsed;
  const values = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return { ok: false, errors: parsed.errors, values };
}
