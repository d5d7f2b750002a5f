/**
 * The front door's pages for partners' involvements: the "link involvement" task list (urgent
 * concerns first), linking one to a child's record, and the council's "who else is involved?"
 * look-up on a child's record.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../../http/errors.ts';
import { formToInput, type Field, type FormBody } from '../../../http/forms/form.ts';
import { renderForm, saveForm } from '../../../http/forms/render.ts';
import { recordsFor } from '../../../http/request-context.ts';
import { lookupFields } from '../../../involvement/input.ts';
import { linkInvolvement, linkTask, linkTasks } from '../../../involvement/link.ts';
import { lookupForChild } from '../../../involvement/lookup.ts';
import { lookupReasons, wordsFor } from '../../../involvement/words.ts';

const params = z.object({ id: z.string() });
const linkFields: readonly Field[] = [
  { kind: 'radios', name: 'personId', label: 'Which child is this?', options: [] },
];

export const frontDoorInvolvementPages: FastifyPluginAsync = async (app) => {
  app.get('/front-door/involvements', async (req, reply) => {
    const tasks = await linkTasks(recordsFor(req));
    const q = z.object({ linked: z.string().optional() }).parse(req.query);
    return reply.view('pages/involvement/to-link.njk', { tasks, linked: q.linked === 'yes' });
  });

  const showLink = async (req: FastifyRequest, id: string, values: FormBody, errors: FieldError[]) => {
    const { task, candidates } = await linkTask(recordsFor(req), id);
    return { task, candidates, values, errors };
  };

  app.get('/front-door/involvements/:id', async (req, reply) => {
    const { id } = params.parse(req.params);
    return renderForm(reply, 'pages/involvement/link.njk', await showLink(req, id, {}, []));
  });

  app.post('/front-door/involvements/:id', async (req, reply) => {
    const { id } = params.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const personId = typeof body.personId === 'string' ? body.personId : '';
    if (personId === '') {
      const ctx = await showLink(req, id, body, []);
      return renderForm(reply, 'pages/involvement/link.njk', ctx, [
        { field: 'personId', message: 'Select the child this involvement is about' },
      ]);
    }
    const r = await saveForm(
      linkFields,
      () => linkInvolvement(recordsFor(req), id, personId),
      async (errors) =>
        renderForm(reply, 'pages/involvement/link.njk', await showLink(req, id, body, errors), errors),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`/children/${personId}?recorded=involvement-linked`, 303);
  });

  app.get('/children/:id/who-else', async (req, reply) => {
    const { id } = params.parse(req.params);
    const opened = await recordsFor(req).open(id, 'view', 'record.view');
    return renderForm(reply, 'pages/involvement/lookup.njk', {
      child: { name: `${opened.person.given_name} ${opened.person.family_name}` },
      action: `/children/${id}/who-else`,
      back: `/children/${id}`,
      fields: lookupFields,
    });
  });

  app.post('/children/:id/who-else', async (req, reply) => {
    const { id } = params.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const records = recordsFor(req);
    const r = await saveForm(
      lookupFields,
      () => lookupForChild(app.deps.database.db, records, id, formToInput(lookupFields, body)),
      async (errors) => {
        const opened = await records.open(id, 'view', 'record.view');
        return renderForm(
          reply,
          'pages/involvement/lookup.njk',
          {
            child: { name: `${opened.person.given_name} ${opened.person.family_name}` },
            action: `/children/${id}/who-else`,
            back: `/children/${id}`,
            fields: lookupFields,
            values: body,
          },
          errors,
        );
      },
    );
    if (!r.ok) return r.reply;
    const opened = await records.open(id, 'view', 'record.view');
    return reply.view('pages/involvement/lookup-result.njk', {
      child: { name: `${opened.person.given_name} ${opened.person.family_name}` },
      back: `/children/${id}`,
      reason: wordsFor(lookupReasons, typeof body.reason === 'string' ? body.reason : null),
      result: r.value,
    });
  });
};
