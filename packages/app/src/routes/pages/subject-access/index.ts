/**
 * `/subject-access`: the data protection officer's subject access requests (the
 * `answer_subject_access` capability; anyone else gets not found). The list with due dates, a new
 * request (the subject found with the person search), a request's page (its bundle, third parties
 * redacted, reviewed span by span with the shared review table), its status, and the bundle as
 * accessible HTML and as a tagged PDF (each download audited).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../../http/errors.ts';
import { NotFoundError } from '../../../http/errors.ts';
import { dateFromBoxes, type FormBody } from '../../../http/forms/form.ts';
import { safeParseInput } from '../../../http/forms/issues.ts';
import { isValidationError } from '../../../http/forms/render.ts';
import { recordsFor } from '../../../http/request-context.ts';
import { hasCriteria, searchQuery } from '../../../people/search-query.ts';
import { presentSearchResult } from '../../../presenters/person.ts';
import {
  basisWords,
  createRequest,
  listRequests,
  newRequestChoices,
  readBundle,
  recordDisclosure,
  requireSubjectAccess,
  updateRequest,
} from '../../../subject-access/index.ts';
import { bundleHtml } from '../../../subject-access/html.ts';
import { bundlePdf } from '../../../subject-access/pdf.ts';

const idParams = z.object({ id: z.uuid() });
const PAGE = 50;
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  show: z.enum(['redacted', 'all']).optional(),
  saved: z.enum(['created', 'decision', 'decisions', 'extend', 'complete', 'withdraw']).optional(),
});
const SAVED: Record<string, string> = {
  created: 'The request is recorded',
  decision: 'The decision is saved',
  decisions: 'The decision is saved on every mention',
  extend: 'The time limit is extended by two further months',
  complete: 'The request is marked as answered',
  withdraw: 'The request is marked as withdrawn',
};

function idOf(req: FastifyRequest): string {
  const parsed = idParams.safeParse(req.params);
  if (!parsed.success) throw new NotFoundError('not a subject access request');
  return parsed.data.id;
}

export const subjectAccessPages: FastifyPluginAsync = async (app) => {
  app.get('/subject-access', async (req, reply) => {
    const records = recordsFor(req);
    return reply.view('pages/subject-access/list.njk', { requests: await listRequests(records), basisWords });
  });

  const newPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormBody = {},
    errors: FieldError[] = [],
  ) => {
    const records = recordsFor(req);
    requireSubjectAccess(records);
    const q = req.query as Record<string, unknown>;
    const personParam = typeof values.subjectId === 'string' ? values.subjectId : q.person;
    const person = z.uuid().safeParse(personParam);
    if (person.success) {
      const choices = await newRequestChoices(records, person.data);
      return reply
        .code(errors.length > 0 ? 400 : 200)
        .view('pages/subject-access/new.njk', { ...choices, values, errors });
    }
    const parsed = safeParseInput(searchQuery, req.query);
    if (!parsed.ok)
      return reply
        .code(400)
        .view('pages/subject-access/find.njk', { query: req.query, errors: parsed.errors });
    const hasQuery = hasCriteria(parsed.data);
    const results = hasQuery
      ? await records.search({ name: parsed.data.name, dateOfBirth: parsed.data.dob })
      : [];
    return reply.view('pages/subject-access/find.njk', {
      query: req.query,
      hasQuery,
      results: results.map((r) => presentSearchResult(r.person, r.abilities)),
      errors,
    });
  };
  app.get('/subject-access/new', async (req, reply) => newPage(req, reply));
  app.post('/subject-access/new', async (req, reply) => {
    const body = (req.body ?? {}) as FormBody;
    const input = { ...body, receivedOn: dateFromBoxes(body, 'receivedOn') };
    let id: string;
    try {
      id = await createRequest(recordsFor(req), input);
    } catch (err) {
      if (isValidationError(err)) {
        const errors = err.options.fields ?? [];
        if (errors.some((e) => e.field === 'subjectId')) return newPage(req, reply, {}, errors);
        return newPage(req, reply, body, errors);
      }
      throw err;
    }
    return reply.redirect(`/subject-access/${id}?saved=created`, 303);
  });

  const requestPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    values: FormBody = {},
  ) => {
    const id = idOf(req);
    const q = pageQuery.safeParse(req.query);
    const page = q.success ? (q.data.page ?? 1) : 1;
    const show = q.success ? (q.data.show ?? 'all') : 'all';
    const r = await readBundle(recordsFor(req), id, 'review');
    const listed = show === 'redacted' ? r.bundle.spans.filter((s) => s.redacted) : r.bundle.spans;
    const pages = Math.max(1, Math.ceil(listed.length / PAGE));
    const at = Math.min(page, pages);
    const base = `/subject-access/${id}?show=${show}`;
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/subject-access/request.njk', {
      ...r,
      basisWords,
      show,
      shown: listed.slice((at - 1) * PAGE, at * PAGE),
      listedCount: listed.length,
      redactedCount: r.bundle.spans.filter((s) => s.redacted).length,
      undecidedCount: r.bundle.spans.filter((s) => s.decision === null && s.proposal === 'redact').length,
      pagination:
        pages > 1
          ? {
              ...(at > 1 ? { previous: { href: `${base}&page=${at - 1}` } } : {}),
              ...(at < pages ? { next: { href: `${base}&page=${at + 1}` } } : {}),
              items: Array.from({ length: pages }, (_, i) => ({
                number: i + 1,
                href: `${base}&page=${i + 1}`,
                current: i + 1 === at,
              })),
            }
          : null,
      errors,
      values,
      saved: q.success && q.data.saved !== undefined ? SAVED[q.data.saved] : undefined,
    });
  };
  app.get('/subject-access/:id', async (req, reply) => requestPage(req, reply));

  app.post('/subject-access/:id/decisions', async (req, reply) => {
    const id = idOf(req);
    const body = (req.body ?? {}) as FormBody;
    let decided: number;
    try {
      decided = await recordDisclosure(recordsFor(req), id, body);
    } catch (err) {
      if (!isValidationError(err)) throw err;
      return requestPage(
        req,
        reply,
        (err.options.fields ?? []).map((f) => ({ field: 'decisions', message: f.message })),
      );
    }
    const show = body.show === 'redacted' ? 'redacted' : 'all';
    const saved = decided > 1 ? 'decisions' : 'decision';
    return reply.redirect(`/subject-access/${id}?saved=${saved}&show=${show}#decisions`, 303);
  });

  app.post('/subject-access/:id/status', async (req, reply) => {
    const id = idOf(req);
    const body = (req.body ?? {}) as FormBody;
    try {
      await updateRequest(recordsFor(req), id, body);
    } catch (err) {
      if (!isValidationError(err)) throw err;
      const fields = (err.options.fields ?? []).map((f) =>
        body.action === 'withdraw' && f.field === 'reason' ? { ...f, field: 'withdraw-reason' } : f,
      );
      return requestPage(req, reply, fields, body);
    }
    const action = typeof body.action === 'string' ? body.action : 'extend';
    return reply.redirect(`/subject-access/${id}?saved=${action}`, 303);
  });

  // The bundle: read in the app (the same accessible document), or downloaded as HTML or PDF.
  app.get('/subject-access/:id/bundle', async (req, reply) => {
    const r = await readBundle(recordsFor(req), idOf(req), 'html');
    return reply.type('text/html; charset=utf-8').send(bundleHtml(r));
  });
  app.get('/subject-access/:id/bundle.html', async (req, reply) => {
    const id = idOf(req);
    const r = await readBundle(recordsFor(req), id, 'html');
    return reply
      .type('text/html; charset=utf-8')
      .header('content-disposition', `attachment; filename="subject-access-${id}.html"`)
      .send(bundleHtml(r));
  });
  app.get('/subject-access/:id/bundle.pdf', async (req, reply) => {
    const id = idOf(req);
    const r = await readBundle(recordsFor(req), id, 'pdf');
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="subject-access-${id}.pdf"`)
      .send(await bundlePdf(r));
  });
};
