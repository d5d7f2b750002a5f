/** The family view and adding a family member (someone already recorded, or someone new). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { relationshipTypes } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { formToInput, type Field, type FormBody } from '../../http/forms/form.ts';
import { renderForm, saveForm } from '../../http/forms/render.ts';
import { recordsFor } from '../../http/request-context.ts';
import {
  addFamilyMember,
  nameForLinking,
  readFamily,
  relationshipLabels,
  type AddFamilyResult,
} from '../../people/family.ts';
import { formToPerson, personFields } from '../../people/person-form.ts';
import { presentPerson, presentSearchResult } from '../../presenters/person.ts';

const idParams = z.object({ id: z.string() });
const yesNo = [
  ['yes', 'Yes'],
  ['no', 'No'],
] as const;

export const linkFields: readonly Field[] = [
  {
    kind: 'select',
    name: 'type',
    label: 'What are they to the child?',
    options: relationshipTypes.map((t) => [t, relationshipLabels[t]] as const),
  },
  {
    kind: 'radios',
    name: 'parentalResponsibility',
    label: 'Do they have parental responsibility?',
    options: yesNo,
  },
  { kind: 'radios', name: 'livesWith', label: 'Does the child live with them?', options: yesNo },
  { kind: 'date', name: 'startedOn', label: 'When the relationship started', optional: true },
];
const newPersonFields = personFields.map((f) =>
  f.name === 'kind' && f.kind === 'radios' ? { ...f, label: 'Are they an adult or a child?' } : f,
);
const one = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

async function renderNew(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  values: FormBody,
  errors: FieldError[] = [],
) {
  const records = recordsFor(req);
  const opened = await records.open(id, 'edit', 'record.view');
  const q = (req.query ?? {}) as FormBody;
  const relatedPersonId = one(values.relatedPersonId) ?? one(q.person);
  const mode =
    relatedPersonId !== undefined
      ? 'link'
      : one(values.mode) === 'new' || q.new !== undefined
        ? 'new'
        : 'find';
  const name = one(q.name)?.trim() ?? '';
  const results = mode === 'find' && name !== '' ? await records.search({ name }) : [];
  const relatedName = relatedPersonId === undefined ? null : await nameForLinking(records, relatedPersonId);
  if (mode === 'link' && relatedName === null) throw new AppError('not_found', 'Page not found');
  return renderForm(
    reply,
    'pages/family/new.njk',
    {
      person: presentPerson(opened.person, opened.abilities),
      mode,
      name,
      results: results
        .filter((r) => r.person.id !== id)
        .map((r) => presentSearchResult(r.person, r.abilities)),
      relatedPersonId,
      relatedName,
      linkFields,
      personFields: newPersonFields,
      values: { kind: 'adult', ...values },
    },
    errors,
  );
}

export const familyPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/family', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { opened, members } = await readFamily(recordsFor(req), id);
    return reply.view('pages/family/index.njk', {
      person: presentPerson(opened.person, opened.abilities),
      abilities: opened.abilities,
      members,
      added: (req.query as { added?: string }).added !== undefined,
    });
  });

  app.get('/children/:id/family/new', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    return renderNew(req, reply, id, {});
  });

  app.post('/children/:id/family/new', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const relatedPersonId = one(body.relatedPersonId);
    const saved = await saveForm(
      [...linkFields, ...personFields],
      () =>
        addFamilyMember(recordsFor(req), id, {
          link: formToInput(linkFields, body),
          ...(relatedPersonId !== undefined ? { relatedPersonId } : { person: formToPerson(body) }),
          confirmNoDuplicate: body.confirmNoDuplicate === 'yes',
        }),
      (errors) => renderNew(req, reply, id, body, errors),
    );
    if (!saved.ok) return saved.reply;
    const result: AddFamilyResult = saved.value;
    if (result.added) return reply.redirect(`/children/${id}/family?added=1`, 303);
    const opened = await recordsFor(req).open(id, 'edit', 'record.view');
    return reply.view('pages/family/duplicates.njk', {
      person: presentPerson(opened.person, opened.abilities),
      candidates: result.candidates.map((c) => ({
        ...c,
        chance: c.percent >= 99.5 ? 'over 99%' : `${Math.round(c.percent)}%`,
      })),
      values: body,
      linkValues: Object.fromEntries(
        Object.entries(body).filter(([k]) =>
          linkFields.some((f) => k === f.name || k.startsWith(`${f.name}-`)),
        ),
      ),
    });
  });
};
