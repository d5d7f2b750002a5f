/**
 * Search and filters over published reviews: PostgreSQL full-text search over each section
 * (ts_rank; the review ranked by its best sections), with ts_headline extracts from the first
 * matching paragraph of the section that matched best, computed only for the page of results shown. The matching sections come from
 * `published_section_hits` (migration 0024: the GIN index, which row-level security would not
 * use for `@@`); the reviews are then read under the public policy as before.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { inPublic } from './public-db.ts';
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

export const START_MARK = '\u27e6';
export const STOP_MARK = '\u27e7';

const listed = () => sql`r.withdrawn_at is null`;

function filterSql(f: ReviewFilters) {
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

const columns = sql`r.id, r.public_id, r.title, r.partnership, r.region, r.local_authority,
  r.published_on, r.review_type, r.age_band, r.themes, r.summary, r.words`;

type Row = Omit<ReviewHit, 'section'> & { position: number | null; total: number };

/**
 * Searches published reviews (newest first without a query; by rank with one).
 * @example await searchReviews(db, { q: 'information sharing', theme: ['neglect'] }, { page: 1, perPage: 20 })
 */
export async function searchReviews(
  db: Kysely<Schema>,
  filters: ReviewFilters,
  paging: { page: number; perPage: number },
): Promise<{ total: number; hits: ReviewHit[] }> {
  return inPublic(db, (tx) => searchIn(tx, filters, paging));
}

async function searchIn(
  tx: Tx,
  filters: ReviewFilters,
  { page, perPage }: { page: number; perPage: number },
): Promise<{ total: number; hits: ReviewHit[] }> {
  const offset = (page - 1) * perPage;
  const q = filters.q?.trim() ?? '';
  let rows: Row[];
  if (q === '') {
    rows = (
      await sql<Row>`select ${columns}, null::int as position, count(*) over () as total
        from published_reviews r where ${filterSql(filters)}
        order by r.published_on desc, r.id limit ${perPage} offset ${offset}`.execute(tx)
    ).rows;
  } else {
    rows = (
      await sql<Row>`with q as (select websearch_to_tsquery('english', ${q}) as q),
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
  }
  const total = rows[0]?.total ?? 0;
  const extracts = new Map<string, { heading: string; extract: string }>();
  const wanted = rows.filter((r) => r.position !== null);
  if (wanted.length > 0) {
    // The extract comes from the section's first paragraph that matches (the whole section when
    // only its heading does, or a phrase runs across paragraphs): ts_headline parses and scores
    // all the text it is given, and a whole section is thousands of words. Paragraphs are first
    // sifted by the query's stems as substrings (a stem less a final i or e is in nearly every
    // form of its word), so only likely ones are parsed; one the sieve misses falls back to the
    // whole section, never to a wrong extract.
    const found = await sql<{ review_id: string; heading: string; extract: string }>`
      with q as (select websearch_to_tsquery('english', ${q}) as q,
        array(select rtrim(l.lexeme, 'ie') from unnest(to_tsvector('english', ${q})) l) as stems)
      select s.review_id, s.heading, ts_headline('english', coalesce(p.para, s.body), q.q,
        ${`StartSel=${START_MARK}, StopSel=${STOP_MARK}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`}) as extract
      from q cross join published_review_sections s
      join unnest(${wanted.map((r) => r.id)}::uuid[], ${wanted.map((r) => r.position)}::int[]) as w(id, position)
        on s.review_id = w.id and s.position = w.position
      left join lateral (
        select t.para from regexp_split_to_table(s.body, '\n\s*\n') with ordinality as t(para, n)
        where exists (select 1 from unnest(q.stems) st where st <> '' and strpos(lower(t.para), st) > 0)
          and to_tsvector('english', t.para) @@ q.q
        order by t.n limit 1
      ) p on true`.execute(tx);
    for (const f of found.rows) extracts.set(f.review_id, { heading: f.heading, extract: f.extract });
  }
  return {
    total,
    hits: rows.map(({ position, total: _t, ...r }) => {
      const e = extracts.get(r.id);
      return { ...r, section: position === null || e === undefined ? null : { position, ...e } };
    }),
  };
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
