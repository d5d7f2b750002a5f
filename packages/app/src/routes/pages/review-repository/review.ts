/** One published review as accessible HTML and as a PDF, and the Atom feed. No sign-in. */
import type { FastifyPluginAsync } from 'fastify';
import { NotFoundError } from '../../../http/errors.ts';
import { atomFeed } from '../../../review-repository/feed.ts';
import { newestReviews } from '../../../review-repository/learning.ts';
import { reviewPdf } from '../../../review-repository/pdf.ts';
import { presentReview, presentSummary } from '../../../review-repository/present.ts';
import { readPublishedReview } from '../../../review-repository/read.ts';

export const reviewPages: FastifyPluginAsync = async (app) => {
  const db = () => app.deps.database.db;
  const load = async (id: string) => {
    const row = await readPublishedReview(db(), id);
    if (row === undefined) throw new NotFoundError('no such published review');
    return presentReview(row);
  };

  app.get('/reviews/feed.atom', async (req, reply) => {
    const rows = await newestReviews(db(), 50);
    const base = `${req.protocol}://${req.host}`;
    return reply.type('application/atom+xml; charset=utf-8').send(
      atomFeed(
        base,
        rows.map((r) => ({ ...presentSummary(r), publishedAt: new Date(r.published_at) })),
      ),
    );
  });

  app.get<{ Params: { id: string } }>('/reviews/:id', async (req, reply) => {
    const review = await load(req.params.id);
    return reply.view('pages/review-repository/review.njk', { review });
  });

  app.get<{ Params: { id: string } }>('/reviews/:id/pdf', async (req, reply) => {
    const review = await load(req.params.id);
    const pdf = await reviewPdf(review);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="review-${review.id}.pdf"`)
      .send(pdf);
  });
};
