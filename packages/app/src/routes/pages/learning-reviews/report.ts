/** The report (Markdown, versioned) and the redaction review screen. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SPAN_TYPES } from '@waypoint/redaction';
import { z } from 'zod';
import { AppError, NotFoundError, type FieldError } from '../../../http/errors.ts';
import type { Field, FormBody } from '../../../http/forms/form.ts';
import { isValidationError } from '../../../http/forms/render.ts';
import { ADDED_ROLES, PLACE_ROLES } from '../../../learning-reviews/cast.ts';
import {
  readReport,
  saveDraft,
  saveDraftFromWorkspace,
  uploadDraft,
} from '../../../learning-reviews/drafts.ts';
import {
  addCastMember,
  readRedaction,
  recordDecision,
  resolveRisk,
  setPolicies,
} from '../../../learning-reviews/redaction-decisions.ts';
import { pagination } from '../../../presenters/pagination.ts';
import { callerFor, reviewForm, reviewParams } from './common.ts';

const PAGE = 50;
/** How much of the report's text the review screen shows to select words from. */
const REPORT_TEXT = 20_000;
const typeOptions = SPAN_TYPES.map((t) => [t, t.replace(/_/g, ' ').toLowerCase()] as const);
const redactionQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  show: z.enum(['pending', 'all']).optional(),
  saved: z.string().max(20).optional(),
});
const SAVED: Record<string, string> = {
  decision: 'The decision is saved',
  cast: 'The cast is updated: the report has been checked again',
  policies: 'The date and age policies are saved',
  risk: 'The risk is recorded',
  version: 'The new version is saved',
};

