/** The chronology and the systems analysis pages of a review. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../../http/errors.ts';
import { formToInput, type Field, type FormBody } from '../../../http/forms/form.ts';
import { isValidationError, saveForm } from '../../../http/forms/render.ts';
import { pageErrors } from '../../../http/forms/form.ts';
import {
  addEpisode,
  addFinding,
  addRecommendation,
  addTaxonomyFactor,
  progressLabels,
  readAnalysis,
  updateProgress,
} from '../../../learning-reviews/analysis.ts';
import {
  addAgencyEntry,
  annotateEntry,
  buildFromRecords,
  readChronology,
  readEntry,
  sourceLabels,
  uploadAgencyEntries,
} from '../../../learning-reviews/chronology.ts';
import { callerFor, reviewForm, reviewParams } from './common.ts';

const agencyFields = (agencies: { id: string; name: string }[]): Field[] => [
  {
    kind: 'select',
    name: 'organisationId',
    label: 'Agency',
    options: agencies.map((a) => [a.id, a.name] as const),
  },
  { kind: 'date', name: 'occurredOn', label: 'Date' },
  { kind: 'text', name: 'title', label: 'What happened' },
  { kind: 'textarea', name: 'detail', label: 'Detail', optional: true },
];
const annotateFields: Field[] = [
  { kind: 'textarea', name: 'annotation', label: 'Reviewer’s note', optional: true },
  {
    kind: 'radios',
    name: 'excluded',
    label: 'Leave this entry out of the chronology?',
    options: [
      ['no', 'No, keep it'],
      ['yes', 'Yes, leave it out'],
    ],
    reveal: { yes: { kind: 'textarea', name: 'excludedReason', label: 'Why is it left out?' } },
  },
];
const saved = z.object({ saved: z.string().max(30).optional() });
const SAVED: Record<string, string> = {
  built: 'The chronology is up to date with the record and the involvement index',
  'built-no-index':
    'The chronology is up to date with the record. The involvement index could not be reached, so other areas’ agencies are not included: build it again later',
  entry: 'The entry is added',
  upload: 'The agency’s entries are added',
  note: 'The entry is saved',
  episode: 'The episode is recorded',
  finding: 'The finding is recorded',
  recommendation: 'The recommendation is recorded',
  progress: 'The progress is saved',
  factor: 'The factor is added to the partnership’s list',
};
const savedText = (q: unknown) => {
  const p = saved.safeParse(q);
  return p.success && p.data.saved !== undefined ? SAVED[p.data.saved] : undefined;
};

export const workPages: FastifyPluginAsync = async (app) => {
  const chronologyPage = async (
    reply: FastifyReply,
    id: string,
    req: Parameters<typeof callerFor>[0],
    errors: FieldError[] = [],
    values: FormBody = {},
  ) => {
    const c = await readChronology(callerFor(req), id);
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/learning-reviews/chronology.njk', {
      ...c,
      sourceLabels,
      fields: agencyFields(c.agencies),
      values,
      errors,
      saved: savedText(req.query),
    });
  };
  app.get('/learning-reviews/:id/chronology', async (req, reply) =>
    chronologyPage(reply, reviewParams.parse(req.params).id, req),
  );
  app.post('/learning-reviews/:id/chronology/build', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    let built;
    try {
      built = await buildFromRecords(callerFor(req), id);
    } catch (err) {
      if (!isValidationError(err)) throw err;
      return chronologyPage(reply, id, req, err.options.fields ?? []);
    }
    const saved = built.index === 'unavailable' ? 'built-no-index' : 'built';
    return reply.redirect(`/learning-reviews/${id}/chronology?saved=${saved}`, 303);
  });
  app.post('/learning-reviews/:id/chronology/entries', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const fields = agencyFields([]);
    const r = await saveForm(
      fields,
      () => addAgencyEntry(callerFor(req), id, formToInput(fields, body)),
      (errors) => chronologyPage(reply, id, req, errors, body),
    );
    if (!r.ok) return r.reply;
    return reply.redirect(`/learning-reviews/${id}/chronology?saved=entry`, 303);
  });
  app.post('/learning-reviews/:id/chronology/upload', { config: { uploads: true } }, async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const file = body.file as { filename?: string; data?: Buffer } | undefined;
    try {
      await uploadAgencyEntries(callerFor(req), id, {
        organisationId: body.uploadOrganisationId,
        ...(file?.filename === undefined ? {} : { filename: file.filename }),
        ...(file?.data === undefined ? {} : { data: file.data }),
      });
    } catch (err) {
      if (!isValidationError(err)) throw err;
      return chronologyPage(
        reply,
        id,
        req,
        (err.options.fields ?? []).map((f) => ({
          ...f,
          field: f.field === 'organisationId' ? 'uploadOrganisationId' : f.field,
        })),
      );
    }
    return reply.redirect(`/learning-reviews/${id}/chronology?saved=upload`, 303);
  });
  const entryParams = z.object({ id: z.string().max(100), entryId: z.string().max(100) });
  const entryForm = async (
    req: Parameters<typeof callerFor>[0],
    reply: FastifyReply,
    values?: FormBody,
    errors: FieldError[] = [],
  ) => {
    const { id, entryId } = entryParams.parse(req.params);
    const { review, entry } = await readEntry(callerFor(req), id, entryId);
    return reviewForm(
      reply,
      {
        title: 'Annotate or leave out an entry',
        caption: `${review.reference}: ${entry.occurredOn}, ${entry.agency}: ${entry.title}`,
        action: `/learning-reviews/${id}/chronology/${entryId}`,
        backHref: `/learning-reviews/${id}/chronology`,
        backText: 'Back to the chronology',
        fields: annotateFields,
      },
      values ?? {
        annotation: entry.annotation ?? '',
        excluded: entry.isExcluded ? 'yes' : 'no',
        excludedReason: entry.excludedReason ?? '',
        version: String(entry.version),
      },
      errors,
    );
  };
  app.get('/learning-reviews/:id/chronology/:entryId', async (req, reply) => entryForm(req, reply));
  app.post('/learning-reviews/:id/chronology/:entryId', async (req, reply) => {
    const { id, entryId } = entryParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    try {
      await annotateEntry(callerFor(req), id, entryId, {
        ...formToInput(annotateFields, body),
        version: body.version,
      });
    } catch (err) {
      if (isValidationError(err))
        return entryForm(req, reply, body, pageErrors(annotateFields, err.options.fields ?? []));
      if (err instanceof AppError && err.id === 'conflict')
        return entryForm(req, reply, undefined, [
          { field: 'annotation', message: `${err.message}: here it is as saved now` },
        ]);
      throw err;
    }
    return reply.redirect(`/learning-reviews/${id}/chronology?saved=note`, 303);
  });

  // The systems analysis.
  const analysisFields = (a: Awaited<ReturnType<typeof readAnalysis>>) => ({
    episode: [
      { kind: 'text', name: 'title', label: 'Key practice episode' },
      { kind: 'textarea', name: 'whatHappened', label: 'What happened' },
      { kind: 'textarea', name: 'whatWasKnown', label: 'What was known at the time' },
      {
        kind: 'checkboxes',
        name: 'factors',
        label: 'Contributory factors',
        options: a.factors,
        optional: true,
      },
      {
        kind: 'checkboxes',
        name: 'entries',
        label: 'Chronology entries in this episode',
        options: a.entries
          .filter((e) => !e.isExcluded)
          .map((e) => [e.id, `${e.occurredOn}, ${e.agency}: ${e.title}`] as const),
        optional: true,
      },
    ] satisfies Field[],
    finding: [
      { kind: 'text', name: 'title', label: 'Finding' },
      {
        kind: 'textarea',
        name: 'text',
        label: 'The finding in full',
        hint: 'What it says about the system, beyond this case',
      },
      {
        kind: 'select',
        name: 'episodeId',
        label: 'From the episode',
        options: a.episodes.map((e) => [e.id, e.title] as const),
        optional: true,
      },
      { kind: 'checkboxes', name: 'themes', label: 'Themes', options: a.factors, optional: true },
    ] satisfies Field[],
    recommendation: [
      {
        kind: 'select',
        name: 'findingId',
        label: 'For the finding',
        options: a.findings.map((f) => [f.id, f.title] as const),
        optional: true,
      },
      { kind: 'textarea', name: 'text', label: 'Recommendation' },
      { kind: 'text', name: 'owner', label: 'Owner', hint: 'The agency or role responsible' },
      { kind: 'date', name: 'dueOn', label: 'Due date' },
    ] satisfies Field[],
  });
  type Which = 'episode' | 'finding' | 'recommendation';
  const analysisPage = async (
    req: Parameters<typeof callerFor>[0],
    reply: FastifyReply,
    errors: FieldError[] = [],
  ) => {
    const a = await readAnalysis(callerFor(req), reviewParams.parse(req.params).id);
    return reply.code(errors.length === 0 ? 200 : 400).view('pages/learning-reviews/analysis.njk', {
      ...a,
      progressLabels,
      errors,
      saved: savedText(req.query),
    });
  };
  app.get('/learning-reviews/:id/analysis', async (req, reply) => analysisPage(req, reply));
  const adders = { episode: addEpisode, finding: addFinding, recommendation: addRecommendation };
  const titles: Record<Which, string> = {
    episode: 'Record a key practice episode',
    finding: 'Record a finding',
    recommendation: 'Record a recommendation',
  };
  const whichForm = async (
    req: Parameters<typeof callerFor>[0],
    reply: FastifyReply,
    which: Which,
    values: FormBody = {},
    errors: FieldError[] = [],
  ) => {
    const a = await readAnalysis(callerFor(req), reviewParams.parse(req.params).id);
    return reviewForm(
      reply,
      {
        title: titles[which],
        caption: a.review.reference,
        action: `/learning-reviews/${a.review.id}/analysis/${which}s`,
        backHref: `/learning-reviews/${a.review.id}/analysis`,
        backText: 'Back to the analysis',
        fields: analysisFields(a)[which],
        saveText: 'Save',
      },
      values,
      errors,
    );
  };
  for (const which of ['episode', 'finding', 'recommendation'] as const) {
    app.get(`/learning-reviews/:id/analysis/${which}s/new`, async (req, reply) =>
      whichForm(req, reply, which),
    );
    app.post(`/learning-reviews/:id/analysis/${which}s`, async (req, reply) => {
      const { id } = reviewParams.parse(req.params);
      const body = (req.body ?? {}) as FormBody;
      const caller = callerFor(req);
      const fields = analysisFields(await readAnalysis(caller, id))[which];
      const r = await saveForm(
        fields,
        () => adders[which](caller, id, formToInput(fields, body)),
        (errors) => whichForm(req, reply, which, body, errors),
      );
      if (!r.ok) return r.reply;
      return reply.redirect(`/learning-reviews/${id}/analysis?saved=${which}`, 303);
    });
  }
  app.post('/learning-reviews/:id/analysis/recommendations/:recId', async (req, reply) => {
    const { id, recId } = z.object({ id: z.string().max(100), recId: z.string().max(100) }).parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    try {
      await updateProgress(callerFor(req), id, recId, body);
    } catch (err) {
      if (isValidationError(err) || (err instanceof AppError && err.id === 'conflict'))
        return analysisPage(req, reply, [
          {
            field: `progress-${recId}`,
            message: err instanceof AppError && err.id === 'conflict' ? err.message : 'Select the progress',
          },
        ]);
      throw err;
    }
    return reply.redirect(`/learning-reviews/${id}/analysis?saved=progress`, 303);
  });
  app.post('/learning-reviews/:id/analysis/factors', async (req, reply) => {
    const { id } = reviewParams.parse(req.params);
    try {
      await addTaxonomyFactor(callerFor(req), id, req.body);
    } catch (err) {
      if (!isValidationError(err)) throw err;
      return analysisPage(req, reply, [{ field: 'label', message: 'Enter the factor' }]);
    }
    return reply.redirect(`/learning-reviews/${id}/analysis?saved=factor`, 303);
  });
};
