/**
 * The exact ranking: every matching section's `ts_rank`, a review scored by the sum of its
 * sections' and shown with its best. Over every review through the GIN index
 * (`published_section_hits`, migration 0024), or over a given set of reviews (the candidates
 * from the per-word lists, or the reviews a narrow filter leaves) by their primary key, which
 * row-level security lets the planner use.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import type { ReviewFilters } from './search.ts';
import { columns, filterSql, type Row, type RowPage } from './search-sql.ts';

/**
 * Every review that matches, ranked exactly: the page asked for and the exact total. Slow for
 * words most sections have (each matching section is ranked): the fallback.
 */
export async function rankAll(
  tx: Tx,
  q: string,
  filters: ReviewFilters,
  offset: number,
  perPage: number,
): Promise<RowPage> {
  const rows = (
    await sql<Row & { total: number }>`with q as (select websearch_to_tsquery('english', ${q}) as q),
      hits as (select h.review_id, h.position, h.rank from q, published_section_hits(q.q) h),
      best as (
        select distinct on (review_id) review_id, position,
          sum(rank) over (partition by review_id) as score
        from hits order by review_id, rank desc, position
      )
      select ${columns}, b.position, count(*) over () as total
      from best b join published_reviews r on r.id = b.review_id
      where ${filterSql(filters)}
      order by b.score desc, r.published_on desc, r.id limit ${perPage} offset ${offset}`.execute(tx)
  ).rows;
  return {
    rows: rows.map(({ total: _t, ...r }) => r),
    total: rows[0]?.total ?? 0,
    isEstimate: false,
  };
}

/**
 * The reviews among `ids` that match, every one ranked exactly, best first (filters are the
 * caller's: `ids` are already filtered). Each section's vector is read out of TOAST once (`||`
 * copies it) for both the match and the rank, which halves the time on long sections.
 */
export async function rankAmong(tx: Tx, q: string, ids: string[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  return (
    await sql<Row>`with q as (select websearch_to_tsquery('english', ${q}) as q),
      hits as materialized (
        select s.review_id, s.position, ts_rank(d.v, q.q) as rank
        from q cross join published_review_sections s
        cross join lateral (select s.tsv || ''::tsvector as v offset 0) d
        where s.review_id = any(${ids}::uuid[]) and d.v @@ q.q
      ),
      best as (
        select distinct on (review_id) review_id, position,
          sum(rank) over (partition by review_id) as score
        from hits order by review_id, rank desc, position
      )
      select ${columns}, b.position
      from best b join published_reviews r on r.id = b.review_id
      where r.id = any(${ids}::uuid[])
      order by b.score desc, r.published_on desc, r.id`.execute(tx)
  ).rows;
}

/** The ids of the listed reviews the filters leave. */
export async function filteredIds(tx: Tx, filters: ReviewFilters): Promise<string[]> {
  const rows = await sql<{
    id: string;
  }>`select r.id from published_reviews r where ${filterSql(filters)}`.execute(tx);
  return rows.rows.map((r) => r.id);
}
