/** One published review with its text and findings, read as the public (see public-db.ts). */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inPublic } from './public-db.ts';
import type { ReviewHit } from './search.ts';

export interface PublishedReviewRow extends Omit<ReviewHit, 'section'> {
  sections: { heading: string; body: string }[];
  findings: { text: string; factors: { code: string; label: string }[] }[];
}

const PUBLIC_ID = /^[0-9]{4}-[a-z0-9]{6}$/;

/** The review with this public id, or undefined (never published, withdrawn, or not an id). */
export async function readPublishedReview(
  db: Kysely<Schema>,
  publicId: string,
): Promise<PublishedReviewRow | undefined> {
  const id = publicId.toLowerCase();
  if (!PUBLIC_ID.test(id)) return undefined;
  return inPublic(db, async (tx) => {
    const review = (
      await sql<Omit<ReviewHit, 'section'>>`select r.id, r.public_id, r.title, r.partnership, r.region,
        r.local_authority, r.published_on, r.review_type, r.age_band, r.themes, r.summary, r.words
        from published_reviews r where r.public_id = ${id} and r.withdrawn_at is null`.execute(tx)
    ).rows[0];
    if (review === undefined) return undefined;
    const sections = await tx
      .selectFrom('published_review_sections')
      .select(['heading', 'body'])
      .where('review_id', '=', review.id)
      .where('listed', '=', true)
      .orderBy('position')
      .execute();
    const findings = await tx
      .selectFrom('published_review_findings')
      .select(['text', 'factors'])
      .where('review_id', '=', review.id)
      .where('listed', '=', true)
      .orderBy('position')
      .execute();
    return {
      ...review,
      sections,
      findings: findings.map((f) => ({
        text: f.text,
        factors: (typeof f.factors === 'string' ? JSON.parse(f.factors) : f.factors) as {
          code: string;
          label: string;
        }[],
      })),
    };
  });
}
