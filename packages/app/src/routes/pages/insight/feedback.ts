/** Families' feedback over time, for the LA and per team, as charts with their tables. */
import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../../../auth/actor.ts';
import { feedbackTrends, SMALLEST_GROUP, type FeedbackTrends } from '../../../feedback/trends.ts';
import { freshness, type Summary } from '../../../insight/summaries.ts';

/** The feedback page's figures and charts, for the PSW's and managers' page and an inspection's. */
export function feedbackView(summary: Summary<FeedbackTrends>) {
  const trends = summary.data;
  const chart = (pick: (r: (typeof trends.months)[number]) => number | null) =>
    trends.months.map((m) => ({ label: m.label, short: m.label.slice(0, 3), value: pick(m) }));
  return {
    trends,
    fresh: freshness(summary),
    smallest: SMALLEST_GROUP,
    charts: [
      {
        id: 'fb-listened',
        title: 'Feels listened to: the average answer each month (0 No to 4 Yes)',
        rows: chart((m) => m.listenedTo),
      },
      {
        id: 'fb-plan',
        title: 'The plan is helping: the average answer each month (0 No to 4 Yes)',
        rows: chart((m) => m.planHelping),
      },
      {
        id: 'fb-worries',
        title: 'Understands why people are worried: the average answer each month (0 No to 4 Yes)',
        rows: chart((m) => m.understandWorries),
      },
      { id: 'fb-answers', title: 'Answers each month', rows: chart((m) => m.answers), heading: 'Answers' },
    ],
  };
}

export const feedbackTrendPages: FastifyPluginAsync = async (app) => {
  app.get('/insight/feedback', async (req, reply) =>
    reply.view(
      'pages/insight/feedback.njk',
      feedbackView(await feedbackTrends(app.deps.database.db, requireActor(req))),
    ),
  );
};
