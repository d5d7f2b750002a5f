/**
 * "Check a child" for unscheduled care clinicians: the form (NHS number, date of birth, setting)
 * and the answer, shown in the response to the POST (never in a URL). Anyone else gets "not
 * found", audited. Thin: parse, call the cpis capability, render.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requestMeta, requireActor } from '../../../auth/actor.ts';
import { checkChild, requireCheckRole, settings, type CheckAnswer } from '../../../cpis/check.ts';
import { flagDirectory } from '../../../cpis/flag-directory.ts';
import { flagKindLabels } from '../../../cpis/scope.ts';
import { longDate, timeAndDate } from '../../../http/forms/dates.ts';
import type { Field } from '../../../http/forms/form.ts';
import { formToInput } from '../../../http/forms/form.ts';
import { renderForm, saveForm } from '../../../http/forms/render.ts';

export const checkFields: Field[] = [
  {
    kind: 'text',
    name: 'nhsNumber',
    label: 'NHS number',
    hint: '10 digits, for example 943 476 5919',
    width: 10,
  },
  {
    kind: 'date',
    name: 'dateOfBirth',
    label: 'Date of birth',
    hint: 'For an unborn child, the expectant mother’s. For example, 27 3 2016',
  },
  { kind: 'select', name: 'setting', label: 'Where are you seeing the child?', options: settings },
];

const contextFor = (req: FastifyRequest) => ({
  db: req.server.deps.database.db,
  actor: requireActor(req),
  meta: requestMeta(req),
  directory: flagDirectory(req.server.deps.database.db),
  via: 'page' as const,
});

/** The answer in words for the page. */
function present(a: CheckAnswer) {
  if (a.outcome !== 'flags') return a;
  return {
    ...a,
    flags: a.flags.map((f) => ({
      ...f,
      label: flagKindLabels[f.kind],
      sinceText: longDate(f.since),
      untilText: f.until === null ? 'Current' : longDate(f.until),
      expectedText: f.expectedDateOfBirth === null ? null : longDate(f.expectedDateOfBirth),
      accesses: f.accesses?.map((x) => ({ setting: x.setting, seenAt: timeAndDate(x.seenAt) })) ?? null,
    })),
  };
}

export const cpisCheckPages: FastifyPluginAsync = async (app) => {
  app.get('/cpis/check', async (req, reply) => {
    await requireCheckRole(contextFor(req));
    return reply.view('pages/cpis/check.njk', { fields: checkFields, values: {} });
  });

  app.post('/cpis/check', async (req, reply) => {
    const c = contextFor(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const saved = await saveForm(
      checkFields,
      () => checkChild(c, formToInput(checkFields, body)),
      (errors) => renderForm(reply, 'pages/cpis/check.njk', { fields: checkFields, values: body }, errors),
    );
    if (!saved.ok) return saved.reply;
    return reply.view('pages/cpis/answer.njk', { answer: present(saved.value) });
  });
};
