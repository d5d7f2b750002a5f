import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authApi } from './auth.ts';
import { caseNotesApi } from './case-notes.ts';
import { childrenApi } from './children.ts';
import { involvementsApi } from './involvements.ts';
import { cpisApi } from './cpis.ts';
import { journeyApi } from './journey.ts';
import { journeyStepsApi } from './journey-steps.ts';
import { publicReviewsApi } from './public-reviews.ts';

/** The JSON API under `/api/v1`. */
export const apiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/openapi.json', async () => app.swagger());
  await app.register(childrenApi);
  await app.register(journeyApi);
  await app.register(journeyStepsApi);
  await app.register(caseNotesApi);
  await app.register(authApi);
  await app.register(involvementsApi);
  await app.register(cpisApi);
  await app.register(publicReviewsApi);

  app.get(
    '/status',
    {
      schema: {
        summary: 'Service status',
        description: 'Whether the service and its database are up, and which engine it runs on.',
        tags: ['service'],
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            apiVersion: z.literal('1'),
          }),
        },
      },
    },
    async () => ({ status: 'ok' as const, database: app.deps.database.engine, apiVersion: '1' as const }),
  );
};
