/** The learning-review workspace's pages (learning-reviews/). */
import type { FastifyPluginAsync } from 'fastify';
import { incidentPages } from './incidents.ts';

export const learningReviewPages: FastifyPluginAsync = async (app) => {
  await app.register(incidentPages);
};
