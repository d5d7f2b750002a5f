/**
 * `/reviews`: the public repository's search, needing no sign-in. Full-text search with ranked,
 * highlighted extracts, and the MOJ filter (year, partnership, region, age band, review type,
 * themes). Everything shown comes from the public presenter.
 */
import type { FastifyPluginAsync } from 'fastify';
import { pagination } from '../../../presenters/pagination.ts';
import { filterOptions, searchReviews } from '../../../review-repository/search.ts';
import { presentHit, totalText } from '../../../review-repository/present.ts';
import { filtersOf, reviewQuery } from '../../../review-repository/query.ts';
import { ageBands, regions, reviewTypes, themes } from '../../../review-repository/vocabulary.ts';
import { reviewPages } from './review.ts';
import { themePages } from './themes.ts';

const PER_PAGE = 20;

/** The query string again, for paging and for removing one filter. */
function queryString(query: Record<string, unknown>, change: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change })) {
    if (v === undefined || v === '' || (k === 'page' && v === 1)) continue;
    for (const one of Array.isArray(v) ? v : [v]) p.append(k, String(one));
  }
  const s = p.toString();
  return s === '' ? '/reviews' : `/reviews?${s}`;
}

const byField = (errors: { field: string; message: string }[]) =>
  Object.fromEntries(errors.map((e) => [e.field, e.message]));

export const reviewRepositoryPages: FastifyPluginAsync = async (app) => {
  const db = () => app.deps.database.db;

  app.get('/reviews', async (req, reply) => {
    const options = await filterOptions(db());
    const parsed = reviewQuery.safeParse(req.query);
    const base = {
      options: {
        years: options.years,
        partnerships: options.partnerships,
        regions,
        ageBands,
        reviewTypes,
        themes,
      },
    };
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        field: String(i.path[0] ?? 'q'),
        message: i.message,
      }));
      return reply.code(400).view('pages/review-repository/search.njk', {
        ...base,
        errors,
        fieldErrors: byField(errors),
        values: {},
        hits: [],
      });
    }
    const query = parsed.data;
    const partnershipKnown =
      query.partnership === undefined || options.partnerships.includes(query.partnership);
    if (!partnershipKnown)
      return reply.code(400).view('pages/review-repository/search.njk', {
        ...base,
        errors: [{ field: 'partnership', message: 'Select a partnership from the list' }],
        fieldErrors: { partnership: 'Select a partnership from the list' },
        values: { ...query, partnership: undefined },
        hits: [],
      });
    const found = await searchReviews(db(), filtersOf(query), { page: query.page, perPage: PER_PAGE });
    const pages = Math.ceil(found.total / PER_PAGE);
    const chosen = (list: readonly { code: string; label: string }[], values: string[], key: string) =>
      list
        .filter((e) => values.includes(e.code))
        .map((e) => ({
          text: e.label,
          href: queryString(query, { [key]: values.filter((v) => v !== e.code), page: 1 }),
        }));
    const selected = [
      ...(query.year === undefined
        ? []
        : [
            {
              heading: 'Year',
              items: [{ text: String(query.year), href: queryString(query, { year: undefined, page: 1 }) }],
            },
          ]),
      ...(query.partnership === undefined
        ? []
        : [
            {
              heading: 'Partnership',
              items: [
                { text: query.partnership, href: queryString(query, { partnership: undefined, page: 1 }) },
              ],
            },
          ]),
      { heading: 'Region', items: chosen(regions, query.region, 'region') },
      { heading: 'Child’s age', items: chosen(ageBands, query.ageBand, 'ageBand') },
      { heading: 'Review type', items: chosen(reviewTypes, query.reviewType, 'reviewType') },
      { heading: 'Themes', items: chosen(themes, query.theme, 'theme') },
    ].filter((c) => c.items.length > 0);
    return reply.view('pages/review-repository/search.njk', {
      ...base,
      values: query,
      fieldErrors: {},
      hasQuery: (query.q ?? '').trim() !== '',
      total: found.total,
      totalText: totalText(found.total, found.isEstimate),
      hits: found.hits.map(presentHit),
      selected,
      clearHref: queryString({ q: query.q }, {}),
      pagination: pagination(query.page, pages, (n) => queryString(query, { page: n })),
    });
  });

  app.get('/reviews/accessibility', async (_req, reply) =>
    reply.view('pages/review-repository/accessibility.njk', {}),
  );
  app.get('/reviews/privacy', async (_req, reply) => reply.view('pages/review-repository/privacy.njk', {}));
  await app.register(reviewPages);
  await app.register(themePages);
};
