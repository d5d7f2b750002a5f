/**
 * What the public search's queries share: the filters as SQL, the public columns of a review, and
 * the row each ranking path returns (search.ts, ranked.ts, top-lists.ts).
 */
import { sql } from 'kysely';
import type { ReviewFilters, ReviewHit } from './search.ts';

/** Published and not withdrawn (row-level security says so too; the queries say it anyway). */
export const listed = () => sql`r.withdrawn_at is null`;

/** Whether any filter other than the words is set. */
export const hasFilters = (f: ReviewFilters): boolean =>
  f.year !== undefined ||
  f.partnership !== undefined ||
  Boolean(f.region?.length) ||
  Boolean(f.ageBand?.length) ||
  Boolean(f.reviewType?.length) ||
  Boolean(f.theme?.length);

/** The filters on `published_reviews r`. */
export function filterSql(f: ReviewFilters) {
  const parts = [listed()];
  if (f.year !== undefined)
    parts.push(
      sql`r.published_on >= ${`${f.year}-01-01`}::date and r.published_on < ${`${f.year + 1}-01-01`}::date`,
    );
  if (f.partnership !== undefined) parts.push(sql`r.partnership = ${f.partnership}`);
  if (f.region?.length) parts.push(sql`r.region = any(${f.region}::text[])`);
  if (f.ageBand?.length) parts.push(sql`r.age_band = any(${f.ageBand}::text[])`);
  if (f.reviewType?.length) parts.push(sql`r.review_type = any(${f.reviewType}::text[])`);
  if (f.theme?.length) parts.push(sql`r.themes @> ${f.theme}::text[]`);
  return sql.join(parts, sql` and `);
}

export const columns = sql`r.id, r.public_id, r.title, r.partnership, r.region, r.local_authority,
  r.published_on, r.review_type, r.age_band, r.themes, r.summary, r.words`;

/** A review found, with the position of its best section (null without words). */
export type Row = Omit<ReviewHit, 'section'> & { position: number | null };

/** A page of rows and how many there are in all (an estimate when `isEstimate`). */
export interface RowPage {
  rows: Row[];
  total: number;
  isEstimate: boolean;
}
