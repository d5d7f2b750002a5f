/** `/api/v1/children`: the same records, access rules and audit as the pages, for partner systems. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../auth/actor.ts';
import { recordsFor, requireScope } from '../../http/request-context.ts';
import { presentPerson, presentSearchResult } from '../../presenters/person.ts';

const errorBody = z.object({
  error: z.object({ id: z.string(), message: z.string(), requestId: z.string() }),
});

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
});

const searchResult = z.object({
  id: z.uuid(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  canOpen: z.boolean(),
  canBreakGlass: z.boolean(),
  canViewAudit: z.boolean(),
});

export const childrenApi: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/children',
    {
      schema: {
        summary: 'Find children',
        description:
          'Search by name (typos and sound-alikes) and/or date of birth, ranked; only children the caller may see or ask access to. Audited.',
        tags: ['children'],
        security: [{ bearer: [] }],
        querystring: z.object({
          name: z.string().trim().max(200).optional(),
          dob: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'dob must be YYYY-MM-DD')
            .optional(),
        }),
        response: { 200: z.object({ results: z.array(searchResult) }), 401: errorBody, 403: errorBody },
      },
    },
    async (req) => {
      requireScope(requireActor(req), 'children:read');
      const rows = await recordsFor(req).search({ name: req.query.name, dateOfBirth: req.query.dob });
      return { results: rows.map((r) => presentSearchResult(r.person, r.abilities)) };
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
};
