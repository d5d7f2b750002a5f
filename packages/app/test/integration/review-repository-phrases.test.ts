/**
 * Phrases and several words in the public search: on a small corpus (every list complete) the
 * first pages of a phrase, several words and words with a filter are the exact ranking's: the same
 * reviews, in the same order, with the same best section, extract and total. The extract's
 * paragraph (migration 0050) is the one splitting the whole section would find.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchReviews, type ReviewFilters } from '../../src/review-repository/search.ts';
import { regions } from '../../src/review-repository/vocabulary.ts';
import { buildLocalAuthority, buildUser } from '../support/factories.ts';
import { managerActor, publishGenerated } from '../support/published-reviews.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const db = () => t.database.db;
const held = 'No strategy discussion was held.';
// A paragraph longer than a window (4,000 characters), then the phrase.
const longParagraph = `${'The plan was late. '.repeat(250)}\n\n${held}`;
// A break whose white space runs across the first window's end.
const spacesAcrossWindow = `${'x'.repeat(3980)}\n\n${' '.repeat(20)}\n${held}`;

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(db(), '991');
  const actor = managerActor(await buildUser(db(), la, ['partnership_business_manager']));
  // 30 generated reviews of 1 to 3 pages: their sentences put the phrases in some sections, once
  // or several times, and their words apart in others.
  for (let i = 0; i < 30; i++)
    await publishGenerated(
      db(),
      actor,
      { seed: 500 + i, pages: 1 + (i % 3) },
      { region: regions[i % 3]!.code },
    );
  // Longer sections (about 7,000 characters: more than one window of the extract's paragraph).
  for (let i = 0; i < 3; i++) await publishGenerated(db(), actor, { seed: 700 + i, pages: 30 });
  await publishGenerated(
    db(),
    actor,
    { seed: 602, pages: 1 },
    { sections: [longParagraph, spacesAcrossWindow].map((text, i) => ({ heading: `Long ${i}`, text })) },
  );
  // One whose heading is the phrase (weight A) and one whose words never meet.
  await publishGenerated(
    db(),
    actor,
    { seed: 600, pages: 1 },
    { sections: [{ heading: 'Strategy discussion', text: 'A strategy discussion was held in May.' }] },
  );
  await publishGenerated(
    db(),
    actor,
    { seed: 601, pages: 1 },
    { sections: [{ heading: 'Apart', text: 'The strategy was clear. The discussion was not.' }] },
  );
});
afterAll(async () => t.close());

describe('the extract’s paragraph (published_section_paragraph, migration 0050)', () => {
  const queries = ['"strategy discussion"', 'professional curiosity', 'housing', 'strategic', 'zeppelin'];

  it('is the first paragraph that matches, as splitting the whole section finds it', async () => {
    const rows = await sql<{ n: number; found: number; wrong: number }>`
      with q as (
        select websearch_to_tsquery('english', x.q) as q,
          array(select rtrim(l.lexeme, 'ie') from unnest(to_tsvector('english', x.q)) l) as stems
        from unnest(${queries}::text[]) as x(q)
      ), both_ways as (
        select published_section_paragraph(s.body, q.q, q.stems) as walked, (
          select t.para from regexp_split_to_table(s.body, '\\n\\s*\\n') with ordinality as t(para, n)
          where exists (select 1 from unnest(q.stems) st where st <> '' and strpos(lower(t.para), st) > 0)
            and to_tsvector('english', t.para) @@ q.q
          order by t.n limit 1) as split
        from q cross join published_review_sections s
      )
      select count(*)::int as n, count(walked)::int as found,
        count(*) filter (where walked is distinct from split)::int as wrong from both_ways`.execute(db());
    const { n, found, wrong } = rows.rows[0]!;
    expect(n).toBeGreaterThan(1000);
    expect(found).toBeGreaterThan(100);
    expect(found).toBeLessThan(n);
    expect(wrong).toBe(0);
  });

  it('skips a paragraph the sieve lets through that does not match, and breaks at lines of spaces', async () => {
    const body =
      'The strategic plan was late.\n \t\nNo strategy discussion was held.\n\nThe family moved.\n  \n';
    const para = (q: string) =>
      sql<{
        p: string | null;
      }>`select published_section_paragraph(${body}, websearch_to_tsquery('english', ${q}),
        array(select rtrim(l.lexeme, 'ie') from unnest(to_tsvector('english', ${q})) l)) as p`
        .execute(db())
        .then((r) => r.rows[0]!.p);
    expect(await para('"strategy discussion"')).toBe('No strategy discussion was held.');
    expect(await para('strategic')).toBe('The strategic plan was late.');
    expect(await para('moved')).toBe('The family moved.');
    expect(await para('"plan was held"')).toBeNull();
  });

  it('finds the same paragraph across windows: one longer than a window, a break across its end', async () => {
    const para = (body: string) =>
      sql<{ p: string | null }>`select published_section_paragraph(${body},
        websearch_to_tsquery('english', '"strategy discussion"'), array['strategi', 'discuss']) as p`
        .execute(db())
        .then((r) => r.rows[0]!.p);
    expect(await para(longParagraph)).toBe(held);
    expect(await para(spacesAcrossWindow)).toBe(held);
    expect(await para(`${held}${' '.repeat(5000)}`)).toBe(`${held}${' '.repeat(5000)}`);
  });
});

describe('phrases and several words', () => {
  const queries: ReviewFilters[] = [
    { q: '"strategy discussion"' },
    { q: 'professional curiosity' },
    { q: 'missed health appointments' },
    { q: '"voice of the child" supervision' },
    { q: 'strategy discussion', region: [regions[0].code] },
  ];
  const shape = (r: Awaited<ReturnType<typeof searchReviews>>) => ({
    total: r.total,
    isEstimate: r.isEstimate,
    hits: r.hits.map((h) => [h.public_id, h.section?.position, h.section?.extract]),
  });

  it.each(queries)('rank as the exact ranking does: %j', async (f) => {
    for (const page of [1, 2]) {
      const shown = await searchReviews(db(), f, { page, perPage: 5 });
      const exact = await searchReviews(db(), f, { page, perPage: 5 }, { exact: true });
      expect(exact.hits.length).toBeGreaterThan(0);
      expect(shape(shown)).toEqual(shape(exact));
    }
  });

  it('match a phrase only where its words are together', async () => {
    const found = await searchReviews(db(), { q: '"strategy discussion"' }, { page: 1, perPage: 100 });
    const titles = found.hits.map((h) => h.section?.heading);
    expect(titles).toContain('Strategy discussion');
    expect(titles).not.toContain('Apart');
    const apart = await searchReviews(db(), { q: 'strategy discussion' }, { page: 1, perPage: 100 });
    expect(apart.hits.map((h) => h.section?.heading)).toContain('Apart');
  });
});
