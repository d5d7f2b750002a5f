/** My caseload, a team's page, the manager's view, and allocating or transferring a child. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../http/errors.ts';
import type { Field } from '../../http/forms/form.ts';
import { renderForm, saveForm } from '../../http/forms/render.ts';
import { recordsFor } from '../../http/request-context.ts';
import { allocateChild, allocationChoices } from '../../people/allocate.ts';
import { managerView, myCaseload, teamView } from '../../people/caseload.ts';
import { presentPerson } from '../../presenters/person.ts';

const idParams = z.object({ id: z.string() });
type Form = Record<string, string | undefined>;
/** The allocate form's inputs (the template lays them out: the worker list depends on the teams). */
const allocateFields: readonly Field[] = [
  { kind: 'select', name: 'teamId', label: 'Team', options: [] },
  { kind: 'select', name: 'workerUserId', label: 'Worker', options: [] },
  { kind: 'textarea', name: 'reason', label: 'Why' },
];

async function renderAllocate(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  values: Form,
  errors: FieldError[] = [],
) {
  const c = await allocationChoices(recordsFor(req), id);
  return renderForm(
    reply,
    'pages/caseload/allocate.njk',
    {
      person: presentPerson(c.opened.person, c.opened.abilities),
      current: c.current,
      history: c.history,
      teams: c.teams,
      values: { teamId: c.current?.teamId, ...values },
    },
    errors,
  );
}

export const caseloadPages: FastifyPluginAsync = async (app) => {
  app.get('/caseload', async (req, reply) => {
    const children = await myCaseload(recordsFor(req));
    return reply.view('pages/caseload/mine.njk', { children });
  });

  app.get('/teams/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    if (!z.uuid().safeParse(id).success) throw new AppError('not_found', 'Page not found');
    const team = await teamView(recordsFor(req), id);
    return reply.view('pages/caseload/team.njk', { team });
  });

  app.get('/manager', async (req, reply) => {
    const view = await managerView(recordsFor(req));
    return reply.view('pages/caseload/manager.njk', view);
  });

  app.get('/children/:id/allocate', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    return renderAllocate(req, reply, id, {});
  });

  app.post('/children/:id/allocate', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as Form;
    const saved = await saveForm(
      allocateFields,
      () =>
        allocateChild(recordsFor(req), id, {
          teamId: body.teamId || undefined,
          workerUserId: body.workerUserId || undefined,
          reason: body.reason ?? '',
        }),
      (errors) => renderAllocate(req, reply, id, body, errors),
    );
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/children/${id}?recorded=allocation`, 303);
  });
};
