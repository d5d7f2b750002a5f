/** The partnership's pages: the list of reviews, notifying an incident, the decision, scope and reviewers. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { can } from '../../../access/capabilities.ts';
import { NotFoundError } from '../../../http/errors.ts';
import { formToInput, inputToForm, type Field, type FormBody } from '../../../http/forms/form.ts';
import { saveForm } from '../../../http/forms/render.ts';
import {
  addReviewer,
  closeReview,
  decideReview,
  notifyIncident,
  partnershipFor,
  reviewerCandidates,
  reviewFor,
  scopeFormData,
  setScope,
} from '../../../learning-reviews/incidents.ts';
import { listReviews, loadWorkspace, readChildForReview } from '../../../learning-reviews/workspace.ts';
import { callerFor, decisions, reviewForm, reviewParams, type FormPage } from './common.ts';

const notifyFields: readonly Field[] = [
  {
    kind: 'text',
    name: 'title',
    label: 'A short title for the review',
    hint: 'For example: Child A, 2026. Use no names.',
  },
  { kind: 'textarea', name: 'incidentSummary', label: 'What happened' },
  { kind: 'date', name: 'incidentOn', label: 'Date of the incident' },
  {
    kind: 'date',
    name: 'knownOn',
    label: 'Date the partnership learnt of it',
    hint: 'The Panel is to be told within 5 working days and a rapid review held within 15 working days of this date',
  },
];
const decisionFields: readonly Field[] = [
  {
    kind: 'radios',
    name: 'decision',
    label: 'Will there be a local child safeguarding practice review?',
    options: [
      ['local-review', 'Yes, a local review'],
      ['no-local-review', 'No local review'],
    ],
  },
  { kind: 'textarea', name: 'decisionReason', label: 'Reason for the decision' },
  { kind: 'date', name: 'panelNotifiedOn', label: 'Date the Panel was told', optional: true },
  { kind: 'date', name: 'rapidReviewOn', label: 'Date of the rapid review', optional: true },
];

const SAVED: Record<string, string> = {
  notified: 'The incident is notified',
  decision: 'The decision is recorded',
  scope: 'The scope is saved',
  reviewer: 'The reviewer is named',
  closed: 'The review is closed; reviewers no longer have access to the children’s records',
};
const savedQuery = z.object({ saved: z.string().max(20).optional() });

export const incidentPages: FastifyPluginAsync = async (app) => {
  app.get('/learning-reviews', async (req, reply) => {
    const caller = callerFor(req);
    const reviews = await listReviews(caller);
    const partnership = await partnershipFor(caller);
    return reply.view('pages/learning-reviews/list.njk', { reviews, partnership, decisions });
  });

  const notifyPage: FormPage = {
    title: 'Notify a serious incident',
    action: '/learning-reviews',
    backHref: '/learning-reviews',
    backText: 'All learning reviews',
    fields: notifyFields,
    saveText: 'Notify',
  };
  app.get('/learning-reviews/new', async (req, reply) => {
    if (!can(callerFor(req).actor.roles, 'run_learning_reviews'))
      throw new NotFoundError('not a business manager');
    return reviewForm(reply, notifyPage);
  });
  app.post('/learning-reviews', async (req, reply) => {
    const body = (req.body ?? {}) as FormBody;
    const r = await saveForm(
      notifyFields,
      () => notifyIncident(callerFor(req), formToInput(notifyFields, body)),
      (errors) => reviewForm(reply, notifyPage, body, errors),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`/learning-reviews/${r.value}?saved=notified`, 303);
  });

  app.get('/learning-reviews/:id', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const q = savedQuery.safeParse(req.query);
    const w = await loadWorkspace(callerFor(req), id);
    return reply.view('pages/learning-reviews/workspace.njk', {
      w,
      decisions,
      saved: q.success && q.data.saved !== undefined ? SAVED[q.data.saved] : undefined,
    });
  });

  app.get('/learning-reviews/:id/children/:personId', async (req, reply) => {
    const { id, personId } = z
      .object({ id: z.string().max(100), personId: z.string().max(100) })
      .parse(req.params);
    const child = await readChildForReview(callerFor(req), id, personId);
    return reply.view('pages/learning-reviews/child.njk', child);
  });

  const decisionPage = (id: string, ref: string): FormPage => ({
    title: 'Decision on a local review',
    caption: ref,
    action: `/learning-reviews/${id}/decision`,
    backHref: `/learning-reviews/${id}`,
    fields: decisionFields,
    saveText: 'Save the decision',
  });
  const refOf = (req: Parameters<typeof callerFor>[0], id: string) => reviewFor(callerFor(req), id, 'run');
  app.get('/learning-reviews/:id/decision', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const r = await refOf(req, id);
    return reviewForm(
      reply,
      decisionPage(r.id, r.reference),
      inputToForm(decisionFields, {
        decision: r.decision === 'pending' ? undefined : r.decision,
        decisionReason: r.decision_reason,
        panelNotifiedOn: r.panel_notified_on,
        rapidReviewOn: r.rapid_review_on,
      }),
    );
  });
  app.post('/learning-reviews/:id/decision', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const saved = await saveForm(
      decisionFields,
      () => decideReview(callerFor(req), id, formToInput(decisionFields, body)),
      async (errors) => reviewForm(reply, decisionPage(id, (await refOf(req, id)).reference), body, errors),
    );
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/learning-reviews/${id}?saved=decision`, 303);
  });

  const scopeFields = async (req: Parameters<typeof callerFor>[0], id: string) => {
    const { review: r, organisations: orgs, children, agencies } = await scopeFormData(callerFor(req), id);
    {
      const fields: Field[] = [
        {
          kind: 'textarea',
          name: 'children',
          label: 'Children',
          hint: 'The NHS number or Waypoint record id of each child, one per line',
          rows: 3,
        },
        { kind: 'date', name: 'periodFrom', label: 'Start of the period' },
        { kind: 'date', name: 'periodTo', label: 'End of the period' },
        {
          kind: 'checkboxes',
          name: 'agencies',
          label: 'Agencies',
          options: orgs.map((o) => [o.id, o.name] as const),
          optional: true,
        },
        { kind: 'textarea', name: 'termsOfReference', label: 'Terms of reference', rows: 8 },
        {
          kind: 'radios',
          name: 'householdAccess',
          label: 'May the reviewers read the records of the children’s household?',
          hint: 'Parents, siblings, partners and carers recorded as the children’s family',
          options: [
            ['yes', 'Yes'],
            ['no', 'No, the subject children’s records only'],
          ],
        },
      ];
      const values = {
        ...inputToForm(fields, {
          periodFrom: r.period_from,
          periodTo: r.period_to,
          termsOfReference: r.terms_of_reference,
          agencies,
          householdAccess: r.household_access ? 'yes' : 'no',
        }),
        children: children.join('\n'),
        version: String(r.version),
      };
      const page: FormPage = {
        title: 'Scope of the review',
        caption: r.reference,
        action: `/learning-reviews/${r.id}/scope`,
        backHref: `/learning-reviews/${r.id}`,
        fields,
        saveText: 'Save the scope',
      };
      return { page, values };
    }
  };
  app.get('/learning-reviews/:id/scope', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const { page, values } = await scopeFields(req, id);
    return reviewForm(reply, page, values);
  });
  app.post('/learning-reviews/:id/scope', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const { page } = await scopeFields(req, id);
    const saved = await saveForm(
      page.fields,
      () => setScope(callerFor(req), id, { ...formToInput(page.fields, body), version: body.version }),
      (errors) => reviewForm(reply, page, body, errors),
    );
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/learning-reviews/${id}?saved=scope`, 303);
  });

  const reviewerPage = async (req: Parameters<typeof callerFor>[0], id: string) => {
    const { review: r, people } = await reviewerCandidates(callerFor(req), id);
    {
      const fields: Field[] = [
        {
          kind: 'radios',
          name: 'userId',
          label: 'Who will review?',
          hint: 'Nobody who has been involved with the children may review',
          options: people,
        },
      ];
      return {
        title: 'Name a reviewer',
        caption: r.reference,
        action: `/learning-reviews/${r.id}/reviewers`,
        backHref: `/learning-reviews/${r.id}`,
        fields,
        saveText: 'Name the reviewer',
        intro: [
          'The reviewer may read the journeys of the review’s children (and their household, if granted) for the review’s period, read-only, until the review closes.',
        ],
      } satisfies FormPage;
    }
  };
  app.get('/learning-reviews/:id/reviewers', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    return reviewForm(reply, await reviewerPage(req, id));
  });
  app.post('/learning-reviews/:id/reviewers', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const page = await reviewerPage(req, id);
    const saved = await saveForm(
      page.fields,
      () => addReviewer(callerFor(req), id, formToInput(page.fields, body)),
      (errors) => reviewForm(reply, page, body, errors),
    );
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/learning-reviews/${id}?saved=reviewer`, 303);
  });

  app.post('/learning-reviews/:id/close', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    await closeReview(callerFor(req), id);
    return reply.redirect(`/learning-reviews/${id}?saved=closed`, 303);
  });
};
