/** "Is help working?" for the LA and each team, as charts with their tables. */
import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../../../auth/actor.ts';
import { helpWorking, SMALLEST_GROUP } from '../../../insight/help-working.ts';
import { freshness } from '../../../insight/summaries.ts';

export const helpWorkingPages: FastifyPluginAsync = async (app) => {
  app.get('/insight/help', async (req, reply) => {
    const summary = await helpWorking(app.deps.database.db, requireActor(req));
    const help = summary.data;
    const chart = <T extends { label: string }>(rows: T[], pick: (r: T) => number | null) =>
      rows.map((r) => ({ label: r.label, short: r.label.slice(0, 3), value: pick(r) }));
    return reply.view('pages/insight/help.njk', {
      help,
      fresh: freshness(summary),
      smallest: SMALLEST_GROUP,
      scoreChart: help.scoresByMonth.map((r) => ({
        label: r.label,
        short: r.label.replace('Month ', '').replace(' and after', '+'),
        value: r.value,
      })),
      seenChart: chart(help.seenMonths, (r) => r.seen),
      aloneChart: chart(help.seenMonths, (r) => r.seenAlone),
      referralChart: chart(help.referralMonths, (r) => r.rate),
      feedbackChart: chart(help.feedbackMonths, (r) => r.planHelping),
    });
  });
};
