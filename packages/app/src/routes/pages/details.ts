/**
 * A person's details: identity, names and addresses history; adding an address or a name; and
 * editing the identity with optimistic locking (a conflict page shows both versions, loses nothing).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { fieldErrors } from '../../auth/form.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { recordsFor } from '../../http/request-context.ts';
import type { Field } from '../../journey/fields.ts';
import { formToInput } from '../../journey/fields.ts';
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
  describeInput,
  formToAddress,
  formToPerson,
  inputToForm,
  pageErrors,
  personFields,
} from '../../people/person-form.ts';
import { presentPerson } from '../../presenters/person.ts';
import type { PersonRecords } from '../../records/person-records.ts';

const idParams = z.object({ id: z.string() });
type Form = Record<string, string | string[] | undefined>;

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

const isValidation = (err: unknown): err is AppError =>
  err instanceof AppError && err.id === 'validation_failed';

/** A small "add something to the details" form: GET shows it, POST saves or shows errors. */
function addForm(
  app: Parameters<FastifyPluginAsync>[0],
  path: string,
  opts: {
    title: string;
    fields: readonly Field[];
    toInput: (b: Form) => unknown;
    save: (r: PersonRecords, id: string, input: unknown) => Promise<unknown>;
  },
) {
  const render = async (
    reply: FastifyReply,
    records: PersonRecords,
    id: string,
    values: Form,
    errors: FieldError[] = [],
  ) => {
    const opened = await records.open(id, 'edit', 'record.view');
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/details/add.njk', {
      person: presentPerson(opened.person, opened.abilities),
      title: opts.title,
      fields: opts.fields,
      action: `/children/${id}/details/${path}`,
      values,
      errors,
      errorMap: fieldErrors(errors),
    });
  };
  app.get(`/children/:id/details/${path}`, async (req, reply) => {
    const { id } = idParams.parse(req.params);
    return render(reply, recordsFor(req), id, {});
  });
  app.post(`/children/:id/details/${path}`, async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as Form;
    const records = recordsFor(req);
    try {
      await opts.save(records, id, opts.toInput(body));
    } catch (err) {
      if (!isValidation(err)) throw err;
      return render(reply, records, id, body, pageErrors(opts.fields, err.options.fields ?? []));
    }
    return reply.redirect(`/children/${id}/details?saved=${path.split('/')[0]}`, 303);
  });
}

function conflictRows(conflict: UpdateConflict) {
  const yours = describeInput(personFields, conflict.yours);
  const saved = describeInput(personFields, personToInput(conflict.current));
  return personFields.map((f) => ({
    label: f.label,
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
      facts: describeInput(personFields, personToInput(p)),
      personFields,
      abilities: opened.abilities,
      names,
      addresses,
      saved: (req.query as { saved?: string }).saved,
    });
  });

  app.get('/children/:id/details/edit', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const opened = await recordsFor(req).open(id, 'edit', 'record.view');
    return reply.view('pages/details/edit.njk', {
      person: presentPerson(opened.person, opened.abilities),
      personFields,
      values: {
        ...inputToForm(personFields, personToInput(opened.person)),
        version: String(opened.person.version),
      },
      errorMap: {},
    });
  });

  app.post('/children/:id/details/edit', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as Form;
    const records = recordsFor(req);
    try {
      await updatePerson(records, id, { version: body.version, changes: formToPerson(body) });
    } catch (err) {
      if (err instanceof AppError && err.id === 'conflict') {
        const conflict = err.options.data?.conflict as UpdateConflict;
        const opened = await records.open(id, 'edit', 'record.view');
        return reply.code(409).view('pages/details/edit.njk', {
          person: presentPerson(opened.person, opened.abilities),
          personFields,
          conflict: { rows: conflictRows(conflict), version: conflict.current.version },
          values: { ...body, version: String(conflict.current.version) },
          errorMap: {},
        });
      }
      if (!isValidation(err)) throw err;
      const opened = await records.open(id, 'edit', 'record.view');
      const errors = pageErrors(personFields, err.options.fields ?? []);
      return reply.code(400).view('pages/details/edit.njk', {
        person: presentPerson(opened.person, opened.abilities),
        personFields,
        values: body,
        errors,
        errorMap: fieldErrors(errors),
      });
    }
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
