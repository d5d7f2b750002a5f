import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDatabaseUp } from '../db/health.ts';

const engine = z.enum(['pglite', 'postgres']);
const healthResponse = z.object({ status: z.literal('ok'), database: engine });
const unavailableResponse = z.object({ status: z.literal('unavailable'), database: engine });

/** `GET /health`: 200 after the database answers a query; 503 when it does not. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { schema: { response: { 200: healthResponse, 503: unavailableResponse } } },
    async (req, reply) => {
      const { database } = app.deps;
      try {
        if (await isDatabaseUp(database.db)) return { status: 'ok' as const, database: database.engine };
      } catch (err) {
        req.log.error({ err }, 'health check: database unreachable');
      }
      return reply.code(503).send({ status: 'unavailable' as const, database: database.engine });
    },
  );
};
