/**
 * The one re-render-with-errors step for pages: a form that fails validation is shown again with
 * what was typed, status 400, and `errors` (field id + message) that the layout turns into the
 * GOV.UK error summary (each message linked to its input) and "Error: " before the page title,
 * and that the field macro shows beside each input. A form with fields shown to a signed-in person
 * is timed (timing.ts): `formOpening` for the `formTiming` macro.
 */
import type { FastifyReply } from 'fastify';
import { AppError, type FieldError } from '../errors.ts';
import { pageErrors, type Field } from './form.ts';
import { markFormShown } from './timing.ts';

/**
 * Renders a form page. With errors, answers 400 unless told otherwise.
 * @example return renderForm(reply, 'pages/children/step.njk', { person, fields, values: body }, errors);
 */
export function renderForm(
  reply: FastifyReply,
  view: string,
  context: Record<string, unknown>,
  errors: readonly FieldError[] = [],
  status?: number,
): FastifyReply {
  const formOpening = markFormShown(reply.request, context);
  return reply
    .code(status ?? (errors.length > 0 ? 400 : 200))
    .view(view, { values: {}, ...context, errors, formOpening });
}

/** Whether an error is a validation failure a page shows beside its fields. */
export const isValidationError = (err: unknown): err is AppError =>
  err instanceof AppError && err.id === 'validation_failed';

/**
 * Runs `save`; a ValidationError from it is mapped onto the page's fields (one message per input)
 * and handed to `showErrors`, which re-renders the form. Anything else is thrown on.
 * @example
 * const r = await saveForm(fields, () => recordStep(...), (errors) => render(reply, body, errors));
 * if (!r.ok) return r.reply;
 */
export async function saveForm<T>(
  fields: readonly Field[],
  save: () => Promise<T>,
  showErrors: (errors: FieldError[]) => FastifyReply | Promise<FastifyReply>,
  alias: Record<string, string> = {},
): Promise<{ ok: true; value: T } | { ok: false; reply: FastifyReply }> {
  try {
    return { ok: true, value: await save() };
  } catch (err) {
    if (!isValidationError(err)) throw err;
    return { ok: false, reply: await showErrors(pageErrors(fields, err.options.fields ?? [], alias)) };
  }
}
