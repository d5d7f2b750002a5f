import type { FastifyPluginAsync } from 'fastify';

/** Server-rendered pages. */
export const pageRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (_req, reply) => reply.view('pages/home.njk'));
};
