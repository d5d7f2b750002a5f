/** The burden of recording: the council's figures by task and team, and each worker's own. */
import type { FastifyPluginAsync } from 'fastify';
import { can } from '../../../access/capabilities.ts';
import { requireActor } from '../../../auth/actor.ts';
import { SMALLEST_GROUP } from '../../../feedback/trends.ts';
import { recordingBurden, type BurdenScope } from '../../../insight/recording.ts';
import { freshness } from '../../../insight/summaries.ts';

export const recordingBurdenPages: FastifyPluginAsync = async (app) => {
  const show =
    (scope: BurdenScope) =>
    async (req: Parameters<typeof requireActor>[0], reply: import('fastify').FastifyReply) => {
      const actor = requireActor(req);
      const summary = await recordingBurden(app.deps.database.db, actor, scope);
      return reply.view('pages/insight/recording.njk', {
        burden: summary.data,
        fresh: freshness(summary),
        smallest: SMALLEST_GROUP,
        insight: can(actor.roles, 'see_practice_insight'),
      });
    };
  app.get('/insight/recording', show('la'));
  app.get('/insight/recording/mine', show('mine'));
};
