/**
 * `POST /api/v1/children/{id}/journey/{step}`: every journey step, one route each so the OpenAPI
 * document carries each step's schema. Same rules, access and audit as the pages.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../auth/actor.ts';
import { recordsFor, requireScope } from '../../http/request-context.ts';
import { recordStep } from '../../journey/record-step.ts';
import { steps } from '../../journey/steps/index.ts';
import { errorBody } from './error-body.ts';

export const journeyStepsApi: FastifyPluginAsyncZod = async (app) => {
  for (const step of steps) {
    app.post(
      `/children/:id/journey/${step.kind}`,
      {
        schema: {
          summary: step.title,
          description: `${step.title}. The rules between steps are checked (for example a child protection plan needs a conference); a step that does not fit gets 400 naming the field, and nothing is saved. 404 without access. Audited.`,
          tags: ['journey'],
          security: [{ bearer: [] }],
          params: z.object({ id: z.string() }),
          body: step.schema,
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
        const saved = await recordStep(recordsFor(req), req.params.id, step.kind, req.body);
        return reply.code(201).send(saved);
      },
    );
  }
};
