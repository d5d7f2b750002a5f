/**
 * The reviewers' redaction decisions, each saved, attributed (who, when, on which version) and
 * audited: accept or reject one span or every mention of a person or place, add a span the engine
 * missed by naming its text (every whole-word occurrence, now and in later versions), merge two
 * entities, re-label one, or accept every remaining proposal. Also the cast additions, the date and
 * age policies, and resolving residual risks.
 */
import { SPAN_TYPES } from '@waypoint/redaction';
import { z } from 'zod';
import { ValidationError } from '../http/errors.ts';
import { parseInput } from '../http/forms/issues.ts';
import { choice, optionalText, text } from '../journey/fields.ts';
import { inReview, type ReviewCaller } from './access.ts';
import { ADDED_ROLES, PLACE_ROLES } from './cast.ts';
import { latestDraft } from './drafts.ts';
import { anchorAt } from '../redaction-review/span-anchors.ts';
import { redactionOf, type RedactionState } from './redaction.ts';

/** The review screen's data. @throws NotFoundError */
export async function readRedaction(
  caller: ReviewCaller,
  reviewId: string,
): Promise<RedactionState | { review: import('./access.ts').ReviewRow; empty: true }> {
  return inReview(caller, reviewId, 'read', 'review.view', 'redaction', async (tx, review) => {
    const state = await redactionOf(tx, caller, review);
    return state ?? { review, empty: true as const };
  });
}

const key = z.string().min(1).max(1_000);
export const decisionInput = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['accept', 'reject']), key }),
  z.object({
    action: z.enum(['accept-span', 'reject-span']),
    start: z.coerce.number().int().min(0),
    end: z.coerce.number().int().min(1),
    version: z.coerce.number().int().min(1),
  }),
  z.object({ action: z.literal('accept-all') }),
  z.object({
    action: z.literal('add'),
    text: text('the words to redact', 300),
    type: z.enum(SPAN_TYPES, { error: 'Select what it is' }),
    replacement: optionalText(100),
  }),
  z.object({ action: z.literal('merge'), key, into: key }),
  z.object({ action: z.literal('relabel'), key, replacement: text('the new pseudonym', 100) }),
]);

/** Saves one decision on the latest version. @throws ValidationError when it does not fit the text */
export async function recordDecision(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const d = parseInput(decisionInput, input);
  await inReview(caller, reviewId, 'work', 'review.update', `redaction: ${d.action}`, async (tx, review) => {
    const draft = await latestDraft(tx, review.id);
    if (draft === null) throw new ValidationError([{ field: 'text', message: 'Write the report first' }]);
    const base = {
      la_code: review.la_code,
      review_id: review.id,
      draft_version: draft.version,
      decided_by: caller.actor.userId,
    };
    switch (d.action) {
      case 'accept':
      case 'reject':
        await tx
          .insertInto('review_redaction_decisions')
          .values({ ...base, action: d.action, entity_label: d.key })
          .execute();
        return;
      case 'accept-all':
        await tx
          .insertInto('review_redaction_decisions')
          .values({ ...base, action: 'accept', entity_label: '*' })
          .execute();
        return;
      case 'accept-span':
      case 'reject-span': {
        if (d.version !== draft.version || d.end > draft.body.length || d.end <= d.start)
          throw new ValidationError([
            {
              field: 'text',
              message: 'The report changed since you opened this page: decide on the span again',
            },
          ]);
        await tx
          .insertInto('review_redaction_decisions')
          .values({
            ...base,
            action: d.action === 'accept-span' ? 'accept' : 'reject',
            ...anchorAt(draft.body, d.start, d.end),
          })
          .execute();
        return;
      }
      case 'add':
        if (!draft.body.includes(d.text))
          throw new ValidationError([
            { field: 'text', message: 'The report does not contain these words: copy them exactly' },
          ]);
        await tx
          .insertInto('review_redaction_decisions')
          .values({
            ...base,
            action: 'add',
            span_text: d.text,
            span_type: d.type,
            replacement: d.replacement ?? null,
          })
          .execute();
        return;
      case 'merge':
        await tx
          .insertInto('review_redaction_decisions')
          .values({ ...base, action: 'merge', entity_label: d.key, into_label: d.into })
          .execute();
        return;
      case 'relabel':
        await tx
          .insertInto('review_redaction_decisions')
          .values({ ...base, action: 'relabel', entity_label: d.key, replacement: d.replacement })
          .execute();
        return;
    }
  });
}

export const castAdditionInput = z
  .object({
    kind: choice(['person', 'place'], 'Select a person or a place'),
    role: z.string().max(40).optional(),
    name: text('the name', 200),
    aliases: optionalText(1_000),
  })
  .superRefine((v, ctx) => {
    const roles = v.kind === 'person' ? ADDED_ROLES : PLACE_ROLES;
    if (!roles.some(([r]) => r === v.role))
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'Select who or what it is' });
  });

/** Adds a person or place the record does not know to the review's cast. */
export async function addCastMember(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const d = parseInput(castAdditionInput, input);
  await inReview(
    caller,
    reviewId,
    'work',
    'review.update',
    `cast addition: ${d.kind}`,
    async (tx, review) => {
      await tx
        .insertInto('review_cast_additions')
        .values({
          la_code: review.la_code,
          review_id: review.id,
          kind: d.kind,
          role: d.role!,
          name: d.name,
          aliases: (d.aliases ?? '')
            .split(/[,\n]/)
            .map((a) => a.trim())
            .filter((a) => a !== ''),
          created_by: caller.actor.userId,
        })
        .execute();
    },
  );
}

export const policyInput = z.object({
  datePolicy: choice(['keep', 'month-year', 'year', 'relative'], 'Select how dates are shown'),
  agePolicy: choice(['keep', 'band', 'redact'], 'Select how ages are shown'),
});

/** Sets the review's date and age policies (for every document of the review). */
export async function setPolicies(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const d = parseInput(policyInput, input);
  await inReview(
    caller,
    reviewId,
    'work',
    'review.update',
    `policies: dates ${d.datePolicy}, ages ${d.agePolicy}`,
    async (tx, review) => {
      await tx
        .updateTable('learning_reviews')
        .set({ date_policy: d.datePolicy, age_policy: d.agePolicy, version: review.version + 1 })
        .where('id', '=', review.id)
        .execute();
    },
  );
}

export const riskInput = z.object({
  key: key,
  resolution: choice(['resolved', 'accepted'], 'Select whether it is resolved or accepted'),
  reason: text('the reason', 2_000),
});

/** Resolves (changed in the draft) or accepts, with a reason, one residual risk. */
export async function resolveRisk(caller: ReviewCaller, reviewId: string, input: unknown): Promise<void> {
  const d = parseInput(riskInput, input);
  await inReview(
    caller,
    reviewId,
    'work',
    'review.update',
    `risk ${d.resolution}: ${d.key}`,
    async (tx, review) => {
      await tx
        .insertInto('review_risk_resolutions')
        .values({
          review_id: review.id,
          item_key: d.key,
          la_code: review.la_code,
          resolution: d.resolution,
          reason: d.reason,
          decided_by: caller.actor.userId,
        })
        .onConflict((oc) =>
          oc
            .columns(['review_id', 'item_key'])
            .doUpdateSet({ resolution: d.resolution, reason: d.reason, decided_by: caller.actor.userId }),
        )
        .execute();
    },
  );
}
