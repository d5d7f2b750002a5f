/**
 * The theme pages (each theme's reviews counted over the years, as a chart with its table) and
 * learning across reviews (the contributory factors of every published finding by theme and year).
 */
import type { FastifyPluginAsync } from 'fastify';
import { NotFoundError } from '../../../http/errors.ts';
import { yearBars } from '../../../review-repository/chart.ts';
import { factorsByThemeAndYear, themeByYear, themeTotals } from '../../../review-repository/learning.ts';
import { labelOf, themes } from '../../../review-repository/vocabulary.ts';

export const themePages: FastifyPluginAsync = async (app) => {
  const db = () => app.deps.database.db;

  app.get('/reviews/themes', async (_req, reply) => {
    const totals = await themeTotals(db());
    return reply.view('pages/review-repository/themes.njk', {
      themes: themes.map((t) => ({ ...t, reviews: totals.get(t.code) ?? 0 })),
    });
  });

  app.get<{ Params: { theme: string } }>('/reviews/themes/:theme', async (req, reply) => {
    const theme = themes.find((t) => t.code === req.params.theme);
    if (theme === undefined) throw new NotFoundError('no such theme');
    const years = await themeByYear(db(), theme.code);
    const factors = (await factorsByThemeAndYear(db())).filter((f) => f.theme === theme.code);
    const byFactor = new Map<string, number>();
    for (const f of factors) byFactor.set(f.factor, (byFactor.get(f.factor) ?? 0) + f.findings);
    return reply.view('pages/review-repository/theme.njk', {
      theme,
      years,
      chart: yearBars(years),
      totalReviews: years.reduce((n, y) => n + y.reviews, 0),
      factors: [...byFactor.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([label, findings]) => ({ label, findings })),
    });
  });

  app.get('/reviews/learning', async (_req, reply) => {
    const rows = await factorsByThemeAndYear(db());
    const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
    const groups = new Map<string, Map<string, Map<number, number>>>();
    for (const r of rows) {
      const byFactor = groups.get(r.theme) ?? new Map<string, Map<number, number>>();
      const byYear = byFactor.get(r.factor) ?? new Map<number, number>();
      byYear.set(r.year, r.findings);
      byFactor.set(r.factor, byYear);
      groups.set(r.theme, byFactor);
    }
    const tables = themes
      .filter((t) => groups.has(t.code))
      .map((t) => ({
        code: t.code,
        label: labelOf(themes, t.code),
        rows: [...(groups.get(t.code) ?? new Map<string, Map<number, number>>()).entries()]
          .map(([factor, byYear]) => ({
            factor,
            counts: years.map((y) => byYear.get(y) ?? 0),
            total: [...byYear.values()].reduce((a, b) => a + b, 0),
          }))
          .sort((a, b) => b.total - a.total),
      }));
    return reply.view('pages/review-repository/learning.njk', { years, tables });
  });
};
