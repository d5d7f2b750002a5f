/**
 * A person's details: identity, names and addresses history; adding an address or a name; and
 * editing the identity with optimistic locking (a conflict page shows both versions, loses nothing).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../http/errors.ts';
import { describeInput, formToInput, inputToForm, type Field, type FormBody } from '../../http/forms/form.ts';
import { renderForm, saveForm } from '../../http/forms/render.ts';
import { recordsFor } from '../../http/request-context.ts';
import {
  addAddress,
  addName,
  personToInput,
  readDetails,
  updatePerson,
  type UpdateConflict,
} from '../../people/details.ts';
import {
  addressFields,
  formToAddress,
  formToPerson,
  recordedPersonFields,
} from '../../people/person-form.ts';
import { presentPerson } from '../../presenters/person.ts';
import type { PersonRecords } from '../../records/person-records.ts';

const idParams = z.object({ id: z.string() });

const nameFields: readonly Field[] = [
  {
    kind: 'radios',
    name: 'kind',
    label: 'What kind of name is it?',
    options: [
      ['previous', 'A previous name'],
      ['alias', 'An alias or another name they are known by'],
      ['preferred', 'The name they prefer to be called'],
    ],
  },
  { kind: 'text', name: 'givenName', label: 'Given name' },
  { kind: 'text', name: 'familyName', label: 'Family name' },
  { kind: 'date', name: 'startedOn', label: 'When they started using it', optional: true },
  { kind: 'date', name: 'endedOn', label: 'When they stopped using it', optional: true },
];

/** A small "add something to the details" form: GET shows it, POST saves or shows errors. */
function addForm(
  app: Parameters<FastifyPluginAsync>[0],
  path: string,
  opts: {
    title: string;
    fields: readonly Field[];
    toInput: (b: FormBody) => unknown;
    save: (r: PersonRecords, id: string, input: unknown) => Promise<unknown>;
  },
) {
  const render = async (
    reply: FastifyReply,
    records: PersonRecords,
    id: string,
    values: FormBody,
    errors: FieldError[] = [],
  ) => {
    const opened = await records.open(id, 'edit', 'record.view');
    return renderForm(
      reply,
      'pages/details/add.njk',
      {
        person: presentPerson(opened.person, opened.abilities),
        title: opts.title,
        fields: opts.fields,
        action: `/children/${id}/details/${path}`,
        values,
      },
      errors,
    );
  };
  app.get(`/children/:id/details/${path}`, async (req, reply) => {
    const { id } = idParams.parse(req.params);
    return render(reply, recordsFor(req), id, {});
  });
  app.post(`/children/:id/details/${path}`, async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const records = recordsFor(req);
    const saved = await saveForm(
      opts.fields,
      () => opts.save(records, id, opts.toInput(body)),
      (errors) => render(reply, records, id, body, errors),
    );
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/children/${id}/details?saved=${path.split('/')[0]}`, 303);
  });
}

function conflictRows(conflict: UpdateConflict) {
  const yours = describeInput(recordedPersonFields, conflict.yours);
  const saved = describeInput(recordedPersonFields, personToInput(conflict.current));
  return recordedPersonFields.map((f) => ({
    label: f.summary ?? f.label,
    yours: yours[f.name],
    saved: saved[f.name],
    differs: yours[f.name] !== saved[f.name],
  }));
}

export const detailsPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/details', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { opened, names, addresses } = await readDetails(recordsFor(req), id);
    const p = opened.person;
    return reply.view('pages/details/index.njk', {
      person: presentPerson(p, opened.abilities),
      facts: describeInput(recordedPersonFields, personToInput(p)),
      personFields: recordedPersonFields,
      abilities: opened.abilities,
      names,
      addresses,
      saved: (req.query as { saved?: string }).saved,
    });
  });

  app.get('/children/:id/details/edit', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const opened = await recordsFor(req).open(id, 'edit', 'record.view');
    return renderForm(reply, 'pages/details/edit.njk', {
      person: presentPerson(opened.person, opened.abilities),
      personFields: recordedPersonFields,
      values: {
        ...inputToForm(recordedPersonFields, personToInput(opened.person)),
        version: String(opened.person.version),
      },
    });
  });

  app.post('/children/:id/details/edit', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const records = recordsFor(req);
    const reopen = async () => {
      const opened = await records.open(id, 'edit', 'record.view');
      return presentPerson(opened.person, opened.abilities);
    };
    let saved;
    try {
      saved = await saveForm(
        recordedPersonFields,
        () => updatePerson(records, id, { version: body.version, changes: formToPerson(body) }),
        async (errors) =>
          renderForm(
            reply,
            'pages/details/edit.njk',
            { person: await reopen(), personFields: recordedPersonFields, values: body },
            errors,
          ),
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.id !== 'conflict') throw err;
      const conflict = err.options.data?.conflict as UpdateConflict;
      return renderForm(
        reply,
        'pages/details/edit.njk',
        {
          person: await reopen(),
          personFields: recordedPersonFields,
          conflict: { rows: conflictRows(conflict), version: conflict.current.version },
          values: { ...body, version: String(conflict.current.version) },
        },
        [],
        409,
      );
    }
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/children/${id}/details?saved=details`, 303);
  });

  addForm(app, 'address/new', {
    title: 'Add an address',
    fields: addressFields,
    toInput: (b) => formToAddress(b) ?? {},
    save: addAddress,
  });
  addForm(app, 'names/new', {
    title: 'Add a name',
    fields: nameFields,
    toInput: (b) => formToInput(nameFields, b),
    save: addName,
  });
};
