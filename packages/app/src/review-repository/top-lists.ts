/**
 * The public search through the per-word lists (migration 0030): each word (lexeme) lists the
 * reviews it ranks best, by the score the exact ranking gives them (the sum of their sections'
 * `ts_rank` for it), with their best section; a word in at most the list size of reviews has all
 * of them listed ("complete"). One word is read from its list by index, in the exact ranking's
 * order. Several words or a phrase take as candidates the reviews on every word's list, best by
 * the sum of their scores, and only those are ranked exactly (`rankAmong`). Either returns null
 * when its lists cannot give the page asked for, and the caller falls back to the exact ranking.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import { rankAmong } from './ranked.ts';
import type { ReviewFilters } from './search.ts';
import { columns, filterSql, hasFilters, type Row, type RowPage } from './search-sql.ts';

/** One word's list: how many listed reviews have it, and whether all of them are on its list. */
export interface WordStats {
  reviews: number;
  isComplete: boolean;
}

/** What a query is, for choosing how to rank it. */
export interface QueryPlan {
  /** Its words (stems), when it is only words and phrases that must all match; else null. */
  terms: string[] | null;
  /** A single word (no operator). */
  isSingle: boolean;
  /** The words' lists (a word no listed review has is missing). */
  stats: Map<string, WordStats>;
  /** Listed reviews, and those the filters leave (counted only with filters: else both 0, unused). */
  listed: number;
  filtered: number;
}

const OPERAND = /'((?:[^']|'')*)'/g;

/**
 * The words of a tsquery's text (as PostgreSQL prints it) when it is a conjunction of words and
 * phrases (`&`, `<->`, `<N>`, brackets); null for anything else (or, not, prefixes, weights).
 * @example termsOf("'strategi' <-> 'discuss' & 'hous'") // ['strategi', 'discuss', 'hous']
 */
export function termsOf(tsquery: string): string[] | null {
  const rest = tsquery.replace(OPERAND, '').replace(/<->|<\d+>|&|\(|\)|\s/g, '');
  if (rest !== '') return null;
  const terms = [...tsquery.matchAll(OPERAND)].map((m) =>
    (m[1] ?? '').replace(/''/g, "'").replace(/\\(.)/g, '$1'),
  );
  return [...new Set(terms)];
}

/**
 * Parses the query in PostgreSQL and reads its words' lists' sizes and, with filters, the listed
 * and filtered counts (two reads of every review, which only filters need: without them the
 * totals come from the lists alone).
 */
export async function planQuery(tx: Tx, q: string, filters: ReviewFilters): Promise<QueryPlan> {
  const counts = hasFilters(filters)
    ? sql`(select count(*)::int from published_reviews r where r.withdrawn_at is null) as listed,
      (select count(*)::int from published_reviews r where ${filterSql(filters)}) as filtered`
    : sql`0 as listed, 0 as filtered`;
  const head = await sql<{ query: string; listed: number; filtered: number }>`
    select websearch_to_tsquery('english', ${q})::text as query, ${counts}`.execute(tx);
  const { query, listed, filtered } = head.rows[0] ?? { query: '', listed: 0, filtered: 0 };
  const terms = termsOf(query);
  const stats = new Map<string, WordStats>();
  if (terms !== null && terms.length > 0) {
    const rows = await sql<{ lexeme: string; reviews: number; complete: boolean }>`
      select lexeme, reviews, floor is null as complete from published_lexeme_stats
      where lexeme = any(${terms}::text[])`.execute(tx);
    for (const r of rows.rows) stats.set(r.lexeme, { reviews: r.reviews, isComplete: r.complete });
  }
  const isSingle = terms?.length === 1 && /^'(?:[^']|'')*'$/.test(query.trim());
  return { terms, isSingle, stats, listed, filtered };
}

/** Rounds an estimate to two significant figures (1,937 → 1,900), never below `atLeast`. */
export function about(n: number, atLeast: number): number {
  const digits = n < 100 ? 1 : 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.max(atLeast, Math.round(n / digits) * digits);
}

