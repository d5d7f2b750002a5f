/**
 * "What got in the way?": the form every signed-in page links to, the reporter's own reports with
 * replies, and the principal social worker's view (by page, by theme, over time) and reply form.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../../auth/actor.ts';
import { ValidationError, type FieldError } from '../../../http/errors.ts';
import { renderForm, saveForm } from '../../../http/forms/render.ts';
import {
  myReports,
  pagePattern,
  replyToReport,
  reportForReply,
  reportFriction,
} from '../../../insight/friction.ts';
import { frictionGroup, frictionOverview } from '../../../insight/friction-summary.ts';
import { freshness } from '../../../insight/summaries.ts';
import { pagination } from '../../../presenters/pagination.ts';

const idParams = z.object({ id: z.uuid() });
const groupQuery = z.object({
  theme: z.coerce.number().int().min(0).max(10_000).optional(),
  on: z
    .string()
    .regex(/^\/[A-Za-z0-9/:_.-]{0,199}$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
const short = (label: string) => label.slice(0, 3);

export const frictionPages: FastifyPluginAsync = async (app) => {
  const db = () => app.deps.database.db;

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
  ) =>
    renderForm(
      reply,
      'pages/insight/report-form.njk',
      {
        mine: await myReports(db(), requireActor(req)),
        sent:
          (req.query as { sent?: unknown }).sent === '1'
            ? 'Thank you: the principal social worker will read it'
            : undefined,
        values,
      },
      errors,
    );

  app.get('/what-got-in-the-way', async (req, reply) =>
    showForm(req, reply, { from: pagePattern((req.query as { from?: unknown }).from) }),
  );

  app.post('/what-got-in-the-way', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const r = await saveForm(
      [{ kind: 'textarea', name: 'body', label: 'What got in the way' }],
      () => reportFriction(db(), requireActor(req), body),
      (errors) => showForm(req, reply, body, errors),
    );
    if (!r.ok) return r.reply;
    return reply.redirect('/what-got-in-the-way?sent=1', 303);
  });

  app.get('/insight/reports', async (req, reply) => {
    const { summary, latest } = await frictionOverview(db(), requireActor(req));
    return reply.view('pages/insight/reports.njk', {
      summary: summary.data,
      latest,
      fresh: freshness(summary),
      replied: (req.query as { replied?: unknown }).replied === '1',
      months: summary.data.byMonth.map((m) => ({ label: m.label, short: short(m.label), value: m.count })),
    });
  });

  app.get('/insight/reports/group', async (req, reply) => {
    const q = groupQuery.safeParse(req.query);
    if (!q.success || (q.data.theme === undefined) === (q.data.on === undefined))
      throw new ValidationError([
        { field: 'theme', message: 'Choose one theme (a number) or one page (a path starting with /)' },
      ]);
    const group = q.data.theme !== undefined ? { theme: q.data.theme } : { on: q.data.on ?? '' };
    const found = await frictionGroup(db(), requireActor(req), group, q.data.page);
    const base =
      'theme' in group
        ? `/insight/reports/group?theme=${group.theme}`
        : `/insight/reports/group?on=${encodeURIComponent(group.on)}`;
    return reply.view('pages/insight/reports-group.njk', {
      group: found,
      reports: found.reports,
      pagination: pagination(found.page, found.pages, (n) => `${base}&page=${n}`),
    });
  });

  const showReply = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values?: Record<string, unknown>,
    errors: FieldError[] = [],
  ) => {
    const report = await reportForReply(db(), requireActor(req), id);
    return renderForm(
      reply,
      'pages/insight/reply.njk',
      {
        report,
        values: values ?? {
          reply: report.reply ?? '',
          whatChanged: report.whatChanged ?? '',
          version: String(report.version),
        },
      },
      errors,
    );
  };

  app.get('/insight/reports/:id', async (req, reply) => showReply(req, reply, idParams.parse(req.params).id));

  app.post('/insight/reports/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const r = await saveForm(
      [
        { kind: 'textarea', name: 'reply', label: 'Reply' },
        { kind: 'textarea', name: 'whatChanged', label: 'What changed' },
      ],
      () => replyToReport(db(), requireActor(req), id, body),
      (errors) => showReply(req, reply, id, body, errors),
    );
    if (!r.ok) return r.reply;
    return reply.redirect('/insight/reports?replied=1', 303);
  });
};
