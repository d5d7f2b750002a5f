/**
 * The public repository's pages and API, with no sign-in: search with highlighted extracts and
 * filters, a review as HTML and PDF, theme and learning pages, the Atom feed, the statements, and
 * the JSON API; nothing internal or withdrawn is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant.ts';
import { withdrawReview } from '../../src/review-repository/publish.ts';
import { buildLocalAuthority, buildUser, type BuiltUser } from '../support/factories.ts';
import { managerActor, publishGenerated } from '../support/published-reviews.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let manager: BuiltUser;
let id: string;
let other: string;
const sourceReviewId = '6f2c1d9e-1b7a-4c3e-9a55-0d3c2b1a0f99';
const get = (url: string) => t.app.inject({ method: 'GET', url });

beforeAll(async () => {
  t = await createTestApp();
  const la = await buildLocalAuthority(t.database.db, '992');
  manager = await buildUser(t.database.db, la, ['partnership_business_manager']);
  const actor = managerActor(manager);
  id = await publishGenerated(
    t.database.db,
    actor,
    { seed: 11, pages: 3, publishedOn: '2025-05-05', sourceReviewId },
    {
      title: 'Child Q: a local child safeguarding practice review',
      themes: ['neglect'],
      sections: [
        { heading: 'Background', text: 'The family lived in temporary housing.' },
        { heading: 'Episode 2', text: 'The <b>school nurse</b> noticed the hearing aid was broken.' },
      ],
    },
  );
  other = await publishGenerated(
    t.database.db,
    actor,
    { seed: 12, pages: 2, publishedOn: '2022-02-02' },
    {
      title: 'Child R: a review that will be withdrawn',
      themes: ['online-abuse'],
    },
  );
});
afterAll(async () => t.close());

describe('the public repository pages', () => {
  it('searches with no sign-in, showing the matching section’s extract with the words marked and escaped', async () => {
    const res = await get('/reviews?q=hearing+aid');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Child Q: a local child safeguarding practice review');
    expect(res.body).toContain('From “Episode 2”');
    expect(res.body).toContain('<mark>hearing</mark>');
    expect(res.body).not.toContain('<b>school');
    expect(res.body).not.toContain(sourceReviewId);
  });

  it('filters, and answers a value outside the list with a field error, not a 5xx', async () => {
    const res = await get('/reviews?theme=online-abuse');
    expect(res.body).toContain('Child R');
    expect(res.body).not.toContain('Child Q');
    expect(res.body).toContain('Clear filters');
    const bad = await get('/reviews?theme=made-up&year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select a theme from the list');
    expect(bad.body).not.toContain('made-up');
    expect((await get('/reviews?partnership=Nobody+Partnership')).statusCode).toBe(400);
  });

  it('shows a review as HTML and as a PDF download', async () => {
    const page = await get(`/reviews/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Findings and contributory factors');
    expect(page.body).not.toContain(sourceReviewId);
    const pdf = await get(`/reviews/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`review-${id}.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('has theme pages with a chart and its table, learning across reviews, the feed and the statements', async () => {
    const theme = await get('/reviews/themes/neglect');
    expect(theme.statusCode).toBe(200);
    expect(theme.body).toContain('role="img"');
    expect(theme.body).toContain('Reviews and findings about neglect, by year published');
    expect((await get('/reviews/themes/not-a-theme')).statusCode).toBe(404);
    expect((await get('/reviews/themes')).body).toContain('/reviews/themes/neglect');
    expect((await get('/reviews/learning')).body).toContain('findings by contributory factor and year');
    const feed = await get('/reviews/feed.atom');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain(`/reviews/${id}</id>`);
    expect((await get('/reviews/accessibility')).statusCode).toBe(200);
    expect((await get('/reviews/privacy')).statusCode).toBe(200);
  });
});

describe('the public JSON API', () => {
  it('lists and searches with no token, and gives one review with its text and metadata', async () => {
    const list = await get('/api/v1/public/reviews?q=hearing&theme=neglect&year=2025');
    expect(list.statusCode).toBe(200);
    const body = list.json<{ total: number; reviews: { id: string; match: { heading: string } }[] }>();
    expect(body.total).toBe(1);
    expect(body.reviews[0]).toMatchObject({ id, match: { heading: 'Episode 2' } });
    const one = await get(`/api/v1/public/reviews/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id, themes: [{ code: 'neglect', label: 'Neglect' }] });
    expect(one.body).not.toContain(sourceReviewId);
    expect(one.body).not.toContain('992');
    expect((await get('/api/v1/public/reviews?theme=nope')).statusCode).toBe(400);
    const doc = await get('/api/v1/openapi.json');
    expect(Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths)).toContain(
      '/api/v1/public/reviews/{id}',
    );
  });

  it('a withdrawn review leaves the pages, feed and API at once', async () => {
    await inTenant(t.database.db, '992', (tx) =>
      withdrawReview(tx, managerActor(manager), other, 'Family asked'),
    );
    expect((await get(`/reviews/${other}`)).statusCode).toBe(404);
    expect((await get(`/reviews/${other}/pdf`)).statusCode).toBe(404);
    expect((await get(`/api/v1/public/reviews/${other}`)).statusCode).toBe(404);
    expect((await get('/reviews/feed.atom')).body).not.toContain(other);
    expect((await get('/reviews')).body).not.toContain('Child R');
  });
});
