/**
 * The public repository: publishing copies a review's text by section; search ranks and highlights
 * the matching section; filters narrow; the public reads see nothing unpublished or withdrawn
 * (row-level security as well as the queries); withdrawal is kept in the audit.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant.ts';
import { inPublic } from '../../src/review-repository/public-db.ts';
import { publishReview, withdrawReview } from '../../src/review-repository/publish.ts';
import { readPublishedReview } from '../../src/review-repository/read.ts';
import { searchReviews } from '../../src/review-repository/search.ts';
import { factorsByThemeAndYear, themeByYear } from '../../src/review-repository/learning.ts';
import { generateReview } from '../../src/review-repository/generate.ts';
import { buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { managerActor, publishGenerated } from '../support/published-reviews.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let manager: BuiltUser;
let withIt: string;
let without: string;
const db = () => t.database.db;
const page = { page: 1, perPage: 20 };

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), '991');
  manager = await buildUser(db(), la, ['partnership_business_manager']);
  const actor = managerActor(manager);
  withIt = await publishGenerated(
    db(),
    actor,
    { seed: 1, pages: 2, publishedOn: '2025-03-04' },
    {
      themes: ['neglect', 'information-sharing'],
      region: 'north-west',
      sections: [
        { heading: 'Background', text: 'The family moved to the area in 2021.' },
        {
          heading: 'Episode 1',
          text: 'The health visitor saw a bruise.\n\nNobody asked about the trampoline in the garden.',
        },
        {
          heading: 'Episode 2',
          // Paragraphs parted by a line holding only spaces, as pasted text often has.
          text: 'A teacher noticed the hunger.\n   \nThe dinner staff kept a scrapbook of the lunches.',
        },
      ],
    },
  );
  without = await publishGenerated(
    db(),
    actor,
    { seed: 2, pages: 2, publishedOn: '2024-06-01' },
    {
      themes: ['domestic-abuse'],
      region: 'london',
    },
  );
});
afterAll(async () => t.close());

describe('publishing and search', () => {
  it('finds a review by words in one section, with the extract from that section, marked', async () => {
    const r = await searchReviews(db(), { q: 'trampoline' }, page);
    expect(r.total).toBe(1);
    expect(r.hits[0]?.public_id).toBe(withIt);
    expect(r.hits[0]?.section?.heading).toBe('Episode 1');
    expect(r.hits[0]?.section?.extract).toContain('\u27e6trampoline\u27e7');
    // From the matching paragraph only, not the section's start.
    expect(r.hits[0]?.section?.extract).toBe('Nobody asked about the \u27e6trampoline\u27e7 in the garden');
  });

  it('takes the extract from the matching paragraph when a line of spaces parts the paragraphs', async () => {
    const r = await searchReviews(db(), { q: 'scrapbook' }, page);
    expect(r.hits[0]?.section?.heading).toBe('Episode 2');
    expect(r.hits[0]?.section?.extract).toBe('dinner staff kept a \u27e6scrapbook\u27e7 of the lunches');
  });

  it('stems words (searching "bruises" finds "bruise") and ranks the denser match first', async () => {
    const r = await searchReviews(db(), { q: 'bruises' }, page);
    expect(r.hits.map((h) => h.public_id)).toContain(withIt);
  });

  it('filters by theme, region and year, and lists newest first without a query', async () => {
    expect((await searchReviews(db(), { theme: ['neglect'] }, page)).hits.map((h) => h.public_id)).toEqual([
      withIt,
    ]);
    expect((await searchReviews(db(), { region: ['london'] }, page)).hits.map((h) => h.public_id)).toEqual([
      without,
    ]);
    expect((await searchReviews(db(), { year: 2024 }, page)).hits.map((h) => h.public_id)).toEqual([without]);
    expect((await searchReviews(db(), {}, page)).hits.map((h) => h.public_id)).toEqual([withIt, without]);
  });

  it('refuses input that does not fit, writing nothing', async () => {
    const bad = { ...generateReview({ seed: 3, pages: 1 }), themes: ['not-a-theme'] } as never;
    await expect(
      inTenant(db(), '991', (tx) => publishReview(tx, managerActor(manager), bad)),
    ).rejects.toThrow(/problem/);
    expect((await searchReviews(db(), {}, page)).total).toBe(2);
  });

  it('counts findings and contributory factors by theme and year', async () => {
    const years = await themeByYear(db(), 'neglect');
    expect(years).toEqual([expect.objectContaining({ year: 2025, reviews: 1 })]);
    const factors = await factorsByThemeAndYear(db());
    expect(factors.some((f) => f.theme === 'domestic-abuse' && f.year === 2024 && f.findings > 0)).toBe(true);
  });
});

describe('nothing unpublished reaches the public', () => {
  it('the public transaction sees no other table: not the learning reviews, people or audit', async () => {
    await inPublic(db(), async (tx) => {
      for (const table of [
        'learning_reviews',
        'people',
        'audit_events',
        'review_reviewers',
        'review_drafts',
      ]) {
        const exists = await sql<{
          n: number;
        }>`select count(*)::int as n from information_schema.tables where table_name = ${table}`.execute(tx);
        if (exists.rows[0]?.n === 0) continue;
        const rows = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`
          .execute(tx)
          .catch(() => ({ rows: [{ n: 0 }] }));
        expect(rows.rows[0]?.n, table).toBe(0);
      }
    });
  });

  it('withdrawal removes the review from search, reading and counts at once, and the audit keeps it', async () => {
    const actor = managerActor(manager);
    const id = await publishGenerated(
      db(),
      actor,
      { seed: 4, pages: 1, publishedOn: '2023-01-01' },
      {
        sections: [{ heading: 'Only', text: 'A zeppelin was mentioned.' }],
      },
    );
    expect((await searchReviews(db(), { q: 'zeppelin' }, page)).total).toBe(1);
    await inTenant(db(), '991', (tx) => withdrawReview(tx, actor, id, 'A court order was made'));
    expect((await searchReviews(db(), { q: 'zeppelin' }, page)).total).toBe(0);
    expect(await readPublishedReview(db(), id)).toBeUndefined();
    expect((await searchReviews(db(), { year: 2023 }, page)).total).toBe(0);
    // Even a query that forgets the filter sees nothing withdrawn (row-level security).
    const raw = await inPublic(db(), (tx) =>
      sql<{
        n: number;
      }>`select count(*)::int as n from published_review_sections where body like '%zeppelin%'`.execute(tx),
    );
    expect(raw.rows[0]?.n).toBe(0);
    const audit = await db()
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('la_code', '=', '991')
      .where('action', '=', 'review.withdraw')
      .execute();
    expect(audit).toEqual([{ action: 'review.withdraw', reason: 'A court order was made' }]);
    await expect(inTenant(db(), '991', (tx) => withdrawReview(tx, actor, id, 'again'))).rejects.toThrow();
  });

  it('a role that may not publish cannot publish', async () => {
    const la = await buildLocalAuthority(db(), '991');
    const worker = await buildUser(db(), la, ['social_worker']);
    const actor = { ...managerActor(worker), roles: ['social_worker' as const] };
    await expect(
      inTenant(db(), '991', (tx) => publishReview(tx, actor, generateReview({ seed: 5, pages: 1 }))),
    ).rejects.toThrow(/not found/i);
  });
});
