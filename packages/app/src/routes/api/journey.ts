/**
 * `/api/v1/me/caseload`, `/api/v1/children/{id}/journey`, and `POST /api/v1/children/{id}/visits`:
 * an alias of the visit step's route, `POST /api/v1/children/{id}/journey/visit`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../auth/actor.ts';
import { recordsFor, requireScope } from '../../http/request-context.ts';
import { myCaseload } from '../../people/caseload.ts';
import { recordStep } from '../../journey/record-step.ts';
import { visitInput } from '../../journey/steps/visit.ts';
import { loadJourney } from '../../journey/load-journey.ts';
import { errorBody } from './error-body.ts';

const journeyEvent = z.object({
  id: z.uuid(),
  type: z
    .string()
    .describe(
      'contact, contact-decision, referral, assessment, strategy, s47, conference, cp-plan, visit, note, …',
    ),
  group: z.string(),
  date: z.string(),
  title: z.string(),
  agency: z.string().nullable(),
  author: z.string().nullable(),
  text: z.string().nullable(),
  childSaid: z.string().nullable(),
  referrer: z
    .object({ name: z.string(), askedNotToBeNamed: z.boolean() })
    .nullable()
    .optional()
    .describe(
      'A contact only: who raised it (name and role) and whether they asked not to be named to the family; null without the case-note ability or when not recorded',
    ),
});

export const journeyApi: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/caseload',
    {
      schema: {
        summary: 'My caseload',
        description:
          'The children allocated to the caller, with their status in words (as on the journey page). Audited.',
        tags: ['children'],
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            children: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                dateOfBirth: z.string().nullable(),
                status: z.string(),
              }),
            ),
          }),
          401: errorBody,
          403: errorBody,
        },
      },
    },
    async (req) => {
      requireScope(requireActor(req), 'children:read');
      const rows = await myCaseload(recordsFor(req));
      return {
        children: rows.map((c) => ({ id: c.id, name: c.name, dateOfBirth: c.dateOfBirth, status: c.status })),
      };
    },
  );

  app.get(
    '/children/:id/journey',
    {
      schema: {
        summary: "A child's journey",
        description:
          'Every recorded event, newest first. Narrative only for callers who may read case notes. 404 without access. Audited.',
        tags: ['children'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string() }),
        response: {
          200: z.object({ events: z.array(journeyEvent) }),
          401: errorBody,
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (req) => {
      requireScope(requireActor(req), 'children:read');
      const { events } = await loadJourney(recordsFor(req), req.params.id);
      return { events };
    },
  );

  app.post(
    '/children/:id/visits',
    {
      schema: {
        summary: 'Record a visit',
        description:
          'An alias of POST /children/{id}/journey/visit. Three required fields: date, seen (seen | seen-alone | not-seen; not-seen needs notSeenReason) and summary. Invalid input gets 400 with field errors and nothing is saved. 404 without access. Audited.',
        tags: ['children'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string() }),
        body: visitInput,
        response: {
          201: z.object({ id: z.uuid(), table: z.string() }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (req, reply) => {
      requireScope(requireActor(req), 'children:write');
      const created = await recordStep(recordsFor(req), req.params.id, 'visit', req.body);
      return reply.code(201).send(created);
    },
  );
};
