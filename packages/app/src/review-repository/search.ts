/**
 * Search and filters over published reviews: PostgreSQL full-text search over each section, a
 * review ranked by the sum of its sections' `ts_rank` and shown with its best section's extract
 * (`ts_headline` on its first matching paragraph, only for the page of results shown). Which way
 * it ranks:
 * - one word: from the word's list (top-lists.ts, migration 0030), read by index in the exact order;
 * - several words or a phrase: candidates from the words' lists, ranked exactly (ranked.ts);
 * - an or/not query, several words with filters that leave no more reviews than the candidates,
 *   or lists that give too few for the page asked for: every matching section ranked exactly
 *   (the filtered reviews' sections when the filters leave at most RESTRICT_LIMIT, else
 *   `published_section_hits`, migration 0024, through the GIN index that row-level security
 *   would not let `@@` use).
 * The total is exact, or an estimate (`isEstimate`, shown as "about") when it comes from lists cut
 * short. The reviews are always read under the public policy, so nothing withdrawn is found.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { inPublic } from './public-db.ts';
import { filteredIds, rankAll, rankAmong } from './ranked.ts';
import { columns, filterSql, hasFilters, listed, type Row, type RowPage } from './search-sql.ts';
import { firstCandidates, fromCandidates, fromList, planQuery } from './top-lists.ts';
import type { AgeBand, Region, ReviewType, Theme } from './vocabulary.ts';

export interface ReviewFilters {
  q?: string | undefined;
  year?: number | undefined;
  partnership?: string | undefined;
  region?: Region[] | undefined;
  ageBand?: AgeBand[] | undefined;
  reviewType?: ReviewType[] | undefined;
  theme?: Theme[] | undefined;
}

/** One published review as a search row (only public columns). */
export interface ReviewHit {
  id: string;
  public_id: string;
  title: string;
  partnership: string;
  region: string;
  local_authority: string;
  published_on: string;
  review_type: string;
  age_band: string;
  themes: string[];
  summary: string;
  words: number;
  /** The best-matching section (with a query), and its extract with the matched words marked. */
  section: { position: number; heading: string; extract: string } | null;
}

/** A page of results: `total` is exact unless `isEstimate` (then "about"). */
export interface ReviewSearchResult {
  total: number;
  isEstimate: boolean;
  hits: ReviewHit[];
}

export const START_MARK = '\u27e6';
export const STOP_MARK = '\u27e7';

/** Past this many filtered reviews the exact fallback goes through the GIN index instead. */
const RESTRICT_LIMIT = 400;

/**
 * Searches published reviews (newest first without a query; by rank with one).
 * `exact` ranks every matching section whatever the lists say (the benchmark's comparison).
 * @example await searchReviews(db, { q: 'information sharing', theme: ['neglect'] }, { page: 1, perPage: 20 })
 */
export async function searchReviews(
  db: Kysely<Schema>,
  filters: ReviewFilters,
  paging: { page: number; perPage: number },
  options: { exact?: boolean } = {},
): Promise<ReviewSearchResult> {
  return inPublic(db, (tx) => searchIn(tx, filters, paging, options.exact === true));
}

async function searchIn(
  tx: Tx,
  filters: ReviewFilters,
  { page, perPage }: { page: number; perPage: number },
  isExact: boolean,
): Promise<ReviewSearchResult> {
  const offset = (page - 1) * perPage;
  const q = filters.q?.trim() ?? '';
  const found =
    q === ''
      ? await newest(tx, filters, offset, perPage)
      : await ranked(tx, q, filters, offset, perPage, isExact);
  const extracts = await extractsFor(tx, q, found.rows);
  return {
    total: found.total,
    isEstimate: found.isEstimate,
    hits: found.rows.map(({ position, ...r }) => {
      const e = extracts.get(r.id);
      return { ...r, section: position === null || e === undefined ? null : { position, ...e } };
    }),
  };
}

async function newest(tx: Tx, filters: ReviewFilters, offset: number, perPage: number): Promise<RowPage> {
  const rows = (
    await sql<Row & { total: number }>`select ${columns}, null::int as position, count(*) over () as total
      from published_reviews r where ${filterSql(filters)}
      order by r.published_on desc, r.id limit ${perPage} offset ${offset}`.execute(tx)
  ).rows;
  return {
    rows: rows.map(({ total: _t, ...r }) => r),
    total: rows[0]?.total ?? 0,
    isEstimate: false,
  };
}

