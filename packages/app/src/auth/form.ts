/**
 * One validation step for form posts: a zod schema turns the body into typed data or into
 * field-level errors for the GOV.UK error summary (each names its field's id).
 */
import type { z } from 'zod';
import type { FieldError } from '../http/errors.ts';

export type FormResult<T> =
  { ok: true; data: T } | { ok: false; errors: FieldError[]; values: Record<string, unknown> };

/**
 * Parses a form body. The first issue per field wins; messages come from the schema.
 * @example const r = parseForm(signInForm, req.body); if (!r.ok) return reply.view(page, { errors: r.errors });
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  const values = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return { ok: false, errors, values };
}

/** The message for one field, for a GOV.UK component's `errorMessage`. */
export function fieldErrors(errors: FieldError[]): Record<string, { text: string }> {
  return Object.fromEntries(errors.map((e) => [e.field, { text: e.message }]));
}

/** A required text field with a GOV.UK-style message. */
export function requiredText(zod: typeof z, message: string, max = 200) {
  return zod.string({ error: message }).trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
}
