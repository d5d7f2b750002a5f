/** `/api/v1/children`: the same records, access rules and audit as the pages, for partner systems. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../auth/actor.ts';
import { AppError } from '../../http/errors.ts';
import { versionRule } from '../../http/forms/numbers.ts';
import { recordsFor, requireScope } from '../../http/request-context.ts';
import { disabilities } from '../../journey/codes.ts';
import { code } from '../../journey/fields.ts';
import { createPerson } from '../../people/create-person.ts';
import { updatePerson, type UpdateConflict } from '../../people/details.ts';
import { addressInput, personInput } from '../../people/person-input.ts';
import { searchQuery } from '../../people/search-query.ts';
import { presentPerson, presentSearchResult } from '../../presenters/person.ts';
import { errorBody } from './error-body.ts';

export const personSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['child', 'adult', 'unborn']),
  name: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable().describe('YYYY-MM-DD'),
  expectedDateOfBirth: z.string().nullable(),
  age: z.string().nullable(),
  sex: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  isRestricted: z.boolean(),
  version: z.number().int().describe('Send it back with a change (optimistic locking)'),
});

const searchResult = z.object({
  id: z.uuid(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  canOpen: z.boolean(),
  canBreakGlass: z.boolean(),
  canViewAudit: z.boolean(),
});

const candidate = z.object({
  id: z.uuid(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  age: z.string().nullable(),
  matchProbability: z.number().describe('0–1, from @waypoint/linkage'),
  reasons: z.array(z.string()).describe('What agreed, strongest first, e.g. "Date of birth: exact"'),
  canOpen: z.boolean(),
  canBreakGlass: z.boolean(),
  nhsNumber: z.string().nullable().describe('Only for records the caller may open'),
});

const duplicatesBody = z.object({
  error: z.object({
    id: z.literal('possible_duplicates'),
    message: z.string(),
    requestId: z.string(),
    data: z.object({ candidates: z.array(candidate) }),
  }),
});

const conflictBody = z.object({
  error: z.object({
    id: z.literal('conflict'),
    message: z.string(),
    requestId: z.string(),
    data: z.object({ current: personSchema }),
  }),
});

const createBody = z.object({
  person: personInput,
  address: addressInput.optional(),
  confirmNoDuplicate: z
    .boolean()
    .default(false)
    .describe('True after checking the candidates a 409 returned: none of them is this person'),
});

/** Any of the identity fields, and the version the change is based on. */
const patchBody = z
  .object(personInput.shape)
  .omit({ disabilities: true })
  .partial()
  .extend({
    disabilities: z.array(code(disabilities, 'Select disabilities from the list')).optional(),
    version: versionRule().describe('The version you read'),
  })
  .strict();

export const childrenApi: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/children',
    {
      schema: {
        summary: 'Find children',
        description:
          'Search by name (typos, sound-alikes, nicknames, previous names), date of birth, NHS number (exact, spaces allowed) and/or postcode of the current address (full, or an outward code like LS11); criteria combine. Ranked; only children the caller may see or ask access to. Audited.',
        tags: ['children'],
        security: [{ bearer: [] }],
        querystring: searchQuery,
        response: {
          200: z.object({ results: z.array(searchResult) }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
        },
      },
    },
    async (req) => {
      requireScope(requireActor(req), 'children:read');
      const q = req.query;
      const rows = await recordsFor(req).search({
        name: q.name,
        dateOfBirth: q.dob,
        nhsNumber: q.nhsNumber,
        postcode: q.postcode,
      });
      return { results: rows.map((r) => presentSearchResult(r.person, r.abilities)) };
    },
  );

  app.post(
    '/children',
    {
      schema: {
        summary: 'Add a child (or an unborn child or adult)',
        description:
          'Checks first for people in the LA who may be the same person: if any, 409 with the candidates (probability and why; name, date of birth and age only for records the caller may not open) and nothing is saved. Send again with confirmNoDuplicate: true to create anyway. 201 with the id. Audited.',
        tags: ['children'],
        security: [{ bearer: [] }],
        body: createBody,
        response: {
          201: z.object({ id: z.uuid(), next: z.string().describe('Where to go next in the web app') }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
          409: duplicatesBody,
        },
      },
    },
    async (req, reply) => {
      requireScope(requireActor(req), 'children:write');
      const r = await createPerson(recordsFor(req), req.body);
      if (r.created) return reply.code(201).send({ id: r.id, next: r.next });
      return reply.code(409).send({
        error: {
          id: 'possible_duplicates' as const,
          message: 'People already recorded may be this person',
          requestId: req.id,
          data: {
            candidates: r.candidates.map(({ percent, ...c }) => ({ ...c, matchProbability: percent / 100 })),
          },
        },
      });
    },
  );

  app.get(
    '/children/:id',
    {
      schema: {
        summary: "A child's record",
        description:
          'The record, if the caller has a legitimate relationship with the child; otherwise 404 (the existence of a record is itself sensitive). Audited.',
        tags: ['children'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string() }),
        response: { 200: personSchema, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      requireScope(requireActor(req), 'children:read');
      const opened = await recordsFor(req).open(req.params.id);
      return presentPerson(opened.person, opened.abilities);
    },
  );

  app.patch(
    '/children/:id',
    {
      schema: {
        summary: "Change a child's details",
        description:
          'Send the fields to change and the version you read. If someone saved since, 409 with the saved record (`error.data.current`) and nothing is changed. 404 without access. Audited.',
        tags: ['children'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string() }),
        body: patchBody,
        response: {
          200: personSchema,
          400: errorBody,
          401: errorBody,
          403: errorBody,
          404: errorBody,
          409: conflictBody,
        },
      },
    },
    async (req, reply) => {
      requireScope(requireActor(req), 'children:write');
      const { version, ...changes } = req.body;
      const records = recordsFor(req);
      try {
        await updatePerson(records, req.params.id, {
          version,
          changes: Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
          merge: true,
        });
      } catch (err) {
        if (!(err instanceof AppError) || err.id !== 'conflict') throw err;
        const { current } = err.options.data?.conflict as UpdateConflict;
        return reply.code(409).send({
          error: {
            id: 'conflict' as const,
            message: err.message,
            requestId: req.id,
            data: {
              current: presentPerson(
                current,
                (await records.open(req.params.id, 'edit', 'record.view')).abilities,
              ),
            },
          },
        });
      }
      const opened = await records.open(req.params.id, 'view', 'record.view');
      return presentPerson(opened.person, opened.abilities);
    },
  );
};
