import type { FastifyPluginAsync } from 'fastify';
import { accountPages } from './account-pages.ts';

/** Server-rendered pages. */
export const pageRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (_req, reply) => reply.view('pages/home.njk'));
  await app.register(accountPages);
};
