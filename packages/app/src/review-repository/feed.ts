/** The Atom feed of newly published reviews (RFC 4287), escaped by hand: it is small and fixed. */
import type { PublicReviewSummary } from './present.ts';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The feed's XML, for reviews newest first; `base` is the site's origin (https://host). */
export function atomFeed(base: string, reviews: (PublicReviewSummary & { publishedAt: Date })[]): string {
  const updated = (reviews[0]?.publishedAt ?? new Date(0)).toISOString();
  const entries = reviews.map(
    (r) => `  <entry>
    <title>${esc(r.title)}</title>
    <id>${esc(`${base}/reviews/${r.id}`)}</id>
    <link rel="alternate" type="text/html" href="${esc(`${base}/reviews/${r.id}`)}"/>
    <updated>${r.publishedAt.toISOString()}</updated>
    <published>${r.publishedAt.toISOString()}</published>
    <author><name>${esc(r.partnership)}</name></author>
${r.themes.map((t) => `    <category term="${esc(t.code)}" label="${esc(t.label)}"/>`).join('\n')}
    <summary>${esc(r.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Published child safeguarding practice reviews</title>
  <id>${esc(`${base}/reviews`)}</id>
  <link rel="self" type="application/atom+xml" href="${esc(`${base}/reviews/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${esc(`${base}/reviews`)}"/>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
}
