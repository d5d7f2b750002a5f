/**
 * A child's feedback page (answers, requests, and sending a request) and a person's contact
 * details for feedback. Thin: parse, call the feedback capability, present, render.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../../auth/actor.ts';
import { childFeedback } from '../../../feedback/child-feedback.ts';
import {
  readContactDetails,
  RESTRICTED_REASON,
  updateContactDetails,
} from '../../../feedback/contact-details.ts';
import { refusalFor, sendFeedbackRequest } from '../../../feedback/send-request.ts';
import type { FieldError } from '../../../http/errors.ts';
import { renderForm, saveForm } from '../../../http/forms/render.ts';
import { recordsFor } from '../../../http/request-context.ts';
import { presentPerson } from '../../../presenters/person.ts';

const idParams = z.object({ id: z.string() });
const respondentWords = { child: 'The child', parent: 'A parent', carer: 'A carer' } as const;
const channelWords = { email: 'Email', sms: 'Text message', print: 'Printed slip' } as const;

const detailsFields = [{ name: 'email' }, { name: 'mobile' }, { name: 'consent' }] as const;
const sendFields = [{ name: 'respondent' }, { name: 'channel' }, { name: 'form' }] as const;

async function showFeedback(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  values: Record<string, unknown> = {},
  errors: FieldError[] = [],
) {
  const actor = requireActor(req);
  const f = await childFeedback(recordsFor(req), actor, id);
  return renderForm(
    reply,
    'pages/feedback/child.njk',
    {
      person: presentPerson(f.opened.person, f.opened.abilities),
      answers: f.answers.map((a) => ({ ...a, respondent: respondentWords[a.respondent] })),
      requests: f.requests.map((r) => ({
        ...r,
        respondent: respondentWords[r.respondent],
        channel: channelWords[r.channel],
      })),
      recipients: f.recipients?.map((r) => ({
        personId: r.personId,
        name: r.name,
        relationship: r.relationship,
        email: r.details.email,
        mobile: r.details.mobile,
        consent: r.details.consentToContact,
        isRestricted: r.isRestricted,
        canMessage: refusalFor(r, 'email') === null || refusalFor(r, 'sms') === null,
      })),
      saved: (req.query as { sent?: unknown }).sent === '1' ? 'Feedback request sent' : undefined,
      values,
    },
    errors,
  );
}

export const childFeedbackPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/feedback', async (req, reply) =>
    showFeedback(req, reply, idParams.parse(req.params).id),
  );

  app.post('/children/:id/feedback', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const r = await saveForm(
      sendFields.map((f) => ({ kind: 'text', label: f.name, name: f.name })),
      () =>
        sendFeedbackRequest(recordsFor(req), requireActor(req), id, body, `${req.protocol}://${req.host}`),
      (errors) => showFeedback(req, reply, id, body, errors),
    );
    if (!r.ok) return r.reply;
    if (r.value.slip === undefined) return reply.redirect(`/children/${id}/feedback?sent=1`, 303);
    const opened = await recordsFor(req).open(id);
    return reply.view('pages/feedback/slip.njk', {
      person: presentPerson(opened.person, opened.abilities),
      recipientName: r.value.recipientName,
      slip: r.value.slip,
    });
  });

  const showDetails = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values?: Record<string, unknown>,
    errors: FieldError[] = [],
  ) => {
    const { opened, details } = await readContactDetails(recordsFor(req), id);
    return renderForm(
      reply,
      'pages/feedback/contact-details.njk',
      {
        person: presentPerson(opened.person, opened.abilities),
        canEdit: opened.abilities.edit && !opened.person.is_restricted,
        restrictedReason: opened.person.is_restricted ? RESTRICTED_REASON : null,
        saved: (req.query as { saved?: unknown }).saved === '1' ? 'Contact details saved' : undefined,
        values: values ?? {
          email: details.email ?? '',
          mobile: details.mobile ?? '',
          consent: details.version === 0 ? '' : details.consentToContact ? 'yes' : 'no',
          version: String(details.version),
        },
      },
      errors,
    );
  };

  app.get('/children/:id/contact-details', async (req, reply) =>
    showDetails(req, reply, idParams.parse(req.params).id),
  );

  app.post('/children/:id/contact-details', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const r = await saveForm(
      detailsFields.map((f) => ({ kind: 'text', label: f.name, name: f.name })),
      () => updateContactDetails(recordsFor(req), requireActor(req).userId, id, body),
      (errors) => showDetails(req, reply, id, body, errors),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`/children/${id}/contact-details?saved=1`, 303);
  });
};