export const reportPages: FastifyPluginAsync = async (app) => {
  const reportPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: FormBody,
    errors: FieldError[] = [],
    upload: FormBody = {},
    status?: number,
  ) => {
    const { id } = reviewParams.parse(req.params);
    const r = await readReport(callerFor(req), id);
    const q = redactionQuery.safeParse(req.query);
    return reply
      .code(status ?? (errors.length > 0 ? (errors[0]!.field === 'conflict' ? 409 : 400) : 200))
      .view('pages/learning-reviews/report.njk', {
        ...r,
        values: values ?? { body: r.latest?.body ?? '', baseVersion: String(r.latest?.version ?? 0) },
        upload: { ...upload, baseVersion: String(r.latest?.version ?? 0) },
        errors: errors.map((e) => (e.field === 'conflict' ? { ...e, field: 'body' } : e)),
        saved: q.success && q.data.saved !== undefined ? SAVED[q.data.saved] : undefined,
      });
  };
  app.get('/learning-reviews/:id/report', async (req, reply) => reportPage(req, reply));
  app.post('/learning-reviews/:id/report', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    try {
      await saveDraft(callerFor(req), id, body);
    } catch (err) {
      if (isValidationError(err)) return reportPage(req, reply, body, err.options.fields ?? []);
      if (err instanceof AppError && err.id === 'conflict')
        return reportPage(req, reply, body, [
          {
            field: 'conflict',
            message: `${err.message}: your text is below; read the latest version before saving again`,
          },
        ]);
      throw err;
    }
    return reply.redirect(`/learning-reviews/${id}/report?saved=version`, 303);
  });
  app.post('/learning-reviews/:id/report/upload', { config: { uploads: true } }, async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const file = body.file as { filename?: string; data?: Buffer } | undefined;
    try {
      await uploadDraft(callerFor(req), id, {
        ...(file?.filename === undefined ? {} : { filename: file.filename }),
        ...(file?.data === undefined ? {} : { data: file.data }),
        baseVersion: body.uploadBaseVersion,
        note: body.uploadNote,
      });
    } catch (err) {
      const latest = { uploadNote: typeof body.uploadNote === 'string' ? body.uploadNote : '' };
      if (isValidationError(err))
        return reportPage(
          req,
          reply,
          undefined,
          (err.options.fields ?? []).map((f) => ({
            ...f,
            field: f.field === 'baseVersion' || f.field === 'body' ? 'file' : f.field,
          })),
          latest,
        );
      if (err instanceof AppError && err.id === 'conflict')
        return reportPage(
          req,
          reply,
          undefined,
          [{ field: 'file', message: `${err.message}: read the latest version, then upload again` }],
          latest,
          409,
        );
      throw err;
    }
    return reply.redirect(`/learning-reviews/${id}/report?saved=version`, 303);
  });
  app.post('/learning-reviews/:id/report/from-workspace', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    await saveDraftFromWorkspace(callerFor(req), id);
    return reply.redirect(`/learning-reviews/${id}/report?saved=version`, 303);
  });

  const redactionPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    values: FormBody = {},
  ) => {
    const { id } = reviewParams.parse(req.params);
    const q = redactionQuery.safeParse(req.query);
    const page = q.success ? (q.data.page ?? 1) : 1;
    const show = q.success ? (q.data.show ?? 'pending') : 'pending';
    const state = await readRedaction(callerFor(req), id);
    if ('empty' in state)
      return reply.view('pages/learning-reviews/redaction.njk', {
        review: state.review,
        empty: true,
        errors,
      });
    const listed = show === 'pending' ? state.spans.filter((s) => s.pending) : state.spans;
    const pages = Math.max(1, Math.ceil(listed.length / PAGE));
    const base = `/learning-reviews/${id}/redaction?show=${show}`;
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/learning-reviews/redaction.njk', {
      ...state,
      show,
      shown: listed.slice((page - 1) * PAGE, page * PAGE),
      listedCount: listed.length,
      pendingCount: state.spans.filter((s) => s.pending).length,
      pagination: pagination(Math.min(page, pages), pages, (n) => `${base}&page=${n}`),
      typeOptions,
      addedRoles: ADDED_ROLES,
      placeRoles: PLACE_ROLES,
      preview: state.redacted.slice(0, 4_000),
      reportText: state.draft.body.slice(0, REPORT_TEXT),
      reportTextCut:
        state.draft.body.length > REPORT_TEXT
          ? `This is the first ${REPORT_TEXT.toLocaleString('en-GB')} characters of ${state.draft.body.length.toLocaleString('en-GB')}: type later words in the form.`
          : null,
      errors,
      values,
      saved: q.success && q.data.saved !== undefined ? SAVED[q.data.saved] : undefined,
    });
  };
  app.get('/learning-reviews/:id/redaction', async (req, reply) => redactionPage(req, reply));

  const back = (id: string, body: FormBody) =>
    `/learning-reviews/${id}/redaction?saved=decision${typeof body.returnTo === 'string' && /^[a-z&=0-9]{0,40}$/.test(body.returnTo) ? `&${body.returnTo}` : ''}`;
  const handle = (
    path: string,
    run: (req: FastifyRequest, id: string, body: FormBody) => Promise<void>,
    saved: string,
    field: (b: FormBody) => string,
  ) =>
    app.post(`/learning-reviews/:id/redaction/${path}`, async (req, reply) => {
      const { id } = reviewParams.parse(req.params);
      const body = (req.body ?? {}) as FormBody;
      try {
        await run(req, id, body);
      } catch (err) {
        if (!isValidationError(err)) throw err;
        return redactionPage(
          req,
          reply,
          (err.options.fields ?? []).map((f) => ({ field: field(body) || f.field, message: f.message })),
          body,
        );
      }
      return reply.redirect(
        saved === 'decision' ? back(id, body) : `/learning-reviews/${id}/redaction?saved=${saved}`,
        303,
      );
    });
  handle(
    'decisions',
    (req, id, body) => recordDecision(callerFor(req), id, body),
    'decision',
    (b) => (b.action === 'add' ? '' : 'decisions'),
  );
  handle(
    'cast',
    (req, id, body) => addCastMember(callerFor(req), id, body),
    'cast',
    () => '',
  );
  handle(
    'policies',
    (req, id, body) => setPolicies(callerFor(req), id, body),
    'policies',
    () => '',
  );
  handle(
    'risks',
    (req, id, body) => resolveRisk(callerFor(req), id, body),
    'risk',
    () => 'risks',
  );

  // One person or place: re-label, or merge into another.
  const entityQuery = z.object({ key: z.string().max(1_000) });
  const entityFields = (options: (readonly [string, string])[]): Field[] => [
    {
      kind: 'text',
      name: 'replacement',
      label: 'New pseudonym',
      hint: 'For example: the lodger, Aunt 1',
      optional: true,
    },
    { kind: 'select', name: 'into', label: 'Or: the same person or place as', options, optional: true },
  ];
  const entityPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    values: FormBody = {},
    errors: FieldError[] = [],
  ) => {
    const { id } = reviewParams.parse(req.params);
    const state = await readRedaction(callerFor(req), id);
    if ('empty' in state) throw new NotFoundError('no report');
    const e = state.entities.find((x) => x.key === key);
    if (e === undefined) throw new NotFoundError('no such entity');
    return reviewForm(
      reply,
      {
        title: `Re-label or merge “${e.replacement}”`,
        caption: `${state.review.reference}: first written as “${e.label}”, ${e.mentions} mentions`,
        action: `/learning-reviews/${id}/redaction/entity`,
        backHref: `/learning-reviews/${id}/redaction`,
        backText: 'Back to the redaction',
        fields: entityFields(
          state.entities
            .filter((x) => x.key !== key)
            .map((x) => [x.key, `${x.replacement} (${x.label})`] as const),
        ),
        saveText: 'Save',
        intro: ['Give a new pseudonym, or choose whom this really is.'],
      },
      { ...values, key },
      errors,
    );
  };
  app.get('/learning-reviews/:id/redaction/entity', async (req, reply) => {
    const q = entityQuery.safeParse(req.query);
    if (!q.success) throw new NotFoundError('no key');
    return entityPage(req, reply, q.data.key);
  });
  app.post('/learning-reviews/:id/redaction/entity', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const key = typeof body.key === 'string' ? body.key : '';
    const into = typeof body.into === 'string' ? body.into : '';
    const replacement = typeof body.replacement === 'string' ? body.replacement.trim() : '';
    if (into === '' && replacement === '')
      return entityPage(req, reply, key, body, [
        { field: 'replacement', message: 'Enter a new pseudonym, or choose whom this is' },
      ]);
    try {
      await recordDecision(
        callerFor(req),
        id,
        into !== '' ? { action: 'merge', key, into } : { action: 'relabel', key, replacement },
      );
    } catch (err) {
      if (!isValidationError(err)) throw err;
      return entityPage(req, reply, key, body, [
        { field: 'replacement', message: err.options.fields?.[0]?.message ?? 'Check the pseudonym' },
      ]);
    }
    return reply.redirect(`/learning-reviews/${id}/redaction?saved=decision`, 303);
  });
};
