/**
 * Recording the next thing on a child's journey: one page per step (a visit is one), generated
 * from the step's fields, with the GOV.UK error summary on bad input. Saving opens one
 * transaction and writes one audit event. `/children/{id}/visits/new` is the visit step's page.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../http/errors.ts';
import { pageErrors, type FormBody } from '../../http/forms/form.ts';
import { renderForm, saveForm } from '../../http/forms/render.ts';
import { recordsFor } from '../../http/request-context.ts';
import { openForStep, recordStep } from '../../journey/record-step.ts';
import { presentPerson } from '../../presenters/person.ts';
import type { PersonRecords } from '../../records/person-records.ts';

const params = z.object({ id: z.string(), step: z.string() });
const idParams = z.object({ id: z.string() });

async function renderStep(
  reply: FastifyReply,
  records: PersonRecords,
  id: string,
  kind: string,
  values: FormBody = {},
  errors: FieldError[] = [],
) {
  const { step, opened, state } = await openForStep(records, id, kind);
  const fields = step.fields(state);
  return renderForm(
    reply,
    'pages/children/step.njk',
    {
      person: presentPerson(opened.person, opened.abilities),
      step: { kind: step.kind, title: step.title, submit: step.submit ?? 'Save' },
      fields,
      values,
    },
    pageErrors(fields, errors),
  );
}

async function saveStep(
  reply: FastifyReply,
  records: PersonRecords,
  id: string,
  kind: string,
  body: FormBody,
) {
  // The step's fields depend on the journey state, so renderStep points the errors at them.
  const saved = await saveForm(
    [],
    () => recordStep(records, id, kind, body, { form: true }),
    (errors) => renderStep(reply, records, id, kind, body, errors),
  );
  if (!saved.ok) return saved.reply;
  return reply.redirect(`/children/${id}?recorded=${encodeURIComponent(kind)}`, 303);
}

export const journeyStepPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/record/:step', async (req, reply) => {
    const { id, step } = params.parse(req.params);
    return renderStep(reply, recordsFor(req), id, step);
  });

  app.post('/children/:id/record/:step', async (req, reply) => {
    const { id, step } = params.parse(req.params);
    return saveStep(reply, recordsFor(req), id, step, (req.body ?? {}) as FormBody);
  });

  app.get('/children/:id/visits/new', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    return renderStep(reply, recordsFor(req), id, 'visit');
  });

  app.post('/children/:id/visits', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    return saveStep(reply, recordsFor(req), id, 'visit', (req.body ?? {}) as FormBody);
  });
};