async function ranked(
  tx: Tx,
  q: string,
  filters: ReviewFilters,
  offset: number,
  perPage: number,
  isExact: boolean,
): Promise<RowPage> {
  const isFiltered = hasFilters(filters);
  const exactly = async (): Promise<RowPage> => {
    if (!isFiltered || plan.filtered > RESTRICT_LIMIT) return rankAll(tx, q, filters, offset, perPage);
    const all = await rankAmong(tx, q, await filteredIds(tx, filters));
    return { rows: all.slice(offset, offset + perPage), total: all.length, isEstimate: false };
  };
  const plan = await planQuery(tx, q, filters);
  const { terms } = plan;
  if (isExact || terms === null) return exactly();
  // Only words that must all match: one no listed review has means nothing matches.
  if (terms.length === 0 || terms.some((t) => !plan.stats.has(t)))
    return { rows: [], total: 0, isEstimate: false };
  const single = plan.isSingle ? plan.stats.get(terms[0]!) : undefined;
  // Several words, and filters that leave no more reviews than the candidates would be: all of
  // those, exactly (no cheaper, and the total is exact).
  if (single === undefined && isFiltered && plan.filtered <= firstCandidates(offset + perPage))
    return exactly();
  const fromLists =
    single !== undefined
      ? await fromList(tx, terms[0]!, single, plan, filters, offset, perPage, isFiltered)
      : await fromCandidates(tx, q, terms, plan, filters, offset, perPage, isFiltered);
  return fromLists ?? exactly();
}

/**
 * The extract comes from the section's first paragraph that matches (the whole section when
 * only its heading does, or a phrase runs across paragraphs): ts_headline parses and scores all
 * the text it is given, and a whole section is thousands of words. Paragraphs are first sifted
 * by the query's stems as substrings (a stem less a final i or e is in nearly every form of its
 * word), so only likely ones are parsed; one the sieve misses falls back to the whole section,
 * never to a wrong extract. `published_section_paragraph` (migration 0050) walks the paragraphs
 * in order and stops at the first that matches, so the rest of a long section is never split.
 */
async function extractsFor(
  tx: Tx,
  q: string,
  rows: Row[],
): Promise<Map<string, { heading: string; extract: string }>> {
  const extracts = new Map<string, { heading: string; extract: string }>();
  const wanted = rows.filter((r) => r.position !== null);
  if (wanted.length === 0) return extracts;
  const found = await sql<{ review_id: string; heading: string; extract: string }>`
    with q as (select websearch_to_tsquery('english', ${q}) as q,
      array(select rtrim(l.lexeme, 'ie') from unnest(to_tsvector('english', ${q})) l) as stems)
    select s.review_id, s.heading, ts_headline('english', coalesce(p.para, s.body), q.q,
      ${`StartSel=${START_MARK}, StopSel=${STOP_MARK}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`}) as extract
    from q cross join published_review_sections s
    join unnest(${wanted.map((r) => r.id)}::uuid[], ${wanted.map((r) => r.position)}::int[]) as w(id, position)
      on s.review_id = w.id and s.position = w.position
    cross join lateral (select published_section_paragraph(s.body, q.q, q.stems) as para) p`.execute(tx);
  for (const f of found.rows) extracts.set(f.review_id, { heading: f.heading, extract: f.extract });
  return extracts;
}

/** The years and partnerships that have published reviews (the filter's options). */
export async function filterOptions(
  db: Kysely<Schema>,
): Promise<{ years: number[]; partnerships: string[] }> {
  return inPublic(db, async (tx) => {
    const years = await sql<{ year: number }>`select distinct extract(year from published_on)::int as year
      from published_reviews r where ${listed()} order by year desc`.execute(tx);
    const ps = await sql<{ partnership: string }>`select distinct partnership from published_reviews r
      where ${listed()} order by partnership`.execute(tx);
    return { years: years.rows.map((y) => y.year), partnerships: ps.rows.map((p) => p.partnership) };
  });
}