/** A single word, from its list; null when the list is cut short and gives less than the page. */
export async function fromList(
  tx: Tx,
  term: string,
  word: WordStats,
  plan: QueryPlan,
  filters: ReviewFilters,
  offset: number,
  perPage: number,
  isFiltered: boolean,
): Promise<RowPage | null> {
  // The count reads the whole list (500 rows, 20 ms on a loaded machine): only when it is the total.
  const isCounted = word.isComplete && isFiltered;
  const rows = (
    await sql<Row & { matches: number | null }>`select ${columns}, x.position,
        ${isCounted ? sql`count(*) over ()` : sql`null::int`} as matches
      from published_review_lexemes x join published_reviews r on r.id = x.review_id
      where x.lexeme = ${term} and ${filterSql(filters)}
      order by x.score desc, x.published_on desc, x.review_id limit ${perPage} offset ${offset}`.execute(tx)
  ).rows;
  if (rows.length < perPage && !word.isComplete) return null;
  const page = rows.map(({ matches: _m, ...r }) => r);
  // Unfiltered, every listed review with the word counts: exact whether or not the list is cut.
  if (!isFiltered) return { rows: page, total: word.reviews, isEstimate: false };
  if (isCounted) return { rows: page, total: rows[0]?.matches ?? 0, isEstimate: false };
  const estimate = (word.reviews * plan.filtered) / Math.max(plan.listed, 1);
  return { rows: page, total: about(estimate, offset + page.length), isEstimate: true };
}

/** How many candidates are ranked exactly first, for a page ending at `need`. */
export const firstCandidates = (need: number): number => Math.max(40, 2 * need);

/** The most candidates ranked exactly before falling back. */
const MAX_CANDIDATES = 640;

/**
 * Several words or a phrase: candidates from the words' lists, ranked exactly; null when the
 * lists run out before the page asked for is filled (and were cut short).
 */
export async function fromCandidates(
  tx: Tx,
  q: string,
  terms: string[],
  plan: QueryPlan,
  filters: ReviewFilters,
  offset: number,
  perPage: number,
  isFiltered: boolean,
): Promise<RowPage | null> {
  const need = offset + perPage;
  const isComplete = terms.every((t) => plan.stats.get(t)?.isComplete === true);
  for (let wanted = firstCandidates(need); ; wanted *= 4) {
    const found = await sql<{ review_id: string; pool: number }>`
      with c as (
        select x.review_id, sum(x.score) as approx from published_review_lexemes x
        where x.lexeme = any(${terms}::text[])
        group by x.review_id having count(*) = ${terms.length}
      )
      select c.review_id, count(*) over () as pool from c join published_reviews r on r.id = c.review_id
      where ${filterSql(filters)}
      order by c.approx desc, r.published_on desc, r.id limit ${wanted}`.execute(tx);
    const ids = found.rows.map((r) => r.review_id);
    const pool = found.rows[0]?.pool ?? 0;
    const isExhausted = ids.length >= pool;
    const ranked = await rankAmong(tx, q, ids);
    const page = ranked.slice(offset, need);
    if (isExhausted && isComplete) return { rows: page, total: ranked.length, isEstimate: false };
    if (ranked.length >= need) {
      // Reviews with every word (the rarest word's count, narrowed by the filters) that match
      // as the candidates did (a phrase, or all the words in one section).
      const fewest = Math.min(...terms.map((t) => plan.stats.get(t)?.reviews ?? 0));
      const share = isFiltered ? plan.filtered / Math.max(plan.listed, 1) : 1;
      const estimate = (fewest * share * ranked.length) / Math.max(ids.length, 1);
      return { rows: page, total: about(estimate, ranked.length), isEstimate: true };
    }
    if (isExhausted || wanted >= MAX_CANDIDATES) return null;
  }
}
