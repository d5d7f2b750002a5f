/**
 * `/api/v1/public/reviews`: the public repository for researchers, no token needed. The list and
 * search (the same query as /reviews), and one review with its metadata and published text. Only
 * the public presenter's fields; withdrawn or unpublished reviews are not found.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../http/errors.ts';
import { presentHit, presentReview } from '../../review-repository/present.ts';
import { filtersOf, reviewQuery } from '../../review-repository/query.ts';
import { readPublishedReview } from '../../review-repository/read.ts';
import { searchReviews } from '../../review-repository/search.ts';
import { errorBody } from './error-body.ts';

const coded = z.object({ code: z.string(), label: z.string() });
const summary = z.object({
  id: z.string().describe('The public id, as in /reviews/{id}'),
  title: z.string(),
  partnership: z.string(),
  localAuthority: z.string(),
  region: coded,
  publishedOn: z.string().describe('ISO date'),
  reviewType: coded,
  ageBand: coded.describe('The child’s age band'),
  themes: z.array(coded),
  summary: z.string(),
  words: z.number().int(),
  pages: z.number().int().describe('About how many pages (500 words a page)'),
});
const hit = summary.extend({
  match: z
    .object({
      heading: z.string().describe('The section that matched best'),
      extract: z
        .array(z.object({ text: z.string(), marked: z.boolean() }))
        .describe('Matched words are marked'),
    })
    .nullable(),
});
const review = summary.extend({
  sections: z.array(z.object({ heading: z.string(), paragraphs: z.array(z.string()) })),
  findings: z.array(z.object({ text: z.string(), factors: z.array(coded) })),
});

export const publicReviewsApi: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.deps.database.db;

  app.get(
    '/public/reviews',
    {
      schema: {
        summary: 'Search published reviews',
        description:
          'Published child safeguarding practice reviews, newest first, or with q ranked by full-text search with an extract from the best-matching section. Filters as on /reviews; repeat a filter for several values. No token needed.',
        tags: ['public reviews'],
        querystring: reviewQuery.extend({ perPage: z.coerce.number().int().min(1).max(100).default(20) }),
        response: {
          200: z.object({
            total: z
              .number()
              .int()
              .describe('How many reviews match: exact, or an estimate when totalIsEstimate is true'),
            totalIsEstimate: z
              .boolean()
              .describe(
                'True when total is an estimate (a search for common words, shown on /reviews as "about"); the order of the results is still by rank',
              ),
            page: z.number().int(),
            reviews: z.array(hit),
          }),
          400: errorBody,
        },
      },
    },
    async (req) => {
      const found = await searchReviews(db(), filtersOf(req.query), {
        page: req.query.page,
        perPage: req.query.perPage,
      });
      return {
        total: found.total,
        totalIsEstimate: found.isEstimate,
        page: req.query.page,
        reviews: found.hits.map(presentHit),
      };
    },
  );

  app.get(
    '/public/reviews/:id',
    {
      schema: {
        summary: 'One published review',
        description:
          'Its metadata, published text by section, and findings with their contributory factors. No token needed.',
        tags: ['public reviews'],
        params: z.object({ id: z.string().max(20) }),
        response: { 200: review, 404: errorBody },
      },
    },
    async (req) => {
      const row = await readPublishedReview(db(), req.params.id);
      if (row === undefined) throw new NotFoundError('no such published review');
      return presentReview(row);
    },
  );
};
