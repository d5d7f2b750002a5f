/**
 * The public search's per-word lists (migration 0030), with lists of two reviews so that most
 * words' lists are cut short: the lists hold exactly the ranks ts_rank gives; a common word is
 * ranked best first, in the exact order, and a review that is on no list is still found (the
 * next page, a filter, a word only it has); phrases and words with filters; estimates are marked;
 * withdrawal takes a review out of the lists; the migration fills the lists of reviews published
 * before it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/db/migrate.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { withdrawReview } from '../../src/review-repository/publish.ts';
import { searchReviews, type ReviewFilters } from '../../src/review-repository/search.ts';
import { buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { managerActor, publishGenerated } from '../support/published-reviews.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let manager: BuiltUser;
const db = () => t.database.db;
const ids: Record<string, string> = {};

// "housing" most in A (in its heading too), then B, C, D; E and F never say it.
const reviews = {
  a: { region: 'london', text: 'The housing officer saw the housing. Housing was poor.', heading: 'Housing' },
  b: {
    region: 'london',
    text: 'Housing was discussed. The housing was damp. More housing talk.',
    heading: 'One',
  },
  c: { region: 'north-west', text: 'Housing was raised twice: housing.', heading: 'One' },
  d: { region: 'south-west', text: 'The family housing. A trampoline in the garden.', heading: 'One' },
  e: { region: 'north-east', text: 'A strategy discussion was held about the baby.', heading: 'One' },
  f: { region: 'north-east', text: 'There was a discussion about strategy.', heading: 'One' },
} as const;

const search = (f: ReviewFilters, page = 1, perPage = 20, exact = false) =>
  searchReviews(db(), f, { page, perPage }, { exact });
const names = (hits: { public_id: string }[]) =>
  hits.map((h) => Object.keys(ids).find((k) => ids[k] === h.public_id));

beforeAll(async () => {
  t = await createTestApp();
  await sql`update review_search_settings set list_size = 2`.execute(db());
  const la = await buildLocalAuthority(db(), '991');
  manager = await buildUser(db(), la, ['partnership_business_manager']);
  let seed = 100;
  for (const [name, r] of Object.entries(reviews))
    ids[name] = await publishGenerated(
      db(),
      managerActor(manager),
      { seed: seed++, pages: 1, publishedOn: '2025-01-01' },
      { region: r.region, sections: [{ heading: r.heading, text: r.text }] },
    );
});
afterAll(async () => t.close());

describe('the per-word lists', () => {
  it('hold each review’s score for a word as the sum of its sections’ ts_rank, and its best section', async () => {
    const rows = await sql<{ n: number; wrong: number }>`
      select count(*)::int as n, count(*) filter (where x.score <> e.score or x.position <> e.position)::int as wrong
      from published_review_lexemes x cross join lateral (
        select sum(ts_rank(s.tsv, quote_literal(x.lexeme)::tsquery) order by s.position)::real as score,
          (array_agg(s.position order by ts_rank(s.tsv, quote_literal(x.lexeme)::tsquery) desc, s.position))[1] as position
        from published_review_sections s
        where s.review_id = x.review_id and s.tsv @@ quote_literal(x.lexeme)::tsquery
      ) e`.execute(db());
    expect(rows.rows[0]!.n).toBeGreaterThan(10);
    expect(rows.rows[0]!.wrong).toBe(0);
    const hous = await db()
      .selectFrom('published_lexeme_stats')
      .selectAll()
      .where('lexeme', '=', 'hous')
      .executeTakeFirstOrThrow();
    expect(hous).toMatchObject({ reviews: 4, kept: 2 });
    expect(hous.floor).not.toBeNull();
  });

  it('rank a common word best first, in the exact order, the total exact', async () => {
    const first = await search({ q: 'housing' }, 1, 2);
    expect(names(first.hits)).toEqual(['a', 'b']);
    expect(first).toMatchObject({ total: 4, isEstimate: false });
    expect(first.hits[0]?.section?.extract).toContain('\u27e6housing\u27e7');
    const exact = await search({ q: 'housing' }, 1, 20, true);
    expect(names(exact.hits)).toEqual(['a', 'b', 'c', 'd']);
    expect(names((await search({ q: 'housing' })).hits)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('still find reviews on no list: the next page, a filter that leaves only them, a word only one has', async () => {
    expect(names((await search({ q: 'housing' }, 2, 2)).hits)).toEqual(['c', 'd']);
    const filtered = await search({ q: 'housing', region: ['south-west'] });
    expect(names(filtered.hits)).toEqual(['d']);
    expect(filtered).toMatchObject({ total: 1, isEstimate: false });
    const rare = await search({ q: 'trampolines' });
    expect(names(rare.hits)).toEqual(['d']);
    expect(rare).toMatchObject({ total: 1, isEstimate: false });
    expect((await search({ q: 'zeppelin' })).total).toBe(0);
  });

  it('match a phrase only where its words are together, and words anywhere in one section', async () => {
    expect(names((await search({ q: '"strategy discussion"' })).hits)).toEqual(['e']);
    expect(names((await search({ q: 'strategy discussion' })).hits).sort()).toEqual(['e', 'f']);
    expect(names((await search({ q: 'housing officer' })).hits)).toEqual(['a']);
    expect(names((await search({ q: 'housing -officer' })).hits).sort()).toEqual(['b', 'c', 'd']);
  });

  it('apply filters to words, and mark a total worked out from lists cut short as an estimate', async () => {
    expect(names((await search({ q: 'housing', region: ['london', 'north-west'] })).hits)).toEqual([
      'a',
      'b',
      'c',
    ]);
    const estimated = await search({ q: 'housing', region: ['london'] }, 1, 1);
    expect(names(estimated.hits)).toEqual(['a']);
    expect(estimated.isEstimate).toBe(true);
    expect(estimated.total).toBeGreaterThanOrEqual(1);
  });

  it('are filled by the migration for reviews published before it', async () => {
    const backfill = readMigrations().find((m) => m.name === '0030-review-search-lexemes.sql')!.sql;
    const before = await db().selectFrom('published_review_lexemes').selectAll().execute();
    const stats = await db().selectFrom('published_lexeme_stats').selectAll().orderBy('lexeme').execute();
    // As before the migration: no lists.
    await sql`delete from published_review_lexemes`.execute(db());
    await sql`delete from published_lexeme_stats`.execute(db());
    await sql`update published_reviews set search_indexed = false`.execute(db());
    expect((await search({ q: 'housing' })).total).toBe(0);
    await sql.raw(backfill.slice(backfill.indexOf('-- Reviews already published'))).execute(db());
    const after = await db().selectFrom('published_review_lexemes').selectAll().execute();
    // The same lists (reviews tied on score may be either, so by score), the same counts.
    const key = (r: { lexeme: string; score: number }) => `${r.lexeme} ${r.score}`;
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    expect(await db().selectFrom('published_lexeme_stats').selectAll().orderBy('lexeme').execute()).toEqual(
      stats,
    );
    expect(names((await search({ q: 'housing' })).hits)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lose a withdrawn review at once, and nothing of it stays in the lists', async () => {
    const actor = managerActor(manager);
    await inTenant(db(), '991', (tx) => withdrawReview(tx, actor, ids.d!, 'Withdrawn for the test'));
    expect((await search({ q: 'trampoline' })).total).toBe(0);
    expect(names((await search({ q: 'housing' }, 1, 20)).hits)).toEqual(['a', 'b', 'c']);
    const id = await db()
      .selectFrom('published_reviews')
      .select('id')
      .where('public_id', '=', ids.d!)
      .executeTakeFirstOrThrow();
    const left = await db()
      .selectFrom('published_review_lexemes')
      .select('lexeme')
      .where('review_id', '=', id.id)
      .execute();
    expect(left).toEqual([]);
    expect(
      await db().selectFrom('published_lexeme_stats').selectAll().where('lexeme', '=', 'trampolin').execute(),
    ).toEqual([]);
    const hous = await db()
      .selectFrom('published_lexeme_stats')
      .select('reviews')
      .where('lexeme', '=', 'hous')
      .executeTakeFirstOrThrow();
    expect(hous.reviews).toBe(3);
  });

  it('cannot be written by the app, nor indexed for another LA’s review', async () => {
    await expect(
      inTenant(db(), '991', (tx) => sql`delete from published_review_lexemes`.execute(tx)),
    ).rejects.toThrow(/permission denied/);
    const id = await db()
      .selectFrom('published_reviews')
      .select('id')
      .where('public_id', '=', ids.a!)
      .executeTakeFirstOrThrow();
    await buildLocalAuthority(db(), '992');
    await expect(
      inTenant(db(), '992', (tx) => sql`select published_review_index(${id.id}::uuid)`.execute(tx)),
    ).rejects.toThrow(/no listed published review/);
  });
});
