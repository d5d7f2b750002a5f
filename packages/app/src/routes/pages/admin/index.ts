/** Administration pages for the LA's system administrator. */
import type { FastifyPluginAsync } from 'fastify';
import { adminJobPages } from './jobs.ts';
import { adminTeamPages } from './teams.ts';
import { adminUserPages } from './users.ts';

export const adminPages: FastifyPluginAsync = async (app) => {
  await app.register(adminUserPages);
  await app.register(adminTeamPages);
  await app.register(adminJobPages);
};
