/**
 * The report, drafted in the app as Markdown, one row per version. A first draft is built from the
 * workspace: background (the incident and terms of reference), a chronology summary (the entries
 * not excluded), the key practice episodes, the findings and the recommendations.
 */
import { z } from 'zod';
import type { Tx } from '../db/tenant.ts';
import { ConflictError, ValidationError } from '../http/errors.ts';
import { longDate } from '../http/forms/dates.ts';
import { parseInput } from '../http/forms/issues.ts';
import { optionalText, text } from '../journey/fields.ts';
import { inReview, type ReviewCaller, type ReviewRow } from './access.ts';
import { contentMismatch } from '../journey/documents.ts';
import { analysisOf, progressLabels } from './analysis.ts';
import { docxToMarkdown } from './docx-markdown.ts';

export interface Draft {
  version: number;
  body: string;
  note: string | null;
  createdAt: Date;
  author: string | null;
}

/** The latest version of the review's report, or null before the first. */
export async function latestDraft(tx: Tx, reviewId: string): Promise<Draft | null> {
  const row = await tx
    .selectFrom('review_drafts as d')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .select(['d.version', 'd.body', 'd.note', 'd.created_at', 'u.name'])
    .where('d.review_id', '=', reviewId)
    .orderBy('d.version', 'desc')
    .executeTakeFirst();
  return row === undefined
    ? null
    : { version: row.version, body: row.body, note: row.note, createdAt: row.created_at, author: row.name };
}

/** The report page: the latest version and the list of versions. */
export async function readReport(caller: ReviewCaller, reviewId: string) {
  return inReview(caller, reviewId, 'read', 'review.view', 'report', async (tx, review) => {
    const versions = await tx
      .selectFrom('review_drafts as d')
      .leftJoin('users as u', 'u.id', 'd.created_by')
      .select(['d.version', 'd.note', 'd.created_at', 'u.name'])
      .where('d.review_id', '=', review.id)
      .orderBy('d.version', 'desc')
      .execute();
    return { review, latest: await latestDraft(tx, review.id), versions };
  });
}

/** The first draft's Markdown, built from the workspace. */
export async function draftFromWorkspace(tx: Tx, review: ReviewRow): Promise<string> {
  const a = await analysisOf(tx, review);
  const factor = (c: string) => a.factors.find(([k]) => k === c)?.[1] ?? c;
  const out: string[] = [`# ${review.title}`, '', '## Background', '', review.incident_summary, ''];
  if (review.terms_of_reference !== null)
    out.push('### Terms of reference', '', review.terms_of_reference, '');
  if (review.period_from !== null && review.period_to !== null)
    out.push(`The review looked at ${longDate(review.period_from)} to ${longDate(review.period_to)}.`, '');
  out.push('## Chronology summary', '');
  for (const e of a.entries.filter((x) => !x.isExcluded))
    out.push(
      `- ${longDate(e.occurredOn)}, ${e.agency}: ${e.title}${e.annotation ? ` (${e.annotation})` : ''}`,
    );
  out.push('', '## Key practice episodes', '');
  for (const [i, e] of a.episodes.entries()) {
    out.push(`### Episode ${i + 1}: ${e.title}`, '', '**What happened.** ' + e.whatHappened, '');
    out.push('**What was known.** ' + e.whatWasKnown, '');
    if (e.factors.length > 0) out.push(`**Contributory factors:** ${e.factors.map(factor).join('; ')}.`, '');
  }
  out.push('## Findings', '');
  for (const [i, f] of a.findings.entries()) out.push(`### Finding ${i + 1}: ${f.title}`, '', f.text, '');
  out.push('## Recommendations', '');
  for (const [i, r] of a.recommendations.entries())
    out.push(
      `${i + 1}. ${r.text} Owner: ${r.owner}. Due: ${longDate(r.dueOn)}. ${progressLabels[r.progress]}.`,
    );
  return out.join('\n').trimEnd() + '\n';
}

export const draftInput = z.object({
  body: text('the report', 2_000_000),
  note: optionalText(500),
  baseVersion: z.coerce.number().int().min(0),
});

/**
 * Saves a new version of the report. `baseVersion` is the version the writer started from: if a
 * later one was saved meanwhile, it is a conflict (never a silent overwrite).
 * @returns the new version number
 */
export async function saveDraft(caller: ReviewCaller, reviewId: string, input: unknown): Promise<number> {
  const data = parseInput(draftInput, input);
  return inReview(caller, reviewId, 'work', 'review.update', 'report version saved', async (tx, review) => {
    // Serialise writers of one review's report on its row.
    await tx.selectFrom('learning_reviews').select('id').where('id', '=', review.id).forUpdate().execute();
    const latest = (await latestDraft(tx, review.id))?.version ?? 0;
    if (latest !== data.baseVersion)
      throw new ConflictError(
        `Version ${latest} was saved since you started from version ${data.baseVersion}`,
      );
    await tx
      .insertInto('review_drafts')
      .values({
        review_id: review.id,
        version: latest + 1,
        la_code: review.la_code,
        body: data.body,
        note: data.note ?? null,
        created_by: caller.actor.userId,
      })
      .execute();
    return latest + 1;
  });
}

/** Saves a first (or next) version built from the workspace. */
export async function saveDraftFromWorkspace(caller: ReviewCaller, reviewId: string): Promise<number> {
  return inReview(
    caller,
    reviewId,
    'work',
    'review.update',
    'report built from the workspace',
    async (tx, review) => {
      await tx.selectFrom('learning_reviews').select('id').where('id', '=', review.id).forUpdate().execute();
      const latest = (await latestDraft(tx, review.id))?.version ?? 0;
      await tx
        .insertInto('review_drafts')
        .values({
          review_id: review.id,
          version: latest + 1,
          la_code: review.la_code,
          body: await draftFromWorkspace(tx, review),
          note: 'Built from the workspace',
          created_by: caller.actor.userId,
        })
        .execute();
      return latest + 1;
    },
  );
}

/**
 * Saves a new version of the report from an uploaded Word document (.docx): the content must be
 * one by its signature, not only by its name; its headings, paragraphs and lists become the
 * version's Markdown, which then goes through the redaction like any version. A stale
 * `baseVersion` is a conflict, as for a version written in the app.
 * @returns the new version number
 * @throws ValidationError on `file` (none, not .docx, content not a Word document, no text)
 */
export async function uploadDraft(
  caller: ReviewCaller,
  reviewId: string,
  input: { filename?: string; data?: Buffer; baseVersion?: unknown; note?: unknown },
): Promise<number> {
  const filename = (input.filename ?? '').trim();
  if (input.data === undefined || input.data.length === 0 || filename === '')
    throw new ValidationError([{ field: 'file', message: 'Select a Word document (.docx)' }]);
  if (!/\.docx$/i.test(filename))
    throw new ValidationError([{ field: 'file', message: 'The file must be a Word document (.docx)' }]);
  const mismatch = await contentMismatch(filename, input.data);
  if (mismatch !== null) throw new ValidationError([{ field: 'file', message: mismatch }]);
  const body = await docxToMarkdown(input.data);
  const note = typeof input.note === 'string' && input.note.trim() !== '' ? `: ${input.note.trim()}` : '';
  return saveDraft(caller, reviewId, {
    body,
    note: `Uploaded from ${filename.slice(0, 200)}${note}`.slice(0, 500),
    baseVersion: input.baseVersion,
  });
}
