/**
 * Recording the next thing on a child's journey: one page per step, generated from the step's
 * fields, with the GOV.UK error summary on bad input. Thin: parse, record, redirect or re-render.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../http/errors.ts';
import { recordsFor } from '../../http/request-context.ts';
import { fieldIdFor, formToInput } from '../../journey/fields.ts';
import { openForStep, recordStep } from '../../journey/record-step.ts';
import type { PersonRecords } from '../../records/person-records.ts';
import { presentPerson } from '../../presenters/person.ts';

const params = z.object({ id: z.string(), step: z.string() });
type Form = Record<string, string | string[] | undefined>;

async function renderStep(
  reply: FastifyReply,
  records: PersonRecords,
  id: string,
  kind: string,
  extra: { values: Form; errors?: FieldError[] },
) {
  const { step, opened, state } = await openForStep(records, id, kind);
  const fields = step.fields(state);
  return reply.view('pages/children/step.njk', {
    person: presentPerson(opened.person, opened.abilities),
    step: { kind: step.kind, title: step.title },
    fields,
    values: extra.values,
    errors: (extra.errors ?? []).map((e) => ({ ...e, field: fieldIdFor(fields, e.field.split('.')) })),
  });
}

export const journeyStepPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/record/:step', async (req, reply) => {
    const { id, step } = params.parse(req.params);
    return renderStep(reply, recordsFor(req), id, step, { values: {} });
  });

  app.post('/children/:id/record/:step', async (req, reply) => {
    const { id, step: kind } = params.parse(req.params);
    const body = (req.body ?? {}) as Form;
    const records = recordsFor(req);
    const { step, state } = await openForStep(records, id, kind);
    try {
      await recordStep(records, id, kind, formToInput(step.fields(state), body));
    } catch (err) {
      if (!(err instanceof AppError) || err.id !== 'validation_failed') throw err;
      reply.code(400);
      return renderStep(reply, records, id, kind, { values: body, errors: err.options.fields ?? [] });
    }
    return reply.redirect(`/children/${id}?recorded=${encodeURIComponent(step.title)}`, 303);
  });
};
