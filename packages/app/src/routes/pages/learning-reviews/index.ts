/** The learning-review workspace's pages (learning-reviews/). */
import type { FastifyPluginAsync } from 'fastify';
import { checkPages } from './checks.ts';
import { incidentPages } from './incidents.ts';
import { reportPages } from './report.ts';
import { workPages } from './work.ts';

export const learningReviewPages: FastifyPluginAsync = async (app) => {
  await app.register(incidentPages);
  await app.register(workPages);
  await app.register(reportPages);
  await app.register(checkPages);
};
