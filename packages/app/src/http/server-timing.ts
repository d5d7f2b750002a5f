/**
 * `Server-Timing: app;dur=<ms>` on every response: the time from the request arriving to the
 * response being sent, so benchmarks (and browser developer tools) can see server time apart from
 * the network and the client.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

const startedAt = new WeakMap<FastifyRequest, number>();

export function registerServerTiming(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    startedAt.set(req, performance.now());
  });
  app.addHook('onSend', async (req, reply) => {
    const start = startedAt.get(req);
    if (start !== undefined)
      reply.header('server-timing', `app;dur=${(performance.now() - start).toFixed(1)}`);
  });
}
