/**
 * Publishing a review into the public repository, and withdrawing it. Both run in the caller's
 * tenant transaction (the one that records the partnership's final sign-off) with one audit event.
 * What is copied here is already the publishable, redacted text: the repository never reads the
 * review workspace.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/tenant.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { publishReviewInput, type PublishReviewInput } from './input.ts';

const noRequest: RequestMeta = { ip: null, requestId: null };

/** Whether the actor may publish or withdraw the partnership's reviews. */
export const mayPublish = (actor: Actor): boolean =>
  can(actor.roles, 'run_learning_reviews') || can(actor.roles, 'approve_learning_reviews');

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
function newPublicId(publishedOn: string): string {
  const bytes = randomBytes(6);
  let s = '';
  for (const b of bytes) s += ALPHABET.charAt(b % ALPHABET.length);
  return `${publishedOn.slice(0, 4)}-${s}`;
}

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => w !== '').length;

/**
 * Publishes a review: the metadata, the text by section (each indexed for search, and its words
 * put in the search's per-word lists) and the findings with their contributory factors. Returns the public id (`/reviews/{publicId}`).
 * @throws ValidationError naming the field when the input does not fit (nothing written)
 * @throws NotFoundError when the actor may not publish for their partnership
 * @example await publishReview(tx, actor, { sourceReviewId, title, ... }) // { publicId: '2026-k3m9qz' }
 */
export async function publishReview(
  tx: Tx,
  actor: Actor,
  input: PublishReviewInput,
  meta: RequestMeta = noRequest,
): Promise<{ publicId: string }> {
  if (!mayPublish(actor)) throw new NotFoundError('may not publish reviews');
  const parsed = publishReviewInput.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'input', message: i.message })),
    );
  const r = parsed.data;
  const laCode = actor.laCode;
  const publicId = newPublicId(r.publishedOn);
  const words = wordCount(r.summary) + r.sections.reduce((n, s) => n + wordCount(s.text), 0);
  const { id } = await tx
    .insertInto('published_reviews')
    .values({
      public_id: publicId,
      la_code: laCode,
      source_review_id: r.sourceReviewId,
      title: r.title,
      partnership: r.partnership,
      region: r.region,
      local_authority: r.localAuthority,
      published_on: r.publishedOn,
      review_type: r.reviewType,
      age_band: r.ageBand,
      themes: [...new Set(r.themes)],
      summary: r.summary,
      words,
      published_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, s] of r.sections.entries()) {
    await tx
      .insertInto('published_review_sections')
      .values({
        review_id: id,
        position,
        la_code: laCode,
        heading: s.heading,
        body: s.text,
        tsv: sql<string>`setweight(to_tsvector('english', ${s.heading}), 'A') || setweight(to_tsvector('english', ${s.text}), 'B')`,
      })
      .execute();
  }
  // The search's per-word lists, in this transaction (migration 0030).
  await sql`select published_review_index(${id}::uuid)`.execute(tx);
  if (r.findings.length > 0)
    await tx
      .insertInto('published_review_findings')
      .values(
        r.findings.map((f, position) => ({
          review_id: id,
          position,
          la_code: laCode,
          text: f.text,
          factors: JSON.stringify(f.factors),
        })),
      )
      .execute();
  await recordAudit(tx, actor, meta, {
    action: 'review.publish',
    outcome: 'success',
    recordType: 'published_review',
    recordId: id,
  });
  return { publicId };
}

/**
 * Withdraws a published review: it leaves the public pages, feed, search (and the search's
 * per-word lists) and API at once; the row stays (with who, when and why) and the audit keeps the event.
 * @throws NotFoundError when no review with that public id is published in the actor's LA
 */
export async function withdrawReview(
  tx: Tx,
  actor: Actor,
  publicId: string,
  reason: string,
  meta: RequestMeta = noRequest,
): Promise<void> {
  if (!mayPublish(actor)) throw new NotFoundError('may not withdraw reviews');
  const why = reason.trim();
  if (why === '' || why.length > 2000 || why.includes('\0'))
    throw new ValidationError([{ field: 'reason', message: 'Enter why the review is withdrawn' }]);
  const row = await tx
    .updateTable('published_reviews')
    .set({ withdrawn_at: new Date(), withdrawn_reason: why, withdrawn_by: actor.userId })
    .where('public_id', '=', publicId.toLowerCase())
    .where('la_code', '=', actor.laCode)
    .where('withdrawn_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError('no such published review');
  await tx
    .updateTable('published_review_sections')
    .set({ listed: false })
    .where('review_id', '=', row.id)
    .execute();
  await tx
    .updateTable('published_review_findings')
    .set({ listed: false })
    .where('review_id', '=', row.id)
    .execute();
  await sql`select published_review_unindex(${row.id}::uuid)`.execute(tx);
  await recordAudit(tx, actor, meta, {
    action: 'review.withdraw',
    outcome: 'success',
    recordType: 'published_review',
    recordId: row.id,
    reason: why,
  });
}
