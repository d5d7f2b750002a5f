/**
 * A partner practitioner's own pages: "My children" (the involvements they hold), record one,
 * correct it, end it, raise a concern with the LA's front door, and ask who else is involved.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestMeta, requireActor } from '../../../auth/actor.ts';
import { AppError } from '../../../http/errors.ts';
import { formToInput, inputToForm, type FormBody } from '../../../http/forms/form.ts';
import { renderForm, saveForm } from '../../../http/forms/render.ts';
import { concernFields, endFields, involvementFields, lookupFields } from '../../../involvement/input.ts';
import { lookupForInvolvement } from '../../../involvement/lookup.ts';
import { PartnerInvolvements } from '../../../involvement/partner-records.ts';
import { involvementAsInput, presentInvolvement } from '../../../involvement/present.ts';
import { lookupReasons, wordsFor } from '../../../involvement/words.ts';

const params = z.object({ id: z.string() });
const saved: Record<string, string> = {
  recorded: 'Involvement recorded. It is shared with the involvement index so others can reach you.',
  corrected: 'Involvement corrected.',
  ended: 'Involvement ended.',
  concern: 'Concern sent to the council’s front door.',
};

function partnerFor(req: FastifyRequest): PartnerInvolvements {
  return new PartnerInvolvements(req.server.deps.database.db, requireActor(req), requestMeta(req));
}

async function showInvolvement(req: FastifyRequest, reply: FastifyReply, id: string) {
  const { row, concerns } = await partnerFor(req).view(id);
  const q = z.object({ saved: z.string().optional() }).parse(req.query);
  return reply.view('pages/involvement/involvement.njk', {
    involvement: presentInvolvement(row),
    concerns,
    saved: q.saved === undefined ? undefined : saved[q.saved],
  });
}

export const partnerInvolvementPages: FastifyPluginAsync = async (app) => {
  app.get('/involvements', async (req, reply) => {
    const q = z.object({ ended: z.string().optional(), saved: z.string().optional() }).parse(req.query);
    const rows = await partnerFor(req).list({ includeEnded: q.ended === 'show' });
    return reply.view('pages/involvement/mine.njk', {
      saved: q.saved === undefined ? undefined : saved[q.saved],
      involvements: rows.map(presentInvolvement),
      showEnded: q.ended === 'show',
    });
  });

  app.get('/involvements/new', async (req, reply) => {
    partnerFor(req);
    return renderForm(reply, 'pages/involvement/record.njk', {
      fields: involvementFields,
      values: { shielded: 'no' },
    });
  });

  app.post('/involvements/new', async (req, reply) => {
    const body = (req.body ?? {}) as FormBody;
    const r = await saveForm(
      involvementFields,
      () => partnerFor(req).record(formToInput(involvementFields, body)),
      (errors) =>
        renderForm(
          reply,
          'pages/involvement/record.njk',
          { fields: involvementFields, values: body },
          errors,
        ),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`/involvements/${r.value}?saved=recorded`, 303);
  });

  app.get('/involvements/:id', async (req, reply) =>
    showInvolvement(req, reply, params.parse(req.params).id),
  );

  app.get('/involvements/:id/correct', async (req, reply) => {
    const { id } = params.parse(req.params);
    const v = presentInvolvement((await partnerFor(req).view(id)).row);
    return renderForm(reply, 'pages/involvement/record.njk', {
      involvement: v,
      fields: involvementFields,
      values: { ...inputToForm(involvementFields, involvementAsInput(v)), version: String(v.version) },
    });
  });

  app.post('/involvements/:id/correct', async (req, reply) => {
    const { id } = params.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const partner = partnerFor(req);
    const rerender = async (errors: { field: string; message: string }[], status?: number) =>
      renderForm(
        reply,
        'pages/involvement/record.njk',
        {
          involvement: presentInvolvement((await partner.view(id)).row),
          fields: involvementFields,
          values: body,
        },
        errors,
        status,
      );
    let r;
    try {
      r = await saveForm(
        involvementFields,
        () => partner.correct(id, formToInput(involvementFields, body), Number(body.version)),
        (errors) => rerender(errors),
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.id !== 'conflict') throw err;
      return rerender(
        [
          {
            field: 'givenName',
            message:
              'Someone else changed this involvement since you opened it. Open it again to see their change.',
          },
        ],
        409,
      );
    }
    if (!r.ok) return r.reply;
    return reply.redirect(`/involvements/${id}?saved=corrected`, 303);
  });

  app.get('/involvements/:id/end', async (req, reply) => {
    const { id } = params.parse(req.params);
    const v = presentInvolvement((await partnerFor(req).view(id)).row);
    return renderForm(reply, 'pages/involvement/end.njk', {
      involvement: v,
      fields: endFields,
      values: { version: String(v.version) },
    });
  });

  app.post('/involvements/:id/end', async (req, reply) => {
    const { id } = params.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const partner = partnerFor(req);
    const show = async (errors: { field: string; message: string }[], status?: number) =>
      renderForm(
        reply,
        'pages/involvement/end.njk',
        { involvement: presentInvolvement((await partner.view(id)).row), fields: endFields, values: body },
        errors,
        status,
      );
    let r;
    try {
      r = await saveForm(
        endFields,
        () => partner.end(id, { ...formToInput(endFields, body), version: body.version }),
        (errors) => show(errors),
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.id !== 'conflict') throw err;
      return show(
        [
          {
            field: 'endedOn-day',
            message:
              'Someone else changed this involvement since you opened it. Open it again before ending it.',
          },
        ],
        409,
      );
    }
    if (!r.ok) return r.reply;
    return reply.redirect(`/involvements?saved=ended`, 303);
  });

  app.get('/involvements/:id/concern', async (req, reply) => {
    const { id } = params.parse(req.params);
    const v = presentInvolvement((await partnerFor(req).view(id)).row);
    return renderForm(reply, 'pages/involvement/concern.njk', { involvement: v, fields: concernFields });
  });

  app.post('/involvements/:id/concern', async (req, reply) => {
    const { id } = params.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const partner = partnerFor(req);
    const r = await saveForm(
      concernFields,
      () => partner.raiseConcern(id, formToInput(concernFields, body)),
      async (errors) =>
        renderForm(
          reply,
          'pages/involvement/concern.njk',
          {
            involvement: presentInvolvement((await partner.view(id)).row),
            fields: concernFields,
            values: body,
          },
          errors,
        ),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`/involvements/${id}?saved=concern`, 303);
  });

  app.get('/involvements/:id/who-else', async (req, reply) => {
    const { id } = params.parse(req.params);
    const v = presentInvolvement((await partnerFor(req).view(id)).row);
    return renderForm(reply, 'pages/involvement/lookup.njk', {
      involvement: v,
      child: { name: v.childName },
      action: `/involvements/${id}/who-else`,
      back: `/involvements/${id}`,
      fields: lookupFields,
    });
  });

  app.post('/involvements/:id/who-else', async (req, reply) => {
    const { id } = params.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const partner = partnerFor(req);
    const r = await saveForm(
      lookupFields,
      () => lookupForInvolvement(app.deps.database.db, partner, id, formToInput(lookupFields, body)),
      async (errors) => {
        const v = presentInvolvement((await partner.view(id)).row);
        return renderForm(
          reply,
          'pages/involvement/lookup.njk',
          {
            involvement: v,
            child: { name: v.childName },
            action: `/involvements/${id}/who-else`,
            back: `/involvements/${id}`,
            fields: lookupFields,
            values: body,
          },
          errors,
        );
      },
    );
    if (!r.ok) return r.reply;
    const v = presentInvolvement((await partner.view(id)).row);
    return reply.view('pages/involvement/lookup-result.njk', {
      child: { name: v.childName },
      back: `/involvements/${id}`,
      reason: wordsFor(lookupReasons, typeof body.reason === 'string' ? body.reason : null),
      result: r.value,
    });
  });
};
