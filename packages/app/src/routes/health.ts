import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDatabaseUp } from '../db/health.ts';

const engine = z.enum(['pglite', 'postgres']);
const healthResponse = z.object({ status: z.literal('ok'), database: engine });
const unavailableResponse = z.object({ status: z.literal('unavailable'), database: engine });
const notReadyResponse = z.object({
  status: z.enum(['unavailable', 'generating-demo', 'demo-failed']),
  database: engine,
  demo: z.object({ children: z.number().int(), total: z.number().int() }).optional(),
});

/**
 * `GET /health`: 200 after the database answers a query; 503 when it does not.
 * `GET /health/ready`: as /health, and also 503 while `waypoint serve` is still generating the demo
 * borough in the background (with its progress), so tests and scripts can wait for the full demo.
 */
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
  app.get(
    '/health/ready',
    { schema: { response: { 200: healthResponse, 503: notReadyResponse } } },
    async (req, reply) => {
      const { database, demo } = app.deps;
      let up = false;
      try {
        up = await isDatabaseUp(database.db);
      } catch (err) {
        req.log.error({ err }, 'readiness check: database unreachable');
      }
      if (!up) return reply.code(503).send({ status: 'unavailable' as const, database: database.engine });
      if (demo !== undefined && demo.state !== 'ready')
        return reply.code(503).send({
          status: demo.state === 'failed' ? ('demo-failed' as const) : ('generating-demo' as const),
          database: database.engine,
          demo: { children: demo.children, total: demo.total },
        });
      return { status: 'ok' as const, database: database.engine };
    },
  );
};
