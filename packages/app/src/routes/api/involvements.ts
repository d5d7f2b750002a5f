/**
 * `/api/v1/involvements`: a partner agency's own system (a school MIS, a GP system) publishes and
 * ends its involvements in bulk, under the same rules and audit as the pages. Client credentials
 * with the `involvement:read` and `involvement:write` scopes; the organisation is the client's.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta, requireActor } from '../../auth/actor.ts';
import { requireScope } from '../../http/request-context.ts';
import { endInput, involvementInput } from '../../involvement/input.ts';
import { PartnerInvolvements } from '../../involvement/partner-records.ts';
import { presentInvolvement } from '../../involvement/present.ts';
import { errorBody } from './error-body.ts';

const involvementSchema = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  postcode: z.string().nullable(),
  service: z.string(),
  role: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  since: z.string(),
  until: z.string().nullable(),
  reason: z.string().nullable().describe('The code (see POST)'),
  shielded: z.boolean(),
  linked: z.boolean().describe('The council has linked it to its record of the child'),
  version: z.number().int().describe('Send it back to end it (optimistic locking)'),
});

const ends = z.object({
  ends: z
    .array(endInput.extend({ id: z.uuid() }))
    .min(1)
    .max(500),
});

export const involvementsApi: FastifyPluginAsyncZod = async (app) => {
  const partner = (req: Parameters<typeof requireActor>[0]) =>
    new PartnerInvolvements(app.deps.database.db, requireActor(req), requestMeta(req));

  app.get(
    '/involvements',
    {
      schema: {
        summary: 'The involvements the caller holds',
        description:
          'A partner system: every involvement its organisation recorded in this LA; a person: those they hold. Open ones, or with ended=true ended ones too. Audited.',
        tags: ['involvements'],
        security: [{ bearer: [] }],
        querystring: z.object({ ended: z.enum(['true', 'false']).default('false') }),
        response: {
          200: z.object({ involvements: z.array(involvementSchema) }),
          401: errorBody,
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (req) => {
      requireScope(requireActor(req), 'involvement:read');
      const rows = await partner(req).list({ includeEnded: req.query.ended === 'true' });
      return {
        involvements: rows.map((r) => {
          const v = presentInvolvement(r);
          return { ...v, reason: v.reasonCode, nhsNumber: r.child_nhs_number };
        }),
      };
    },
  );

  app.post(
    '/involvements',
    {
      schema: {
        summary: 'Publish involvements in bulk',
        description:
          'Records up to 500 involvements, all or none, in the organisation’s own space: it does not open the council’s record (the LA links it). Each is published to the involvement index after commit. 201 with the ids, in order. Audited.',
        tags: ['involvements'],
        security: [{ bearer: [] }],
        body: z.object({ involvements: z.array(involvementInput).min(1).max(500) }),
        response: {
          201: z.object({ ids: z.array(z.uuid()) }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (req, reply) => {
      requireScope(requireActor(req), 'involvement:write');
      const ids = await partner(req).recordMany(req.body.involvements);
      return reply.code(201).send({ ids });
    },
  );

  app.post(
    '/involvements/end',
    {
      schema: {
        summary: 'End involvements in bulk',
        description:
          'Ends up to 500 involvements the caller holds, all or none, each at the version it was read (409 names one changed since). The end is published after its publication. Audited.',
        tags: ['involvements'],
        security: [{ bearer: [] }],
        body: ends,
        response: {
          200: z.object({ ended: z.number().int() }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (req) => {
      requireScope(requireActor(req), 'involvement:write');
      return { ended: await partner(req).endMany(req.body.ends) };
    },
  );

  app.delete(
    '/involvements/:id',
    {
      schema: {
        summary: 'Erase an involvement recorded in error',
        description:
          'Removes the child’s details from the organisation’s space and withdraws it from the index. Audited.',
        tags: ['involvements'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string() }),
        response: { 204: z.null(), 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      requireScope(requireActor(req), 'involvement:write');
      await partner(req).erase(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
