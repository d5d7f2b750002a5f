/**
 * Learning across reviews: counts over all published reviews, by theme and year (the theme pages'
 * chart and table), and the findings and contributory factors by theme and year (what recurs).
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inPublic } from './public-db.ts';
import type { Theme } from './vocabulary.ts';

export interface YearCount {
  year: number;
  reviews: number;
  findings: number;
}

/** Reviews and their findings with this theme, per year of publication (every year from the first). */
export async function themeByYear(db: Kysely<Schema>, theme: Theme): Promise<YearCount[]> {
  return inPublic(db, async (tx) => {
    const rows = await sql<YearCount>`select extract(year from r.published_on)::int as year,
        count(*)::int as reviews,
        coalesce(sum((select count(*) from published_review_findings f where f.review_id = r.id and f.listed)), 0)::int as findings
      from published_reviews r where r.withdrawn_at is null and ${theme} = any(r.themes)
      group by 1 order by 1`.execute(tx);
    return fillYears(rows.rows);
  });
}

function fillYears(rows: YearCount[]): YearCount[] {
  const first = rows[0];
  const last = rows.at(-1);
  if (first === undefined || last === undefined) return [];
  const by = new Map(rows.map((r) => [r.year, r]));
  const out: YearCount[] = [];
  for (let y = first.year; y <= last.year; y++) out.push(by.get(y) ?? { year: y, reviews: 0, findings: 0 });
  return out;
}

/** How many published reviews carry each theme. */
export async function themeTotals(db: Kysely<Schema>): Promise<Map<string, number>> {
  return inPublic(db, async (tx) => {
    const rows = await sql<{ theme: string; n: number }>`select t as theme, count(*)::int as n
      from published_reviews r, unnest(r.themes) t where r.withdrawn_at is null group by t`.execute(tx);
    return new Map(rows.rows.map((r) => [r.theme, r.n]));
  });
}

export interface FactorCount {
  theme: string;
  year: number;
  factor: string;
  findings: number;
  reviews: number;
}

/**
 * The contributory factors cited by the findings of all published reviews, counted by the
 * review's theme and year of publication (a finding counts once per theme of its review).
 */
export async function factorsByThemeAndYear(db: Kysely<Schema>): Promise<FactorCount[]> {
  return inPublic(db, async (tx) => {
    const rows = await sql<FactorCount>`select t as theme, extract(year from r.published_on)::int as year,
        fx->>'label' as factor, count(*)::int as findings, count(distinct r.id)::int as reviews
      from published_reviews r
      join published_review_findings f on f.review_id = r.id and f.listed
      cross join lateral jsonb_array_elements(f.factors) fx
      cross join lateral unnest(r.themes) t
      where r.withdrawn_at is null
      group by 1, 2, 3 order by 1, 2, findings desc, 3`.execute(tx);
    return rows.rows;
  });
}

/** The newest published reviews, for the Atom feed. */
export async function newestReviews(db: Kysely<Schema>, limit: number) {
  return inPublic(db, (tx) =>
    tx
      .selectFrom('published_reviews as r')
      .select([
        'r.id',
        'r.public_id',
        'r.title',
        'r.partnership',
        'r.region',
        'r.local_authority',
        'r.published_on',
        'r.review_type',
        'r.age_band',
        'r.themes',
        'r.summary',
        'r.words',
        'r.published_at',
      ])
      .where('r.withdrawn_at', 'is', null)
      .orderBy('r.published_at', 'desc')
      .limit(limit)
      .execute(),
  );
}
