/**
 * The public feedback form, with no account: a code finds its request (by the code's hash), which
 * is open, used or expired. Answering uses the code once: the request is marked used and the
 * answers saved in one transaction, under the request's LA, audited with no actor. Nothing about
 * the child or the case leaves here: only which form to show, who it is for (child or adult)
 * and the LA's name.
 */
import { summariesChanged } from '../insight/summaries.ts';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { RequestMeta } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { parseInput } from '../http/forms/issues.ts';
import { canonicalCode, codeHash } from './codes.ts';
import type { FeedbackForm, Respondent } from './schema.ts';

export type CodeState =
  | { state: 'unknown' }
  | { state: 'used' | 'expired' }
  | { state: 'open'; form: FeedbackForm; respondent: Respondent; laName: string };

const answer = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.coerce.number().int().min(0, 'Choose one answer').max(4, 'Choose one answer').optional(),
);

export const feedbackAnswerInput = z.object({
  understandWorries: answer,
  listenedTo: answer,
  planHelping: answer,
  makeBetter: z
    .string()
    .trim()
    .max(2000, 'What would make it better must be 2,000 characters or fewer')
    .optional(),
});

async function laOf(db: Kysely<Schema>, hash: string): Promise<string | null> {
  const { rows } = await sql<{ la: string | null }>`select feedback_request_la(${hash}) as la`.execute(db);
  return rows[0]?.la ?? null;
}

/** What a typed code opens: the form to show, or why not. */
export async function codeState(db: Kysely<Schema>, typed: string): Promise<CodeState> {
  const code = canonicalCode(typed);
  if (code === undefined) return { state: 'unknown' };
  const hash = codeHash(code);
  const la = await laOf(db, hash);
  if (la === null) return { state: 'unknown' };
  return inTenant(db, la, async (tx) => {
    const row = await tx
      .selectFrom('feedback_requests as r')
      .innerJoin('local_authorities as l', 'l.la_code', 'r.la_code')
      .select(['r.form', 'r.respondent', 'r.used_at', 'r.expires_at', 'l.name'])
      .where('r.code_hash', '=', hash)
      .executeTakeFirst();
    if (row === undefined) return { state: 'unknown' } as const;
    if (row.used_at !== null) return { state: 'used' } as const;
    if (row.expires_at.getTime() <= Date.now()) return { state: 'expired' } as const;
    return { state: 'open', form: row.form, respondent: row.respondent, laName: row.name } as const;
  });
}

/**
 * Saves the answers and uses the code up, or answers why it cannot (used, expired, unknown).
 * @throws ValidationError for answers out of range or text too long (nothing is saved)
 */
export async function submitFeedback(
  db: Kysely<Schema>,
  meta: RequestMeta,
  typed: string,
  body: unknown,
): Promise<{ state: 'saved' } | Exclude<CodeState, { state: 'open' }>> {
  const input = parseInput(feedbackAnswerInput, body);
  const code = canonicalCode(typed);
  if (code === undefined) return { state: 'unknown' };
  const hash = codeHash(code);
  const la = await laOf(db, hash);
  if (la === null) return { state: 'unknown' };
  return inTenant(db, la, async (tx) => {
    // One use: only an open, unused request is marked, so two submissions race to one answer.
    const used = await tx
      .updateTable('feedback_requests')
      .set({ used_at: new Date() })
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['id', 'child_id', 'team_id', 'respondent', 'form'])
      .executeTakeFirst();
    if (used === undefined) {
      const row = await tx
        .selectFrom('feedback_requests')
        .select('used_at')
        .where('code_hash', '=', hash)
        .executeTakeFirst();
      return { state: row?.used_at != null ? 'used' : 'expired' } as const;
    }
    await tx
      .insertInto('feedback_responses')
      .values({
        la_code: la,
        request_id: used.id,
        child_id: used.child_id,
        team_id: used.team_id,
        respondent: used.respondent,
        form: used.form,
        understand_worries: input.understandWorries ?? null,
        listened_to: input.listenedTo ?? null,
        plan_helping: input.planHelping ?? null,
        make_better: input.makeBetter === undefined || input.makeBetter === '' ? null : input.makeBetter,
      })
      .execute();
    await recordAudit(tx, null, meta, {
      laCode: la,
      action: 'feedback.answer',
      outcome: 'success',
      subjectPersonId: used.child_id,
      recordType: 'feedback_request',
      recordId: used.id,
    });
    await summariesChanged(tx, la, ['feedback', 'help']);
    return { state: 'saved' } as const;
  });
}
