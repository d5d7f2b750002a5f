/**
 * Supervision pages: the signed-in person's own supervision records, a manager's form to record
 * one (choose the worker, then the children discussed), and a child's supervision discussions.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../access/capabilities.ts';
import { requireActor } from '../../../auth/actor.ts';
import type { FieldError } from '../../../http/errors.ts';
import { formToInput, type FormBody } from '../../../http/forms/form.ts';
import { renderForm, saveForm } from '../../../http/forms/render.ts';
import { recordsFor } from '../../../http/request-context.ts';
import {
  recordSupervision,
  supervisionChoices,
  supervisionFields,
  supervisionsOfChild,
  supervisionsOfWorker,
} from '../../../insight/supervision.ts';
import { presentPerson } from '../../../presenters/person.ts';

const workerQuery = z.object({ worker: z.uuid().optional().catch(undefined) });

export const supervisionPages: FastifyPluginAsync = async (app) => {
  app.get('/supervision', async (req, reply) => {
    const actor = requireActor(req);
    return reply.view('pages/insight/supervision-list.njk', {
      supervisions: await supervisionsOfWorker(recordsFor(req), actor),
      canRecord: can(actor.roles, 'manage_team'),
      saved: (req.query as { saved?: unknown }).saved === '1' ? 'Supervision recorded' : undefined,
    });
  });

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    workerId: string | undefined,
    values: Record<string, unknown> = {},
    errors: FieldError[] = [],
  ) => {
    const choices = await supervisionChoices(recordsFor(req), requireActor(req), workerId);
    const worker = choices.workers.find((w) => w.id === workerId);
    const fields = supervisionFields(choices).filter((f) => f.name !== 'workerId');
    return renderForm(
      reply,
      'pages/insight/supervision-form.njk',
      { choices, worker, fields, values },
      errors,
    );
  };

  app.get('/supervision/new', async (req, reply) =>
    showForm(req, reply, workerQuery.parse(req.query).worker),
  );

  app.post('/supervision/new', async (req, reply) => {
    const body = (req.body ?? {}) as FormBody;
    const workerId = typeof body.workerId === 'string' ? body.workerId : undefined;
    const choices = await supervisionChoices(recordsFor(req), requireActor(req), workerId);
    const fields = supervisionFields(choices);
    const r = await saveForm(
      fields,
      () => recordSupervision(recordsFor(req), requireActor(req), formToInput(fields, body)),
      (errors) => showForm(req, reply, workerId, body, errors),
    );
    if (!r.ok) return r.reply;
    return reply.redirect('/supervision?saved=1', 303);
  });

  app.get('/children/:id/supervision', async (req, reply) => {
    const { id } = z.object({ id: z.string() }).parse(req.params);
    const { opened, supervisions } = await supervisionsOfChild(recordsFor(req), id);
    return reply.view('pages/insight/supervision-child.njk', {
      person: presentPerson(opened.person, opened.abilities),
      supervisions,
    });
  });
};
